import type { DbOrTx } from '../../platform/db/database.ts';
import { publishedPieces } from '../channels/published-pieces.service.ts';
import { targetMetrics, type TargetMetric } from './targets.tables.ts';

/**
 * Where the numbers come from. A counting source yields occurrences — one dated thing a department did — and each
 * metric says which source it reads and which of its occurrences it counts. A metric counts distinct keys, so an
 * article carried by the website, WeChat and the 院刊 is one piece of 信息.
 *
 * The media coverage log (媒体报道登记) does not exist yet: newspaper and TV reports name it as their source, and
 * count nothing (and say so) until the media module registers it here with its media type as the occurrence kind.
 */
export type SourceKey = 'publications' | 'media_coverage';

export type Occurrence = {
  /** Repeats of one piece share a key. */
  key: string;
  departmentId: number;
  attribution: 'department' | 'author';
  occurredAt: Date;
  title: string;
  articleId: number | null;
  category: string | null;
  /** The channel kind (website, weibo …), or for coverage the media type (newspaper, tv …). */
  kind: string;
  /** The channel's or the outlet's name. */
  where: string;
};

export type CountingWindow = { from: Date; to: Date; departmentIds?: number[] };

type CountingSource = (db: DbOrTx, hospitalId: number, window: CountingWindow) => Promise<Occurrence[]>;

const sources: Partial<Record<SourceKey, CountingSource>> = {
  publications: async (db, hospitalId, window) =>
    (await publishedPieces(db, hospitalId, window)).map((p) => ({
      key: `article:${p.articleId}`,
      departmentId: p.departmentId,
      attribution: p.attribution,
      occurredAt: p.publishedAt,
      title: p.title,
      articleId: p.articleId,
      category: p.category,
      kind: p.channelKind,
      where: p.channelName,
    })),
};

const wechatKinds = new Set(['wechat_service', 'wechat_subscription']);

export const metricCounting: Record<TargetMetric, { source: SourceKey; counts: (o: Occurrence) => boolean }> = {
  info: { source: 'publications', counts: () => true },
  wechat: { source: 'publications', counts: (o) => wechatKinds.has(o.kind) },
  weibo: { source: 'publications', counts: (o) => o.kind === 'weibo' },
  website: { source: 'publications', counts: (o) => o.kind === 'website' },
  science: { source: 'publications', counts: (o) => o.category === 'science' },
  newspaper_report: { source: 'media_coverage', counts: (o) => o.kind === 'newspaper' },
  tv_report: { source: 'media_coverage', counts: (o) => o.kind === 'tv' },
};

export const sourceAvailable = (metric: TargetMetric) => sources[metricCounting[metric].source] !== undefined;

/** For the console: which metrics can be counted today, so the others can say why they show 0. */
export const metricSources = () => ({
  items: targetMetrics.map((metric) => ({ metric, source: metricCounting[metric].source, sourceAvailable: sourceAvailable(metric) })),
});

/** Occurrences of the sources these metrics read, each source asked once; a source that does not exist gives none. */
export async function collectOccurrences(db: DbOrTx, hospitalId: number, metrics: TargetMetric[], window: CountingWindow) {
  const needed = [...new Set(metrics.map((m) => metricCounting[m].source))];
  const collected = new Map<SourceKey, Occurrence[]>();
  for (const key of needed) collected.set(key, (await sources[key]?.(db, hospitalId, window)) ?? []);
  return (metric: TargetMetric, departmentId: number) =>
    collected.get(metricCounting[metric].source)!.filter((o) => o.departmentId === departmentId && metricCounting[metric].counts(o));
}

/** Occurrences grouped into pieces: one per key, with every channel or outlet that carried it, first one first. */
export function piecesOf(occurrences: Occurrence[]) {
  const byKey = new Map<string, Occurrence[]>();
  for (const o of [...occurrences].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime())) byKey.set(o.key, [...(byKey.get(o.key) ?? []), o]);
  return [...byKey.values()].map((group) => ({ first: group[0], all: group }));
}
