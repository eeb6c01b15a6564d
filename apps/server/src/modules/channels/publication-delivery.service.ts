import { and, eq, lt, sql } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import type { Logger } from 'pino';
import type { Db, DbOrTx } from '../../platform/db/database.ts';
import { eventBus } from '../../platform/events.ts';
import type { SystemContext } from '../../platform/http/request-context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { assetFileFor, assetIdOfUrl } from '../content/asset.service.ts';
import { hospitalLogoOf } from '../org/hospital.service.ts';
import { recordAudit } from '../org/audit.service.ts';
import { DeliveryError, type DeliveryOutcome, type DeliveryRequest } from './adapters/channel-adapter.ts';
import type { ChannelKind } from './channel-kinds.ts';
import { channels, publications } from './channels.tables.ts';
import { maxDeliveryAttempts, maxPolls, retryDelaySeconds } from './publication-states.ts';
import {
  adapterFor, deliveryChannelOf, publicationQueue, toPublication, type PublicationJob, type PublishingDeps,
} from './publication.service.ts';

type PublicationRow = typeof publications.$inferSelect;

/** A platform call may take this long; the job queue expires a job after 300 s, recovery waits longer still. */
const callTimeoutMs = 240_000;
/** An attempt still marked in flight after this long was interrupted (crash, kill, lost instance). */
const interruptedAfterSeconds = 600;
/** Kinds whose delivery the receiver de-duplicates (Idempotency-Key), so an interrupted attempt can simply run again. */
const idempotentKinds: readonly ChannelKind[] = ['webhook'];

const systemContext = (job: string): SystemContext => ({ actor: null, ip: null, requestId: `job:${job}` });

const errorText = (err: unknown) =>
  err instanceof DeliveryError ? `${err.options.code ? `[${err.options.code}] ` : ''}${err.message}` : '投递出错（内部错误），请查看服务器日志';

/**
 * Takes a publication job: marks the attempt in flight (its own transaction, so a crash leaves the mark),
 * talks to the platform outside any transaction, then records the outcome under a row lock.
 */
export async function runPublicationJob(db: Db, deps: PublishingDeps, logger: Logger, job: PublicationJob) {
  const claimed = await db.transaction(async (tx) => {
    const [found] = await tx
      .select({ publication: publications, channel: channels })
      .from(publications)
      .innerJoin(channels, eq(channels.id, publications.channelId))
      .where(eq(publications.id, job.publicationId))
      .for('update', { of: publications });
    if (!found || found.publication.attemptStartedAt) return null;
    const p = found.publication;
    const runnable = job.action === 'withdraw' ? p.status === 'withdrawing' : job.action === 'poll' ? p.status === 'publishing' : p.status === 'scheduled' || p.status === 'publishing';
    if (!runnable) return null;
    const [row] = await tx
      .update(publications)
      .set({
        attemptStartedAt: sql`now()`,
        status: job.action === 'deliver' ? 'publishing' : p.status,
        attempts: job.action === 'deliver' ? p.attempts + 1 : p.attempts,
        polls: job.action === 'poll' ? p.polls + 1 : p.polls,
        nextAttemptAt: null,
        updatedAt: sql`now()`,
      })
      .where(eq(publications.id, p.id))
      .returning();
    if (p.status !== row.status) {
      await recordAudit(tx, systemContext(job.action), { action: 'publication.deliver', entityType: 'publication', entityId: p.id, hospitalId: p.hospitalId, before: { status: p.status }, after: { status: row.status, attempts: row.attempts } });
    }
    return { publication: row, channel: found.channel };
  });
  if (!claimed) return;

  const { publication, channel } = claimed;
  let outcome: DeliveryOutcome | { state: 'withdrawn' } | undefined;
  let failure: unknown;
  try {
    const adapter = adapterFor(deps, channel.kind);
    const request = await deliveryRequestOf(db, deps, publication, channel);
    if (job.action === 'withdraw') {
      await adapter.withdraw!({ ...request, externalId: publication.externalId ?? '' });
      outcome = { state: 'withdrawn' };
    } else if (job.action === 'poll' && adapter.poll) {
      outcome = await adapter.poll(request);
    } else {
      outcome = await adapter.deliver(request);
    }
  } catch (err) {
    failure = err;
    if (!(err instanceof DeliveryError)) logger.error({ err, publicationId: publication.id }, 'publication delivery raised an unexpected error');
  }
  await recordOutcome(db, deps, job, publication.id, outcome, failure);
}

async function deliveryRequestOf(db: Db, deps: PublishingDeps, publication: PublicationRow, channel: typeof channels.$inferSelect): Promise<DeliveryRequest> {
  const logo = await hospitalLogoOf(db, deps.storage, publication.hospitalId);
  const checkpoint = { ...publication.checkpoint };
  return {
    publicationId: publication.id,
    idempotencyKey: `rongmei-publication-${publication.id}`,
    channel: deliveryChannelOf(deps, channel),
    variant: publication.variant!,
    cover: logo ? { bytes: logo.content, contentType: logo.contentType, filename: logo.file } : null,
    // Body images come from the asset library; an image from elsewhere is not the hospital's to send.
    async loadImage(src) {
      const assetId = assetIdOfUrl(src);
      if (assetId === null) return null;
      try {
        const file = await assetFileFor(db, deps.storage, publication.hospitalId, assetId);
        return { bytes: file.bytes, contentType: file.contentType, filename: file.filename };
      } catch (err) {
        if (err instanceof AppError) throw new DeliveryError(`素材 ${assetId} 不可用：${err.messages['zh-CN']}`, { retryable: false, code: err.code });
        throw err;
      }
    },
    checkpoint,
    async saveCheckpoint(patch) {
      Object.assign(checkpoint, patch);
      await db
        .update(publications)
        .set({ checkpoint: sql`${publications.checkpoint} || ${JSON.stringify(patch)}::jsonb`, updatedAt: sql`now()` })
        .where(eq(publications.id, publication.id));
    },
    signal: AbortSignal.timeout(callTimeoutMs),
  };
}

type Outcome = DeliveryOutcome | { state: 'withdrawn' } | undefined;

async function recordOutcome(db: Db, deps: PublishingDeps, job: PublicationJob, id: number, outcome: Outcome, failure: unknown) {
  const settled = await db.transaction(async (tx) => {
    const [before] = await tx.select().from(publications).where(eq(publications.id, id)).for('update');
    const ctx = systemContext(job.action);
    // Settled meanwhile (the platform's own push, e.g. WeChat's PUBLISHJOBFINISH): only the in-flight mark goes.
    if (before.status !== (job.action === 'withdraw' ? 'withdrawing' : 'publishing')) {
      await tx.update(publications).set({ attemptStartedAt: null }).where(eq(publications.id, id));
      return null;
    }
    const finish = async (changes: PgUpdateSetSource<typeof publications>, action: string) => {
      const [after] = await tx.update(publications).set({ ...changes, attemptStartedAt: null, updatedAt: sql`now()` }).where(eq(publications.id, id)).returning();
      if (after.status !== before.status || action !== 'publication.poll') {
        await recordAudit(tx, ctx, { action, entityType: 'publication', entityId: id, hospitalId: after.hospitalId, before: { status: before.status }, after: toPublication(after) });
      }
      return after;
    };
    const later = (seconds: number) => new Date(Date.now() + seconds * 1000);

    if (outcome?.state === 'withdrawn') {
      const after = await finish({ status: 'withdrawn', withdrawnAt: sql`now()`, lastError: null }, 'publication.withdrawn');
      return { event: 'publication.withdrawn' as const, row: after };
    }
    if (job.action === 'withdraw') {
      // The platform refused to take it down: it is still out there.
      await finish({ status: 'published', lastError: errorText(failure) }, 'publication.withdraw_failed');
      return null;
    }
    if (outcome?.state === 'published') {
      const after = await finish({ status: 'published', publishedAt: sql`now()`, externalId: outcome.externalId, externalUrl: outcome.externalUrl, lastError: null }, 'publication.published');
      return { event: 'publication.published' as const, row: after };
    }
    if (outcome?.state === 'pending') {
      if (before.polls >= maxPolls) {
        await finish({ status: 'failed', externalId: outcome.externalId ?? before.externalId, lastError: '[publish_timeout] 平台长时间未返回发布结果，请到平台后台核实' }, 'publication.failed');
        return null;
      }
      const at = later(outcome.pollAfterSeconds);
      await finish({ externalId: outcome.externalId ?? before.externalId, nextAttemptAt: at, lastError: null }, 'publication.poll');
      await deps.jobs.enqueue(tx, publicationQueue, { publicationId: id, action: 'poll' } satisfies PublicationJob, { startAfter: at });
      return null;
    }
    const retryable = failure instanceof DeliveryError && failure.options.retryable && !failure.options.outcomeUnknown;
    if (retryable && before.attempts < maxDeliveryAttempts) {
      const at = later(retryDelaySeconds(before.attempts, failure.options.retryAfterSeconds));
      const action = job.action === 'poll' ? 'poll' : 'deliver';
      await finish({ nextAttemptAt: at, lastError: errorText(failure) }, 'publication.retry_scheduled');
      await deps.jobs.enqueue(tx, publicationQueue, { publicationId: id, action } satisfies PublicationJob, { startAfter: at });
      return null;
    }
    await finish({ status: 'failed', lastError: errorText(failure) }, 'publication.failed');
    return null;
  });
  if (settled) eventBus.publish(settled.event, { publicationId: settled.row.id, articleId: settled.row.articleId, channelId: settled.row.channelId });
}

/**
 * Recovery of attempts interrupted mid-call (the process died while talking to the platform). A receiver that
 * de-duplicates gets the delivery again; a platform that already answered with an id is polled; otherwise the
 * outcome is unknown and the publication fails with that said, so nothing is posted twice.
 */
export async function recoverInterruptedPublications(db: Db, deps: PublishingDeps) {
  const stale = await db
    .select({ id: publications.id })
    .from(publications)
    .where(and(sql`${publications.attemptStartedAt} is not null`, lt(publications.attemptStartedAt, sql`now() - make_interval(secs => ${interruptedAfterSeconds})`)))
    .limit(100);
  for (const { id } of stale) await recoverOne(db, deps, id);
  return stale.length;
}

async function recoverOne(db: Db, deps: PublishingDeps, id: number) {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .select({ publication: publications, kind: channels.kind })
      .from(publications)
      .innerJoin(channels, eq(channels.id, publications.channelId))
      .where(and(eq(publications.id, id), sql`${publications.attemptStartedAt} < now() - make_interval(secs => ${interruptedAfterSeconds})`))
      .for('update', { of: publications, skipLocked: true });
    if (!row) return;
    const p = row.publication;
    const adapter = deps.adapters.get(row.kind);
    const resume = async (action: PublicationJob['action'], note: string) => {
      await tx.update(publications).set({ attemptStartedAt: null, lastError: note, updatedAt: sql`now()` }).where(eq(publications.id, id));
      await enqueueIn(tx, deps, { publicationId: id, action });
    };
    if (p.status === 'withdrawing') return resume('withdraw', '[interrupted] 撤回过程中断，已重新执行');
    if (adapter?.poll && p.externalId) return resume('poll', '[interrupted] 查询过程中断，已重新查询');
    if (idempotentKinds.includes(row.kind) && p.attempts < maxDeliveryAttempts) return resume('deliver', '[interrupted] 投递过程中断，已重新投递（接收方按幂等键去重）');
    const [after] = await tx
      .update(publications)
      .set({ status: 'failed', attemptStartedAt: null, lastError: '[outcome_unknown] 投递过程中断，平台是否已收到未知：请到平台后台核实后再决定是否重试', updatedAt: sql`now()` })
      .where(eq(publications.id, id))
      .returning();
    await recordAudit(tx, systemContext('recovery'), { action: 'publication.failed', entityType: 'publication', entityId: id, hospitalId: p.hospitalId, before: { status: p.status }, after: toPublication(after) });
  });
}

const enqueueIn = (tx: DbOrTx, deps: PublishingDeps, job: PublicationJob) => deps.jobs.enqueue(tx, publicationQueue, job, {});
