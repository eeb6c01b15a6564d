import { ConfigError, loadConfig } from './platform/config.ts';
import { ensureConsoleBuilt } from './platform/console-build.ts';
import { EmbeddedPostgresError } from './platform/db/embedded-postgres.ts';
import { createLogger } from './platform/logging.ts';
import { InstanceLockError } from './platform/instance-lock.ts';
import { startServer } from './platform/server.ts';

const shutdownTimeoutMs = 20_000;

async function main() {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  if (config.consoleBuild === 'auto') await ensureConsoleBuilt(logger).catch((err) => logger.error({ err }, 'the web console could not be built; serving the API only'));
  const server = await startServer(config, logger);
  logger.info({ url: server.url, database: server.database.mode, postgres: server.database.serverVersion }, 'Rongmei is running');
  process.stdout.write(`\n  融媒 Rongmei is running at ${server.url}\n\n`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing in-flight requests');
    const force = setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, shutdownTimeoutMs);
    force.unref();
    await server.close();
    logger.info('stopped');
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

main().catch((err) => {
  if (err instanceof ConfigError || err instanceof EmbeddedPostgresError || err instanceof InstanceLockError) {
    process.stderr.write(`\n  ${err.message}\n\n`);
  } else {
    process.stderr.write(`\n  Rongmei failed to start: ${err instanceof Error ? err.stack : String(err)}\n\n`);
  }
  process.exit(1);
});
