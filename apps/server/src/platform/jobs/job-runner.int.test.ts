import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { drizzle } from 'drizzle-orm/node-postgres';
import * as schema from '../db/schema.ts';
import { JobRunner } from './job-runner.ts';
import { until, useJobTestDatabase } from './job-test-database.ts';

const quiet = pino({ level: 'silent' });
const testDatabase = useJobTestDatabase();

describe('job runner (the outbox on pg-boss)', () => {
  it('runs a job sent in a committed transaction, and never one whose transaction rolled back', async () => {
    const seen: string[] = [];
    const runner = new JobRunner(testDatabase.pool(), quiet, { workers: true, pollingIntervalSeconds: 0.5 });
    runner.define<{ label: string }>('outbox-test', async ({ label }) => {
      seen.push(label);
    });
    await runner.start();
    const db = drizzle(testDatabase.pool(), { schema });
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
      const runner = new JobRunner(testDatabase.pool(), quiet, { workers: true, pollingIntervalSeconds: 0.5 });
      runner.define<{ label: string }>('fanout-test', async ({ label }) => {
        runs.push({ label, at: Date.now(), instance });
        await new Promise((r) => setTimeout(r, 20));
      });
      return runner;
    });
    for (const runner of instances) await runner.start();
    const db = drizzle(testDatabase.pool(), { schema });
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
