import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { eventBus } from '../../platform/events.ts';
import type { JobRunner } from '../../platform/jobs/job-runner.ts';
import { escalateOverdueAlerts, evaluateMentions, evaluateMissedMentions, type AlertDeps } from './alert-evaluation.service.ts';
import { AlertStream } from './alert-stream.ts';
import { registerAlertRoutes } from './alerts.routes.ts';
import { notificationQueue, recoverInterruptedDeliveries, runDelivery, type NotificationJob } from './notify/notification-delivery.service.ts';
import { createNotificationSenders } from './notify/senders.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** What alerting runs on: the incidents module nudges the stream after linking alerts; tests run the sweep. */
    opinionAlerts: AlertDeps & { stream: AlertStream };
  }
}

/** How often every instance sweeps: missed mentions, overdue escalations, interrupted deliveries. */
const sweepSeconds = 10;

/**
 * Alerts and notifications: evaluation on `mention.ingested` and by the sweep, the notification queue, the console's
 * live stream, and the routes. Call before the job runner starts.
 */
export async function registerOpinionAlerts(app: FastifyInstance, jobs: JobRunner, logger: Logger) {
  const db = app.deps.database.db;
  const { config, secrets } = app.deps;
  const stream = new AlertStream(db, logger, { pollMs: 2_000, heartbeatMs: 15_000 });
  const deps: AlertDeps & { stream: AlertStream } = { jobs, secrets, senders: createNotificationSenders(config), publicBaseUrl: config.publicBaseUrl, logger, stream };

  app.decorate('opinionAlerts', deps);
  jobs.define<NotificationJob>(notificationQueue, (job) => runDelivery(db, deps, job));
  jobs.every('alert-sweep', sweepSeconds, async () => {
    await evaluateMissedMentions(db, deps);
    await escalateOverdueAlerts(db, deps);
    await recoverInterruptedDeliveries(db, deps);
  });

  const stops = [
    eventBus.subscribe('mention.ingested', ({ hospitalId, mentionIds }) => {
      evaluateMentions(db, deps, hospitalId, mentionIds).catch((err) => logger.warn({ err, hospitalId }, 'alert evaluation failed; the sweep evaluates these mentions again'));
    }),
    eventBus.subscribe('alert.raised', ({ hospitalId }) => stream.nudge(hospitalId)),
    eventBus.subscribe('user.sessions_revoked', ({ userId }) => stream.endUser(userId)),
  ];
  // Open streams would keep the HTTP server from closing.
  app.addHook('preClose', async () => stream.close());
  app.addHook('onClose', async () => stops.forEach((stop) => stop()));
  await app.register(async (api) => registerAlertRoutes(api, deps));
}
