/**
 * 通知渠道: group robots, mailing lists and signed webhooks that alert rules send to. Keys and secrets are sealed with
 * the platform SecretBox and never returned (only which ones are set); every change is audited without them.
 */
import { and, asc, eq, gt, sql, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../../platform/db/database.ts';
import { isUniqueViolation } from '../../../platform/db/pg-errors.ts';
import { AppError, errors } from '../../../platform/http/errors.ts';
import { decodeCursor, pageOf } from '../../../platform/http/pagination.ts';
import type { RequestContext } from '../../../platform/http/request-context.ts';
import type { SecretBox } from '../../../platform/secret-box.ts';
import { recordAudit } from '../../org/audit.service.ts';
import { notificationChannels, notificationDeliveries, type NotificationChannelKind } from '../alerts.tables.ts';
import { assertManagesOpinion, assertSeesOpinion } from '../opinion.policy.ts';
import { credentialsOf, queueDelivery, runDelivery, toDelivery, type NotifyDeps } from './notification-delivery.service.ts';
import type { NotificationSenders } from './senders.ts';

type ChannelRow = typeof notificationChannels.$inferSelect;
type ChannelStatus = ChannelRow['status'];

export function toNotificationChannel(r: ChannelRow, secrets: SecretBox, senders: NotificationSenders) {
  const credentials = credentialsOf(secrets, r);
  return {
    id: r.id,
    kind: r.kind,
    name: r.name,
    settings: r.settings,
    secretsSet: Object.keys(credentials.secrets).sort(),
    target: senders.get(r.kind)!.describeTarget(credentials),
    status: r.status,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

const duplicateName = () => errors.conflict('name', '已有同名通知渠道', 'A notification channel with this name exists');

/** The fields each kind takes, for the console's forms. */
export function notificationChannelKindsOf(senders: NotificationSenders) {
  return { items: [...senders.values()].map((s) => ({ kind: s.kind, fields: s.fields.map((f) => ({ ...f })) })) };
}

export type ChannelListFilter = { limit: number; cursor?: string; kind?: NotificationChannelKind; status?: ChannelStatus };

export async function listNotificationChannels(db: Db, secrets: SecretBox, senders: NotificationSenders, ctx: RequestContext, filter: ChannelListFilter) {
  assertSeesOpinion(ctx.actor);
  const after = decodeCursor(filter.cursor);
  const conditions: (SQL | undefined)[] = [
    eq(notificationChannels.hospitalId, ctx.actor.hospitalId),
    after === undefined ? undefined : gt(notificationChannels.id, after),
    filter.kind ? eq(notificationChannels.kind, filter.kind) : undefined,
    filter.status ? eq(notificationChannels.status, filter.status) : undefined,
  ];
  const rows = await db.select().from(notificationChannels).where(and(...conditions)).orderBy(asc(notificationChannels.id)).limit(filter.limit + 1);
  return pageOf(rows, filter.limit, (r) => toNotificationChannel(r, secrets, senders));
}

async function channelRow(db: DbOrTx, ctx: RequestContext, id: number, lock = false) {
  const query = db.select().from(notificationChannels).where(and(eq(notificationChannels.id, id), eq(notificationChannels.hospitalId, ctx.actor.hospitalId)));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw errors.notFound('notification_channel');
  return row;
}

export async function getNotificationChannel(db: Db, secrets: SecretBox, senders: NotificationSenders, ctx: RequestContext, id: number) {
  assertSeesOpinion(ctx.actor);
  return toNotificationChannel(await channelRow(db, ctx, id), secrets, senders);
}

/** Settings and secrets must be fields the kind knows, each in its place, and pass the sender's own checks. */
function assertValid(senders: NotificationSenders, kind: NotificationChannelKind, settings: Record<string, string>, secrets: Record<string, string>) {
  const sender = senders.get(kind)!;
  const problems = [
    ...Object.keys(settings).filter((k) => !sender.fields.some((f) => f.name === k && !f.secret)).map((k) => ({ field: `settings.${k}`, messages: { 'zh-CN': `该类渠道没有设置项 ${k}`, en: `No setting ${k} for ${kind}` } })),
    ...Object.keys(secrets).filter((k) => !sender.fields.some((f) => f.name === k && f.secret)).map((k) => ({ field: `secrets.${k}`, messages: { 'zh-CN': `该类渠道没有密钥项 ${k}`, en: `No secret ${k} for ${kind}` } })),
    ...sender.validate({ settings, secrets }).map((p) => ({ field: p.field, messages: p.message })),
  ];
  if (problems.length) throw errors.validation(problems);
}

/** Secret changes: a value sets that secret, null removes it, an absent key keeps it. */
function mergedSecrets(current: Record<string, string>, changes: Record<string, string | null>) {
  const next = { ...current };
  for (const [key, value] of Object.entries(changes)) {
    if (value === null) delete next[key];
    else next[key] = value;
  }
  return next;
}

/** Settings changes: a value sets it, an empty string removes it (optional fields), an absent key keeps it. */
const mergedSettings = (current: Record<string, string>, changes: Record<string, string>) =>
  Object.fromEntries(Object.entries({ ...current, ...changes }).filter(([, v]) => v !== ''));

export type NotificationChannelInput = { kind: NotificationChannelKind; name: string; settings?: Record<string, string>; secrets?: Record<string, string>; status?: ChannelStatus };

export async function createNotificationChannel(db: Db, secrets: SecretBox, senders: NotificationSenders, ctx: RequestContext, input: NotificationChannelInput) {
  assertManagesOpinion(ctx.actor);
  const settings = mergedSettings({}, input.settings ?? {});
  assertValid(senders, input.kind, settings, input.secrets ?? {});
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(notificationChannels)
        .values({
          hospitalId: ctx.actor.hospitalId,
          kind: input.kind,
          name: input.name,
          settings,
          secretsCiphertext: Object.keys(input.secrets ?? {}).length ? secrets.seal(input.secrets!) : null,
          status: input.status ?? 'active',
          createdBy: ctx.actor.userId,
        })
        .returning();
      const view = toNotificationChannel(row, secrets, senders);
      await recordAudit(tx, ctx, { action: 'notification_channel.create', entityType: 'notification_channel', entityId: row.id, hospitalId: row.hospitalId, after: view });
      return view;
    });
  } catch (err) {
    if (isUniqueViolation(err, 'notification_channel_hospital_name_uq')) throw duplicateName();
    throw err;
  }
}

export type NotificationChannelPatch = { name?: string; settings?: Record<string, string>; secrets?: Record<string, string | null>; status?: ChannelStatus };

export async function updateNotificationChannel(db: Db, secrets: SecretBox, senders: NotificationSenders, ctx: RequestContext, id: number, patch: NotificationChannelPatch) {
  assertManagesOpinion(ctx.actor);
  try {
    return await db.transaction(async (tx) => {
      const before = await channelRow(tx, ctx, id, true);
      const settings = mergedSettings(before.settings, patch.settings ?? {});
      const nextSecrets = mergedSecrets(credentialsOf(secrets, before).secrets, patch.secrets ?? {});
      assertValid(senders, before.kind, settings, nextSecrets);
      const [row] = await tx
        .update(notificationChannels)
        .set({
          name: patch.name ?? before.name,
          status: patch.status ?? before.status,
          settings,
          secretsCiphertext: Object.keys(nextSecrets).length ? secrets.seal(nextSecrets) : null,
          updatedAt: sql`now()`,
        })
        .where(eq(notificationChannels.id, id))
        .returning();
      const view = toNotificationChannel(row, secrets, senders);
      await recordAudit(tx, ctx, { action: 'notification_channel.update', entityType: 'notification_channel', entityId: id, hospitalId: row.hospitalId, before: toNotificationChannel(before, secrets, senders), after: view });
      return view;
    });
  } catch (err) {
    if (isUniqueViolation(err, 'notification_channel_hospital_name_uq')) throw duplicateName();
    throw err;
  }
}

/**
 * "Send test message": a delivery through the same outbox, attempted at once so the answer shows the receiver's
 * verdict (sent, or its error code); a retryable failure keeps being retried like any delivery.
 */
export async function sendTestMessage(db: Db, deps: NotifyDeps, ctx: RequestContext, id: number) {
  assertManagesOpinion(ctx.actor);
  const channel = await channelRow(db, ctx, id);
  if (channel.status !== 'active') throw new AppError(409, 'channel_disabled', { 'zh-CN': '通知渠道已停用，请先启用', en: 'The channel is disabled' });
  const deliveryId = await db.transaction((tx) =>
    queueDelivery(tx, deps, { hospitalId: channel.hospitalId, alertId: null, channel, purpose: 'test', level: null, summary: `测试消息：${channel.name}`, heldUntil: null, createdBy: ctx.actor.userId }),
  );
  await runDelivery(db, deps, { deliveryId: deliveryId!, attempt: 0 });
  const [row] = await db.select().from(notificationDeliveries).where(eq(notificationDeliveries.id, deliveryId!));
  return toDelivery(row, channel.name);
}
