/**
 * 修复效果: did the story calm down after the response? The mentions of the incident's stories (linked clusters, and
 * linked mentions outside them) in a window after the first response against an equal window before it: volume and
 * negative share, and their hourly course for the chart. Read through the mention service, scoped to the caller.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import type { RequestContext } from '../../platform/http/request-context.ts';
import { incidentFor } from './incident-access.ts';
import { incidentClusters, incidentMentions } from './incidents.tables.ts';
import { mentionsByIds, mentionShare, mentionTrend, type Mention } from './mention.service.ts';
import { assertSeesOpinion } from './opinion.policy.ts';
import type { Polarity } from './opinion.tables.ts';

export const defaultRepairWindowHours = 24;
export const maxRepairWindowHours = 7 * 24;
const hourMs = 3_600_000;

type Counts = Record<Polarity, number>;
const zero = (): Counts => ({ negative: 0, neutral: 0, positive: 0 });

function windowOf(from: Date, to: Date, counts: Counts) {
  const volume = counts.negative + counts.neutral + counts.positive;
  return { from: from.toISOString(), to: to.toISOString(), volume, ...counts, negativeShare: volume === 0 ? null : counts.negative / volume };
}

export type RepairWindow = ReturnType<typeof windowOf>;

/** Beijing-hour buckets, as the mention service's trend uses. */
const beijingHour = (at: Date) => new Date(Math.floor((at.getTime() + 8 * hourMs) / hourMs) * hourMs - 8 * hourMs).toISOString();

export async function repairMeasure(db: Db, ctx: RequestContext, incidentId: number, options: { hours?: number } = {}, now: Date = new Date()) {
  assertSeesOpinion(ctx.actor);
  const { row } = await incidentFor(db, ctx, incidentId, 'read');
  const requestedHours = options.hours ?? defaultRepairWindowHours;
  if (row.respondedAt === null) return { responseAt: null, requestedHours, windowHours: 0, before: null, after: null, volumeChange: null, negativeShareChange: null, improved: null, series: [] };

  const at = row.respondedAt;
  // Equal windows: the one after the response cannot reach past now, and the one before is cut to match it.
  const spanMs = Math.max(0, Math.min(requestedHours * hourMs, now.getTime() - at.getTime()));
  const beforeFrom = new Date(at.getTime() - spanMs);
  const afterTo = new Date(at.getTime() + spanMs);
  // The mention filters' bounds are inclusive; the windows are half-open.
  const justBefore = (d: Date) => new Date(d.getTime() - 1);

  const clusterIds = (await db.select({ id: incidentClusters.clusterId }).from(incidentClusters).where(eq(incidentClusters.incidentId, incidentId))).map((r) => r.id);
  const linkedIds = (await db.select({ id: incidentMentions.mentionId }).from(incidentMentions).where(eq(incidentMentions.incidentId, incidentId))).map((r) => r.id);
  // A linked mention of a linked story is counted with its story, once.
  const loose = (await mentionsByIds(db, row.hospitalId, linkedIds)).filter((m) => m.clusterId === null || !clusterIds.includes(m.clusterId));

  const before = zero();
  const after = zero();
  const series = new Map<string, Counts>();
  const addTo = (target: Counts, polarity: Polarity, count: number) => (target[polarity] += count);
  const countLoose = (m: Mention) => {
    const t = Date.parse(m.occurredAt);
    if (t < beforeFrom.getTime() || t >= afterTo.getTime()) return;
    addTo(t < at.getTime() ? before : after, m.polarity, 1);
    const key = beijingHour(new Date(t));
    const bucket = series.get(key) ?? zero();
    bucket[m.polarity] += 1;
    series.set(key, bucket);
  };
  if (spanMs > 0) {
    for (const clusterId of clusterIds) {
      const [earlier, later] = [await mentionShare(db, ctx, { clusterId, from: beforeFrom, to: justBefore(at) }), await mentionShare(db, ctx, { clusterId, from: at, to: justBefore(afterTo) })];
      for (const p of earlier.byPolarity) addTo(before, p.key, p.count);
      for (const p of later.byPolarity) addTo(after, p.key, p.count);
      const trend = await mentionTrend(db, ctx, { clusterId, bucket: 'hour', from: beforeFrom, to: justBefore(afterTo) });
      for (const point of trend.byPolarity) {
        const bucket = series.get(point.at) ?? zero();
        for (const polarity of ['negative', 'neutral', 'positive'] as const) bucket[polarity] += point[polarity];
        series.set(point.at, bucket);
      }
    }
    for (const m of loose) countLoose(m);
  }

  const earlier = windowOf(beforeFrom, at, before);
  const later = windowOf(at, afterTo, after);
  const negativeShareChange = earlier.negativeShare === null || later.negativeShare === null ? null : later.negativeShare - earlier.negativeShare;
  return {
    responseAt: at.toISOString(),
    requestedHours,
    windowHours: spanMs / hourMs,
    before: earlier,
    after: later,
    volumeChange: earlier.volume === 0 ? null : (later.volume - earlier.volume) / earlier.volume,
    negativeShareChange,
    // Calmer: fewer mentions and no larger a negative share than before.
    improved: earlier.volume === 0 ? null : later.volume < earlier.volume && (negativeShareChange === null || negativeShareChange <= 0),
    series: [...series.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([bucketAt, counts]) => ({ at: bucketAt, ...counts })),
  };
}

export type RepairMeasure = Awaited<ReturnType<typeof repairMeasure>>;
