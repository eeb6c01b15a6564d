import { and, eq, lte, or, isNull, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Db } from '../../platform/db/database.ts';
import { guardedFetch, OutboundError, OutboundRefused } from '../../platform/http/outbound-guard.ts';
import type { JobRunner } from '../../platform/jobs/job-runner.ts';
import { defaultMaxFeedBytes, parseFeed, type FeedItem } from './feeds/parse-feed.ts';
import { contentId, type MentionInput } from './mention-input.ts';
import { ingestMentions, maxBatch, type IngestDeps } from './ingestion.service.ts';
import { opinionSources } from './opinion.tables.ts';

export const feedPollQueue = 'opinion.feed-poll';
export type FeedPollJob = { sourceId: number };

/** How often every instance looks for due feeds; each feed has its own interval (minutes). */
const sweepEverySeconds = 20;
/** A claimed poll that has not finished by then (a crash) is due again. */
const claimLeaseMinutes = 10;
/** Backoff never waits longer than a day. */
const maxBackoffMinutes = 24 * 60;

export type PollDeps = IngestDeps & {
  /** Hosts an administrator allowed although private (OUTBOUND_ALLOW_LIST). */
  allowList: string[];
  /** Total and connect timeouts of one fetch, and its byte cap. */
  fetch?: { timeoutMs?: number; connectTimeoutMs?: number; maxBytes?: number };
};

export type PollOutcome =
  | { status: 'fetched'; items: number; inserted: number; duplicates: number; bozo: boolean }
  | { status: 'not_modified' }
  | { status: 'failed'; error: string };

/** After `failures` consecutive failures the next poll waits interval × 2^failures, at most a day. */
export function backoffMinutes(intervalMinutes: number, failures: number) {
  return Math.min(intervalMinutes * 2 ** Math.min(failures, 20), maxBackoffMinutes);
}

/** A feed item as a mention: the item's id (guid), else its link, else its content, is what dedupes it. */
export function mentionOfFeedItem(item: FeedItem): MentionInput {
  return {
    id: item.id ?? item.link ?? contentId([item.title, item.published_at, item.summary]),
    title: item.title ?? '',
    text: item.content ?? item.summary ?? '',
    url: item.link,
    author: item.author,
    published_at: item.published_at,
  };
}

/** The error text a source shows: what went wrong, in the officer's words first, then the technical detail. */
function describeFailure(err: unknown): string {
  if (err instanceof OutboundRefused && err.code === 'ssrf_blocked') {
    return `地址被安全策略拒绝（内网、回环或链路本地地址，需管理员加入 OUTBOUND_ALLOW_LIST）/ refused by the SSRF guard: ${err.message}`;
  }
  if (err instanceof OutboundError) {
    const label = { bad_url: '地址无效', timeout: '请求超时', too_large: '响应超过大小上限', network: '网络错误', aborted: '请求被中止', ssrf_blocked: '地址被拒绝' }[err.code];
    return `${label} / ${err.code}: ${err.message}`;
  }
  return `内部错误 / internal error: ${(err as Error).message ?? String(err)}`;
}

/**
 * Polls one feed now: conditional GET through the SSRF guard, parse (charset and ill-formed feeds are the parser's),
 * ingest, and the source's health and next poll (its interval, or exponential backoff after a failure).
 */
export async function pollSource(db: Db, deps: PollDeps, logger: Logger, sourceId: number): Promise<PollOutcome> {
  const [source] = await db.select().from(opinionSources).where(eq(opinionSources.id, sourceId));
  if (!source || source.kind !== 'rss' || !source.url) return { status: 'failed', error: 'not a feed source' };
  await db.update(opinionSources).set({ lastPolledAt: sql`now()` }).where(eq(opinionSources.id, sourceId));

  const headers: Record<string, string> = {
    'User-Agent': 'Rongmei-Opinion/1.0 (+feed poller)',
    Accept: 'application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.5',
  };
  if (source.etag) headers['If-None-Match'] = source.etag;
  if (source.lastModified) headers['If-Modified-Since'] = source.lastModified;

  let outcome: PollOutcome;
  let validators: { etag: string | null; lastModified: string | null } | null = null;
  let bozoReason: string | null = source.bozoReason;
  try {
    const response = await guardedFetch(source.url, { headers }, {
      allowList: deps.allowList,
      timeoutMs: deps.fetch?.timeoutMs ?? 20_000,
      connectTimeoutMs: deps.fetch?.connectTimeoutMs ?? 5_000,
      maxBytes: deps.fetch?.maxBytes ?? defaultMaxFeedBytes,
      maxRedirects: 3,
    });
    if (response.status === 304) {
      outcome = { status: 'not_modified' };
    } else if (response.status < 200 || response.status >= 300) {
      outcome = { status: 'failed', error: `HTTP ${response.status} / 订阅地址返回错误状态` };
    } else {
      const contentType = typeof response.headers['content-type'] === 'string' ? response.headers['content-type'] : undefined;
      const feed = parseFeed(response.body, { contentType, url: response.url });
      bozoReason = feed.bozo ? (feed.bozoReason ?? 'ill-formed feed') : null;
      const result = await ingestMentions(db, deps, sourceId, feed.items.slice(0, maxBatch).map(mentionOfFeedItem));
      const header = (name: string) => (typeof response.headers[name] === 'string' ? (response.headers[name] as string) : null);
      validators = { etag: header('etag'), lastModified: header('last-modified') };
      outcome = { status: 'fetched', items: feed.items.length, inserted: result.inserted, duplicates: result.duplicates, bozo: feed.bozo };
    }
  } catch (err) {
    if (!(err instanceof OutboundError)) logger.error({ err, sourceId }, 'feed poll failed unexpectedly');
    outcome = { status: 'failed', error: describeFailure(err) };
  }

  if (outcome.status === 'failed') {
    const failures = source.consecutiveFailures + 1;
    await db
      .update(opinionSources)
      .set({
        lastErrorAt: sql`now()`,
        lastError: outcome.error.slice(0, 1000),
        consecutiveFailures: failures,
        nextPollAt: sql`now() + make_interval(mins => ${backoffMinutes(source.pollIntervalMinutes, failures)})`,
        updatedAt: sql`now()`,
      })
      .where(eq(opinionSources.id, sourceId));
  } else {
    await db
      .update(opinionSources)
      .set({
        lastSuccessAt: sql`now()`,
        consecutiveFailures: 0,
        bozoReason,
        ...(validators ?? {}),
        nextPollAt: sql`now() + make_interval(mins => ${source.pollIntervalMinutes})`,
        updatedAt: sql`now()`,
      })
      .where(eq(opinionSources.id, sourceId));
  }
  return outcome;
}

/**
 * Claims the feeds that are due (moving their next poll past a lease, so other instances skip them) and enqueues one
 * poll job each, in the same transaction: a claim without its job never commits.
 */
export async function enqueueDueFeeds(db: Db, jobs: JobRunner) {
  await db.transaction(async (tx) => {
    const due = await tx
      .select({ id: opinionSources.id, nextPollAt: opinionSources.nextPollAt })
      .from(opinionSources)
      .where(and(eq(opinionSources.kind, 'rss'), eq(opinionSources.status, 'active'), or(isNull(opinionSources.nextPollAt), lte(opinionSources.nextPollAt, sql`now()`))))
      .limit(100)
      .for('update', { skipLocked: true });
    for (const source of due) {
      await tx.update(opinionSources).set({ nextPollAt: sql`now() + make_interval(mins => ${claimLeaseMinutes})` }).where(eq(opinionSources.id, source.id));
      await jobs.enqueue(tx, feedPollQueue, { sourceId: source.id } satisfies FeedPollJob, { key: `${source.id}:${source.nextPollAt?.getTime() ?? 0}` });
    }
  });
}

/** Feed polling on the job queue: a sweep on every instance enqueues due feeds, the workers poll them. */
export function registerFeedPolling(jobs: JobRunner, db: Db, deps: PollDeps, logger: Logger) {
  jobs.define<FeedPollJob>(feedPollQueue, async ({ sourceId }) => {
    await pollSource(db, deps, logger, sourceId);
  });
  jobs.every('opinion-feed-sweep', sweepEverySeconds, () => enqueueDueFeeds(db, jobs));
}
