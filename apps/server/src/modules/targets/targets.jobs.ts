import type { Logger } from 'pino';
import type { Db } from '../../platform/db/database.ts';
import type { JobRunner } from '../../platform/jobs/job-runner.ts';
import { remindLaggingDepartments, targetReminderCron, targetReminderQueue } from './target-reminders.ts';

/** The monthly reminder: pg-boss sends the job once across instances; a failed run is retried (it is idempotent). */
export function registerTargetJobs(jobs: JobRunner, db: Db, logger: Logger) {
  jobs.schedule(targetReminderQueue, targetReminderCron, { tz: 'Asia/Shanghai', retryLimit: 3, retryDelaySeconds: 600 }, async () => {
    const result = await remindLaggingDepartments(db);
    logger.info(result, 'target reminders posted');
  });
}
