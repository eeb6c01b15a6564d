import type { Logger } from 'pino';
import type { Db } from '../../platform/db/database.ts';
import type { JobRunner } from '../../platform/jobs/job-runner.ts';
import { recoverInterruptedPublications, runPublicationJob } from './publication-delivery.service.ts';
import { publicationQueue, type PublicationJob, type PublishingDeps } from './publication.service.ts';

/** Publication work on the job queue, and the sweep that recovers attempts a crash interrupted. */
export function registerPublicationJobs(jobs: JobRunner, db: Db, deps: PublishingDeps, logger: Logger) {
  jobs.define<PublicationJob>(publicationQueue, (job) => runPublicationJob(db, deps, logger, job));
  jobs.every('publication-recovery', 60, async () => {
    await recoverInterruptedPublications(db, deps);
  });
}
