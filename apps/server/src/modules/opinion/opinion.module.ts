import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { InstanceNotifications } from '../../platform/db/notifications.ts';
import type { JobRunner } from '../../platform/jobs/job-runner.ts';
import { registerClassifierJobs } from './classifier.jobs.ts';
import { registerClassifierRoutes } from './classifier.routes.ts';
import { registerFeedPolling, type PollDeps } from './feed-poller.ts';
import { MentionAnalyzers } from './mention-analysis.ts';
import { registerOpinionRoutes } from './opinion.routes.ts';

/**
 * Sources, ingestion and the monitoring desk: the analyzers (one per hospital, closed with the app), feed polling
 * and the classifier's nightly retraining on the job queue, and the routes. Call before the job runner starts.
 */
export async function registerOpinionModule(app: FastifyInstance, jobs: JobRunner, logger: Logger) {
  const deps: PollDeps = { analyzers: new MentionAnalyzers(logger), allowList: app.deps.config.outboundAllowList };
  const notifications = new InstanceNotifications(app.deps.database.pool.options, logger);
  await deps.analyzers.listenToOtherInstances(notifications);
  registerFeedPolling(jobs, app.deps.database.db, deps, logger);
  registerClassifierJobs(jobs, app.deps.database.db, logger);
  app.addHook('onClose', async () => {
    await notifications.close();
    await deps.analyzers.close();
  });
  await app.register(async (api) => registerOpinionRoutes(api, deps, logger));
  await app.register(async (api) => registerClassifierRoutes(api));
}
