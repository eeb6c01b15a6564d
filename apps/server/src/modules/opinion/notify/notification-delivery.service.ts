/**
 * Notifications through the outbox: a delivery row and its job are written in the transaction that raises (or
 * escalates) the alert; after commit the row is sent at once (the job only backs that up, so a crash loses nothing
 * and the alert still reaches the group within a second); failures are retried with backoff and logged.
 *
 * A job names the attempt it is for, and only runs while the row is still at that attempt: the backup job of a row
 * the fast path already sent, or a job moved earlier, does nothing. Robots do not de-duplicate, so an attempt cut
 * off mid-call is sent again: a repeated message in a group is better than a lost alert.
 */
import { and, desc, eq, lt, sql, type SQL } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import type { Logger } from 'pino';
import type { Db, DbOrTx } from '../../../platform/db/database.ts';
import { decodeCursor, pageOf } from '../../../platform/http/pagination.ts';
import type { RequestContext } from '../../../platform/http/request-context.ts';
import type { JobRunner } from '../../../platform/jobs/job-runner.ts';
import type { SecretBox } from '../../../platform/secret-box.ts';
import { asLevel, type AlertLevel } from '../alert-rules.ts';
import { alertRules, alerts, notificationChannels, notificationDeliveries, type DeliveryPurpose, type DeliveryStatus, type NotificationChannelKind } from '../alerts.tables.ts';
import { mentionsByIds } from '../mention.service.ts';
import { assertSeesOpinion } from '../opinion.policy.ts';
import { users } from '../../org/org.tables.ts';
import { stageNames } from '../incident-stages.ts';
import { incidents } from '../incidents.tables.ts';
import { alertConsoleUrl, composeAlertMessage, composeIncidentEscalationMessage, composeTestMessage, incidentConsoleUrl, type NotificationMessage } from './alert-message.ts';
import type { NotificationSenders } from './senders.ts';
import { NotifyError, type ChannelCredentials, type SendResult } from './sender.ts';

export type NotifyDeps = { jobs: JobRunner; secrets: SecretBox; senders: NotificationSenders; publicBaseUrl: string | null; logger: Logger };

export const notificationQueue = 'opinion-notification';
export type NotificationJob = { deliveryId: number; attempt: number };

/** Automatic attempts before a delivery is failed. */
export const maxNotificationAttempts = 5;
/** Backoff before attempt n+1: 10 s, 30 s, 2 min, 10 min; a vendor's rate-limit window wins when longer. */
export function notificationRetryDelaySeconds(attemptsSoFar: number, retryAfterSeconds?: number) {
  const steps = [10, 30, 120, 600];
  return Math.max(steps[Math.min(attemptsSoFar, steps.length) - 1] ?? steps[0], retryAfterSeconds ?? 0);
}

/** When the outbox job of a row sent at once runs anyway (only if that send never happened: a crash). */
const backupDelayMs = 15_000;
const callTimeoutMs = 60_000;
/** An attempt still marked in flight after this long was interrupted. */
const interruptedAfterSeconds = 180;

type DeliveryRow = typeof notificationDeliveries.$inferSelect;
type ChannelRow = typeof notificationChannels.$inferSelect;

export function toDelivery(r: DeliveryRow, channelName: string) {
  return {
    id: r.id,
    alertId: r.alertId,
    incidentId: r.incidentId,
    channelId: r.channelId,
    channelName,
    channelKind: r.channelKind,
    purpose: r.purpose,
    level: r.level,
    target: r.target,
    payloadSummary: r.payloadSummary,
    status: r.status,
    attempts: r.attempts,
    lastError: r.lastError,
    responseCode: r.responseCode,
    nextAttemptAt: r.nextAttemptAt?.toISOString() ?? null,
    sentAt: r.sentAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

export const credentialsOf = (secrets: SecretBox, channel: ChannelRow): ChannelCredentials => ({
  id: channel.id,
  name: channel.name,
  settings: channel.settings,
  secrets: channel.secretsCiphertext ? secrets.open(channel.secretsCiphertext) : {},
});

export type NewDelivery = {
  hospitalId: number;
  alertId: number | null;
  /** An incident's escalation (which has no alert). */
  incidentId?: number;
  channel: ChannelRow;
  purpose: DeliveryPurpose;
  level: AlertLevel | null;
  summary: string;
  /** Quiet hours: not before this time. */
  heldUntil: Date | null;
  createdBy: number | null;
};

/**
 * Writes a delivery and its job in the caller's transaction. Returns the id when it should go out at once after
 * commit; null when it waits (quiet hours) or already existed (the same alert, channel, purpose and level).
 */
export async function queueDelivery(tx: DbOrTx, deps: NotifyDeps, input: NewDelivery): Promise<number | null> {
  const sender = deps.senders.get(input.channel.kind)!;
  const [row] = await tx
    .insert(notificationDeliveries)
    .values({
      hospitalId: input.hospitalId,
      alertId: input.alertId,
      incidentId: input.incidentId ?? null,
      channelId: input.channel.id,
      channelKind: input.channel.kind,
      purpose: input.purpose,
      level: input.level,
      target: sender.describeTarget(credentialsOf(deps.secrets, input.channel)),
      payloadSummary: input.summary.slice(0, 200),
      nextAttemptAt: input.heldUntil,
      createdBy: input.createdBy,
    })
    .onConflictDoNothing()
    .returning({ id: notificationDeliveries.id });
  if (!row) return null;
  const startAfter = input.heldUntil ?? new Date(Date.now() + backupDelayMs);
  await deps.jobs.enqueue(tx, notificationQueue, { deliveryId: row.id, attempt: 0 } satisfies NotificationJob, { startAfter, key: `${row.id}:0` });
  return input.heldUntil ? null : row.id;
}

/** Sends deliveries just committed, without waiting for the job queue's polling. */
export function sendNow(db: Db, deps: NotifyDeps, ids: number[]) {
  for (const deliveryId of ids) {
    runDelivery(db, deps, { deliveryId, attempt: 0 }).catch((err) => deps.logger.error({ err, deliveryId }, 'notification delivery failed; its job retries it'));
  }
}

type Outcome = { result: SendResult } | { failure: unknown } | { skipped: string };

/** One attempt: claim the row (its own transaction, so a crash leaves the mark), send outside any transaction, record. */
export async function runDelivery(db: Db, deps: NotifyDeps, job: NotificationJob): Promise<void> {
  const claimed = await db.transaction(async (tx) => {
    const [row] = await tx.select().from(notificationDeliveries).where(eq(notificationDeliveries.id, job.deliveryId)).for('update', { skipLocked: true });
    if (!row || row.status !== 'pending' || row.attempts !== job.attempt) return null;
    const [updated] = await tx
      .update(notificationDeliveries)
      .set({ status: 'sending', attempts: row.attempts + 1, attemptStartedAt: sql`now()`, nextAttemptAt: null, updatedAt: sql`now()` })
      .where(eq(notificationDeliveries.id, row.id))
      .returning();
    return updated;
  });
  if (!claimed) return;
  let outcome: Outcome;
  try {
    outcome = await attempt(db, deps, claimed);
  } catch (err) {
    if (!(err instanceof NotifyError)) deps.logger.error({ err, deliveryId: claimed.id }, 'notification delivery raised an unexpected error');
    outcome = { failure: err };
  }
  await recordOutcome(db, deps, claimed, outcome);
}

async function attempt(db: Db, deps: NotifyDeps, delivery: DeliveryRow): Promise<Outcome> {
  const [channel] = await db.select().from(notificationChannels).where(eq(notificationChannels.id, delivery.channelId));
  if (!channel || channel.status !== 'active') return { skipped: '通知渠道已停用' };
  let message: NotificationMessage;
  if (delivery.alertId !== null || delivery.incidentId !== null) {
    const composed = delivery.alertId !== null ? await alertMessageOf(db, deps, delivery, delivery.alertId) : await incidentMessageOf(db, deps, delivery.incidentId!);
    if ('skipped' in composed) return composed;
    message = composed.message;
  } else {
    message = composeTestMessage(channel.name, new Date());
  }
  const result = await deps.senders.get(channel.kind)!.send({
    channel: credentialsOf(deps.secrets, channel),
    message,
    idempotencyKey: `rongmei-notification-${delivery.id}`,
    signal: AbortSignal.timeout(callTimeoutMs),
  });
  return { result };
}

/**
 * The alert as it is now, told at the delivery's level. A closed alert is told nothing more; a blue or yellow one
 * somebody already acknowledged (typically overnight, while its notification waited for quiet hours to end) neither.
 */
async function alertMessageOf(db: Db, deps: NotifyDeps, delivery: DeliveryRow, alertId: number): Promise<{ message: NotificationMessage } | { skipped: string }> {
  const [found] = await db.select({ alert: alerts, ruleName: alertRules.name }).from(alerts).innerJoin(alertRules, eq(alertRules.id, alerts.ruleId)).where(eq(alerts.id, alertId));
  const level = asLevel(delivery.level ?? 0) ?? 1;
  if (!found || found.alert.status === 'closed') return { skipped: '预警已关闭，不再通知' };
  if (found.alert.status !== 'open' && level < 3) return { skipped: '预警已有人确认，不再通知' };
  const { alert } = found;
  const [first] = await mentionsByIds(db, alert.hospitalId, [alert.firstMentionId]);
  const message = composeAlertMessage(
    {
      id: alert.id,
      level: asLevel(alert.level) ?? level,
      title: alert.title,
      ruleName: found.ruleName,
      reasons: alert.reasons,
      mentionCount: alert.mentionCount,
      raisedAt: alert.createdAt,
      firstMention: first ? { sourceName: first.sourceName, author: first.author, url: first.url, occurredAt: new Date(first.occurredAt), excerpt: first.text || first.title } : null,
    },
    delivery.purpose === 'escalation' ? 'escalation' : 'alert',
    level,
    alertConsoleUrl(deps.publicBaseUrl, alert.id),
  );
  return { message };
}

/** The escalated incident as it is now; a closed one is told nothing more. */
async function incidentMessageOf(db: Db, deps: NotifyDeps, incidentId: number): Promise<{ message: NotificationMessage } | { skipped: string }> {
  const [row] = await db.select({ incident: incidents, ownerName: users.displayName }).from(incidents).leftJoin(users, eq(users.id, incidents.ownerId)).where(eq(incidents.id, incidentId));
  if (!row || row.incident.stage === 'closed') return { skipped: '事件已结案，不再通知' };
  const { incident } = row;
  const message = composeIncidentEscalationMessage(
    {
      id: incident.id,
      level: asLevel(incident.level) ?? 4,
      title: incident.title,
      stage: stageNames[incident.stage],
      reason: incident.escalationReason ?? 'red',
      ownerName: row.ownerName,
      discoveredAt: incident.discoveredAt,
      firstResponseDueAt: incident.firstResponseDueAt,
      escalatedAt: incident.escalatedAt ?? incident.updatedAt,
    },
    incidentConsoleUrl(deps.publicBaseUrl, incident.id),
  );
  return { message };
}

const errorText = (err: unknown) => (err instanceof NotifyError ? `[${err.options.code}] ${err.message}` : '发送出错（内部错误），请查看服务器日志');

async function recordOutcome(db: Db, deps: NotifyDeps, claimed: DeliveryRow, outcome: Outcome) {
  await db.transaction(async (tx) => {
    const finish = (changes: PgUpdateSetSource<typeof notificationDeliveries>) =>
      tx.update(notificationDeliveries).set({ ...changes, attemptStartedAt: null, updatedAt: sql`now()` }).where(eq(notificationDeliveries.id, claimed.id));
    if ('result' in outcome) return finish({ status: 'sent', sentAt: sql`now()`, responseCode: outcome.result.responseCode, lastError: null });
    if ('skipped' in outcome) return finish({ status: 'skipped', lastError: outcome.skipped });
    const err = outcome.failure;
    const responseCode = err instanceof NotifyError ? (err.options.responseCode ?? null) : null;
    if (err instanceof NotifyError && err.options.retryable && claimed.attempts < maxNotificationAttempts) {
      const at = new Date(Date.now() + notificationRetryDelaySeconds(claimed.attempts, err.options.retryAfterSeconds) * 1000);
      await finish({ status: 'pending', nextAttemptAt: at, lastError: errorText(err), responseCode });
      await deps.jobs.enqueue(tx, notificationQueue, { deliveryId: claimed.id, attempt: claimed.attempts } satisfies NotificationJob, { startAfter: at, key: `${claimed.id}:${claimed.attempts}` });
      return;
    }
    return finish({ status: 'failed', lastError: errorText(err), responseCode });
  });
}

/** Attempts a crash cut off: queued again (or failed once out of attempts). */
export async function recoverInterruptedDeliveries(db: Db, deps: NotifyDeps) {
  const stale = await db
    .select({ id: notificationDeliveries.id })
    .from(notificationDeliveries)
    .where(and(sql`${notificationDeliveries.attemptStartedAt} is not null`, lt(notificationDeliveries.attemptStartedAt, sql`now() - make_interval(secs => ${interruptedAfterSeconds})`)))
    .limit(100);
  for (const { id } of stale) {
    await db.transaction(async (tx) => {
      const [row] = await tx
        .select()
        .from(notificationDeliveries)
        .where(and(eq(notificationDeliveries.id, id), eq(notificationDeliveries.status, 'sending'), lt(notificationDeliveries.attemptStartedAt, sql`now() - make_interval(secs => ${interruptedAfterSeconds})`)))
        .for('update', { skipLocked: true });
      if (!row) return;
      const again = row.attempts < maxNotificationAttempts;
      await tx
        .update(notificationDeliveries)
        .set({ status: again ? 'pending' : 'failed', attemptStartedAt: null, lastError: again ? '[interrupted] 发送过程中断，已重新排队' : '[interrupted] 发送过程中断，且已无重试次数', updatedAt: sql`now()` })
        .where(eq(notificationDeliveries.id, id));
      if (again) await deps.jobs.enqueue(tx, notificationQueue, { deliveryId: id, attempt: row.attempts } satisfies NotificationJob, { key: `${id}:${row.attempts}:recovered` });
    });
  }
  return stale.length;
}

export type DeliveryFilter = { limit: number; cursor?: string; alertId?: number; incidentId?: number; channelId?: number; status?: DeliveryStatus; purpose?: DeliveryPurpose; channelKind?: NotificationChannelKind };

/** The delivery log, newest first. */
export async function listDeliveries(db: Db, ctx: RequestContext, filter: DeliveryFilter) {
  assertSeesOpinion(ctx.actor);
  const before = decodeCursor(filter.cursor);
  const conditions: (SQL | undefined)[] = [
    eq(notificationDeliveries.hospitalId, ctx.actor.hospitalId),
    before === undefined ? undefined : lt(notificationDeliveries.id, before),
    filter.alertId === undefined ? undefined : eq(notificationDeliveries.alertId, filter.alertId),
    filter.incidentId === undefined ? undefined : eq(notificationDeliveries.incidentId, filter.incidentId),
    filter.channelId === undefined ? undefined : eq(notificationDeliveries.channelId, filter.channelId),
    filter.status ? eq(notificationDeliveries.status, filter.status) : undefined,
    filter.purpose ? eq(notificationDeliveries.purpose, filter.purpose) : undefined,
    filter.channelKind ? eq(notificationDeliveries.channelKind, filter.channelKind) : undefined,
  ];
  const rows = await db
    .select({ delivery: notificationDeliveries, channelName: notificationChannels.name })
    .from(notificationDeliveries)
    .innerJoin(notificationChannels, eq(notificationChannels.id, notificationDeliveries.channelId))
    .where(and(...conditions))
    .orderBy(desc(notificationDeliveries.id))
    .limit(filter.limit + 1);
  return pageOf(rows.map((r) => ({ ...r, id: r.delivery.id })), filter.limit, (r) => toDelivery(r.delivery, r.channelName));
}
