import { and, desc, eq, lt, ne, sql, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../platform/db/database.ts';
import { isUniqueViolation } from '../../platform/db/pg-errors.ts';
import { eventBus } from '../../platform/events.ts';
import { AppError, errors, type FieldProblem } from '../../platform/http/errors.ts';
import { decodeCursor, pageOf } from '../../platform/http/pagination.ts';
import type { RequestContext } from '../../platform/http/request-context.ts';
import type { JobRunner } from '../../platform/jobs/job-runner.ts';
import { sanitizeRichText } from '../../platform/rich-text.ts';
import type { SecretBox } from '../../platform/secret-box.ts';
import type { FileStorage } from '../../platform/storage.ts';
import { approvedArticleForPublishing } from '../content/article.service.ts';
import { recordAudit } from '../org/audit.service.ts';
import type { AdapterRegistry } from './adapters/adapter-registry.ts';
import type { ChannelAdapter, DeliveryRequest, PublicationVariant } from './adapters/channel-adapter.ts';
import { assertCanManageChannels } from './channel.service.ts';
import { integrationFields, offlineKinds, type ChannelKind } from './channel-kinds.ts';
import { channelColumns, channels, publications } from './channels.tables.ts';
import { canMovePublication, type PublicationStatus } from './publication-states.ts';
import { defaultVariant } from './publication-variant.ts';

/** What publishing needs beyond the database: the job queue (outbox), the adapters, secrets and files. */
export type PublishingDeps = {
  jobs: JobRunner;
  adapters: AdapterRegistry;
  secrets: SecretBox;
  storage: FileStorage;
  publicBaseUrl: string | null;
};

/** The one queue of publication work: deliver, poll an asynchronous platform, withdraw. */
export const publicationQueue = 'publication-work';
export type PublicationJob = { publicationId: number; action: 'deliver' | 'poll' | 'withdraw' };

type PublicationRow = typeof publications.$inferSelect;
type ChannelRow = typeof channels.$inferSelect;

export function toPublication(r: PublicationRow) {
  return {
    id: r.id,
    articleId: r.articleId,
    channelId: r.channelId,
    columnId: r.columnId,
    status: r.status,
    scheduledAt: r.scheduledAt?.toISOString() ?? null,
    publishedAt: r.publishedAt?.toISOString() ?? null,
    externalId: r.externalId,
    externalUrl: r.externalUrl,
    placement: r.placement,
    variant: r.variant,
    attempts: r.attempts,
    nextAttemptAt: r.nextAttemptAt?.toISOString() ?? null,
    lastError: r.lastError,
    withdrawnAt: r.withdrawnAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

/** Kinds whose publication is complete when it is recorded: the built-in website, and offline placements. */
const recordedOnSave = (kind: ChannelKind) => kind === 'website' || offlineKinds.includes(kind);

export type VariantInput = Partial<Pick<PublicationVariant, 'title' | 'author' | 'summary' | 'html' | 'text'>>;
export type PublicationInput = { articleId: number; channelId: number; columnId?: number | null; scheduledAt?: Date; placement?: Record<string, string>; variant?: VariantInput };

export function adapterFor(deps: PublishingDeps, kind: ChannelKind): ChannelAdapter {
  const adapter = deps.adapters.get(kind);
  if (!adapter) {
    throw new AppError(422, 'adapter_not_available', { 'zh-CN': '该类型阵地暂不支持自动发布，请以线下投放方式记录', en: `Publishing to ${kind} channels is not supported` }, { kind });
  }
  return adapter;
}

/** The channel as an adapter sees it; credentials missing from the registry are named before anything is queued. */
export function deliveryChannelOf(deps: PublishingDeps, channel: ChannelRow): DeliveryRequest['channel'] {
  const secrets = channel.secretsCiphertext ? deps.secrets.open(channel.secretsCiphertext) : {};
  const missing = (integrationFields[channel.kind] ?? []).filter((f) => !f.optional && !(f.secret ? secrets[f.name] : channel.settings[f.name])).map((f) => f.name);
  if (missing.length) {
    throw new AppError(
      422,
      'channel_not_configured',
      { 'zh-CN': `阵地对接信息不完整，缺少：${missing.join('、')}`, en: `The channel's integration is missing: ${missing.join(', ')}` },
      { channelId: channel.id, missing },
    );
  }
  return { id: channel.id, kind: channel.kind, name: channel.name, settings: channel.settings, secrets };
}

async function activeChannel(db: DbOrTx, hospitalId: number, channelId: number) {
  const [channel] = await db.select().from(channels).where(and(eq(channels.id, channelId), eq(channels.hospitalId, hospitalId)));
  if (!channel) throw errors.invalidField('channelId', '阵地不存在', 'Unknown channel');
  if (channel.status !== 'active') throw errors.invalidField('channelId', '该阵地未在用', 'The channel is not active');
  return channel;
}

/** The column (栏目) a publication goes into: one of this channel's, in use. */
async function activeColumn(db: DbOrTx, channelId: number, columnId: number) {
  const [column] = await db.select().from(channelColumns).where(and(eq(channelColumns.id, columnId), eq(channelColumns.channelId, channelId)));
  if (!column) throw errors.invalidField('columnId', '该阵地没有这个栏目', 'The channel has no such column');
  if (column.status !== 'active') throw errors.invalidField('columnId', '该栏目已停用', 'The column is disabled');
  return column;
}

/** The article's earlier publication on the channel that a new one follows: the latest, which is withdrawn (history). */
async function previousPublication(db: DbOrTx, articleId: number, channelId: number) {
  const [row] = await db
    .select({ id: publications.id, status: publications.status })
    .from(publications)
    .where(and(eq(publications.articleId, articleId), eq(publications.channelId, channelId)))
    .orderBy(desc(publications.id))
    .limit(1);
  return row;
}

/** Refusal of a second publication while one is still open: it names the open one and what to do with it. */
function alreadyOpen(open: { id: number; status: PublicationStatus } | undefined) {
  const failed = open?.status === 'failed';
  return new AppError(
    409,
    'publication_open',
    failed
      ? { 'zh-CN': '该稿件在此阵地有一条发布失败的记录：请重试，或先撤回（放弃）它再重新发布', en: 'The article has a failed publication on this channel: retry it, or withdraw (abandon) it before publishing again' }
      : { 'zh-CN': '该稿件已在此阵地发布（或待发布）：撤回后才能重新发布', en: 'The article is already published (or scheduled) on this channel: withdraw it to publish again' },
    { field: 'channelId', publicationId: open?.id ?? null, status: open?.status ?? null },
  );
}

/** The article as this channel will carry it: the default variant with the editor's changes, checked by the adapter. */
function variantFor(deps: PublishingDeps, adapter: ChannelAdapter, channel: DeliveryRequest['channel'], article: Awaited<ReturnType<typeof approvedArticleForPublishing>>, changes: VariantInput = {}) {
  const variant: PublicationVariant = {
    ...defaultVariant(channel.kind, article, deps.publicBaseUrl),
    ...changes,
    ...(changes.html === undefined ? {} : { html: sanitizeRichText(changes.html) }),
  };
  const problems: FieldProblem[] = adapter.validate(variant, channel).map((p) => ({ field: p.field, messages: p.message }));
  return { variant, problems };
}

/** For the side-by-side editor: the channel's variant of an article and what the platform would refuse, nothing saved. */
export async function previewPublication(db: Db, deps: PublishingDeps, ctx: RequestContext, input: { articleId: number; channelId: number; variant?: VariantInput }) {
  assertCanManageChannels(ctx);
  const article = await approvedArticleForPublishing(db, ctx.actor.hospitalId, input.articleId);
  const channel = await activeChannel(db, ctx.actor.hospitalId, input.channelId);
  if (recordedOnSave(channel.kind)) throw errors.invalidField('channelId', '网站与线下阵地直接展示稿件本身，无需渠道版本', 'The website and offline channels show the article itself');
  const adapter = adapterFor(deps, channel.kind);
  return variantFor(deps, adapter, deliveryChannelOf(deps, channel), article, input.variant);
}

/**
 * Publishing an approved article to a channel. The website shows it from its publication time on (now or the
 * scheduled time); an offline channel records the placement. Platform channels get a checked variant and a
 * delivery job written in the same transaction (the outbox): it exists exactly when the publication does.
 * Re-publishing (撤稿后重发) is a new publication once the previous one on the channel is withdrawn; the unique index
 * on open publications refuses a second one while another is not, whichever request commits first.
 */
export async function createPublication(db: Db, deps: PublishingDeps, ctx: RequestContext, input: PublicationInput) {
  assertCanManageChannels(ctx);
  try {
    const publication = await db.transaction(async (tx) => {
      const article = await approvedArticleForPublishing(tx, ctx.actor.hospitalId, input.articleId);
      const channel = await activeChannel(tx, ctx.actor.hospitalId, input.channelId);
      const recorded = recordedOnSave(channel.kind);
      if (input.placement && !offlineKinds.includes(channel.kind)) throw errors.invalidField('placement', '只有线下阵地需要填写投放位置', 'Only offline channels take a placement');
      if (input.variant && recorded) throw errors.invalidField('variant', '网站与线下阵地直接展示稿件本身', 'The website and offline channels show the article itself');
      if (input.columnId) await activeColumn(tx, channel.id, input.columnId);
      const previous = await previousPublication(tx, input.articleId, channel.id);
      if (previous && previous.status !== 'withdrawn') throw alreadyOpen(previous);
      let variant: PublicationVariant | null = null;
      if (!recorded) {
        const adapter = adapterFor(deps, channel.kind);
        const checked = variantFor(deps, adapter, deliveryChannelOf(deps, channel), article, input.variant);
        if (checked.problems.length) throw errors.validation(checked.problems);
        variant = checked.variant;
      }
      const [row] = await tx
        .insert(publications)
        .values({
          hospitalId: ctx.actor.hospitalId,
          articleId: input.articleId,
          channelId: input.channelId,
          columnId: input.columnId ?? null,
          status: recorded ? 'published' : 'scheduled',
          scheduledAt: input.scheduledAt ?? (recorded ? null : sql`now()`),
          publishedAt: recorded ? (input.scheduledAt ?? sql`now()`) : null,
          externalUrl: channel.kind === 'website' ? `/site/articles/${input.articleId}` : null,
          placement: input.placement ?? null,
          variant,
          attempts: recorded ? 1 : 0,
          createdBy: ctx.actor.userId,
        })
        .returning();
      if (!recorded) await deps.jobs.enqueue(tx, publicationQueue, { publicationId: row.id, action: 'deliver' } satisfies PublicationJob, { startAfter: row.scheduledAt ?? undefined });
      await recordAudit(tx, ctx, {
        action: 'publication.create', entityType: 'publication', entityId: row.id, hospitalId: row.hospitalId,
        after: { ...toPublication(row), ...(previous ? { republishOf: previous.id } : {}) },
      });
      return toPublication(row);
    });
    if (publication.status === 'published') {
      eventBus.publish('publication.published', { publicationId: publication.id, articleId: publication.articleId, channelId: publication.channelId });
    }
    return publication;
  } catch (err) {
    // A concurrent request committed its publication first.
    if (isUniqueViolation(err, 'publication_article_channel_open_uq')) {
      const [open] = await db
        .select({ id: publications.id, status: publications.status })
        .from(publications)
        .where(and(eq(publications.articleId, input.articleId), eq(publications.channelId, input.channelId), ne(publications.status, 'withdrawn')));
      throw alreadyOpen(open);
    }
    throw err;
  }
}

async function lockedPublication(tx: DbOrTx, ctx: RequestContext, id: number) {
  const [row] = await tx
    .select({ publication: publications, kind: channels.kind })
    .from(publications)
    .innerJoin(channels, eq(channels.id, publications.channelId))
    .where(and(eq(publications.id, id), eq(publications.hospitalId, ctx.actor.hospitalId)))
    .for('update', { of: publications });
  if (!row) throw errors.notFound('publication');
  return row;
}

function refuseMove(from: PublicationStatus, to: PublicationStatus) {
  const zh: Record<PublicationStatus, string> = { scheduled: '待发布', publishing: '发布中', published: '已发布', failed: '发布失败', withdrawing: '撤回中', withdrawn: '已撤回' };
  return new AppError(409, 'invalid_transition', { 'zh-CN': `“${zh[from]}”的发布不能执行此操作`, en: `A ${from} publication cannot move to ${to}` }, { from, to });
}

/** An editor's retry of a failed delivery: a fresh round of attempts, resuming from what the platform already has. */
export async function retryPublication(db: Db, deps: PublishingDeps, ctx: RequestContext, id: number) {
  assertCanManageChannels(ctx);
  return db.transaction(async (tx) => {
    const { publication: before } = await lockedPublication(tx, ctx, id);
    if (!canMovePublication(before.status, 'scheduled')) throw refuseMove(before.status, 'scheduled');
    const [after] = await tx
      .update(publications)
      .set({ status: 'scheduled', attempts: 0, lastError: null, nextAttemptAt: null, polls: 0, updatedAt: sql`now()` })
      .where(eq(publications.id, id))
      .returning();
    await deps.jobs.enqueue(tx, publicationQueue, { publicationId: id, action: 'deliver' } satisfies PublicationJob, {});
    await recordAudit(tx, ctx, { action: 'publication.retry', entityType: 'publication', entityId: id, hospitalId: after.hospitalId, before: toPublication(before), after: toPublication(after) });
    return toPublication(after);
  });
}

/**
 * Withdrawing: a publication not yet out is cancelled; the website and offline placements stop at once; a platform
 * post is taken down by a job (withdrawing → withdrawn). A delivery in progress cannot be withdrawn mid-call.
 */
export async function withdrawPublication(db: Db, deps: PublishingDeps, ctx: RequestContext, id: number) {
  assertCanManageChannels(ctx);
  const result = await db.transaction(async (tx) => {
    const { publication: before, kind } = await lockedPublication(tx, ctx, id);
    const viaPlatform = before.status === 'published' && !recordedOnSave(kind);
    const to: PublicationStatus = viaPlatform ? 'withdrawing' : 'withdrawn';
    if (!canMovePublication(before.status, to)) throw refuseMove(before.status, to);
    if (viaPlatform && !adapterFor(deps, kind).withdraw) {
      throw new AppError(422, 'withdraw_not_supported', { 'zh-CN': '该平台不支持接口撤回，请在平台后台删除', en: 'This platform cannot withdraw through its API' }, { kind });
    }
    const [after] = await tx
      .update(publications)
      .set({ status: to, withdrawnAt: to === 'withdrawn' ? sql`now()` : null, updatedAt: sql`now()` })
      .where(eq(publications.id, id))
      .returning();
    if (viaPlatform) await deps.jobs.enqueue(tx, publicationQueue, { publicationId: id, action: 'withdraw' } satisfies PublicationJob, {});
    await recordAudit(tx, ctx, { action: 'publication.withdraw', entityType: 'publication', entityId: id, hospitalId: after.hospitalId, before: toPublication(before), after: toPublication(after) });
    return { publication: toPublication(after), wasShown: before.status === 'published' && to === 'withdrawn' };
  });
  if (result.wasShown) eventBus.publish('publication.withdrawn', { publicationId: id, articleId: result.publication.articleId, channelId: result.publication.channelId });
  return result.publication;
}

export async function getPublication(db: Db, ctx: RequestContext, id: number) {
  const [row] = await db.select().from(publications).where(and(eq(publications.id, id), eq(publications.hospitalId, ctx.actor.hospitalId)));
  if (!row) throw errors.notFound('publication');
  return toPublication(row);
}

export async function listPublications(db: Db, ctx: RequestContext, filter: { limit: number; cursor?: string; articleId?: number; channelId?: number; status?: PublicationStatus }) {
  const before = decodeCursor(filter.cursor);
  const conditions: (SQL | undefined)[] = [
    eq(publications.hospitalId, ctx.actor.hospitalId),
    before === undefined ? undefined : lt(publications.id, before),
    filter.articleId === undefined ? undefined : eq(publications.articleId, filter.articleId),
    filter.channelId === undefined ? undefined : eq(publications.channelId, filter.channelId),
    filter.status === undefined ? undefined : eq(publications.status, filter.status),
  ];
  const rows = await db.select().from(publications).where(and(...conditions)).orderBy(desc(publications.id)).limit(filter.limit + 1);
  return pageOf(rows, filter.limit, toPublication);
}
