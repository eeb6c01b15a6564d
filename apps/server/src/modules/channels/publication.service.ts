import { and, desc, eq, lt, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import { isUniqueViolation } from '../../platform/db/pg-errors.ts';
import { AppError, errors } from '../../platform/http/errors.ts';
import { decodeCursor, pageOf } from '../../platform/http/pagination.ts';
import type { RequestContext } from '../../platform/http/request-context.ts';
import { approvedArticleForPublishing } from '../content/article.service.ts';
import { eventBus } from '../../platform/events.ts';
import { recordAudit } from '../org/audit.service.ts';
import { assertCanManageChannels } from './channel.service.ts';
import { offlineKinds, type ChannelKind } from './channel-kinds.ts';
import { channels, publications } from './channels.tables.ts';

type PublicationRow = typeof publications.$inferSelect;

export function toPublication(r: PublicationRow) {
  return {
    id: r.id,
    articleId: r.articleId,
    channelId: r.channelId,
    status: r.status,
    scheduledAt: r.scheduledAt?.toISOString() ?? null,
    publishedAt: r.publishedAt?.toISOString() ?? null,
    externalId: r.externalId,
    externalUrl: r.externalUrl,
    placement: r.placement,
    attempts: r.attempts,
    lastError: r.lastError,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

/** Kinds whose publication is complete when it is recorded: the built-in website, and offline placements. */
const recordedOnSave = (kind: ChannelKind) => kind === 'website' || offlineKinds.includes(kind);

export type PublicationInput = { articleId: number; channelId: number; scheduledAt?: Date; placement?: Record<string, string> };

/**
 * Publishing an approved article to a channel. The website shows it from its publication time on (now or the
 * scheduled time); an offline channel records the placement. Platform channels (WeChat, Weibo …) are delivered by
 * their adapters through the outbox, which this release does not have yet: they are refused rather than left pending.
 */
export async function createPublication(db: Db, ctx: RequestContext, input: PublicationInput) {
  assertCanManageChannels(ctx);
  try {
    const publication = await db.transaction(async (tx) => {
      await approvedArticleForPublishing(tx, ctx.actor.hospitalId, input.articleId);
      const [channel] = await tx.select().from(channels).where(and(eq(channels.id, input.channelId), eq(channels.hospitalId, ctx.actor.hospitalId)));
      if (!channel) throw errors.invalidField('channelId', '阵地不存在', 'Unknown channel');
      if (channel.status !== 'active') throw errors.invalidField('channelId', '该阵地未在用', 'The channel is not active');
      if (!recordedOnSave(channel.kind)) {
        throw new AppError(422, 'adapter_not_available', { 'zh-CN': '该阵地的发布对接尚未启用', en: `Publishing to ${channel.kind} channels is not available yet` }, { kind: channel.kind });
      }
      if (input.placement && channel.kind === 'website') throw errors.invalidField('placement', '网站发布无需填写位置', 'A website publication has no placement');
      const [row] = await tx
        .insert(publications)
        .values({
          hospitalId: ctx.actor.hospitalId,
          articleId: input.articleId,
          channelId: input.channelId,
          status: 'published',
          scheduledAt: input.scheduledAt ?? null,
          publishedAt: input.scheduledAt ?? sql`now()`,
          externalUrl: channel.kind === 'website' ? `/site/articles/${input.articleId}` : null,
          placement: input.placement ?? null,
          attempts: 1,
          createdBy: ctx.actor.userId,
        })
        .returning();
      await recordAudit(tx, ctx, { action: 'publication.create', entityType: 'publication', entityId: row.id, hospitalId: row.hospitalId, after: toPublication(row) });
      return toPublication(row);
    });
    eventBus.publish('publication.published', { publicationId: publication.id, articleId: publication.articleId, channelId: publication.channelId });
    return publication;
  } catch (err) {
    if (isUniqueViolation(err, 'publication_article_channel_uq')) throw errors.conflict('channelId', '该稿件已在此阵地发布', 'The article is already published on this channel');
    throw err;
  }
}

export async function listPublications(db: Db, ctx: RequestContext, filter: { limit: number; cursor?: string; articleId?: number; channelId?: number }) {
  const before = decodeCursor(filter.cursor);
  const conditions: (SQL | undefined)[] = [
    eq(publications.hospitalId, ctx.actor.hospitalId),
    before === undefined ? undefined : lt(publications.id, before),
    filter.articleId === undefined ? undefined : eq(publications.articleId, filter.articleId),
    filter.channelId === undefined ? undefined : eq(publications.channelId, filter.channelId),
  ];
  const rows = await db.select().from(publications).where(and(...conditions)).orderBy(desc(publications.id)).limit(filter.limit + 1);
  return pageOf(rows, filter.limit, toPublication);
}

const visibleOnWebsite = (hospitalId: number) =>
  and(
    eq(publications.hospitalId, hospitalId),
    eq(channels.kind, 'website'),
    eq(channels.status, 'active'),
    eq(publications.status, 'published'),
    lte(publications.publishedAt, sql`now()`),
  );

/** For the portal: the website publication of one article, if the site shows it now. */
export async function websitePublicationOf(db: Db, hospitalId: number, articleId: number) {
  const [row] = await db
    .select({ id: publications.id, articleId: publications.articleId, publishedAt: publications.publishedAt })
    .from(publications)
    .innerJoin(channels, eq(channels.id, publications.channelId))
    .where(and(visibleOnWebsite(hospitalId), eq(publications.articleId, articleId)))
    .limit(1);
  return row;
}

/** For the portal: what the hospital's website shows now, newest first; a public site pages by number. */
export async function websitePublications(db: Db, hospitalId: number, page: { limit: number; offset: number }) {
  return db
    .select({ id: publications.id, articleId: publications.articleId, publishedAt: publications.publishedAt })
    .from(publications)
    .innerJoin(channels, eq(channels.id, publications.channelId))
    .where(visibleOnWebsite(hospitalId))
    .orderBy(desc(publications.publishedAt), desc(publications.id))
    .limit(page.limit)
    .offset(page.offset);
}
