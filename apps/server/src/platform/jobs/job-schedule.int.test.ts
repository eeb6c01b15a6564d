import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { JobRunner } from './job-runner.ts';
import { until, useJobTestDatabase } from './job-test-database.ts';

// Its own file: pg-boss's timekeeper checks the schedules at most every 30 s per database, counted from the last
// check, so runners started earlier on the same database would delay this one.
const quiet = pino({ level: 'silent' });
const testDatabase = useJobTestDatabase();

describe('scheduled jobs (cron on pg-boss)', () => {
  it('stores the schedule with its time zone and retries, and runs a due job once across instances', async () => {
    const runs: number[] = [];
    const options = { tz: 'Asia/Shanghai', retryLimit: 2, retryDelaySeconds: 60 };
    // Every minute: the minute just begun is always due when the timekeeper first looks.
    const instances = [1, 2].map((instance) => {
      const runner = new JobRunner(testDatabase.pool(), quiet, { workers: true, pollingIntervalSeconds: 0.5 });
      runner.schedule('every-minute-test', '* * * * *', options, async () => {
        runs.push(instance);
      });
      return runner;
    });
    // A runner without workers (an API-only instance) registers the schedule but never runs it.
    const apiOnly = new JobRunner(testDatabase.pool(), quiet, { workers: false });
    apiOnly.schedule('every-minute-test', '* * * * *', options, async () => {
      runs.push(0);
    });
    await apiOnly.start();
    for (const runner of instances) await runner.start();

    const { rows } = await testDatabase.pool().query('select name, cron, timezone from pgboss.schedule');
    expect(rows).toEqual([{ name: 'every-minute-test', cron: '* * * * *', timezone: 'Asia/Shanghai' }]);
    const [queue] = (await testDatabase.pool().query("select retry_limit, retry_delay from pgboss.queue where name = 'every-minute-test'")).rows;
    expect(queue).toEqual({ retry_limit: 2, retry_delay: 60 });

    await until(() => runs.length >= 1, 20_000);
    await new Promise((r) => setTimeout(r, 3000));
    for (const runner of [...instances, apiOnly]) await runner.stop();
    expect(runs).toHaveLength(1);
    expect(runs[0]).not.toBe(0);
  }, 60_000);
});
