/**
 * Evaluation: stored mentions against the hospital's active alert rules. It runs on the `mention.ingested` event (at
 * once) and from a sweep over the mention table since a watermark (what a lost event or a dead process missed).
 * Both may see the same mention: a mention joins an alert once (alert_mention's key), an alert exists once per rule
 * and cluster while live (a partial unique index), so evaluating twice changes nothing.
 */
import { and, asc, desc, eq, gt, inArray, lte, ne, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../platform/db/database.ts';
import { eventBus } from '../../platform/events.ts';
import type { SystemContext } from '../../platform/http/request-context.ts';
import { recordAudit } from '../org/audit.service.ts';
import type { Role } from '../org/roles.ts';
import { activeRules, specOf } from './alert-rule.service.ts';
import { defaultEscalationRoles, escalationDueAt, levelAfter, notificationHeldUntil, type AlertLevel, type RuleTrigger, type TriggerReason } from './alert-rules.ts';
import { canMoveAlert } from './alert-states.ts';
import { recordAlertEvent } from './alert.service.ts';
import { alertEvaluationWatermark, alertEvents, alertMentions, alertRules, alerts, notificationChannels } from './alerts.tables.ts';
import { clusterGrowth, mentionsByIds, type Mention } from './mention.service.ts';
import { alertHeadline } from './notify/alert-message.ts';
import { queueDelivery, sendNow, type NotifyDeps } from './notify/notification-delivery.service.ts';
import { mentions } from './opinion.tables.ts';

export type AlertDeps = NotifyDeps & { stream: { nudge(hospitalId: number): void } };

type AlertRow = typeof alerts.$inferSelect;
type RuleRow = typeof alertRules.$inferSelect;
type Entry = { mention: Mention; trigger: RuleTrigger | null };
type Group = { rule: RuleRow; groupKey: string; clusterId: number | null; entries: Entry[] };
type Applied = { alert: AlertRow; raised: boolean; rose: boolean; sendNow: number[] };

/** A hot story joins its alert on every ingest batch: the timeline and the stream hear of it at most this often. */
const updatedEventEverySeconds = 5;

const system = (task: string): SystemContext => ({ actor: null, ip: null, requestId: `job:${task}` });
const groupKeyOf = (m: Pick<Mention, 'id' | 'clusterId'>) => (m.clusterId !== null ? `c${m.clusterId}` : `m${m.id}`);
const titleOf = (m: Mention) => (m.title.trim() || m.text.replace(/\s+/g, ' ').trim()).slice(0, 120) || `#${m.id}`;

/** The reasons an alert keeps: one per kind and detail, the newest last, at most 10. */
function mergeReasons(current: TriggerReason[], added: TriggerReason[]): TriggerReason[] {
  const keyOf = (r: TriggerReason) => (r.kind === 'keyword' ? `keyword:${r.terms.join(',')}` : r.kind === 'level' ? `level:${r.risk}` : `growth:${r.minutes}`);
  const byKey = new Map(current.map((r) => [keyOf(r), r]));
  for (const r of added) {
    byKey.delete(keyOf(r));
    byKey.set(keyOf(r), r);
  }
  return [...byKey.values()].slice(-10);
}

/** Growth per cluster for a rule: only clusters big enough to reach N can, so singletons cost no query. */
async function growthCounts(db: DbOrTx, rule: RuleRow, found: Mention[]): Promise<Map<number, number>> {
  const counts = new Map<number, number>();
  if (!rule.growth) return counts;
  const until = new Map<number, number>();
  for (const m of found) {
    if (m.clusterId === null || !m.aboutHospital || (m.clusterSize ?? 0) < rule.growth.mentions) continue;
    until.set(m.clusterId, Math.max(until.get(m.clusterId) ?? 0, Date.parse(m.occurredAt)));
  }
  for (const [clusterId, at] of until) counts.set(clusterId, await clusterGrowth(db, clusterId, rule.growth.minutes, new Date(at)));
  return counts;
}

/** Evaluates stored mentions of a hospital, raising or updating alerts and sending what they must send. */
export async function evaluateMentions(db: Db, deps: AlertDeps, hospitalId: number, mentionIds: number[]) {
  if (mentionIds.length === 0) return;
  const rules = await activeRules(db, hospitalId);
  if (rules.length === 0) return;
  const found = (await mentionsByIds(db, hospitalId, mentionIds)).sort((a, b) => a.id - b.id);
  if (found.length === 0) return;

  const live = await db
    .select({ ruleId: alerts.ruleId, groupKey: alerts.groupKey })
    .from(alerts)
    .where(and(inArray(alerts.ruleId, rules.map((r) => r.row.id)), inArray(alerts.groupKey, [...new Set(found.map(groupKeyOf))]), ne(alerts.status, 'closed')));
  const liveKeys = new Set(live.map((l) => `${l.ruleId}:${l.groupKey}`));

  const groups = new Map<string, Group>();
  for (const { row: rule, compiled } of rules) {
    const counts = await growthCounts(db, rule, found);
    for (const mention of found) {
      // A rule applies from its creation on: the sweep, reading a mention later, decides as the event did then.
      if (Date.parse(mention.ingestedAt) < rule.createdAt.getTime()) continue;
      const count = rule.growth ? (mention.clusterId === null ? 1 : (counts.get(mention.clusterId) ?? null)) : null;
      const trigger = compiled.evaluate(mention, count);
      const key = `${rule.id}:${groupKeyOf(mention)}`;
      // A mention that does not trigger still joins its cluster's live alert: the alert counts the story's reach.
      if (!trigger && !liveKeys.has(key)) continue;
      const group = groups.get(key) ?? { rule, groupKey: groupKeyOf(mention), clusterId: mention.clusterId, entries: [] };
      group.entries.push({ mention, trigger });
      groups.set(key, group);
    }
  }

  const applied: Applied[] = [];
  // In key order, so two evaluations of overlapping batches lock alerts in the same order.
  for (const key of [...groups.keys()].sort()) {
    const result = await applyGroup(db, deps, groups.get(key)!);
    if (result) applied.push(result);
  }
  afterCommit(db, deps, hospitalId, applied);
}

function afterCommit(db: Db, deps: AlertDeps, hospitalId: number, applied: Applied[]) {
  if (applied.length === 0) return;
  for (const { alert, raised, rose } of applied) {
    if (raised || rose) eventBus.publish('alert.raised', { alertId: alert.id, hospitalId, ruleId: alert.ruleId, clusterId: alert.clusterId, level: alert.level, status: alert.status, raised });
  }
  deps.stream.nudge(hospitalId);
  sendNow(db, deps, applied.flatMap((a) => a.sendNow));
}

/** The rule's channels that are active, in the order the rule lists them. */
async function channelsOf(tx: DbOrTx, hospitalId: number, ids: number[]) {
  if (ids.length === 0) return [];
  const rows = await tx.select().from(notificationChannels).where(and(eq(notificationChannels.hospitalId, hospitalId), inArray(notificationChannels.id, ids), eq(notificationChannels.status, 'active')));
  return ids.flatMap((id) => rows.filter((r) => r.id === id));
}

async function notifyRecipients(tx: DbOrTx, deps: AlertDeps, alert: AlertRow, rule: RuleRow, now: Date) {
  const level = alert.level as AlertLevel;
  const heldUntil = notificationHeldUntil(specOf(rule), level, now);
  const ids: number[] = [];
  for (const channel of await channelsOf(tx, alert.hospitalId, rule.recipients.channelIds)) {
    const id = await queueDelivery(tx, deps, { hospitalId: alert.hospitalId, alertId: alert.id, channel, purpose: 'alert', level, summary: alertHeadline('alert', level, alert.title), heldUntil, createdBy: null });
    if (id !== null) ids.push(id);
  }
  return ids;
}

/**
 * Escalation to leaders (the rule's escalation roles and channels): for an open alert nobody acknowledged in time,
 * and at once for 红. Returns the deliveries to send now.
 */
async function escalate(tx: DbOrTx, deps: AlertDeps, alert: AlertRow, rule: RuleRow, now: Date): Promise<{ alert: AlertRow; sendNow: number[] }> {
  const spec = specOf(rule);
  const level = alert.level as AlertLevel;
  const roles: Role[] = spec.escalation?.roles.length ? spec.escalation.roles : [...defaultEscalationRoles];
  const heldUntil = notificationHeldUntil(spec, level, now);
  const ids: number[] = [];
  for (const channel of await channelsOf(tx, alert.hospitalId, spec.escalation?.channelIds ?? [])) {
    const id = await queueDelivery(tx, deps, { hospitalId: alert.hospitalId, alertId: alert.id, channel, purpose: 'escalation', level, summary: alertHeadline('escalation', level, alert.title), heldUntil, createdBy: null });
    if (id !== null) ids.push(id);
  }
  const [after] = await tx.update(alerts).set({ escalatedLevel: level, escalatedAt: now, escalationDueAt: null, updatedAt: sql`now()` }).where(eq(alerts.id, alert.id)).returning();
  await recordAudit(tx, system('alert-escalation'), { action: 'alert.escalate', entityType: 'alert', entityId: alert.id, hospitalId: alert.hospitalId, after: { level, roles, channelIds: spec.escalation?.channelIds ?? [] } });
  await recordAlertEvent(tx, after, 'escalated', { notifyRoles: roles, note: level === 4 ? '红色预警，立即报告' : '超时未确认' });
  return { alert: after, sendNow: ids };
}

/** Finds or raises the live alert of one rule and cluster, and adds the group's mentions to it. */
async function applyGroup(db: Db, deps: AlertDeps, group: Group): Promise<Applied | null> {
  return db.transaction(async (tx) => {
    const { rule } = group;
    const now = new Date();
    const live = () => tx.select().from(alerts).where(and(eq(alerts.ruleId, rule.id), eq(alerts.groupKey, group.groupKey), ne(alerts.status, 'closed'))).for('update');
    let [alert] = await live();
    let raised = false;
    if (!alert) {
      const first = group.entries.find((e) => e.trigger);
      // The live alert this group was to join was closed meanwhile, and nothing here raises a new one.
      if (!first) return null;
      const [inserted] = await tx
        .insert(alerts)
        .values({
          hospitalId: rule.hospitalId,
          ruleId: rule.id,
          clusterId: group.clusterId,
          groupKey: group.groupKey,
          level: first.trigger!.level,
          title: titleOf(first.mention),
          reasons: [],
          firstMentionId: first.mention.id,
          lastMentionAt: new Date(first.mention.occurredAt),
        })
        .onConflictDoNothing({ target: [alerts.ruleId, alerts.groupKey], where: sql`status <> 'closed'` })
        .returning();
      if (inserted) {
        alert = inserted;
        raised = true;
      } else {
        [alert] = await live();
      }
    }
    const added = await tx
      .insert(alertMentions)
      .values(group.entries.map((e) => ({ alertId: alert.id, mentionId: e.mention.id })))
      .onConflictDoNothing()
      .returning({ mentionId: alertMentions.mentionId });
    if (added.length === 0) return null;
    const addedIds = new Set(added.map((a) => a.mentionId));
    const fresh = group.entries.filter((e) => addedIds.has(e.mention.id));

    const level = fresh.reduce<AlertLevel>((l, e) => levelAfter(l, e.mention, e.trigger), alert.level as AlertLevel);
    const rose = !raised && level > alert.level;
    let status = alert.status;
    const ctx = system('alert-evaluation');
    if (rose && status === 'acknowledged' && canMoveAlert(status, 'open')) {
      // The story got worse after someone acknowledged it: it needs looking at again.
      status = 'open';
      await recordAudit(tx, ctx, { action: 'alert.reopened', entityType: 'alert', entityId: alert.id, hospitalId: alert.hospitalId, before: { status: 'acknowledged', level: alert.level }, after: { status, level } });
    }
    const notify = (raised || rose) && status !== 'incident';
    const spec = specOf(rule);
    const rearm = status === 'open' && (raised || rose) && alert.escalatedLevel === 0;
    const [updated] = await tx
      .update(alerts)
      .set({
        level,
        status,
        reasons: mergeReasons(alert.reasons, fresh.flatMap((e) => e.trigger?.reasons ?? [])),
        mentionCount: alert.mentionCount + fresh.length,
        lastMentionAt: new Date(Math.max(alert.lastMentionAt.getTime(), ...fresh.map((e) => Date.parse(e.mention.occurredAt)))),
        notifiedLevel: notify ? level : alert.notifiedLevel,
        escalationDueAt: rearm ? escalationDueAt(spec, level, now) : alert.escalationDueAt,
        updatedAt: sql`now()`,
      })
      .where(eq(alerts.id, alert.id))
      .returning();
    const roles = notify ? rule.recipients.roles : [];
    if (raised) {
      await recordAudit(tx, ctx, { action: 'alert.raised', entityType: 'alert', entityId: updated.id, hospitalId: updated.hospitalId, after: { level, ruleId: rule.id, clusterId: updated.clusterId, title: updated.title, mentionIds: fresh.map((e) => e.mention.id) } });
      await recordAlertEvent(tx, updated, 'raised', { notifyRoles: roles });
    } else if (rose) {
      if (status !== alert.status) await recordAlertEvent(tx, updated, 'reopened');
      await recordAudit(tx, ctx, { action: 'alert.level_raised', entityType: 'alert', entityId: updated.id, hospitalId: updated.hospitalId, before: { level: alert.level }, after: { level } });
      await recordAlertEvent(tx, updated, 'level_raised', { notifyRoles: roles });
    } else {
      const [last] = await tx.select({ at: alertEvents.at }).from(alertEvents).where(eq(alertEvents.alertId, alert.id)).orderBy(desc(alertEvents.id)).limit(1);
      if (!last || last.at.getTime() < now.getTime() - updatedEventEverySeconds * 1000) await recordAlertEvent(tx, updated, 'updated');
    }
    const ids = notify ? await notifyRecipients(tx, deps, updated, rule, now) : [];
    let result = updated;
    if (updated.status === 'open' && level === 4 && updated.escalatedLevel < 4) {
      const escalated = await escalate(tx, deps, updated, rule, now);
      result = escalated.alert;
      ids.push(...escalated.sendNow);
    }
    return { alert: result, raised, rose, sendNow: ids };
  });
}

/** Open alerts whose escalation is due: nobody acknowledged them in the rule's time. */
export async function escalateOverdueAlerts(db: Db, deps: AlertDeps) {
  const due = await db
    .select({ id: alerts.id })
    .from(alerts)
    .where(and(eq(alerts.status, 'open'), lte(alerts.escalationDueAt, sql`now()`)))
    .orderBy(asc(alerts.escalationDueAt))
    .limit(100);
  for (const { id } of due) {
    const done = await db.transaction(async (tx) => {
      const [row] = await tx
        .select({ alert: alerts, rule: alertRules })
        .from(alerts)
        .innerJoin(alertRules, eq(alertRules.id, alerts.ruleId))
        .where(and(eq(alerts.id, id), eq(alerts.status, 'open'), lte(alerts.escalationDueAt, sql`now()`)))
        .for('update', { of: alerts, skipLocked: true });
      return row ? escalate(tx, deps, row.alert, row.rule, new Date()) : null;
    });
    if (done) afterCommit(db, deps, done.alert.hospitalId, [{ alert: done.alert, raised: false, rose: false, sendNow: done.sendNow }]);
  }
  return due.length;
}

/** Mentions younger than this may still be committing with lower ids than younger ones: the watermark waits for them. */
const settleSeconds = 30;
const sweepBatch = 1000;
/** Rounds per sweep: a backlog is caught up over several sweeps rather than in one long one. */
const maxSweepRounds = 20;
/** On first run the sweep starts this far back (older history is not alerted on when alerting is switched on). */
const firstRunLookbackSeconds = 3600;

/**
 * The sweep: mentions after the watermark, in id order, up to the first one too recent to be sure nothing before it
 * is still committing; each hospital's are evaluated and the watermark moves past them. One instance at a time
 * (the watermark row is locked, others skip).
 */
export async function evaluateMissedMentions(db: Db, deps: AlertDeps) {
  let evaluated = 0;
  for (let round = 0; round < maxSweepRounds; round++) {
    const swept = await db.transaction(async (tx) => {
      await tx
        .insert(alertEvaluationWatermark)
        .values({ id: 1, lastMentionId: sql`coalesce((select max(${mentions.id}) from ${mentions} where ${mentions.ingestedAt} < now() - make_interval(secs => ${firstRunLookbackSeconds})), 0)` })
        .onConflictDoNothing();
      const [mark] = await tx.select().from(alertEvaluationWatermark).where(eq(alertEvaluationWatermark.id, 1)).for('update', { skipLocked: true });
      if (!mark) return { count: 0, more: false };
      const rows = await tx
        .select({ id: mentions.id, hospitalId: mentions.hospitalId, settled: sql<boolean>`${mentions.ingestedAt} < now() - make_interval(secs => ${settleSeconds})` })
        .from(mentions)
        .where(gt(mentions.id, mark.lastMentionId))
        .orderBy(asc(mentions.id))
        .limit(sweepBatch);
      const young = rows.findIndex((r) => !r.settled);
      const settled = young < 0 ? rows : rows.slice(0, young);
      if (settled.length === 0) return { count: 0, more: false };
      const byHospital = new Map<number, number[]>();
      for (const r of settled) byHospital.set(r.hospitalId, [...(byHospital.get(r.hospitalId) ?? []), r.id]);
      for (const [hospitalId, ids] of byHospital) await evaluateMentions(db, deps, hospitalId, ids);
      await tx.update(alertEvaluationWatermark).set({ lastMentionId: settled.at(-1)!.id, updatedAt: sql`now()` }).where(eq(alertEvaluationWatermark.id, 1));
      return { count: settled.length, more: settled.length === sweepBatch };
    });
    evaluated += swept.count;
    if (!swept.more) break;
  }
  return evaluated;
}
