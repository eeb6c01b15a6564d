import { and, eq, exists, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/database.ts';
import { AppError, errors } from '../../platform/http/errors.ts';
import type { Actor, RequestContext } from '../../platform/http/request-context.ts';
import { orgPolicy } from '../org/org.policy.ts';
import { incidentPolicy, type IncidentAccess } from './incident.policy.ts';
import { incidents, incidentTasks } from './incidents.tables.ts';

type IncidentRow = typeof incidents.$inferSelect;

async function isAssignee(db: DbOrTx, incidentId: number, userId: number) {
  const [row] = await db.select({ id: incidentTasks.id }).from(incidentTasks).where(and(eq(incidentTasks.incidentId, incidentId), eq(incidentTasks.assigneeId, userId))).limit(1);
  return row !== undefined;
}

/**
 * The incident if the caller may read it (else 404, so ids of others' incidents say nothing), and what they may do.
 * `manage` refuses readers who may not change it with 403; `lock` takes the row for update.
 */
export async function incidentFor(db: DbOrTx, ctx: RequestContext, id: number, need: 'read' | 'manage', lock = false): Promise<{ row: IncidentRow; access: IncidentAccess }> {
  const query = db.select().from(incidents).where(and(eq(incidents.id, id), eq(incidents.hospitalId, ctx.actor.hospitalId)));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw errors.notFound('incident');
  const access = incidentPolicy.access(ctx.actor, row, await isAssignee(db, id, ctx.actor.userId));
  if (!access.read) throw errors.notFound('incident');
  if (need === 'manage' && !access.manage) throw errors.forbidden();
  return { row, access };
}

/** A closed incident is a record: only notes may still be added. */
export function assertOpen(row: IncidentRow) {
  if (row.stage === 'closed') throw new AppError(409, 'incident_closed', { 'zh-CN': '事件已结案，不能再修改', en: 'The incident is closed' });
}

/** The list's counterpart of incidentPolicy.access(…).read, as a condition on the incident table. */
export function visibleTo(actor: Actor): SQL | undefined {
  if (orgPolicy.seesWholeHospital(actor)) return undefined;
  const assigned = exists(sql`(select 1 from ${incidentTasks} where ${incidentTasks.incidentId} = ${incidents.id} and ${incidentTasks.assigneeId} = ${actor.userId})`);
  return or(
    eq(incidents.ownerId, actor.userId),
    eq(incidents.createdBy, actor.userId),
    actor.roles.includes('opinion_officer') ? eq(incidents.departmentId, actor.departmentId) : undefined,
    assigned,
  );
}
