import net from 'node:net';
import type { Logger } from 'pino';
import { bootstrapOrganisation } from '../modules/org/bootstrap.service.ts';
import { resolveSessionSecret } from '../modules/org/auth.service.ts';
import type { Config } from './config.ts';
import { openDatabase, runMigrations, type Database } from './db/database.ts';
import { buildApp, type App } from './http/app.ts';
import { acquireInstanceLock } from './instance-lock.ts';
import { JobRunner } from './jobs/job-runner.ts';

export type RunningServer = { app: App; database: Database; url: string; close(): Promise<void> };

const defaultPort = 3000;

async function portIsFree(port: number, host: string) {
  return new Promise<boolean>((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, host, () => probe.close(() => resolve(true)));
  });
}

/** Database, migrations, first-start bootstrap, HTTP: everything `npm start` brings up, in order. */
export async function startServer(config: Config, logger: Logger, options: { consoleDir?: string } = {}): Promise<RunningServer> {
  const releaseLock = config.databaseUrl ? () => undefined : acquireInstanceLock(config.dataDir);
  const database = await openDatabase(config, logger).catch((err) => {
    releaseLock();
    throw err;
  });
  let app: App | undefined;
  try {
    await runMigrations(database.pool);
    const bootstrap = await bootstrapOrganisation(database.db, config.adminPassword);
    if (bootstrap.created) {
      logger.info({ username: bootstrap.username }, 'created the first administrator');
      if (bootstrap.generatedPassword) {
        // Printed once, to the terminal only; it never goes through the structured log.
        process.stdout.write(
          `\n  首个管理员 / first administrator: ${bootstrap.username}\n  初始密码 / password: ${bootstrap.generatedPassword}\n  (shown once — change it after signing in)\n\n`,
        );
      }
    }
    const sessionSecret = await resolveSessionSecret(database.db, config.sessionSecret);
    const jobs = new JobRunner(database.pool, logger, { workers: config.jobWorkers });
    app = await buildApp({ config, database, logger, sessionSecret, jobs, consoleDir: options.consoleDir });
    app.addHook('onClose', async () => jobs.stop());
    await jobs.start();
    const port = config.port ?? ((await portIsFree(defaultPort, config.host)) ? defaultPort : 0);
    await app.listen({ port, host: config.host });
    const address = app.server.address() as net.AddressInfo;
    const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${address.port}/`;
    await app.deps.auth.purgeExpired();
    const housekeeping = setInterval(() => app!.deps.auth.purgeExpired().catch((err) => logger.warn({ err }, 'housekeeping failed')), 3_600_000);
    housekeeping.unref();
    const running = app;
    return {
      app: running,
      database,
      url,
      async close() {
        clearInterval(housekeeping);
        await running.close();
        await database.close();
        releaseLock();
      },
    };
  } catch (err) {
    await app?.close().catch(() => undefined);
    await database.close().catch(() => undefined);
    releaseLock();
    throw err;
  }
}
