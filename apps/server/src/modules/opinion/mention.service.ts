import { and, asc, desc, eq, gte, inArray, lt, lte, sql, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../platform/db/database.ts';
import { errors } from '../../platform/http/errors.ts';
import { decodeCursor, pageOf } from '../../platform/http/pagination.ts';
import type { RequestContext } from '../../platform/http/request-context.ts';
import { recordAudit } from '../org/audit.service.ts';
import { mentionSegmenter } from './mention-search.ts';
import { assertManagesOpinion, assertSeesOpinion } from './opinion.policy.ts';
import { mentionClusters, mentionCorrections, mentions, opinionSources, type MentionCategory, type Polarity } from './opinion.tables.ts';
import { hospitalProfile } from './watch-rule.service.ts';

type MentionRow = typeof mentions.$inferSelect;
type ClusterRow = typeof mentionClusters.$inferSelect;
type CorrectionRow = typeof mentionCorrections.$inferSelect;

export function toMention(r: MentionRow, source: { name: string; kind: string }, clusterSize: number | null) {
  return {
    id: r.id,
    sourceId: r.sourceId,
    sourceName: source.name,
    sourceKind: source.kind,
    externalId: r.externalId,
    url: r.url,
    title: r.title,
    text: r.text,
    author: r.author,
    publishedAt: r.publishedAt?.toISOString() ?? null,
    occurredAt: r.occurredAt.toISOString(),
    ingestedAt: r.ingestedAt.toISOString(),
    reposts: r.reposts,
    comments: r.comments,
    likes: r.likes,
    aboutHospital: r.aboutHospital,
    polarity: r.polarity,
    risk: r.risk,
    category: r.category,
    clusterId: r.clusterId,
    clusterSize,
    reasons: r.reasons,
    correctedFields: r.correctedFields,
    correctedBy: r.correctedBy,
    correctedAt: r.correctedAt?.toISOString() ?? null,
  };
}

export type Mention = ReturnType<typeof toMention>;

export function toCluster(r: ClusterRow) {
  return {
    id: r.id,
    firstMentionId: r.firstMentionId,
    title: r.title,
    size: r.size,
    reach: Math.round(r.reach),
    firstSeenAt: r.firstSeenAt.toISOString(),
    lastSeenAt: r.lastSeenAt.toISOString(),
    lastHourCount: r.lastHourCount,
    peakHourCount: r.peakHourCount,
    maxRisk: r.maxRisk,
    aboutHospital: r.aboutHospital,
  };
}

export type MentionCluster = ReturnType<typeof toCluster>;

function toCorrection(r: CorrectionRow) {
  return {
    id: r.id,
    mentionId: r.mentionId,
    before: r.before,
    after: r.after,
    reason: r.reason,
    analysisReasons: r.analysisReasons,
    correctedBy: r.correctedBy,
    createdAt: r.createdAt.toISOString(),
  };
}

const selectMentions = (db: DbOrTx) =>
  db
    .select({ mention: mentions, source: { name: opinionSources.name, kind: opinionSources.kind }, clusterSize: mentionClusters.size })
    .from(mentions)
    .innerJoin(opinionSources, eq(opinionSources.id, mentions.sourceId))
    .leftJoin(mentionClusters, eq(mentionClusters.id, mentions.clusterId));

type SelectedMention = { mention: MentionRow; source: { name: string; kind: string }; clusterSize: number | null };
const viewOf = (r: SelectedMention) => toMention(r.mention, r.source, r.clusterSize);

export type MentionFilter = {
  limit: number;
  cursor?: string;
  sourceId?: number;
  polarity?: Polarity;
  minRisk?: number;
  category?: MentionCategory;
  clusterId?: number;
  aboutHospital?: boolean;
  /** occurred_at range, inclusive. */
  from?: Date;
  to?: Date;
  /** Chinese full text over title, text and author. */
  q?: string;
};

/** The conditions of a mention filter (search included) for a hospital; shared by the list and the aggregates. */
async function conditionsOf(db: DbOrTx, hospitalId: number, filter: Omit<MentionFilter, 'limit' | 'cursor'>): Promise<(SQL | undefined)[]> {
  const tokens = filter.q?.trim() ? (await mentionSegmenter(await hospitalProfile(db, hospitalId))).tokensForSearch(filter.q) : '';
  return [
    eq(mentions.hospitalId, hospitalId),
    filter.sourceId === undefined ? undefined : eq(mentions.sourceId, filter.sourceId),
    filter.polarity ? eq(mentions.polarity, filter.polarity) : undefined,
    filter.minRisk === undefined ? undefined : gte(mentions.risk, filter.minRisk),
    filter.category ? eq(mentions.category, filter.category) : undefined,
    filter.clusterId === undefined ? undefined : eq(mentions.clusterId, filter.clusterId),
    filter.aboutHospital === undefined ? undefined : eq(mentions.aboutHospital, filter.aboutHospital),
    filter.from ? gte(mentions.occurredAt, filter.from) : undefined,
    filter.to ? lte(mentions.occurredAt, filter.to) : undefined,
    // A query of punctuation only has no tokens: it matches nothing rather than everything.
    filter.q?.trim() ? (tokens ? sql`to_tsvector('simple', ${mentions.searchTokens}) @@ plainto_tsquery('simple', ${tokens})` : sql`false`) : undefined,
  ];
}

/** The monitoring desk's stream: newest ingested first, keyset-paginated on id. */
export async function listMentions(db: Db, ctx: RequestContext, filter: MentionFilter) {
  assertSeesOpinion(ctx.actor);
  const before = decodeCursor(filter.cursor);
  const conditions = [...(await conditionsOf(db, ctx.actor.hospitalId, filter)), before === undefined ? undefined : lt(mentions.id, before)];
  const rows = await selectMentions(db).where(and(...conditions)).orderBy(desc(mentions.id)).limit(filter.limit + 1);
  return pageOf(rows.map((r) => ({ ...r, id: r.mention.id })), filter.limit, viewOf);
}

async function mentionRow(db: DbOrTx, hospitalId: number, id: number) {
  const [row] = await selectMentions(db).where(and(eq(mentions.id, id), eq(mentions.hospitalId, hospitalId)));
  if (!row) throw errors.notFound('mention');
  return row;
}

export async function getMention(db: Db, ctx: RequestContext, id: number) {
  assertSeesOpinion(ctx.actor);
  return viewOf(await mentionRow(db, ctx.actor.hospitalId, id));
}

/**
 * For the alerts and incidents modules: mentions by id, within one hospital, in the order asked (unknown ids are
 * left out). No access check: the caller decides who sees what it builds from them.
 */
export async function mentionsByIds(db: DbOrTx, hospitalId: number, ids: number[]): Promise<Mention[]> {
  if (ids.length === 0) return [];
  const rows = await selectMentions(db).where(and(eq(mentions.hospitalId, hospitalId), inArray(mentions.id, ids)));
  const byId = new Map(rows.map((r) => [r.mention.id, viewOf(r)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

// ── corrections ──────────────────────────────────────────────────────────

export type CorrectionInput = { aboutHospital?: boolean; polarity?: Polarity; risk?: number; category?: MentionCategory; reason: string };
const correctable = ['aboutHospital', 'polarity', 'risk', 'category'] as const;
type Correctable = (typeof correctable)[number];

/**
 * An officer corrects a mention's analysis with a reason. The correction keeps before, after and the analysis' reasons
 * (the rule or term that misled it), is audited, and its cluster's maximum risk follows. A mention set as not about
 * the hospital is `unrelated` at risk 0, as opinion-risk.md defines.
 */
export async function correctMention(db: Db, ctx: RequestContext, id: number, input: CorrectionInput) {
  assertManagesOpinion(ctx.actor);
  await db.transaction(async (tx) => {
    const [before] = await tx.select().from(mentions).where(and(eq(mentions.id, id), eq(mentions.hospitalId, ctx.actor.hospitalId))).for('update');
    if (!before) throw errors.notFound('mention');
    const target: Record<Correctable, unknown> = {
      aboutHospital: input.aboutHospital ?? before.aboutHospital,
      polarity: input.polarity ?? before.polarity,
      risk: input.risk ?? before.risk,
      category: input.category ?? before.category,
    };
    if (target.aboutHospital === false) {
      if (input.risk !== undefined && input.risk > 0) throw errors.invalidField('risk', '与本院无关的信息风险等级应为 0', 'A mention not about the hospital has risk 0');
      if (input.category !== undefined && input.category !== 'unrelated') {
        throw errors.invalidField('category', '与本院无关的信息类别应为“无关”', 'A mention not about the hospital is unrelated');
      }
      target.risk = 0;
      target.category = 'unrelated';
    }
    const changed = correctable.filter((field) => target[field] !== before[field]);
    if (changed.length === 0) throw errors.invalidField('reason', '没有需要更正的字段', 'Nothing differs from the current analysis');
    const beforeValues = Object.fromEntries(changed.map((f) => [f, before[f]]));
    const afterValues = Object.fromEntries(changed.map((f) => [f, target[f]]));
    await tx
      .update(mentions)
      .set({
        ...(afterValues as Partial<MentionRow>),
        correctedFields: [...new Set([...before.correctedFields, ...changed])],
        correctedBy: ctx.actor.userId,
        correctedAt: sql`now()`,
      })
      .where(eq(mentions.id, id));
    await tx.insert(mentionCorrections).values({
      hospitalId: before.hospitalId,
      mentionId: id,
      before: beforeValues,
      after: afterValues,
      reason: input.reason,
      analysisReasons: before.reasons,
      correctedBy: ctx.actor.userId,
    });
    if (before.clusterId !== null) await refreshClusterVerdict(tx, before.clusterId);
    await recordAudit(tx, ctx, { action: 'mention.correct', entityType: 'mention', entityId: id, hospitalId: before.hospitalId, before: beforeValues, after: { ...afterValues, reason: input.reason } });
  });
  return getMention(db, ctx, id);
}

/** A cluster's maximum risk and relevance after one of its mentions was corrected. */
async function refreshClusterVerdict(tx: DbOrTx, clusterId: number) {
  await tx.execute(sql`
    update ${mentionClusters} c
       set max_risk = s.max_risk, about_hospital = s.about, updated_at = now()
      from (select max(risk) as max_risk, bool_or(about_hospital) as about from ${mentions} where cluster_id = ${clusterId}) s
     where c.id = ${clusterId}`);
}

export async function listCorrections(db: Db, ctx: RequestContext, mentionId: number) {
  assertSeesOpinion(ctx.actor);
  await mentionRow(db, ctx.actor.hospitalId, mentionId);
  const rows = await db.select().from(mentionCorrections).where(eq(mentionCorrections.mentionId, mentionId)).orderBy(asc(mentionCorrections.id));
  return { items: rows.map(toCorrection) };
}

/** A corrected mention as the classifier's training example: the text, what the analysis said first, and the label now. */
export type CorrectionExample = {
  mentionId: number;
  source: string;
  title: string;
  text: string;
  /** The rest of the mention as the analysis reads it. */
  url: string | null;
  author: string | null;
  publishedAt: string | null;
  reposts: number;
  comments: number;
  likes: number;
  /** The officers' final values (uncorrected fields keep the analysis' value). */
  label: { aboutHospital: boolean; polarity: Polarity; risk: number; category: MentionCategory };
  /** What the analysis said before the first correction of each corrected field. */
  analysed: Partial<{ aboutHospital: boolean; polarity: Polarity; risk: number; category: MentionCategory }>;
  correctedFields: string[];
  /** The analysis' reasons when first corrected: the rules and terms that misled it. */
  misleadingReasons: string[];
  lastCorrectedAt: string;
  /** The id of its newest correction. */
  lastCorrectionId: number;
};

/**
 * Every mention an officer corrected in a hospital, for retraining the per-hospital classifier (the analysis
 * engine's): one example per mention, oldest correction first, optionally only those corrected since a time, or only
 * the `maxMentions` most recently corrected.
 */
export async function correctionsFor(db: DbOrTx, hospitalId: number, options: { since?: Date; maxMentions?: number } = {}): Promise<CorrectionExample[]> {
  const newest =
    options.maxMentions === undefined
      ? undefined
      : inArray(
          mentionCorrections.mentionId,
          db
            .select({ id: mentionCorrections.mentionId })
            .from(mentionCorrections)
            .where(eq(mentionCorrections.hospitalId, hospitalId))
            .groupBy(mentionCorrections.mentionId)
            .orderBy(desc(sql`max(${mentionCorrections.id})`))
            .limit(options.maxMentions),
        );
  const rows = await db
    .select({ correction: mentionCorrections, mention: mentions, sourceName: opinionSources.name })
    .from(mentionCorrections)
    .innerJoin(mentions, eq(mentions.id, mentionCorrections.mentionId))
    .innerJoin(opinionSources, eq(opinionSources.id, mentions.sourceId))
    .where(and(eq(mentionCorrections.hospitalId, hospitalId), options.since ? gte(mentions.correctedAt, options.since) : undefined, newest))
    .orderBy(asc(mentionCorrections.id));
  const examples = new Map<number, CorrectionExample>();
  for (const { correction, mention, sourceName } of rows) {
    let example = examples.get(mention.id);
    if (!example) {
      example = {
        mentionId: mention.id,
        source: sourceName,
        title: mention.title,
        text: mention.text,
        url: mention.url,
        author: mention.author,
        publishedAt: mention.publishedAt?.toISOString() ?? null,
        reposts: mention.reposts,
        comments: mention.comments,
        likes: mention.likes,
        label: { aboutHospital: mention.aboutHospital, polarity: mention.polarity, risk: mention.risk, category: mention.category },
        analysed: {},
        correctedFields: mention.correctedFields,
        misleadingReasons: correction.analysisReasons,
        lastCorrectedAt: '',
        lastCorrectionId: 0,
      };
      examples.set(mention.id, example);
    }
    // The first correction of a field saw the analysis' own value.
    example.analysed = { ...correction.before, ...example.analysed };
    example.lastCorrectedAt = correction.createdAt.toISOString();
    example.lastCorrectionId = correction.id;
  }
  return [...examples.values()];
}

// ── clusters ─────────────────────────────────────────────────────────────

export type ClusterFilter = { limit: number; cursor?: string; minRisk?: number; minSize?: number; aboutHospital?: boolean; from?: Date; to?: Date };

/** Stories, newest first; `from`/`to` select those active (last seen) in the range. */
export async function listClusters(db: Db, ctx: RequestContext, filter: ClusterFilter) {
  assertSeesOpinion(ctx.actor);
  const before = decodeCursor(filter.cursor);
  const conditions: (SQL | undefined)[] = [
    eq(mentionClusters.hospitalId, ctx.actor.hospitalId),
    before === undefined ? undefined : lt(mentionClusters.id, before),
    filter.minRisk === undefined ? undefined : gte(mentionClusters.maxRisk, filter.minRisk),
    filter.minSize === undefined ? undefined : gte(mentionClusters.size, filter.minSize),
    filter.aboutHospital === undefined ? undefined : eq(mentionClusters.aboutHospital, filter.aboutHospital),
    filter.from ? gte(mentionClusters.lastSeenAt, filter.from) : undefined,
    filter.to ? lte(mentionClusters.firstSeenAt, filter.to) : undefined,
  ];
  const rows = await db.select().from(mentionClusters).where(and(...conditions)).orderBy(desc(mentionClusters.id)).limit(filter.limit + 1);
  return pageOf(rows, filter.limit, toCluster);
}

/** For the alerts and incidents modules: a cluster of the hospital, or null. */
export async function clusterById(db: DbOrTx, hospitalId: number, id: number): Promise<MentionCluster | null> {
  const [row] = await db.select().from(mentionClusters).where(and(eq(mentionClusters.id, id), eq(mentionClusters.hospitalId, hospitalId)));
  return row ? toCluster(row) : null;
}

/**
 * For the alerts module: how many mentions a cluster gained in the `minutes` up to `until` (by when they happened),
 * the "N mentions in M minutes" of a growth rule.
 */
export async function clusterGrowth(db: DbOrTx, clusterId: number, minutes: number, until: Date = new Date()): Promise<number> {
  const [{ count }] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(mentions)
    .where(and(eq(mentions.clusterId, clusterId), lte(mentions.occurredAt, until), sql`${mentions.occurredAt} > ${until}::timestamptz - make_interval(mins => ${minutes})`));
  return count;
}

/** A cluster with its timeline: mentions per hour (per day past 14 days) by polarity, and its sources. */
export async function getCluster(db: Db, ctx: RequestContext, id: number) {
  assertSeesOpinion(ctx.actor);
  const cluster = await clusterById(db, ctx.actor.hospitalId, id);
  if (!cluster) throw errors.notFound('mention_cluster');
  const spanDays = (Date.parse(cluster.lastSeenAt) - Date.parse(cluster.firstSeenAt)) / 86_400_000;
  const bucket: Bucket = spanDays > 14 ? 'day' : 'hour';
  const at = bucketOf(bucket);
  const timeline = await db
    .select({ at, polarity: mentions.polarity, count: sql<number>`count(*)::int` })
    .from(mentions)
    .where(eq(mentions.clusterId, id))
    .groupBy(at, mentions.polarity)
    .orderBy(at);
  const sources = await db
    .select({ sourceId: mentions.sourceId, name: opinionSources.name, count: sql<number>`count(*)::int` })
    .from(mentions)
    .innerJoin(opinionSources, eq(opinionSources.id, mentions.sourceId))
    .where(eq(mentions.clusterId, id))
    .groupBy(mentions.sourceId, opinionSources.name)
    .orderBy(desc(sql`count(*)`));
  const [first] = cluster.firstMentionId === null ? [] : await mentionsByIds(db, ctx.actor.hospitalId, [cluster.firstMentionId]);
  const starts = bucketStarts(bucket, new Date(cluster.firstSeenAt), new Date(cluster.lastSeenAt));
  return { ...cluster, firstMention: first ?? null, bucket, timeline: pointsOf(timeline, starts), sources };
}

// ── aggregates ───────────────────────────────────────────────────────────

export type Bucket = 'hour' | 'day';

/** Buckets start at Beijing hours and midnights. */
function bucketOf(bucket: Bucket) {
  // A literal, not a parameter: GROUP BY must see the same expression as the select list.
  return sql<Date>`date_trunc(${sql.raw(`'${bucket === 'day' ? 'day' : 'hour'}'`)}, ${mentions.occurredAt} at time zone 'Asia/Shanghai') at time zone 'Asia/Shanghai'`;
}

const bucketMs: Record<Bucket, number> = { hour: 3_600_000, day: 86_400_000 };
const beijingOffsetMs = 8 * 3_600_000;

/** Every bucket start from the one holding `from` to the one holding `to`: a chart needs the empty hours too. */
function bucketStarts(bucket: Bucket, from: Date, to: Date): string[] {
  const size = bucketMs[bucket];
  // Beijing has a fixed offset (no daylight saving): its midnights are UTC 16:00.
  const floor = (t: number) => Math.floor((t + beijingOffsetMs) / size) * size - beijingOffsetMs;
  const starts: string[] = [];
  for (let t = floor(from.getTime()); t <= to.getTime(); t += size) starts.push(new Date(t).toISOString());
  return starts;
}

function pointsOf(rows: { at: Date | string; polarity: Polarity; count: number }[], starts: string[]) {
  const byTime = new Map(starts.map((at) => [at, { at, negative: 0, neutral: 0, positive: 0 }]));
  for (const r of rows) {
    const at = new Date(r.at).toISOString();
    const point = byTime.get(at) ?? { at, negative: 0, neutral: 0, positive: 0 };
    point[r.polarity] += r.count;
    byTime.set(at, point);
  }
  return [...byTime.values()].sort((a, b) => a.at.localeCompare(b.at));
}

export type TrendFilter = Omit<MentionFilter, 'limit' | 'cursor'> & { bucket: Bucket; from: Date; to: Date };

/** A month of hours, three years of days. */
const maxBuckets: Record<Bucket, number> = { hour: 24 * 31, day: 3 * 366 };

/** Mentions per hour or day, by polarity and by source, over a range (at most a month of hours or three years of days). */
export async function mentionTrend(db: Db, ctx: RequestContext, filter: TrendFilter) {
  assertSeesOpinion(ctx.actor);
  const span = filter.to.getTime() - filter.from.getTime();
  if (span <= 0) throw errors.invalidField('to', '结束时间应晚于开始时间', 'to must be after from');
  const limit = maxBuckets[filter.bucket];
  if (span / (filter.bucket === 'hour' ? 3_600_000 : 86_400_000) > limit) {
    throw errors.invalidField('from', `时间范围过长（最多 ${limit} 个${filter.bucket === 'hour' ? '小时' : '天'}）`, `The range spans more than ${limit} buckets`);
  }
  const where = and(...(await conditionsOf(db, ctx.actor.hospitalId, filter)));
  const at = bucketOf(filter.bucket);
  const byPolarity = await db
    .select({ at, polarity: mentions.polarity, count: sql<number>`count(*)::int` })
    .from(mentions)
    .where(where)
    .groupBy(at, mentions.polarity)
    .orderBy(at);
  const bySourceRows = await db
    .select({ at, sourceId: mentions.sourceId, count: sql<number>`count(*)::int` })
    .from(mentions)
    .where(where)
    .groupBy(at, mentions.sourceId)
    .orderBy(at);
  const sourceNames = await sourceNamesOf(db, ctx.actor.hospitalId, [...new Set(bySourceRows.map((r) => r.sourceId))]);
  const starts = bucketStarts(filter.bucket, filter.from, filter.to);
  const bySource = [...new Set(bySourceRows.map((r) => r.sourceId))].map((sourceId) => {
    const counts = new Map(bySourceRows.filter((r) => r.sourceId === sourceId).map((r) => [new Date(r.at).toISOString(), r.count]));
    return { sourceId, name: sourceNames.get(sourceId) ?? `#${sourceId}`, points: starts.map((at) => ({ at, count: counts.get(at) ?? 0 })) };
  });
  return { bucket: filter.bucket, from: filter.from.toISOString(), to: filter.to.toISOString(), byPolarity: pointsOf(byPolarity, starts), bySource };
}

async function sourceNamesOf(db: DbOrTx, hospitalId: number, ids: number[]) {
  if (ids.length === 0) return new Map<number, string>();
  const rows = await db.select({ id: opinionSources.id, name: opinionSources.name }).from(opinionSources).where(and(eq(opinionSources.hospitalId, hospitalId), inArray(opinionSources.id, ids)));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Shares over a range: by polarity, risk, category and source (the desk's and the wall screen's pies). */
export async function mentionShare(db: Db, ctx: RequestContext, filter: Omit<MentionFilter, 'limit' | 'cursor'>) {
  assertSeesOpinion(ctx.actor);
  const where = and(...(await conditionsOf(db, ctx.actor.hospitalId, filter)));
  const countBy = async <C extends typeof mentions.polarity | typeof mentions.risk | typeof mentions.category | typeof mentions.sourceId>(column: C) =>
    db.select({ key: column, count: sql<number>`count(*)::int` }).from(mentions).where(where).groupBy(column).orderBy(desc(sql`count(*)`));
  const [byPolarity, byRisk, byCategory, bySourceRows] = [await countBy(mentions.polarity), await countBy(mentions.risk), await countBy(mentions.category), await countBy(mentions.sourceId)];
  const names = await sourceNamesOf(db, ctx.actor.hospitalId, bySourceRows.map((r) => r.key as number));
  return {
    total: byPolarity.reduce((n, r) => n + r.count, 0),
    byPolarity: byPolarity.map((r) => ({ key: r.key as Polarity, count: r.count })),
    byRisk: byRisk.map((r) => ({ key: r.key as number, count: r.count })).sort((a, b) => a.key - b.key),
    byCategory: byCategory.map((r) => ({ key: r.key as MentionCategory, count: r.count })),
    bySource: bySourceRows.map((r) => ({ sourceId: r.key as number, name: names.get(r.key as number) ?? `#${r.key}`, count: r.count })),
  };
}
