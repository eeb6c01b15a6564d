import type { Logger } from 'pino';
import type { Db } from '../../platform/db/database.ts';
import type { JobRunner } from '../../platform/jobs/job-runner.ts';
import { remindOverdueReviews } from './review-reminders.service.ts';

const reminderSweepSeconds = 600;

/** The overdue-review sweep, on every instance (safe: posting a reminder is idempotent). */
export function registerContentJobs(jobs: JobRunner, db: Db, logger: Logger) {
  jobs.every('review-overdue-reminders', reminderSweepSeconds, async () => {
    const { posted } = await remindOverdueReviews(db);
    if (posted) logger.info({ posted }, 'overdue review reminders posted');
  });
}
