import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import { EmbeddedPostgres } from './embedded-postgres.ts';
import * as schema from './schema.ts';

export type Db = NodePgDatabase<typeof schema>;
/** A handle that is either the pool-backed database or an open transaction. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

export type DatabaseMode = 'embedded' | 'external';

export type Database = {
  db: Db;
  pool: pg.Pool;
  mode: DatabaseMode;
  serverVersion: string;
  close(): Promise<void>;
};

export const migrationsFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../migrations');

export async function connectPool(connectionString: string, max = 10): Promise<{ pool: pg.Pool; serverVersion: string }> {
  const pool = new pg.Pool({ connectionString, max, idleTimeoutMillis: 30_000, application_name: 'rongmei' });
  pool.on('error', () => undefined);
  const { rows } = await pool.query<{ server_version: string }>('show server_version');
  return { pool, serverVersion: rows[0].server_version.split(' ')[0] };
}

export function connectionStringOf(info: { host: string; port: number; user: string; password: string }, database: string) {
  return `postgres://${encodeURIComponent(info.user)}:${encodeURIComponent(info.password)}@${info.host}:${info.port}/${encodeURIComponent(database)}`;
}

/**
 * The embedded server when DATABASE_URL is absent; otherwise the given server, untouched.
 * `attach` (the CLI) connects to the embedded server of a running Rongmei instead of starting one.
 */
export async function openDatabase(config: Config, logger: Logger, options: { attach?: boolean } = {}): Promise<Database> {
  let embedded: EmbeddedPostgres | undefined;
  let url = config.databaseUrl;
  if (!url) {
    const server = new EmbeddedPostgres(config.dataDir, logger);
    const running = options.attach ? await server.attachToRunning() : undefined;
    if (!running) embedded = server;
    const info = running ?? (await server.start());
    url = connectionStringOf(info, 'postgres');
    await ensureDatabaseExists(url, 'rongmei');
    url = connectionStringOf(info, 'rongmei');
  }
  try {
    const { pool, serverVersion } = await connectPool(url);
    return {
      db: drizzle(pool, { schema }),
      pool,
      mode: config.databaseUrl ? 'external' : 'embedded',
      serverVersion,
      async close() {
        await pool.end();
        await embedded?.stop();
      },
    };
  } catch (err) {
    await embedded?.stop();
    throw err;
  }
}

async function ensureDatabaseExists(adminUrl: string, name: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (!rowCount) await client.query(`create database ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}

/** Applies the committed migrations on one connection holding an advisory lock, so instances starting together do not race. */
export async function runMigrations(pool: pg.Pool) {
  const client = await pool.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await migrate(drizzle(client, { schema }), { migrationsFolder });
  } finally {
    await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    client.release();
  }
}

const MIGRATION_LOCK_KEY = 7_263_440_101;
