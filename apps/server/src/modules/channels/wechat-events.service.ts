import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import { eventBus } from '../../platform/events.ts';
import { AppError, errors } from '../../platform/http/errors.ts';
import { recordAudit } from '../org/audit.service.ts';
import { parsePublishJobFinish, verifyWeChatSignature } from './adapters/wechat-callback.ts';
import { publishStatusFailure } from './adapters/wechat.adapter.ts';
import { channels, publications } from './channels.tables.ts';
import { toPublication, type PublishingDeps } from './publication.service.ts';

type SignedQuery = { signature?: string; timestamp?: string; nonce?: string; echostr?: string };

const wechatKinds = ['wechat_service', 'wechat_subscription'] as const;

/** The account's server-URL token (公众号后台 › 服务器配置), which signs every push. */
async function callbackTokenOf(db: Db, deps: PublishingDeps, channelId: number) {
  const [channel] = await db.select().from(channels).where(eq(channels.id, channelId));
  if (!channel || !(wechatKinds as readonly string[]).includes(channel.kind) || !channel.secretsCiphertext) throw errors.notFound('channel');
  const token = deps.secrets.open(channel.secretsCiphertext).callbackToken;
  if (!token) throw errors.notFound('channel');
  return { channel, token };
}

const badSignature = () => new AppError(401, 'invalid_signature', { 'zh-CN': '微信推送签名无效', en: 'Invalid WeChat signature' });

/** WeChat's check of the server URL: echo `echostr` when the signature is right. */
export async function verifyWeChatCallback(db: Db, deps: PublishingDeps, channelId: number, query: SignedQuery) {
  const { token } = await callbackTokenOf(db, deps, channelId);
  if (!verifyWeChatSignature(token, query) || !query.echostr) throw badSignature();
  return query.echostr;
}

/**
 * A push from WeChat. PUBLISHJOBFINISH settles a publication waiting on freepublish at once, without waiting for the
 * next poll; every other message is acknowledged and ignored. WeChat expects the body "success".
 */
export async function receiveWeChatEvent(db: Db, deps: PublishingDeps, channelId: number, query: SignedQuery, xml: string) {
  const { channel, token } = await callbackTokenOf(db, deps, channelId);
  if (!verifyWeChatSignature(token, query)) throw badSignature();
  let event;
  try {
    event = parsePublishJobFinish(xml);
  } catch {
    throw errors.invalidField('body', '无法解析的发布结果推送', 'Unreadable PUBLISHJOBFINISH event');
  }
  if (!event || event.status === 1) return 'success';
  const published = await db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(publications)
      .where(and(eq(publications.channelId, channel.id), eq(publications.externalId, event.publishId), eq(publications.status, 'publishing')))
      .for('update');
    if (!before) return null;
    const failure = publishStatusFailure(event.status);
    const [after] = await tx
      .update(publications)
      .set(
        failure
          ? { status: 'failed', lastError: failure, nextAttemptAt: null, updatedAt: sql`now()` }
          : { status: 'published', publishedAt: sql`now()`, externalId: event.articleId ?? before.externalId, externalUrl: event.articleUrls[0] ?? null, lastError: null, nextAttemptAt: null, updatedAt: sql`now()` },
      )
      .where(eq(publications.id, before.id))
      .returning();
    await recordAudit(tx, { actor: null, ip: null, requestId: 'wechat:PUBLISHJOBFINISH' }, {
      action: failure ? 'publication.failed' : 'publication.published', entityType: 'publication', entityId: after.id, hospitalId: after.hospitalId,
      before: { status: before.status }, after: toPublication(after),
    });
    return failure ? null : after;
  });
  if (published) eventBus.publish('publication.published', { publicationId: published.id, articleId: published.articleId, channelId: published.channelId });
  return 'success';
}
