/**
 * SLA clocks of incidents: the first authoritative response (黄金4小时 by default) and each stage's allowance, per
 * level and hospital. Passing a deadline is marked once, on the timeline; a red incident is escalated to the leaders at
 * once, any other when a deadline passes. The same check runs inside every change of an incident and from a sweep.
 */
import { and, asc, eq, inArray, isNull, lte, ne, or, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../platform/db/database.ts';
import { eventBus, type DomainEvents } from '../../platform/events.ts';
import { errors } from '../../platform/http/errors.ts';
import type { AuditContext, RequestContext, SystemContext } from '../../platform/http/request-context.ts';
import { recordAudit } from '../org/audit.service.ts';
import { recordIncidentChange } from './incident-events.ts';
import { incidentPolicy } from './incident.policy.ts';
import { awaitingFirstResponse, defaultSlaPolicy, incidentLevels, levelNames, stageNames, type IncidentLevel, type SlaPolicy } from './incident-stages.ts';
import { notificationChannels } from './alerts.tables.ts';
import { incidents, incidentSlaPolicies } from './incidents.tables.ts';
import { assertSeesOpinion } from './opinion.policy.ts';

type IncidentRow = typeof incidents.$inferSelect;
export type Escalation = DomainEvents['incident.escalated'];

type PolicyRow = typeof incidentSlaPolicies.$inferSelect;

const policyOf = (row: PolicyRow | undefined): SlaPolicy =>
  row
    ? { firstResponseMinutes: row.firstResponseMinutes, stageMinutes: { ...defaultSlaPolicy.stageMinutes, ...row.stageMinutes }, escalationChannelIds: row.escalationChannelIds }
    : defaultSlaPolicy;

/** The policy of one level: the hospital's row, or the defaults. */
export async function slaPolicyOf(db: DbOrTx, hospitalId: number, level: number): Promise<SlaPolicy> {
  const [row] = await db.select().from(incidentSlaPolicies).where(and(eq(incidentSlaPolicies.hospitalId, hospitalId), eq(incidentSlaPolicies.level, level)));
  return policyOf(row);
}

export async function listSlaPolicies(db: Db, ctx: RequestContext) {
  assertSeesOpinion(ctx.actor);
  const rows = await db.select().from(incidentSlaPolicies).where(eq(incidentSlaPolicies.hospitalId, ctx.actor.hospitalId));
  return {
    items: incidentLevels.map((level) => {
      const row = rows.find((r) => r.level === level);
      return { level, ...policyOf(row), custom: row !== undefined };
    }),
  };
}

/** Sets one level's SLA; incidents already running keep the deadlines they were given. */
export async function setSlaPolicy(db: Db, ctx: RequestContext, level: IncidentLevel, input: SlaPolicy) {
  if (!incidentPolicy.setsSla(ctx.actor)) throw errors.forbidden();
  await db.transaction(async (tx) => {
    const before = await slaPolicyOf(tx, ctx.actor.hospitalId, level);
    if (input.escalationChannelIds?.length) await assertChannelsOf(tx, ctx.actor.hospitalId, input.escalationChannelIds);
    const values = {
      firstResponseMinutes: input.firstResponseMinutes,
      stageMinutes: input.stageMinutes,
      escalationChannelIds: input.escalationChannelIds === null ? null : [...new Set(input.escalationChannelIds)],
      updatedBy: ctx.actor.userId,
      updatedAt: sql`now()`,
    };
    await tx.insert(incidentSlaPolicies).values({ hospitalId: ctx.actor.hospitalId, level, ...values }).onConflictDoUpdate({ target: [incidentSlaPolicies.hospitalId, incidentSlaPolicies.level], set: values });
    await recordAudit(tx, ctx, { action: 'incident_sla_policy.update', entityType: 'incident_sla_policy', entityId: level, hospitalId: ctx.actor.hospitalId, before, after: input });
  });
  return listSlaPolicies(db, ctx);
}

/** Every id must be a notification channel of the hospital (disabled ones may be chosen: they are skipped while off). */
async function assertChannelsOf(tx: DbOrTx, hospitalId: number, ids: number[]) {
  const found = await tx.select({ id: notificationChannels.id }).from(notificationChannels).where(and(eq(notificationChannels.hospitalId, hospitalId), inArray(notificationChannels.id, ids)));
  const missing = ids.filter((id) => !found.some((f) => f.id === id));
  if (missing.length) throw errors.invalidField('escalationChannelIds', `通知渠道 ${missing.join('、')} 不存在`, `No notification channel ${missing.join(', ')}`);
}

const isPast = (at: Date | null, now: Date) => at !== null && at.getTime() <= now.getTime();

/**
 * Marks the deadlines an incident has passed and escalates it when it must be, in the caller's transaction (the row
 * locked by the caller). Returns the row as it is now and the escalation to announce after commit, if any.
 */
export async function applySla(tx: DbOrTx, ctx: AuditContext, row: IncidentRow, now: Date): Promise<{ row: IncidentRow; escalation: Escalation | null }> {
  if (row.stage === 'closed') return { row, escalation: null };
  const changes: Partial<typeof incidents.$inferInsert> = {};
  const marks: { kind: 'first_response_overdue' | 'stage_overdue'; note: string; data: Record<string, unknown> }[] = [];
  if (row.respondedAt === null && awaitingFirstResponse.includes(row.stage) && row.firstResponseOverdueAt === null && isPast(row.firstResponseDueAt, now)) {
    changes.firstResponseOverdueAt = now;
    marks.push({ kind: 'first_response_overdue', note: '首次回应已超过时限', data: { dueAt: row.firstResponseDueAt.toISOString() } });
  }
  if (row.stageOverdueAt === null && isPast(row.stageDueAt, now)) {
    changes.stageOverdueAt = now;
    marks.push({ kind: 'stage_overdue', note: `“${stageNames[row.stage]}”阶段已超过时限`, data: { stage: row.stage, dueAt: row.stageDueAt!.toISOString() } });
  }
  const firstResponseLate = (changes.firstResponseOverdueAt ?? row.firstResponseOverdueAt) !== null;
  const stageLate = (changes.stageOverdueAt ?? row.stageOverdueAt) !== null;
  let reason: Escalation['reason'] | null = null;
  if (!row.escalated && (row.level === 4 || firstResponseLate || stageLate)) {
    reason = row.level === 4 ? 'red' : firstResponseLate ? 'first_response_overdue' : 'stage_overdue';
    Object.assign(changes, { escalated: true, escalatedAt: now, escalationReason: reason });
  }
  if (Object.keys(changes).length === 0) return { row, escalation: null };
  const [after] = await tx.update(incidents).set({ ...changes, updatedAt: sql`now()` }).where(eq(incidents.id, row.id)).returning();
  for (const mark of marks) await recordIncidentChange(tx, ctx, after, mark);
  if (reason === null) return { row: after, escalation: null };
  const why = reason === 'red' ? `${levelNames[4]}事件，立即报告分管领导` : reason === 'first_response_overdue' ? '首次回应超时，报告分管领导' : '阶段处置超时，报告分管领导';
  await recordIncidentChange(tx, ctx, after, { kind: 'escalated', note: why, data: { reason, level: after.level } });
  return { row: after, escalation: { incidentId: after.id, hospitalId: after.hospitalId, level: after.level, title: after.title, reason } };
}

/** Announces escalations once their transaction has committed. */
export function announceEscalations(escalations: (Escalation | null)[]) {
  for (const escalation of escalations) if (escalation) eventBus.publish('incident.escalated', escalation);
}

const sweeper: SystemContext = { actor: null, ip: null, requestId: 'job:incident-sla' };
const sweepBatch = 100;

/**
 * The sweep (every instance runs it; rows are claimed with SKIP LOCKED): open incidents past a deadline not yet
 * marked, and red ones not yet escalated. `now` is the clock's time; tests move it forward.
 */
export async function sweepIncidentSla(db: Db, now: Date = new Date()): Promise<number> {
  const due = or(
    and(isNull(incidents.respondedAt), isNull(incidents.firstResponseOverdueAt), inArray(incidents.stage, [...awaitingFirstResponse]), lte(incidents.firstResponseDueAt, now)),
    and(isNull(incidents.stageOverdueAt), lte(incidents.stageDueAt, now)),
    and(eq(incidents.level, 4), eq(incidents.escalated, false)),
  );
  const candidates = await db.select({ id: incidents.id }).from(incidents).where(and(ne(incidents.stage, 'closed'), due)).orderBy(asc(incidents.id)).limit(sweepBatch);
  let changed = 0;
  for (const { id } of candidates) {
    const escalation = await db.transaction(async (tx) => {
      const [row] = await tx.select().from(incidents).where(eq(incidents.id, id)).for('update', { skipLocked: true });
      if (!row) return null;
      const result = await applySla(tx, sweeper, row, now);
      if (result.row !== row) changed++;
      return result.escalation;
    });
    announceEscalations([escalation]);
  }
  return changed;
}
