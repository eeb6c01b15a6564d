import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { eventBus } from '../../platform/events.ts';
import type { JobRunner } from '../../platform/jobs/job-runner.ts';
import { notifyIncidentEscalations } from './incident-escalation.service.ts';
import { sweepIncidentSla } from './incident-sla.service.ts';
import { registerIncidentRoutes } from './incidents.routes.ts';

/** How often every instance checks the SLA clocks: a deadline is marked within this many seconds of passing. */
const sweepSeconds = 30;

/**
 * Incidents (舆情事件): the SLA sweep, escalations told through the alerts' notification channels, and the routes.
 * Call after the alerts module (whose notification outbox it uses) and before the job runner starts.
 */
export async function registerOpinionIncidents(app: FastifyInstance, jobs: JobRunner, logger: Logger) {
  const db = app.deps.database.db;
  const notify = app.opinionAlerts;
  jobs.every('incident-sla-sweep', sweepSeconds, async () => {
    const changed = await sweepIncidentSla(db);
    if (changed) logger.info({ changed }, 'incident SLA sweep marked deadlines');
    await notifyIncidentEscalations(db, notify);
  });
  const stop = eventBus.subscribe('incident.escalated', ({ incidentId }) => {
    notifyIncidentEscalations(db, notify, [incidentId]).catch((err) => logger.warn({ err, incidentId }, 'telling an escalation failed; the SLA sweep tells it'));
  });
  app.addHook('onClose', async () => stop());
  await app.register(async (api) => registerIncidentRoutes(api));
}
