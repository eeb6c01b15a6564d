import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import pino from 'pino';
import type { TestProject } from 'vitest/node';
import { connectPool, connectionStringOf, runMigrations } from '../platform/db/database.ts';
import { EmbeddedPostgres } from '../platform/db/embedded-postgres.ts';
import { installJobSchema } from '../platform/jobs/job-runner.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgServerUrl: string;
    templateDatabase: string;
  }
}

/**
 * One PostgreSQL server for the run: the system one when DATABASE_URL is set, else an embedded one in a temp dir.
 * Migrations run once into a template database; every test file clones it (CREATE DATABASE … TEMPLATE), which takes milliseconds.
 */
export default async function setup(project: TestProject) {
  let embedded: EmbeddedPostgres | undefined;
  let dataDir: string | undefined;
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'rongmei-test-pg-'));
    embedded = new EmbeddedPostgres(dataDir, pino({ level: 'warn' }));
    serverUrl = connectionStringOf(await embedded.start(), 'postgres');
  }
  const runSuffix = randomBytes(4).toString('hex');
  const template = `rongmei_tpl_${runSuffix}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${template}`);
  const url = new URL(serverUrl);
  url.pathname = `/${template}`;
  const { pool } = await connectPool(url.toString(), 2);
  await runMigrations(pool);
  await installJobSchema(pool, pino({ level: 'warn' }));
  await pool.end();
  project.provide('pgServerUrl', serverUrl);
  project.provide('templateDatabase', template);

  return async () => {
    // The template and any database a crashed test file left behind share this run's suffix.
    const { rows } = await admin.query<{ datname: string }>('select datname from pg_database where datname like $1', [`rongmei_t%${runSuffix}`]);
    for (const { datname } of rows) await admin.query(`drop database if exists ${admin.escapeIdentifier(datname)} with (force)`);
    await admin.end();
    await embedded?.stop();
    if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
  };
}
