import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drizzle } from 'drizzle-orm/node-postgres';
import * as schema from '../db/schema.ts';
import { cloneTestDatabase } from '../../test/test-server.ts';
import { JobRunner } from './job-runner.ts';

const quiet = pino({ level: 'silent' });
let database: Awaited<ReturnType<typeof cloneTestDatabase>>;
let pool: pg.Pool;

beforeAll(async () => {
  database = await cloneTestDatabase();
  pool = new pg.Pool({ connectionString: database.url, max: 6 });
});
afterAll(async () => {
  await pool.end();
  await database.drop();
});

async function until(condition: () => boolean, timeoutMs = 15_000) {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('job runner (the outbox on pg-boss)', () => {
  it('runs a job sent in a committed transaction, and never one whose transaction rolled back', async () => {
    const seen: string[] = [];
    const runner = new JobRunner(pool, quiet, { workers: true, pollingIntervalSeconds: 0.5 });
    runner.define<{ label: string }>('outbox-test', async ({ label }) => {
      seen.push(label);
    });
    await runner.start();
    const db = drizzle(pool, { schema });
    await db.transaction(async (tx) => {
      await runner.enqueue(tx, 'outbox-test', { label: 'rolled back' }, {});
      tx.rollback();
    }).catch(() => undefined);
    await db.transaction(async (tx) => {
      await runner.enqueue(tx, 'outbox-test', { label: 'committed' }, {});
    });
    await until(() => seen.includes('committed'));
    await new Promise((r) => setTimeout(r, 1500));
    await runner.stop();
    expect(seen).toEqual(['committed']);
  });

  it('runs each job once across several instances, not before its time, and a repeated key is one job', async () => {
    const runs: { label: string; at: number; instance: number }[] = [];
    const instances = [1, 2, 3].map((instance) => {
      const runner = new JobRunner(pool, quiet, { workers: true, pollingIntervalSeconds: 0.5 });
      runner.define<{ label: string }>('fanout-test', async ({ label }) => {
        runs.push({ label, at: Date.now(), instance });
        await new Promise((r) => setTimeout(r, 20));
      });
      return runner;
    });
    for (const runner of instances) await runner.start();
    const db = drizzle(pool, { schema });
    const startAfter = new Date(Date.now() + 2000);
    const sent = Date.now();
    for (let i = 0; i < 30; i++) await instances[i % 3].enqueue(db, 'fanout-test', { label: `job-${i}` }, { startAfter: i === 0 ? startAfter : undefined });
    expect(await instances[0].enqueue(db, 'fanout-test', { label: 'keyed' }, { key: 'same' })).not.toBeNull();
    expect(await instances[1].enqueue(db, 'fanout-test', { label: 'keyed again' }, { key: 'same' })).toBeNull();
    await until(() => runs.length >= 31);
    await new Promise((r) => setTimeout(r, 1500));
    for (const runner of instances) await runner.stop();
    const labels = runs.map((r) => r.label);
    expect(new Set(labels).size).toBe(labels.length);
    expect(labels).toHaveLength(31);
    expect(labels).not.toContain('keyed again');
    expect(runs.find((r) => r.label === 'job-0')!.at - sent).toBeGreaterThanOrEqual(1900);
    expect(new Set(runs.map((r) => r.instance)).size).toBeGreaterThan(1);
  });
});
