/** 预警规则: CRUD for the officers, and the active rules, compiled, for evaluation. */
import { and, asc, eq, gt, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../platform/db/database.ts';
import { isUniqueViolation } from '../../platform/db/pg-errors.ts';
import { AppError, errors } from '../../platform/http/errors.ts';
import { decodeCursor, pageOf } from '../../platform/http/pagination.ts';
import type { RequestContext } from '../../platform/http/request-context.ts';
import { recordAudit } from '../org/audit.service.ts';
import { CompiledRule, asLevel, type AlertRuleSpec } from './alert-rules.ts';
import { alertRules, alerts, notificationChannels, type AlertRecipients } from './alerts.tables.ts';
import { assertManagesOpinion, assertSeesOpinion } from './opinion.policy.ts';

type RuleRow = typeof alertRules.$inferSelect;
type RuleStatus = RuleRow['status'];

export const specOf = (r: RuleRow): AlertRuleSpec => ({
  minLevel: r.minLevel === null ? null : asLevel(r.minLevel),
  growth: r.growth,
  keywords: r.keywords,
  quietHours: r.quietHours,
  escalation: r.escalation,
});

export function toAlertRule(r: RuleRow) {
  return {
    id: r.id,
    name: r.name,
    status: r.status,
    ...specOf(r),
    recipients: r.recipients,
    createdBy: r.createdBy,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

export type AlertRuleInput = AlertRuleSpec & { name: string; status?: RuleStatus; recipients: AlertRecipients };

const duplicateName = () => errors.conflict('name', '已有同名预警规则', 'An alert rule with this name exists');

/** A rule must be able to fire, and may only send to the hospital's own channels. */
async function assertValidRule(db: DbOrTx, hospitalId: number, input: AlertRuleInput) {
  if (input.minLevel === null && !input.growth && !input.keywords?.terms.length) {
    throw errors.invalidField('minLevel', '请至少设置一种触发条件：预警等级、聚类增长或关键词', 'Set at least one trigger: a level, cluster growth or keywords');
  }
  if (input.quietHours && input.quietHours.start === input.quietHours.end) {
    throw errors.invalidField('quietHours.end', '免打扰的开始和结束时间不能相同', 'Quiet hours must not start and end at the same time');
  }
  const ids = [...new Set([...input.recipients.channelIds, ...(input.escalation?.channelIds ?? [])])];
  if (ids.length) {
    const found = await db.select({ id: notificationChannels.id }).from(notificationChannels).where(and(eq(notificationChannels.hospitalId, hospitalId), inArray(notificationChannels.id, ids)));
    const missing = ids.filter((id) => !found.some((f) => f.id === id));
    if (missing.length) throw errors.invalidField('recipients.channelIds', `通知渠道不存在：${missing.join('、')}`, `No such notification channels: ${missing.join(', ')}`);
  }
}

export type AlertRuleFilter = { limit: number; cursor?: string; status?: RuleStatus };

export async function listAlertRules(db: Db, ctx: RequestContext, filter: AlertRuleFilter) {
  assertSeesOpinion(ctx.actor);
  const after = decodeCursor(filter.cursor);
  const conditions: (SQL | undefined)[] = [
    eq(alertRules.hospitalId, ctx.actor.hospitalId),
    after === undefined ? undefined : gt(alertRules.id, after),
    filter.status ? eq(alertRules.status, filter.status) : undefined,
  ];
  const rows = await db.select().from(alertRules).where(and(...conditions)).orderBy(asc(alertRules.id)).limit(filter.limit + 1);
  return pageOf(rows, filter.limit, toAlertRule);
}

async function ruleRow(db: DbOrTx, ctx: RequestContext, id: number, lock = false) {
  const query = db.select().from(alertRules).where(and(eq(alertRules.id, id), eq(alertRules.hospitalId, ctx.actor.hospitalId)));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw errors.notFound('alert_rule');
  return row;
}

export async function getAlertRule(db: Db, ctx: RequestContext, id: number) {
  assertSeesOpinion(ctx.actor);
  return toAlertRule(await ruleRow(db, ctx, id));
}

const columnsOf = (input: AlertRuleInput) => ({
  name: input.name,
  minLevel: input.minLevel,
  growth: input.growth,
  keywords: input.keywords ? { terms: [...new Set(input.keywords.terms.map((t) => t.trim()).filter(Boolean))], level: input.keywords.level } : null,
  quietHours: input.quietHours,
  escalation: input.escalation,
  recipients: { roles: [...new Set(input.recipients.roles)], channelIds: [...new Set(input.recipients.channelIds)] },
});

export async function createAlertRule(db: Db, ctx: RequestContext, input: AlertRuleInput) {
  assertManagesOpinion(ctx.actor);
  try {
    return await db.transaction(async (tx) => {
      await assertValidRule(tx, ctx.actor.hospitalId, input);
      const [row] = await tx
        .insert(alertRules)
        .values({ hospitalId: ctx.actor.hospitalId, ...columnsOf(input), status: input.status ?? 'active', createdBy: ctx.actor.userId })
        .returning();
      await recordAudit(tx, ctx, { action: 'alert_rule.create', entityType: 'alert_rule', entityId: row.id, hospitalId: row.hospitalId, after: toAlertRule(row) });
      return toAlertRule(row);
    });
  } catch (err) {
    if (isUniqueViolation(err, 'alert_rule_hospital_name_uq')) throw duplicateName();
    throw err;
  }
}

/** A patch replaces the fields it names; the rule must still be valid as a whole. */
export async function updateAlertRule(db: Db, ctx: RequestContext, id: number, patch: Partial<AlertRuleInput>) {
  assertManagesOpinion(ctx.actor);
  try {
    return await db.transaction(async (tx) => {
      const before = await ruleRow(tx, ctx, id, true);
      const current = toAlertRule(before);
      const merged: AlertRuleInput = { ...current, ...patch };
      await assertValidRule(tx, ctx.actor.hospitalId, merged);
      const [row] = await tx
        .update(alertRules)
        .set({ ...columnsOf(merged), status: merged.status, updatedAt: sql`now()` })
        .where(eq(alertRules.id, id))
        .returning();
      await recordAudit(tx, ctx, { action: 'alert_rule.update', entityType: 'alert_rule', entityId: id, hospitalId: row.hospitalId, before: current, after: toAlertRule(row) });
      return toAlertRule(row);
    });
  } catch (err) {
    if (isUniqueViolation(err, 'alert_rule_hospital_name_uq')) throw duplicateName();
    throw err;
  }
}

/** A rule that never raised an alert can go; one that did is kept for its alerts' history (disable it instead). */
export async function deleteAlertRule(db: Db, ctx: RequestContext, id: number) {
  assertManagesOpinion(ctx.actor);
  await db.transaction(async (tx) => {
    const before = await ruleRow(tx, ctx, id, true);
    const [used] = await tx.select({ id: alerts.id }).from(alerts).where(eq(alerts.ruleId, id)).limit(1);
    if (used) throw new AppError(409, 'rule_in_use', { 'zh-CN': '该规则已产生预警，不能删除，可以停用', en: 'The rule has raised alerts; disable it instead' });
    await tx.delete(alertRules).where(eq(alertRules.id, id));
    await recordAudit(tx, ctx, { action: 'alert_rule.delete', entityType: 'alert_rule', entityId: id, hospitalId: before.hospitalId, before: toAlertRule(before) });
  });
}

export type ActiveRule = { row: RuleRow; compiled: CompiledRule };

// Compiling keywords builds an automaton; a rule is recompiled only when it changed.
const compiledCache = new Map<number, { updatedAt: number; compiled: CompiledRule }>();

/** The hospital's active rules, compiled (evaluation runs them over every mention). */
export async function activeRules(db: DbOrTx, hospitalId: number): Promise<ActiveRule[]> {
  const rows = await db.select().from(alertRules).where(and(eq(alertRules.hospitalId, hospitalId), eq(alertRules.status, 'active'))).orderBy(asc(alertRules.id));
  return rows.map((row) => {
    const cached = compiledCache.get(row.id);
    if (cached && cached.updatedAt === row.updatedAt.getTime()) return { row, compiled: cached.compiled };
    const compiled = new CompiledRule(specOf(row));
    compiledCache.set(row.id, { updatedAt: row.updatedAt.getTime(), compiled });
    return { row, compiled };
  });
}
