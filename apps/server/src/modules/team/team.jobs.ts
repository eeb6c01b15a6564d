import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Db } from '../../platform/db/database.ts';
import { eventBus } from '../../platform/events.ts';
import type { JobRunner } from '../../platform/jobs/job-runner.ts';
import { reconcilePoints, settleArticle } from './points-sources.ts';
import { pointsRules } from './team.tables.ts';

/** How far back the periodic sweep looks: lost events are found within minutes, older gaps by an editor's recompute. */
const sweepDays = 3;
const sweepEverySeconds = 300;

/** Every hospital that has points rules, reconciled over the last few days. */
async function reconcileRecent(db: Db) {
  const now = new Date();
  const hospitals = await db.selectDistinct({ hospitalId: pointsRules.hospitalId }).from(pointsRules);
  for (const { hospitalId } of hospitals) await reconcilePoints(db, hospitalId, { start: new Date(now.getTime() - sweepDays * 86_400_000), end: now });
}

/**
 * Points follow publications: each published or withdrawn event settles its article at once, and a periodic sweep
 * settles again what the in-process bus may have lost (a process that died between commit and listener).
 */
export function registerPointsSettlement(app: FastifyInstance, jobs: JobRunner, logger: Logger) {
  const db = app.deps.database.db;
  const settleOnEvent = ({ articleId }: { articleId: number }) => {
    settleArticle(db, articleId).catch((err) => logger.warn({ err, articleId }, 'points settlement failed; the sweep retries it'));
  };
  const stops = [eventBus.subscribe('publication.published', settleOnEvent), eventBus.subscribe('publication.withdrawn', settleOnEvent)];
  app.addHook('onClose', async () => stops.forEach((stop) => stop()));
  jobs.every('points-reconciliation', sweepEverySeconds, () => reconcileRecent(db));
}
