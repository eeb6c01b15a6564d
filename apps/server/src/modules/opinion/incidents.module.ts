import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { JobRunner } from '../../platform/jobs/job-runner.ts';
import { sweepIncidentSla } from './incident-sla.service.ts';
import { registerIncidentRoutes } from './incidents.routes.ts';

/** How often every instance checks the SLA clocks: a deadline is marked within this many seconds of passing. */
const sweepSeconds = 30;

/** Incidents (舆情事件): the SLA sweep and the routes. Call before the job runner starts. */
export async function registerOpinionIncidents(app: FastifyInstance, jobs: JobRunner, logger: Logger) {
  const db = app.deps.database.db;
  jobs.every('incident-sla-sweep', sweepSeconds, async () => {
    const changed = await sweepIncidentSla(db);
    if (changed) logger.info({ changed }, 'incident SLA sweep marked deadlines');
  });
  await app.register(async (api) => registerIncidentRoutes(api));
}
