import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import { eventBus } from '../../platform/events.ts';
import { errors } from '../../platform/http/errors.ts';
import type { Segmenter } from '../../../../../packages/text/src/segment.ts';
import type { MentionAnalyzers, MentionVerdict } from './mention-analysis.ts';
import { normaliseMention, type Messages, type NormalisedMention } from './mention-input.ts';
import { mentionSegmenter, searchTokensOf } from './mention-search.ts';
import { mentionClusters, mentions, opinionSources } from './opinion.tables.ts';

/** What ingestion needs beside the database: the analysis engine, one analyzer per hospital profile. */
export type IngestDeps = { analyzers: MentionAnalyzers };

/** The most mentions one call (one pushed batch, one feed poll, one import chunk) takes. */
export const maxBatch = 1_000;

export type IngestResult = {
  received: number;
  inserted: number;
  /** Already stored for this source (an earlier batch), or repeated within this batch. */
  duplicates: number;
  /** Rows refused, by their index in the batch; the others are stored. */
  errors: { index: number; messages: Messages }[];
  /** The stored mentions, in batch order. */
  mentionIds: number[];
  maxRisk: number;
};

/**
 * The one way mentions enter the platform (feed polls, vendor pushes, imports, confirmed clues): normalise, drop what
 * the source already gave (by external id), analyse, assign clusters, store, and publish `mention.ingested`.
 * Idempotent: `insert … on conflict (source_id, external_id) do nothing`, so a resent batch, or two instances taking the
 * same batch at once, stores each mention once. The caller has already decided the source may be written to.
 */
export async function ingestMentions(db: Db, deps: IngestDeps, sourceId: number, batch: unknown[]): Promise<IngestResult> {
  if (batch.length > maxBatch) throw errors.invalidField('mentions', `每批最多 ${maxBatch} 条`, `At most ${maxBatch} mentions per batch`);
  const [source] = await db.select().from(opinionSources).where(eq(opinionSources.id, sourceId));
  if (!source) throw errors.notFound('opinion_source');

  const result: IngestResult = { received: batch.length, inserted: 0, duplicates: 0, errors: [], mentionIds: [], maxRisk: 0 };
  const candidates = new Map<string, { index: number; mention: NormalisedMention }>();
  batch.forEach((input, index) => {
    const checked = normaliseMention(input);
    if ('problem' in checked) result.errors.push({ index, messages: checked.problem });
    else if (candidates.has(checked.mention.externalId)) result.duplicates += 1;
    else candidates.set(checked.mention.externalId, { index, mention: checked.mention });
  });
  if (candidates.size) {
    const known = await db
      .select({ externalId: mentions.externalId })
      .from(mentions)
      .where(and(eq(mentions.sourceId, sourceId), inArray(mentions.externalId, [...candidates.keys()])));
    for (const { externalId } of known) candidates.delete(externalId);
    result.duplicates += known.length;
  }
  const fresh = [...candidates.values()].map((c) => c.mention);
  if (fresh.length === 0) {
    await markReceived(db, source);
    return result;
  }

  // Ids are drawn before the insert so the analysis can name a cluster by its first mention's id.
  const { rows: drawn } = await db.execute<{ id: number }>(sql`select nextval(pg_get_serial_sequence('mention', 'id'))::int as id from generate_series(1, ${fresh.length})`);
  const now = new Date();
  const items = fresh.map((m, i) => ({ ...m, id: drawn[i].id, occurredAt: m.publishedAt && m.publishedAt <= now ? m.publishedAt : now }));
  const analyzer = await deps.analyzers.forHospital(db, source.hospitalId);
  const turn = takeTurn(source.hospitalId);
  let stored: Awaited<ReturnType<typeof storeAnalysed>>;
  try {
    const analyses = await analyzer.analyse(items.map((m) => ({ ...m, source: source.name })));
    const segmenter = await mentionSegmenter(analyzer.profile);
    await turn.ready;
    stored = await storeAnalysed(db, deps.analyzers, source, items, analyses, segmenter, now);
  } finally {
    turn.release();
  }

  // Lost a race with an identical batch: what the other stored counts as duplicates here.
  result.duplicates += fresh.length - stored.kept.length;
  result.inserted = stored.kept.length;
  result.mentionIds = stored.kept.map((m) => m.id);
  result.maxRisk = Math.max(0, ...stored.kept.map((m) => (m.analysis.aboutHospital ? m.analysis.risk : 0)));
  await markReceived(db, source);
  if (result.inserted) {
    eventBus.publish('mention.ingested', { hospitalId: source.hospitalId, sourceId, mentionIds: result.mentionIds, clusterIds: stored.clusterIds, maxRisk: result.maxRisk });
  }
  result.errors.sort((a, b) => a.index - b.index);
  return result;
}

/**
 * Per hospital, batches are stored in the order they were analysed (the analyzer settles clusters in call order), so a
 * story's first mention is in the database before a repost in a later batch names it.
 */
const storeQueues = new Map<number, Promise<void>>();

function takeTurn(hospitalId: number) {
  const previous = storeQueues.get(hospitalId) ?? Promise.resolve();
  let release!: () => void;
  const mine = new Promise<void>((resolve) => (release = resolve));
  const queued = previous.then(() => mine);
  storeQueues.set(hospitalId, queued);
  return {
    ready: previous,
    release() {
      release();
      if (storeQueues.get(hospitalId) === queued) storeQueues.delete(hospitalId);
    },
  };
}

type Item = NormalisedMention & { id: number; occurredAt: Date };
type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
type Analysed = Item & { analysis: MentionVerdict };

/**
 * Stores a batch in one transaction: each mention in its cluster from the start (an update afterwards would rewrite
 * every row and every index entry once more), then the touched clusters' figures.
 */
async function storeAnalysed(db: Db, analyzers: MentionAnalyzers, source: typeof opinionSources.$inferSelect, items: Item[], analyses: MentionVerdict[], segmenter: Segmenter, now: Date) {
  const analysed: Analysed[] = items.map((m, i) => ({ ...m, analysis: analyses[i] }));
  return db.transaction(async (tx) => {
    const plan = await planClusters(tx, source.hospitalId, analysed);
    const inserted = await tx
      .insert(mentions)
      .overridingSystemValue()
      .values(
        analysed.map((m) => ({
          id: m.id,
          hospitalId: source.hospitalId,
          sourceId: source.id,
          externalId: m.externalId,
          url: m.url,
          title: m.title,
          text: m.text,
          author: m.author,
          publishedAt: m.publishedAt,
          occurredAt: m.occurredAt,
          reposts: m.reposts,
          comments: m.comments,
          likes: m.likes,
          raw: m.raw,
          ingestedAt: now,
          aboutHospital: m.analysis.aboutHospital,
          polarity: m.analysis.polarity,
          risk: m.analysis.risk,
          category: m.analysis.category,
          reasons: m.analysis.reasons,
          clusterId: plan.clusterOf.get(m.id)!,
          searchTokens: searchTokensOf(segmenter, m),
        })),
      )
      .onConflictDoNothing({ target: [mentions.sourceId, mentions.externalId] })
      .returning({ id: mentions.id });
    const storedIds = new Set(inserted.map((r) => r.id));
    const kept = analysed.filter((m) => storedIds.has(m.id));
    const clusterIds = await updateClusters(tx, source.weight, kept.map((m) => ({ mention: m, clusterId: plan.clusterOf.get(m.id)! })));
    await analyzers.announceStored(tx, source.hospitalId, kept.map((m) => m.id));
    // A story whose first mention lost a race with an identical batch has nothing in it.
    if (plan.created.length) await tx.delete(mentionClusters).where(and(inArray(mentionClusters.id, plan.created), eq(mentionClusters.size, 0)));
    return { kept, clusterIds };
  });
}

/** Pushes, imports and clues have no poll: their health is when they last delivered. */
async function markReceived(db: Db, source: typeof opinionSources.$inferSelect) {
  if (source.kind === 'rss') return;
  await db.update(opinionSources).set({ lastSuccessAt: sql`now()` }).where(eq(opinionSources.id, source.id));
}

/**
 * Each mention's cluster: that of the mention the analysis names as its story's first, or a new cluster when that is
 * the mention itself (or a mention that is not, or no longer, stored).
 */
async function planClusters(tx: Tx, hospitalId: number, batch: Analysed[]) {
  const byId = new Map(batch.map((m) => [m.id, m]));
  const earlier = [...new Set(batch.map((m) => m.analysis.clusterOf).filter((id) => !byId.has(id)))];
  const clusterOfEarlier = new Map<number, number>();
  if (earlier.length) {
    const rows = await tx
      .select({ id: mentions.id, clusterId: mentions.clusterId })
      .from(mentions)
      .where(and(eq(mentions.hospitalId, hospitalId), inArray(mentions.id, earlier)));
    for (const r of rows) if (r.clusterId !== null) clusterOfEarlier.set(r.id, r.clusterId);
  }
  const rootOf = (m: Analysed): number => {
    const seen = new Set<number>();
    for (let at = m; ; ) {
      const named = at.analysis.clusterOf;
      if (named === at.id || clusterOfEarlier.has(named)) return named;
      const next = byId.get(named);
      if (!next || seen.has(named)) return at.id;
      seen.add(named);
      at = next;
    }
  };
  const roots = [...new Set(batch.map(rootOf).filter((id) => byId.has(id)))];
  const created = roots.length
    ? await tx
        .insert(mentionClusters)
        .values(
          roots.map((id) => {
            const m = byId.get(id)!;
            return { hospitalId, firstMentionId: id, title: (m.title || m.text).slice(0, 200), firstSeenAt: m.occurredAt, lastSeenAt: m.occurredAt };
          }),
        )
        .returning({ id: mentionClusters.id, firstMentionId: mentionClusters.firstMentionId })
    : [];
  const clusterOfRoot = new Map([...clusterOfEarlier, ...created.map((c) => [c.firstMentionId!, c.id] as const)]);
  return { clusterOf: new Map(batch.map((m) => [m.id, clusterOfRoot.get(rootOf(m))!])), created: created.map((c) => c.id) };
}

/** The touched clusters' size, reach, first/last seen, growth and maximum risk, after their new mentions. */
async function updateClusters(tx: Tx, weight: number, assigned: { mention: Analysed; clusterId: number }[]): Promise<number[]> {
  if (assigned.length === 0) return [];
  const membersOf = new Map<number, Analysed[]>();
  for (const { mention, clusterId } of assigned) {
    const members = membersOf.get(clusterId);
    if (members) members.push(mention);
    else membersOf.set(clusterId, [mention]);
  }
  const touched = [...membersOf.keys()].sort((a, b) => a - b);
  // Locked in id order: two instances growing the same stories never wait on each other in a circle.
  await tx.execute(sql`select id from ${mentionClusters} where id = any(${sql.param(touched)}::int[]) order by id for update`);
  const additions = touched.map((clusterId) => {
    const members = membersOf.get(clusterId)!;
    return {
      clusterId,
      count: members.length,
      reach: members.reduce((sum, m) => sum + (1 + m.reposts + m.comments + m.likes) * weight, 0),
      first: new Date(Math.min(...members.map((m) => m.occurredAt.getTime()))).toISOString(),
      last: new Date(Math.max(...members.map((m) => m.occurredAt.getTime()))).toISOString(),
      risk: Math.max(...members.map((m) => (m.analysis.aboutHospital ? m.analysis.risk : 0))),
      about: members.some((m) => m.analysis.aboutHospital),
    };
  });
  const column = <K extends keyof (typeof additions)[number]>(key: K) => sql.param(additions.map((a) => a[key]));
  await tx.execute(sql`
    update ${mentionClusters} c
       set size = c.size + a.count,
           reach = c.reach + a.reach,
           first_seen_at = least(c.first_seen_at, a.first),
           last_seen_at = greatest(c.last_seen_at, a.last),
           max_risk = greatest(c.max_risk, a.risk),
           about_hospital = c.about_hospital or a.about,
           updated_at = now()
      from (select unnest(${column('clusterId')}::int[]) as cluster_id, unnest(${column('count')}::int[]) as count,
                   unnest(${column('reach')}::real[]) as reach, unnest(${column('first')}::timestamptz[]) as first,
                   unnest(${column('last')}::timestamptz[]) as last, unnest(${column('risk')}::smallint[]) as risk,
                   unnest(${column('about')}::boolean[]) as about) a
     where c.id = a.cluster_id`);
  // Growth: what the hour before each cluster's latest mention holds (an index range scan per cluster).
  await tx.execute(sql`
    update ${mentionClusters} c
       set last_hour_count = g.count, peak_hour_count = greatest(c.peak_hour_count, g.count)
      from (select c2.id, (select count(*)::int from ${mentions} m
                             where m.cluster_id = c2.id and m.occurred_at > c2.last_seen_at - interval '1 hour' and m.occurred_at <= c2.last_seen_at) as count
              from ${mentionClusters} c2 where c2.id = any(${sql.param(touched)}::int[])) g
     where c.id = g.id`);
  return touched;
}
