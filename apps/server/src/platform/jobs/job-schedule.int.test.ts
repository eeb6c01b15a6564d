import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cloneTestDatabase } from '../../test/test-server.ts';
import { JobRunner } from './job-runner.ts';

// Its own file: pg-boss's timekeeper checks the schedules at most every 30 s per database, counted from the last
// check, so runners started earlier on the same database would delay this one.
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

async function until(condition: () => boolean, timeoutMs = 20_000) {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('scheduled jobs (cron on pg-boss)', () => {
  it('stores the schedule with its time zone and retries, and runs a due job once across instances', async () => {
    const runs: number[] = [];
    const options = { tz: 'Asia/Shanghai', retryLimit: 2, retryDelaySeconds: 60 };
    // Every minute: the minute just begun is always due when the timekeeper first looks.
    const instances = [1, 2].map((instance) => {
      const runner = new JobRunner(pool, quiet, { workers: true, pollingIntervalSeconds: 0.5 });
      runner.schedule('every-minute-test', '* * * * *', options, async () => {
        runs.push(instance);
      });
      return runner;
    });
    // A runner without workers (an API-only instance) registers the schedule but never runs it.
    const apiOnly = new JobRunner(pool, quiet, { workers: false });
    apiOnly.schedule('every-minute-test', '* * * * *', options, async () => {
      runs.push(0);
    });
    await apiOnly.start();
    for (const runner of instances) await runner.start();

    const { rows } = await pool.query('select name, cron, timezone from pgboss.schedule');
    expect(rows).toEqual([{ name: 'every-minute-test', cron: '* * * * *', timezone: 'Asia/Shanghai' }]);
    const [queue] = (await pool.query("select retry_limit, retry_delay from pgboss.queue where name = 'every-minute-test'")).rows;
    expect(queue).toEqual({ retry_limit: 2, retry_delay: 60 });

    await until(() => runs.length >= 1);
    await new Promise((r) => setTimeout(r, 3000));
    for (const runner of [...instances, apiOnly]) await runner.stop();
    expect(runs).toHaveLength(1);
    expect(runs[0]).not.toBe(0);
  }, 60_000);
});
