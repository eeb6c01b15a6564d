/**
 * 预警: reading them, and the moves people make (acknowledge, close; an incident taking one over). Every move is
 * checked against the transition table, audited, and written to the alert's timeline (the console's stream).
 */
import { and, desc, eq, gte, ilike, inArray, lt, lte, sql, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../platform/db/database.ts';
import { AppError, errors } from '../../platform/http/errors.ts';
import { decodeCursor, pageOf } from '../../platform/http/pagination.ts';
import type { AuditContext, RequestContext } from '../../platform/http/request-context.ts';
import { recordAudit } from '../org/audit.service.ts';
import { escapeLike } from '../org/department.service.ts';
import type { Role } from '../org/roles.ts';
import { canMoveAlert, type AlertStatus } from './alert-states.ts';
import { alertEvents, alertMentions, alertRules, alerts, notificationChannels, notificationDeliveries, type AlertEventKind } from './alerts.tables.ts';
import { mentionsByIds } from './mention.service.ts';
import { toDelivery } from './notify/notification-delivery.service.ts';
import { assertManagesOpinion, assertSeesOpinion } from './opinion.policy.ts';

type AlertRow = typeof alerts.$inferSelect;

export function toAlert(r: AlertRow, ruleName: string) {
  return {
    id: r.id,
    ruleId: r.ruleId,
    ruleName,
    clusterId: r.clusterId,
    status: r.status,
    level: r.level,
    title: r.title,
    reasons: r.reasons,
    mentionCount: r.mentionCount,
    firstMentionId: r.firstMentionId,
    lastMentionAt: r.lastMentionAt.toISOString(),
    notifiedLevel: r.notifiedLevel,
    escalationDueAt: r.escalationDueAt?.toISOString() ?? null,
    escalatedLevel: r.escalatedLevel,
    escalatedAt: r.escalatedAt?.toISOString() ?? null,
    acknowledgedAt: r.acknowledgedAt?.toISOString() ?? null,
    acknowledgedBy: r.acknowledgedBy,
    closedAt: r.closedAt?.toISOString() ?? null,
    closedBy: r.closedBy,
    closeNote: r.closeNote,
    incidentId: r.incidentId,
    raisedAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

export type Alert = ReturnType<typeof toAlert>;

/** Writes a step of an alert's timeline (and of the console's live stream). */
export async function recordAlertEvent(tx: DbOrTx, alert: AlertRow, kind: AlertEventKind, options: { notifyRoles?: Role[]; actorId?: number | null; note?: string | null } = {}) {
  await tx.insert(alertEvents).values({
    hospitalId: alert.hospitalId,
    alertId: alert.id,
    kind,
    level: alert.level,
    notifyRoles: options.notifyRoles ?? [],
    actorId: options.actorId ?? null,
    note: options.note ?? null,
  });
}

export type AlertFilter = {
  limit: number;
  cursor?: string;
  status?: AlertStatus;
  minLevel?: number;
  ruleId?: number;
  clusterId?: number;
  from?: Date;
  to?: Date;
  q?: string;
};

/** The alert inbox: newest first. */
export async function listAlerts(db: Db, ctx: RequestContext, filter: AlertFilter) {
  assertSeesOpinion(ctx.actor);
  const before = decodeCursor(filter.cursor);
  const conditions: (SQL | undefined)[] = [
    eq(alerts.hospitalId, ctx.actor.hospitalId),
    before === undefined ? undefined : lt(alerts.id, before),
    filter.status ? eq(alerts.status, filter.status) : undefined,
    filter.minLevel === undefined ? undefined : gte(alerts.level, filter.minLevel),
    filter.ruleId === undefined ? undefined : eq(alerts.ruleId, filter.ruleId),
    filter.clusterId === undefined ? undefined : eq(alerts.clusterId, filter.clusterId),
    filter.from ? gte(alerts.createdAt, filter.from) : undefined,
    filter.to ? lte(alerts.createdAt, filter.to) : undefined,
    filter.q?.trim() ? ilike(alerts.title, `%${escapeLike(filter.q.trim())}%`) : undefined,
  ];
  const rows = await db
    .select({ alert: alerts, ruleName: alertRules.name })
    .from(alerts)
    .innerJoin(alertRules, eq(alertRules.id, alerts.ruleId))
    .where(and(...conditions))
    .orderBy(desc(alerts.id))
    .limit(filter.limit + 1);
  return pageOf(rows.map((r) => ({ ...r, id: r.alert.id })), filter.limit, (r) => toAlert(r.alert, r.ruleName));
}

/** Alerts by id with their rule names, for the stream (no access check: the caller's own). */
export async function alertsByIds(db: DbOrTx, ids: number[]) {
  if (ids.length === 0) return new Map<number, Alert>();
  const rows = await db.select({ alert: alerts, ruleName: alertRules.name }).from(alerts).innerJoin(alertRules, eq(alertRules.id, alerts.ruleId)).where(inArray(alerts.id, ids));
  return new Map(rows.map((r) => [r.alert.id, toAlert(r.alert, r.ruleName)]));
}

async function alertRow(db: DbOrTx, hospitalId: number, id: number, lock = false) {
  const query = db.select().from(alerts).where(and(eq(alerts.id, id), eq(alerts.hospitalId, hospitalId)));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw errors.notFound('alert');
  return row;
}

const shownMentions = 50;

/** An alert with its latest mentions, its timeline and its notifications. */
export async function getAlert(db: Db, ctx: RequestContext, id: number) {
  assertSeesOpinion(ctx.actor);
  const row = await alertRow(db, ctx.actor.hospitalId, id);
  const [rule] = await db.select({ name: alertRules.name }).from(alertRules).where(eq(alertRules.id, row.ruleId));
  const mentionIds = await db.select({ id: alertMentions.mentionId }).from(alertMentions).where(eq(alertMentions.alertId, id)).orderBy(desc(alertMentions.mentionId)).limit(shownMentions);
  const events = await db.select().from(alertEvents).where(eq(alertEvents.alertId, id)).orderBy(alertEvents.id);
  const deliveries = await db
    .select({ delivery: notificationDeliveries, channelName: notificationChannels.name })
    .from(notificationDeliveries)
    .innerJoin(notificationChannels, eq(notificationChannels.id, notificationDeliveries.channelId))
    .where(eq(notificationDeliveries.alertId, id))
    .orderBy(notificationDeliveries.id);
  return {
    ...toAlert(row, rule.name),
    mentions: await mentionsByIds(db, ctx.actor.hospitalId, mentionIds.map((m) => m.id)),
    events: events.map((e) => ({ id: e.id, kind: e.kind, level: e.level, actorId: e.actorId, note: e.note, at: e.at.toISOString() })),
    deliveries: deliveries.map((d) => toDelivery(d.delivery, d.channelName)),
  };
}

const refusedMove = (from: AlertStatus, to: AlertStatus) =>
  new AppError(409, 'invalid_transition', { 'zh-CN': `预警当前状态不能执行此操作（${from} → ${to}）`, en: `An alert cannot move from ${from} to ${to}` }, { from, to });

/** One move of the transition table, audited and put on the timeline, in the caller's transaction. */
async function move(tx: DbOrTx, ctx: AuditContext, before: AlertRow, to: AlertStatus, changes: Partial<typeof alerts.$inferInsert>, event: { kind: AlertEventKind; note?: string | null }) {
  if (!canMoveAlert(before.status, to)) throw refusedMove(before.status, to);
  const [after] = await tx
    .update(alerts)
    .set({ ...changes, status: to, updatedAt: sql`now()` })
    .where(eq(alerts.id, before.id))
    .returning();
  await recordAudit(tx, ctx, { action: `alert.${event.kind}`, entityType: 'alert', entityId: before.id, hospitalId: before.hospitalId, before: { status: before.status }, after: { status: to, ...(event.note ? { note: event.note } : {}) } });
  await recordAlertEvent(tx, after, event.kind, { actorId: ctx.actor?.userId ?? null, note: event.note ?? null });
  return after;
}

type StreamNudge = { nudge(hospitalId: number): void };

/** 确认: somebody is on it. Leaders, who receive escalations, may acknowledge too. */
export async function acknowledgeAlert(db: Db, stream: StreamNudge, ctx: RequestContext, id: number, note?: string) {
  assertSeesOpinion(ctx.actor);
  const after = await db.transaction(async (tx) => {
    const before = await alertRow(tx, ctx.actor.hospitalId, id, true);
    return move(tx, ctx, before, 'acknowledged', { acknowledgedAt: new Date(), acknowledgedBy: ctx.actor.userId, escalationDueAt: null }, { kind: 'acknowledged', note: note ?? null });
  });
  stream.nudge(after.hospitalId);
  return getAlert(db, ctx, id);
}

/** 关闭: handled, or not worth handling; the note says which. */
export async function closeAlert(db: Db, stream: StreamNudge, ctx: RequestContext, id: number, note: string) {
  assertManagesOpinion(ctx.actor);
  const after = await db.transaction(async (tx) => {
    const before = await alertRow(tx, ctx.actor.hospitalId, id, true);
    return move(tx, ctx, before, 'closed', { closedAt: new Date(), closedBy: ctx.actor.userId, closeNote: note, escalationDueAt: null }, { kind: 'closed', note });
  });
  stream.nudge(after.hospitalId);
  return getAlert(db, ctx, id);
}

/**
 * For the incidents module: an incident takes an alert over (open or acknowledged → incident), in the incident's own
 * transaction. Later mentions of the cluster keep joining the alert; the console's stream shows the move within
 * seconds. Returns the alert as it is after the move.
 */
export async function linkAlertToIncident(tx: DbOrTx, ctx: AuditContext, hospitalId: number, alertId: number, incidentId: number): Promise<Alert> {
  const before = await alertRow(tx, hospitalId, alertId, true);
  const after = await move(tx, ctx, before, 'incident', { incidentId, escalationDueAt: null }, { kind: 'incident_linked', note: `incident #${incidentId}` });
  const [rule] = await tx.select({ name: alertRules.name }).from(alertRules).where(eq(alertRules.id, after.ruleId));
  return toAlert(after, rule.name);
}

/**
 * For the incidents module: closes the alerts an incident took over when the incident ends (incident → closed), in
 * the incident's transaction. Returns how many were closed.
 */
export async function closeIncidentAlerts(tx: DbOrTx, ctx: AuditContext, hospitalId: number, incidentId: number, note: string): Promise<number> {
  const rows = await tx.select().from(alerts).where(and(eq(alerts.hospitalId, hospitalId), eq(alerts.incidentId, incidentId), eq(alerts.status, 'incident'))).for('update');
  for (const row of rows) await move(tx, ctx, row, 'closed', { closedAt: new Date(), closedBy: ctx.actor?.userId ?? null, closeNote: note }, { kind: 'closed', note });
  return rows.length;
}

/** For the incidents module: every mention of an alert (an incident groups its alerts' mentions). */
export async function alertMentionIds(db: DbOrTx, hospitalId: number, alertId: number): Promise<number[]> {
  await alertRow(db, hospitalId, alertId);
  const rows = await db.select({ id: alertMentions.mentionId }).from(alertMentions).where(eq(alertMentions.alertId, alertId)).orderBy(alertMentions.mentionId);
  return rows.map((r) => r.id);
}
