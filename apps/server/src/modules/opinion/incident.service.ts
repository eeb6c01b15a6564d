/**
 * 舆情事件: opening one (by hand or from an alert), its stories, mentions and alerts, its stages, tasks and notes.
 * Every change is checked, written to the incident's timeline and audited in its transaction, and followed by the
 * SLA check (which may escalate it).
 */
import { and, desc, eq, ilike, lt, sql, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../platform/db/database.ts';
import { AppError, errors } from '../../platform/http/errors.ts';
import { decodeCursor, pageOf } from '../../platform/http/pagination.ts';
import type { RequestContext } from '../../platform/http/request-context.ts';
import { recordAudit } from '../org/audit.service.ts';
import { assertActiveDepartment, escapeLike } from '../org/department.service.ts';
import { departmentsByIds, usersByIds } from '../org/directory.service.ts';
import { assertActiveUser } from '../org/user.service.ts';
import { alertMentionIds, alertsByIds, closeIncidentAlerts, linkAlertToIncident } from './alert.service.ts';
import { assertOpen, incidentFor, visibleTo } from './incident-access.ts';
import { recordIncidentChange } from './incident-events.ts';
import { responseArticleStatus, responseView } from './incident-response.service.ts';
import { announceEscalations, applySla, slaPolicyOf, type Escalation } from './incident-sla.service.ts';
import { assertOpensIncidents, incidentPolicy, type IncidentAccess } from './incident.policy.ts';
import { awaitingFirstResponse, afterMinutes, incidentMoves, moveOf, stageDueAt, stageNames, levelNames, type IncidentLevel, type IncidentStage } from './incident-stages.ts';
import { incidentAlerts, incidentClusters, incidentEvents, incidentMentions, incidents, incidentTasks } from './incidents.tables.ts';
import { clusterById, mentionsByIds } from './mention.service.ts';

type IncidentRow = typeof incidents.$inferSelect;
type TaskRow = typeof incidentTasks.$inferSelect;
type Names = { users: Map<number, string>; departments: Map<number, string> };

const iso = (d: Date | null) => d?.toISOString() ?? null;
const isPast = (d: Date | null, now: Date) => d !== null && d.getTime() <= now.getTime();

async function namesOf(db: DbOrTx, hospitalId: number, userIds: number[], departmentIds: number[]): Promise<Names> {
  const [people, units] = [await usersByIds(db, hospitalId, [...new Set(userIds)]), await departmentsByIds(db, hospitalId, [...new Set(departmentIds)])];
  return { users: new Map(people.map((u) => [u.id, u.displayName])), departments: new Map(units.map((d) => [d.id, d.name])) };
}

export function toIncident(r: IncidentRow, names: Names, now = new Date()) {
  const open = r.stage !== 'closed';
  const firstResponseOverdue = r.firstResponseOverdueAt !== null || (open && r.respondedAt === null && awaitingFirstResponse.includes(r.stage) && isPast(r.firstResponseDueAt, now));
  return {
    id: r.id,
    title: r.title,
    summary: r.summary,
    level: r.level,
    stage: r.stage,
    departmentId: r.departmentId,
    departmentName: names.departments.get(r.departmentId) ?? null,
    ownerId: r.ownerId,
    ownerName: names.users.get(r.ownerId) ?? null,
    createdBy: r.createdBy,
    discoveredAt: r.discoveredAt.toISOString(),
    stageEnteredAt: r.stageEnteredAt.toISOString(),
    stageDueAt: iso(r.stageDueAt),
    stageOverdue: open && (r.stageOverdueAt !== null || isPast(r.stageDueAt, now)),
    firstResponseDueAt: r.firstResponseDueAt.toISOString(),
    respondedAt: iso(r.respondedAt),
    firstResponseOverdue,
    /** true: responded in time; false: late (or still unanswered past the deadline); null: not yet due, or no public response. */
    firstResponseMet: r.respondedAt !== null ? r.respondedAt.getTime() <= r.firstResponseDueAt.getTime() : firstResponseOverdue ? false : null,
    escalated: r.escalated,
    escalatedAt: iso(r.escalatedAt),
    escalationReason: r.escalationReason,
    lessons: r.lessons,
    closedAt: iso(r.closedAt),
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

export type Incident = ReturnType<typeof toIncident>;

function toTask(t: TaskRow, names: Names, now = new Date()) {
  return {
    id: t.id,
    title: t.title,
    assigneeId: t.assigneeId,
    assigneeName: names.users.get(t.assigneeId) ?? null,
    dueAt: iso(t.dueAt),
    done: t.doneAt !== null,
    doneAt: iso(t.doneAt),
    doneBy: t.doneBy,
    overdue: t.doneAt === null && isPast(t.dueAt, now),
    createdBy: t.createdBy,
    createdAt: t.createdAt.toISOString(),
  };
}

export type IncidentFilter = { limit: number; cursor?: string; stage?: IncidentStage; open?: boolean; level?: number; escalated?: boolean; mine?: boolean; q?: string };

/** Incidents the caller may see, newest first. */
export async function listIncidents(db: Db, ctx: RequestContext, filter: IncidentFilter) {
  const before = decodeCursor(filter.cursor);
  const me = ctx.actor.userId;
  const conditions: (SQL | undefined)[] = [
    eq(incidents.hospitalId, ctx.actor.hospitalId),
    visibleTo(ctx.actor),
    before === undefined ? undefined : lt(incidents.id, before),
    filter.stage ? eq(incidents.stage, filter.stage) : undefined,
    filter.open === undefined ? undefined : filter.open ? sql`${incidents.stage} <> 'closed'` : eq(incidents.stage, 'closed'),
    filter.level === undefined ? undefined : eq(incidents.level, filter.level),
    filter.escalated === undefined ? undefined : eq(incidents.escalated, filter.escalated),
    filter.mine ? sql`(${incidents.ownerId} = ${me} or exists (select 1 from ${incidentTasks} where ${incidentTasks.incidentId} = ${incidents.id} and ${incidentTasks.assigneeId} = ${me} and ${incidentTasks.doneAt} is null))` : undefined,
    filter.q?.trim() ? ilike(incidents.title, `%${escapeLike(filter.q.trim())}%`) : undefined,
  ];
  const rows = await db.select().from(incidents).where(and(...conditions)).orderBy(desc(incidents.id)).limit(filter.limit + 1);
  const names = await namesOf(db, ctx.actor.hospitalId, rows.map((r) => r.ownerId), rows.map((r) => r.departmentId));
  return pageOf(rows, filter.limit, (r) => toIncident(r, names));
}

const shownMentions = 200;

/** The incident page: the incident, its stories, mentions and alerts, tasks, timeline, response, and what the caller may do. */
export async function getIncident(db: Db, ctx: RequestContext, id: number) {
  const { row, access } = await incidentFor(db, ctx, id, 'read');
  return detailOf(db, row, access, ctx);
}

async function detailOf(db: Db, row: IncidentRow, access: IncidentAccess, ctx: RequestContext) {
  const hospitalId = row.hospitalId;
  const clusterLinks = await db.select().from(incidentClusters).where(eq(incidentClusters.incidentId, row.id)).orderBy(incidentClusters.addedAt);
  const clusters = (await Promise.all(clusterLinks.map((l) => clusterById(db, hospitalId, l.clusterId)))).filter((c) => c !== null);
  const mentionLinks = await db.select({ id: incidentMentions.mentionId }).from(incidentMentions).where(eq(incidentMentions.incidentId, row.id)).orderBy(desc(incidentMentions.mentionId)).limit(shownMentions);
  const [{ mentionCount }] = await db.select({ mentionCount: sql<number>`count(*)::int` }).from(incidentMentions).where(eq(incidentMentions.incidentId, row.id));
  const alertLinks = await db.select({ id: incidentAlerts.alertId }).from(incidentAlerts).where(eq(incidentAlerts.incidentId, row.id)).orderBy(incidentAlerts.alertId);
  const alertsById = await alertsByIds(db, alertLinks.map((a) => a.id));
  const tasks = await db.select().from(incidentTasks).where(eq(incidentTasks.incidentId, row.id)).orderBy(incidentTasks.id);
  const events = await db.select().from(incidentEvents).where(eq(incidentEvents.incidentId, row.id)).orderBy(incidentEvents.id);
  const names = await namesOf(
    db,
    hospitalId,
    [row.ownerId, row.createdBy, ...tasks.map((t) => t.assigneeId), ...events.flatMap((e) => (e.actorId === null ? [] : [e.actorId]))],
    [row.departmentId],
  );
  const mine = (t: TaskRow) => t.assigneeId === ctx.actor.userId;
  return {
    ...toIncident(row, names),
    clusters,
    mentions: await mentionsByIds(db, hospitalId, mentionLinks.map((m) => m.id)),
    mentionCount,
    alerts: alertLinks.flatMap((a) => alertsById.get(a.id) ?? []),
    tasks: tasks.map((t) => ({ ...toTask(t, names), canComplete: row.stage !== 'closed' && (access.manage || mine(t)) })),
    events: events.map((e) => ({ id: e.id, kind: e.kind, actorId: e.actorId, actorName: e.actorId === null ? null : (names.users.get(e.actorId) ?? null), note: e.note, data: e.data, at: e.at.toISOString() })),
    response: await responseView(db, hospitalId, row.id),
    moves: access.manage ? [...incidentMoves[row.stage]] : [],
    permissions: { manage: access.manage && row.stage !== 'closed', delete: incidentPolicy.deletesIncidents(ctx.actor) && row.stage === 'discovered' },
  };
}

export type IncidentDetail = Awaited<ReturnType<typeof detailOf>>;

// ── opening ─────────────────────────────────────────────────────────────

export type IncidentInput = { title: string; level: IncidentLevel; summary?: string; ownerId?: number; departmentId?: number; discoveredAt?: Date };

const notInFuture = (field: string, at: Date, now: Date) => {
  if (at.getTime() > now.getTime() + 60_000) throw errors.invalidField(field, '时间不能晚于当前时间', 'The time cannot be in the future');
};

async function insertIncident(tx: DbOrTx, ctx: RequestContext, input: IncidentInput, now: Date) {
  const ownerId = input.ownerId ?? ctx.actor.userId;
  const departmentId = input.departmentId ?? ctx.actor.departmentId;
  if (input.ownerId !== undefined) await assertActiveUser(tx, ctx.actor.hospitalId, ownerId, 'ownerId');
  if (input.departmentId !== undefined) await assertActiveDepartment(tx, ctx.actor.hospitalId, departmentId);
  const discoveredAt = input.discoveredAt ?? now;
  notInFuture('discoveredAt', discoveredAt, now);
  const policy = await slaPolicyOf(tx, ctx.actor.hospitalId, input.level);
  const [row] = await tx
    .insert(incidents)
    .values({
      hospitalId: ctx.actor.hospitalId,
      title: input.title,
      summary: input.summary ?? '',
      level: input.level,
      departmentId,
      ownerId,
      createdBy: ctx.actor.userId,
      discoveredAt,
      stageEnteredAt: discoveredAt,
      stageDueAt: stageDueAt(policy, 'discovered', discoveredAt),
      firstResponseDueAt: afterMinutes(discoveredAt, policy.firstResponseMinutes),
    })
    .returning();
  await recordIncidentChange(tx, ctx, row, {
    kind: 'created',
    note: `${levelNames[input.level as IncidentLevel]}事件立案`,
    data: { title: row.title, level: row.level, ownerId, departmentId, discoveredAt: discoveredAt.toISOString(), firstResponseDueAt: row.firstResponseDueAt.toISOString() },
  });
  return row;
}

export async function createIncident(db: Db, ctx: RequestContext, input: IncidentInput & { clusterIds?: number[]; mentionIds?: number[] }) {
  assertOpensIncidents(ctx.actor);
  const now = new Date();
  const { row, escalation } = await db.transaction(async (tx) => {
    const created = await insertIncident(tx, ctx, input, now);
    for (const clusterId of new Set(input.clusterIds ?? [])) await linkCluster(tx, ctx, created, clusterId);
    if (input.mentionIds?.length) await linkMentions(tx, ctx, created, input.mentionIds);
    return applySla(tx, ctx, created, now);
  });
  announceEscalations([escalation]);
  return getIncident(db, ctx, row.id);
}

export type FromAlertInput = { alertId: number } & Partial<Omit<IncidentInput, 'discoveredAt'>>;

/**
 * 立案 from an alert: the alert's time starts the first-response clock, its level and title are the incident's unless
 * given, and the incident takes the alert over with its story and mentions.
 */
export async function createIncidentFromAlert(db: Db, ctx: RequestContext, input: FromAlertInput) {
  assertOpensIncidents(ctx.actor);
  const now = new Date();
  const { row, escalation } = await db.transaction(async (tx) => {
    // Reading its mentions checks the alert is this hospital's.
    await alertMentionIds(tx, ctx.actor.hospitalId, input.alertId);
    const alert = (await alertsByIds(tx, [input.alertId])).get(input.alertId)!;
    const created = await insertIncident(
      tx,
      ctx,
      { title: input.title ?? alert.title, level: input.level ?? (alert.level as IncidentLevel), summary: input.summary, ownerId: input.ownerId, departmentId: input.departmentId, discoveredAt: new Date(alert.raisedAt) },
      now,
    );
    await linkAlert(tx, ctx, created, input.alertId);
    return applySla(tx, ctx, created, now);
  });
  announceEscalations([escalation]);
  return getIncident(db, ctx, row.id);
}

// ── changes ─────────────────────────────────────────────────────────────

/** Runs a change of an incident the caller manages, locked, then the SLA check; announces an escalation after commit. */
async function change(
  db: Db,
  ctx: RequestContext,
  id: number,
  apply: (tx: DbOrTx, row: IncidentRow, now: Date, access: IncidentAccess) => Promise<IncidentRow | void>,
  options: { allowClosed?: boolean; need?: 'manage' | 'read' } = {},
) {
  const now = new Date();
  const escalation: Escalation | null = await db.transaction(async (tx) => {
    const { row, access } = await incidentFor(tx, ctx, id, options.need ?? 'manage', true);
    if (!options.allowClosed) assertOpen(row);
    const after = (await apply(tx, row, now, access)) ?? row;
    return (await applySla(tx, ctx, after, now)).escalation;
  });
  announceEscalations([escalation]);
  return getIncident(db, ctx, id);
}

export type IncidentPatch = Partial<Omit<IncidentInput, 'discoveredAt'>> & { lessons?: string };

const fieldNames = { title: '事件名称', summary: '事件概述', level: '等级', ownerId: '负责人', departmentId: '责任科室', lessons: '经验教训' } as const;

/** Edits the incident; a new level recomputes its deadlines (a red one is escalated at once). */
export async function updateIncident(db: Db, ctx: RequestContext, id: number, patch: IncidentPatch) {
  return change(db, ctx, id, async (tx, before, now) => {
    if (patch.ownerId !== undefined && patch.ownerId !== before.ownerId) await assertActiveUser(tx, before.hospitalId, patch.ownerId, 'ownerId');
    if (patch.departmentId !== undefined && patch.departmentId !== before.departmentId) await assertActiveDepartment(tx, before.hospitalId, patch.departmentId);
    const fields = ['title', 'summary', 'level', 'ownerId', 'departmentId', 'lessons'] as const;
    const changed = fields.filter((f) => patch[f] !== undefined && patch[f] !== before[f]);
    if (changed.length === 0) return;
    const values: Partial<typeof incidents.$inferInsert> = Object.fromEntries(changed.map((f) => [f, patch[f]]));
    if (values.level !== undefined) {
      const policy = await slaPolicyOf(tx, before.hospitalId, values.level);
      values.firstResponseDueAt = afterMinutes(before.discoveredAt, policy.firstResponseMinutes);
      values.stageDueAt = stageDueAt(policy, before.stage, before.stageEnteredAt);
      // A deadline the new level moves past now is no longer missed.
      if (before.firstResponseOverdueAt && before.respondedAt === null && !isPast(values.firstResponseDueAt, now)) values.firstResponseOverdueAt = null;
      if (before.stageOverdueAt && !isPast(values.stageDueAt, now)) values.stageOverdueAt = null;
    }
    const [after] = await tx.update(incidents).set({ ...values, updatedAt: sql`now()` }).where(eq(incidents.id, id)).returning();
    await recordIncidentChange(tx, ctx, after, {
      kind: 'updated',
      note: changed.map((f) => (f === 'level' ? `等级调整为${levelNames[after.level as IncidentLevel]}` : `修改${fieldNames[f]}`)).join('；'),
      data: { before: Object.fromEntries(changed.map((f) => [f, before[f]])), after: Object.fromEntries(changed.map((f) => [f, after[f]])) },
    });
    return after;
  });
}

const refusedMove = (from: IncidentStage, to: IncidentStage) =>
  new AppError(409, 'invalid_transition', { 'zh-CN': `事件不能从“${stageNames[from]}”转到“${stageNames[to]}”`, en: `An incident cannot move from ${from} to ${to}` }, {
    from,
    to,
    allowed: incidentMoves[from].map((m) => m.to),
  });

export type TransitionInput = { to: IncidentStage; reason?: string; at?: Date };

/**
 * One move of the stage table (a closed incident has none), with its reason (required where the table says so) and the time it happened (now, or
 * earlier when recorded after the fact, never before the current stage began). 回应 needs an approved response;
 * closing from 复盘 needs the lessons; closing ends the alerts the incident took over.
 */
export async function transitionIncident(db: Db, ctx: RequestContext, id: number, input: TransitionInput) {
  const approved = (await responseArticleStatus(db, ctx.actor.hospitalId, id)) === 'approved';
  return change(db, ctx, id, async (tx, before, now) => {
    const move = moveOf(before.stage, input.to);
    if (!move) throw refusedMove(before.stage, input.to);
    const reason = input.reason?.trim() || null;
    if (move.reasonRequired && !reason) throw errors.invalidField('reason', '此次转换须说明原因', 'This move needs a reason');
    if (move.requires === 'approved_response' && !approved) {
      throw new AppError(409, 'response_not_approved', { 'zh-CN': '回应稿尚未审核通过，不能进入“回应”阶段', en: 'The response article is not approved yet' });
    }
    if (move.requires === 'lessons' && !before.lessons.trim()) {
      throw new AppError(409, 'lessons_required', { 'zh-CN': '请先填写复盘经验教训再结案', en: 'Write the lessons of the review before closing' });
    }
    const at = input.at ?? now;
    notInFuture('at', at, now);
    if (at.getTime() < before.stageEnteredAt.getTime()) throw errors.invalidField('at', '时间不能早于当前阶段开始的时间', 'The time is before the current stage began');
    const policy = await slaPolicyOf(tx, before.hospitalId, before.level);
    const [after] = await tx
      .update(incidents)
      .set({
        stage: input.to,
        stageEnteredAt: at,
        stageDueAt: stageDueAt(policy, input.to, at),
        stageOverdueAt: null,
        respondedAt: input.to === 'responded' && before.respondedAt === null ? at : before.respondedAt,
        closedAt: input.to === 'closed' ? at : null,
        updatedAt: sql`now()`,
      })
      .where(eq(incidents.id, id))
      .returning();
    await recordIncidentChange(tx, ctx, after, {
      kind: 'stage_changed',
      note: reason,
      data: {
        from: before.stage,
        to: input.to,
        at: at.toISOString(),
        // How the stage that ended kept its deadline, for the review report.
        left: { stage: before.stage, enteredAt: before.stageEnteredAt.toISOString(), dueAt: iso(before.stageDueAt), met: before.stageDueAt === null || at.getTime() <= before.stageDueAt.getTime() },
      },
    });
    if (input.to === 'closed') await closeIncidentAlerts(tx, ctx, after.hospitalId, id, reason ?? `舆情事件 #${id} 已结案`);
    return after;
  }, { allowClosed: true });
}

/** Removes an incident opened by mistake: only while just discovered, before it took over an alert or has a response. */
export async function deleteIncident(db: Db, ctx: RequestContext, id: number) {
  if (!incidentPolicy.deletesIncidents(ctx.actor)) throw errors.forbidden();
  await db.transaction(async (tx) => {
    const { row } = await incidentFor(tx, ctx, id, 'manage', true);
    const [alert] = await tx.select().from(incidentAlerts).where(eq(incidentAlerts.incidentId, id)).limit(1);
    const status = await responseArticleStatus(db, row.hospitalId, id);
    if (row.stage !== 'discovered' || alert || status !== null) {
      throw new AppError(409, 'incident_in_use', { 'zh-CN': '事件已进入处置、接管了预警或已有回应稿，只能结案，不能删除', en: 'Only an incident still at discovery, without alerts or a response article, can be deleted' });
    }
    await tx.delete(incidents).where(eq(incidents.id, id));
    await recordAudit(tx, ctx, { action: 'incident.delete', entityType: 'incident', entityId: id, hospitalId: row.hospitalId, before: toIncident(row, { users: new Map(), departments: new Map() }) });
  });
}

// ── stories, mentions, alerts ───────────────────────────────────────────

async function linkCluster(tx: DbOrTx, ctx: RequestContext, row: IncidentRow, clusterId: number) {
  const cluster = await clusterById(tx, row.hospitalId, clusterId);
  if (!cluster) throw errors.invalidField('clusterId', '舆情话题不存在', 'Unknown cluster');
  const [added] = await tx.insert(incidentClusters).values({ incidentId: row.id, clusterId, addedBy: ctx.actor.userId }).onConflictDoNothing().returning();
  if (added) await recordIncidentChange(tx, ctx, row, { kind: 'cluster_linked', note: cluster.title, data: { clusterId, size: cluster.size } });
}

async function linkMentions(tx: DbOrTx, ctx: RequestContext, row: IncidentRow, ids: number[]) {
  const wanted = [...new Set(ids)];
  const found = await mentionsByIds(tx, row.hospitalId, wanted);
  const unknown = wanted.filter((id) => !found.some((m) => m.id === id));
  if (unknown.length) throw errors.invalidField('mentionIds', `舆情信息不存在：${unknown.join('、')}`, `Unknown mentions: ${unknown.join(', ')}`);
  const added = await tx.insert(incidentMentions).values(wanted.map((mentionId) => ({ incidentId: row.id, mentionId, addedBy: ctx.actor.userId }))).onConflictDoNothing().returning({ id: incidentMentions.mentionId });
  if (added.length) await recordIncidentChange(tx, ctx, row, { kind: 'mention_linked', note: `关联 ${added.length} 条舆情信息`, data: { mentionIds: added.map((a) => a.id) } });
}

/** The incident takes the alert over (the alerts module moves it), with its story and its mentions outside that story. */
async function linkAlert(tx: DbOrTx, ctx: RequestContext, row: IncidentRow, alertId: number) {
  const mentionIds = await alertMentionIds(tx, row.hospitalId, alertId);
  const alert = await linkAlertToIncident(tx, ctx, row.hospitalId, alertId, row.id);
  await tx.insert(incidentAlerts).values({ incidentId: row.id, alertId, linkedBy: ctx.actor.userId });
  await recordIncidentChange(tx, ctx, row, { kind: 'alert_linked', note: alert.title, data: { alertId, level: alert.level, clusterId: alert.clusterId } });
  const story = alert.clusterId === null ? null : await clusterById(tx, row.hospitalId, alert.clusterId);
  if (story) await linkCluster(tx, ctx, row, story.id);
  const outside = (await mentionsByIds(tx, row.hospitalId, mentionIds)).filter((m) => story === null || m.clusterId !== story.id).map((m) => m.id);
  if (outside.length) await linkMentions(tx, ctx, row, outside);
}

export const addCluster = (db: Db, ctx: RequestContext, id: number, clusterId: number) => change(db, ctx, id, (tx, row) => linkCluster(tx, ctx, row, clusterId));

export const addMentions = (db: Db, ctx: RequestContext, id: number, mentionIds: number[]) => change(db, ctx, id, (tx, row) => linkMentions(tx, ctx, row, mentionIds));

export const addAlert = (db: Db, ctx: RequestContext, id: number, alertId: number) => change(db, ctx, id, (tx, row) => linkAlert(tx, ctx, row, alertId));

export async function removeCluster(db: Db, ctx: RequestContext, id: number, clusterId: number) {
  return change(db, ctx, id, async (tx, row) => {
    const [removed] = await tx.delete(incidentClusters).where(and(eq(incidentClusters.incidentId, id), eq(incidentClusters.clusterId, clusterId))).returning();
    if (!removed) throw errors.notFound('incident_cluster');
    await recordIncidentChange(tx, ctx, row, { kind: 'cluster_unlinked', data: { clusterId } });
  });
}

export async function removeMention(db: Db, ctx: RequestContext, id: number, mentionId: number) {
  return change(db, ctx, id, async (tx, row) => {
    const [removed] = await tx.delete(incidentMentions).where(and(eq(incidentMentions.incidentId, id), eq(incidentMentions.mentionId, mentionId))).returning();
    if (!removed) throw errors.notFound('incident_mention');
    await recordIncidentChange(tx, ctx, row, { kind: 'mention_unlinked', data: { mentionId } });
  });
}

// ── tasks and notes ─────────────────────────────────────────────────────

export type TaskInput = { title: string; assigneeId: number; dueAt?: Date | null };

export async function addTask(db: Db, ctx: RequestContext, id: number, input: TaskInput) {
  return change(db, ctx, id, async (tx, row) => {
    await assertActiveUser(tx, row.hospitalId, input.assigneeId, 'assigneeId');
    const [task] = await tx.insert(incidentTasks).values({ incidentId: id, title: input.title, assigneeId: input.assigneeId, dueAt: input.dueAt ?? null, createdBy: ctx.actor.userId }).returning();
    await recordIncidentChange(tx, ctx, row, { kind: 'task_added', note: task.title, data: { taskId: task.id, assigneeId: task.assigneeId, dueAt: iso(task.dueAt) } });
  });
}

export type TaskPatch = Partial<TaskInput> & { done?: boolean };

/** Those who run the incident change anything of a task; its assignee only marks it done or not done. */
export async function updateTask(db: Db, ctx: RequestContext, id: number, taskId: number, patch: TaskPatch) {
  return change(
    db,
    ctx,
    id,
    async (tx, row, _now, access) => {
      const [task] = await tx.select().from(incidentTasks).where(and(eq(incidentTasks.id, taskId), eq(incidentTasks.incidentId, id))).for('update');
      if (!task) throw errors.notFound('incident_task');
      const onlyDone = patch.title === undefined && patch.assigneeId === undefined && patch.dueAt === undefined;
      if (!access.manage && !(onlyDone && task.assigneeId === ctx.actor.userId)) throw errors.forbidden();
      if (patch.assigneeId !== undefined && patch.assigneeId !== task.assigneeId) await assertActiveUser(tx, row.hospitalId, patch.assigneeId, 'assigneeId');
      const done = patch.done === undefined ? undefined : patch.done !== (task.doneAt !== null) ? patch.done : undefined;
      const [after] = await tx
        .update(incidentTasks)
        .set({
          ...(patch.title === undefined ? {} : { title: patch.title }),
          ...(patch.assigneeId === undefined ? {} : { assigneeId: patch.assigneeId }),
          ...(patch.dueAt === undefined ? {} : { dueAt: patch.dueAt }),
          ...(done === undefined ? {} : done ? { doneAt: sql`now()`, doneBy: ctx.actor.userId } : { doneAt: null, doneBy: null }),
          updatedAt: sql`now()`,
        })
        .where(eq(incidentTasks.id, taskId))
        .returning();
      const kind = done === undefined ? 'task_updated' : done ? 'task_done' : 'task_reopened';
      await recordIncidentChange(tx, ctx, row, {
        kind,
        note: after.title,
        data: { taskId, before: { title: task.title, assigneeId: task.assigneeId, dueAt: iso(task.dueAt), done: task.doneAt !== null }, after: { title: after.title, assigneeId: after.assigneeId, dueAt: iso(after.dueAt), done: after.doneAt !== null } },
      });
    },
    { need: 'read' },
  );
}

export async function removeTask(db: Db, ctx: RequestContext, id: number, taskId: number) {
  return change(db, ctx, id, async (tx, row) => {
    const [removed] = await tx.delete(incidentTasks).where(and(eq(incidentTasks.id, taskId), eq(incidentTasks.incidentId, id))).returning();
    if (!removed) throw errors.notFound('incident_task');
    await recordIncidentChange(tx, ctx, row, { kind: 'task_removed', note: removed.title, data: { taskId } });
  });
}

/** 备注 / 批示: anyone who reads the incident may add one, even after it closed. */
export async function addNote(db: Db, ctx: RequestContext, id: number, text: string) {
  return change(db, ctx, id, (tx, row) => recordIncidentChange(tx, ctx, row, { kind: 'note', note: text }), { allowClosed: true, need: 'read' });
}
