import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import pg from 'pg';
import pino from 'pino';
import { inject } from 'vitest';
import { loadConfig } from '../platform/config.ts';
import { loggerOptions } from '../platform/logging.ts';
import { startServer, type RunningServer } from '../platform/server.ts';
import { ApiClient } from './api-client.ts';

export const adminPassword = 'Admin#Test-2026';

export type TestServer = {
  url: string;
  server: RunningServer;
  /** Everything the server logged, for asserting that secrets never reach the log. */
  logs: string[];
  /** A direct connection to this file's database, for setting up states the API cannot reach (expired sessions…). */
  sql: pg.Pool;
  admin: () => Promise<ApiClient>;
  client: () => ApiClient;
  close(): Promise<void>;
};

/** A fresh database cloned from the migrated template (migrations and the job queue's schema included). */
export async function cloneTestDatabase() {
  const serverUrl = inject('pgServerUrl');
  const database = `rongmei_t_${randomBytes(4).toString('hex')}_${inject('templateDatabase').slice(-8)}`;
  const maintenance = new pg.Client({ connectionString: serverUrl });
  await maintenance.connect();
  await maintenance.query(`create database ${database} template ${inject('templateDatabase')}`);
  await maintenance.end();
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return {
    url: url.toString(),
    async drop() {
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${database} with (force)`);
      await cleanup.end();
    },
  };
}

/** A real server over real HTTP on a fresh database cloned from the migrated template. */
export async function startTestServer(env: Record<string, string> = {}): Promise<TestServer> {
  const database = await cloneTestDatabase();
  const url = new URL(database.url);

  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'rongmei-test-data-'));
  const config = loadConfig({ DATABASE_URL: url.toString(), DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'info', RONGMEI_ADMIN_PASSWORD: adminPassword, ...env });
  const logs: string[] = [];
  const sink = new Writable({ write(chunk, _enc, done) { logs.push(chunk.toString()); done(); } });
  const logger = pino(loggerOptions('info'), sink);
  const server = await startServer(config, logger, { consoleDir: path.join(dataDir, 'no-console') });
  const sqlPool = new pg.Pool({ connectionString: url.toString(), max: 2 });
  const base = server.url.replace(/\/$/, '');
  return {
    url: base,
    server,
    logs,
    sql: sqlPool,
    client: () => new ApiClient(base),
    admin: async () => {
      const client = new ApiClient(base);
      await client.login('admin', adminPassword);
      return client;
    },
    async close() {
      await sqlPool.end();
      await server.close();
      await database.drop();
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}
