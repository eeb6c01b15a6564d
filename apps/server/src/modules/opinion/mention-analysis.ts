import { and, asc, eq, gt, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Db } from '../../platform/db/database.ts';
import { createAnalyzer, type Analyzer, type AnalyzerOptions } from './analysis/analyzer.ts';
import type { Category, MentionInput, Polarity } from './analysis/types.ts';
import { activeModelId, analyzerModel } from './classifier.service.ts';
import type { NormalisedMention } from './mention-input.ts';
import { mentions, opinionSources } from './opinion.tables.ts';
import { ensureWatchRules, hospitalProfile, watchRulesStamp, type HospitalProfile } from './watch-rule.service.ts';

/** A mention as handed to the analysis: its drawn database id names it, and names its cluster when it is a story's first. */
export type AnalysisItem = NormalisedMention & { id: number; source: string };

export type MentionVerdict = {
  aboutHospital: boolean;
  polarity: Polarity;
  risk: number;
  category: Category;
  reasons: string[];
  /** The id of the first mention of its near-duplicate story (its own id when it starts one). */
  clusterOf: number;
};

export type HospitalAnalyzer = { profile: HospitalProfile; analyse(items: AnalysisItem[]): Promise<MentionVerdict[]> };

/** Analyzers kept at once (each has its worker threads and dictionaries); a provincial deployment serves hundreds of hospitals. */
const maxAnalyzers = 16;

/** How much history a fresh analyzer reads back so that a repost still joins a story told before a restart. */
const warmUp = { days: 3, maxMentions: 20_000, chunk: 1_000 };

const inputOf = (m: Omit<AnalysisItem, 'raw' | 'externalId'>): MentionInput => ({
  id: m.id,
  source: m.source,
  title: m.title,
  text: m.text,
  url: m.url,
  author: m.author,
  published_at: m.publishedAt?.toISOString() ?? null,
  reposts: m.reposts,
  comments: m.comments,
  likes: m.likes,
});

function verdictOf(a: { about_hospital: boolean; polarity: Polarity; risk: number; category: Category; reasons: string[]; cluster: string | number; id: string | number }): MentionVerdict {
  return { aboutHospital: a.about_hospital, polarity: a.polarity, risk: a.risk, category: a.category, reasons: a.reasons, clusterOf: Number(a.cluster) };
}

type Entry = { stamp: string; ready: Promise<{ analyzer: Analyzer; profile: HospitalProfile }>; inFlight: number; retired: boolean };

/**
 * The analysis engine's analyzers, one per hospital, built from its watch rules and its active classifier (if one is
 * switched on), and rebuilt when either changes. An analyzer keeps the clusters of the stories it has seen, so a new
 * one first reads the last days' mentions back.
 */
export class MentionAnalyzers {
  readonly #entries = new Map<number, Entry>();

  constructor(
    private readonly logger: Logger,
    private readonly options: AnalyzerOptions = {},
  ) {}

  async forHospital(db: Db, hospitalId: number): Promise<HospitalAnalyzer> {
    // Seeded first, so that the stamp is already the one the analyzer will be built from.
    await ensureWatchRules(db, hospitalId);
    // The active classifier is part of the key: switching a model on or off rebuilds the analyzer with the next batch.
    const modelId = await activeModelId(db, hospitalId);
    const stamp = `${await watchRulesStamp(db, hospitalId)}|model:${modelId ?? 'none'}`;
    let entry = this.#entries.get(hospitalId);
    if (!entry || entry.stamp !== stamp) {
      if (entry) this.#retire(entry);
      const built: Entry = { stamp, ready: this.#build(db, hospitalId, modelId), inFlight: 0, retired: false };
      entry = built;
      built.ready.catch(() => {
        if (this.#entries.get(hospitalId) === built) this.#entries.delete(hospitalId);
      });
    }
    // Most recently used last: the hospitals idle longest give their threads back first.
    this.#entries.delete(hospitalId);
    this.#entries.set(hospitalId, entry);
    for (const [id, idle] of this.#entries) {
      if (this.#entries.size <= maxAnalyzers) break;
      this.#entries.delete(id);
      this.#retire(idle);
    }
    const { analyzer, profile } = await entry.ready;
    const current = entry;
    return {
      profile,
      analyse: async (items) => {
        current.inFlight += 1;
        try {
          return (await analyzer.analyze(items.map(inputOf))).map(verdictOf);
        } finally {
          current.inFlight -= 1;
          if (current.retired && current.inFlight === 0) void analyzer.close();
        }
      },
    };
  }

  async #build(db: Db, hospitalId: number, modelId: number | null) {
    const profile = await hospitalProfile(db, hospitalId);
    const model = modelId === null ? null : await analyzerModel(db, hospitalId, modelId);
    const analyzer = await createAnalyzer(profile, { ...this.options, ...(model ?? {}) });
    try {
      let after = 0;
      const since = sql`now() - make_interval(days => ${warmUp.days})`;
      for (let read = 0; read < warmUp.maxMentions; read += warmUp.chunk) {
        const rows = await db
          .select({ mention: mentions, source: opinionSources.name })
          .from(mentions)
          .innerJoin(opinionSources, eq(opinionSources.id, mentions.sourceId))
          .where(and(eq(mentions.hospitalId, hospitalId), gt(mentions.ingestedAt, since), gt(mentions.id, after)))
          .orderBy(asc(mentions.id))
          .limit(warmUp.chunk);
        if (rows.length === 0) break;
        await analyzer.analyze(rows.map((r) => inputOf({ ...r.mention, source: r.source })));
        after = rows[rows.length - 1].mention.id;
      }
    } catch (err) {
      await analyzer.close();
      throw err;
    }
    return { analyzer, profile };
  }

  #retire(entry: Entry) {
    entry.retired = true;
    void entry.ready.then(({ analyzer }) => (entry.inFlight === 0 ? analyzer.close() : undefined)).catch((err) => this.logger.warn({ err }, 'closing an analyzer failed'));
  }

  /** One-off readings for a profile (a drafted watch rule), in this thread and with no cluster memory. */
  async withProfile<T>(profile: HospitalProfile, use: (analyse: (items: AnalysisItem[]) => Promise<MentionVerdict[]>) => Promise<T>): Promise<T> {
    const analyzer = await createAnalyzer(profile, { ...this.options, workers: 0 });
    try {
      return await use(async (items) => (await analyzer.analyze(items.map(inputOf))).map(verdictOf));
    } finally {
      await analyzer.close();
    }
  }

  async close() {
    const entries = [...this.#entries.values()];
    this.#entries.clear();
    await Promise.all(entries.map((e) => e.ready.then(({ analyzer }) => analyzer.close()).catch(() => undefined)));
  }
}
