import { createHash } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import type pg from 'pg';
import PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import type { DbOrTx } from '../db/database.ts';

/** pg-boss keeps its tables in their own schema, beside the modules' tables in the same database. */
const jobSchema = 'pgboss';

export type JobHandler<T> = (data: T, job: { id: string; retryCount: number }) => Promise<void>;

/** A queue whose jobs pg-boss sends on a cron schedule, in a time zone. */
export type ScheduleOptions = {
  /** An IANA time zone the cron expression is read in, e.g. Asia/Shanghai. */
  tz: string;
  /** Attempts after a failed run, `retryDelaySeconds` apart: a scheduled job has nobody to resend it. */
  retryLimit?: number;
  retryDelaySeconds?: number;
};

export type EnqueueOptions = {
  /** Not before this time (scheduled publishing, retry backoff, polling). */
  startAfter?: Date;
  /** Makes enqueueing idempotent where no row lock does: the same key twice is one job. */
  key?: string;
};

/** pg-boss's executeSql, run on a drizzle handle: a job sent inside a transaction commits or rolls back with it. */
function pgBossConnectionOf(handle: DbOrTx) {
  return {
    async executeSql(text: string, values: unknown[]) {
      const chunks: SQL[] = [];
      let last = 0;
      for (const match of text.matchAll(/\$(\d+)/g)) {
        chunks.push(sql.raw(text.slice(last, match.index)), sql`${sql.param(values[Number(match[1]) - 1] ?? null)}`);
        last = match.index + match[0].length;
      }
      chunks.push(sql.raw(text.slice(last)));
      const result = await handle.execute(sql.join(chunks));
      return { rows: result.rows };
    },
  };
}

/** A job id derived from its key: pg-boss ignores a second insert of the same id. */
function jobIdOf(queue: string, key: string) {
  const hex = createHash('sha256').update(`${queue}\u0000${key}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * The job queue (pg-boss on the application's own PostgreSQL): jobs survive restarts, run once across
 * every instance, and are written in the same transaction as the change that causes them (the outbox).
 */
export class JobRunner {
  private readonly boss: PgBoss;
  private readonly queues = new Map<string, JobHandler<never>>();
  private readonly schedules = new Map<string, { cron: string } & ScheduleOptions>();
  private started = false;
  private readonly timers: NodeJS.Timeout[] = [];

  constructor(pool: pg.Pool, private readonly logger: Logger, private readonly options: { workers: boolean; pollingIntervalSeconds?: number }) {
    this.boss = new PgBoss({
      db: { executeSql: (text, values) => pool.query(text, values) },
      schema: jobSchema,
      // The timekeeper sends scheduled jobs (see `schedule`); it runs where workers run, and only one instance sends each.
      schedule: options.workers,
      supervise: options.workers,
      migrate: true,
    });
    this.boss.on('error', (err) => logger.warn({ err }, 'job queue error'));
  }

  /** Registers a queue and its handler; call before start. */
  define<T extends object>(queue: string, handler: JobHandler<T>) {
    this.queues.set(queue, handler as JobHandler<never>);
  }

  /**
   * Registers a queue whose job pg-boss sends on a cron schedule (`0 9 1 * *` with tz Asia/Shanghai: 09:00 China time
   * on the 1st of each month), once across every instance. The handler must be idempotent: a retried run, or one
   * started late, must not repeat what a previous run did. Call before start.
   */
  schedule(queue: string, cron: string, options: ScheduleOptions, handler: JobHandler<Record<string, never>>) {
    this.define(queue, handler);
    this.schedules.set(queue, { cron, ...options });
  }

  async start() {
    await this.boss.start();
    this.started = true;
    for (const [queue, handler] of this.queues) {
      const scheduled = this.schedules.get(queue);
      await this.boss.createQueue(queue, {
        name: queue,
        retryLimit: scheduled?.retryLimit ?? 0,
        // pg-boss rejects a present-but-undefined option.
        ...(scheduled?.retryDelaySeconds === undefined ? {} : { retryDelay: scheduled.retryDelaySeconds }),
        expireInSeconds: 300,
      });
      // Every instance writes the same schedule (an upsert): a changed cron or time zone takes effect on deployment.
      if (scheduled) await this.boss.schedule(queue, scheduled.cron, {}, { tz: scheduled.tz });
      if (!this.options.workers) continue;
      await this.boss.work<object>(queue, { pollingIntervalSeconds: this.options.pollingIntervalSeconds ?? 1, batchSize: 1 }, async ([job]) => {
        try {
          await (handler as JobHandler<object>)(job.data, { id: job.id, retryCount: 0 });
        } catch (err) {
          this.logger.error({ err, queue, jobId: job.id }, 'job failed');
          throw err;
        }
      });
    }
  }

  /** Enqueues a job on the given handle: inside a transaction, it exists only if the transaction commits. */
  async enqueue(handle: DbOrTx, queue: string, data: object, options: EnqueueOptions) {
    if (!this.queues.has(queue)) throw new Error(`unknown job queue ${queue}`);
    return this.boss.send(queue, data, {
      id: options.key === undefined ? undefined : jobIdOf(queue, options.key),
      startAfter: options.startAfter,
      db: pgBossConnectionOf(handle),
    });
  }

  /**
   * A sweep every instance runs on its own timer (recovering interrupted work); it must be safe to run
   * concurrently, e.g. by claiming rows with FOR UPDATE SKIP LOCKED.
   */
  every(name: string, seconds: number, task: () => Promise<void>) {
    if (!this.options.workers) return;
    const timer = setInterval(() => task().catch((err) => this.logger.warn({ err, task: name }, 'periodic task failed')), seconds * 1000);
    timer.unref();
    this.timers.push(timer);
  }

  async stop() {
    for (const timer of this.timers.splice(0)) clearInterval(timer);
    if (!this.started) return;
    this.started = false;
    await this.boss.stop({ graceful: true, wait: true, timeout: 10_000 });
  }
}

/** Creates pg-boss's schema (used for the test template, so each test database starts with it). */
export async function installJobSchema(pool: pg.Pool, logger: Logger) {
  const runner = new JobRunner(pool, logger, { workers: false });
  await runner.start();
  await runner.stop();
}
