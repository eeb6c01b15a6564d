import { randomUUID } from 'node:crypto';
import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Db, DbOrTx } from '../../platform/db/database.ts';
import { notifyInstances, type InstanceNotifications } from '../../platform/db/notifications.ts';
import { createAnalyzer, type Analyzer, type AnalyzerOptions } from './analysis/analyzer.ts';
import type { Category, Polarity } from './analysis/types.ts';
import { activeModelId, analyzerModel } from './classifier.service.ts';
import { analysisInputOf, type NormalisedMention } from './mention-input.ts';
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

function verdictOf(a: { about_hospital: boolean; polarity: Polarity; risk: number; category: Category; reasons: string[]; cluster: string | number; id: string | number }): MentionVerdict {
  return { aboutHospital: a.about_hospital, polarity: a.polarity, risk: a.risk, category: a.category, reasons: a.reasons, clusterOf: Number(a.cluster) };
}

type Entry = {
  stamp: string;
  ready: Promise<{ analyzer: Analyzer; profile: HospitalProfile }>;
  inFlight: number;
  retired: boolean;
  /** The mentions the warm-up read back, which another instance's notice may name again. */
  warmIds: Set<number>;
  /** Mentions other instances stored since, still to be shown to this analyzer. */
  foreign: number[];
  /** Catch-ups in order: each waits for the one before. */
  catchingUp: Promise<void>;
};

/** The channel on which instances tell each other which mentions they stored (LISTEN/NOTIFY). */
const storedChannel = 'rongmei_opinion_mentions';
/** Ids per notice: a notice's payload must stay under PostgreSQL's 8,000 bytes. */
const idsPerNotice = 500;

/**
 * The analysis engine's analyzers, one per hospital, built from its watch rules and its active classifier (if one is
 * switched on), and rebuilt when either changes. An analyzer keeps the clusters of the stories it has seen, so a new
 * one first reads the last days' mentions back, and before each batch it is shown what other instances stored since
 * (heard through `listenToOtherInstances`).
 */
export class MentionAnalyzers {
  readonly #entries = new Map<number, Entry>();
  /** This app instance among those on the database: its own notices are not news to it. */
  readonly #instanceId = randomUUID();

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
      const warmIds = new Set<number>();
      const built: Entry = { stamp, ready: this.#build(db, hospitalId, modelId, warmIds), inFlight: 0, retired: false, warmIds, foreign: [], catchingUp: Promise.resolve() };
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
          await this.#catchUp(db, hospitalId, current, analyzer);
          return (await analyzer.analyze(items.map(analysisInputOf))).map(verdictOf);
        } finally {
          current.inFlight -= 1;
          if (current.retired && current.inFlight === 0) void analyzer.close();
        }
      },
    };
  }

  /** Listens for the mentions other instances store; after a lost connection, analyzers are rebuilt from the database. */
  async listenToOtherInstances(notifications: InstanceNotifications) {
    notifications.onGap(() => {
      for (const [hospitalId, entry] of this.#entries) {
        this.#entries.delete(hospitalId);
        this.#retire(entry);
      }
    });
    await notifications.listen(storedChannel, (payload) => {
      const notice = JSON.parse(payload) as { h: number; i: string; ids: number[] };
      if (notice.i !== this.#instanceId) this.#entries.get(notice.h)?.foreign.push(...notice.ids);
    });
  }

  /**
   * Tells the other instances, with the storing transaction, which mentions of a hospital this one stored, so that
   * their analyzers know those stories too (a repost pushed to another instance then joins the same cluster).
   */
  async announceStored(tx: DbOrTx, hospitalId: number, ids: number[]) {
    for (let i = 0; i < ids.length; i += idsPerNotice) {
      await notifyInstances(tx, storedChannel, JSON.stringify({ h: hospitalId, i: this.#instanceId, ids: ids.slice(i, i + idsPerNotice) }));
    }
  }

  /** Shows the analyzer, in order and once, the mentions other instances stored since it last looked. */
  #catchUp(db: Db, hospitalId: number, entry: Entry, analyzer: Analyzer): Promise<void> {
    if (entry.foreign.length === 0) return entry.catchingUp;
    const ids = entry.foreign.splice(0).filter((id) => !entry.warmIds.has(id));
    entry.catchingUp = entry.catchingUp.then(async () => {
      if (ids.length === 0) return;
      const rows = await db
        .select({ mention: mentions, source: opinionSources.name })
        .from(mentions)
        .innerJoin(opinionSources, eq(opinionSources.id, mentions.sourceId))
        .where(and(eq(mentions.hospitalId, hospitalId), inArray(mentions.id, ids)))
        .orderBy(asc(mentions.id));
      if (rows.length) await analyzer.analyze(rows.map((r) => analysisInputOf({ ...r.mention, source: r.source })));
    });
    return entry.catchingUp;
  }

  async #build(db: Db, hospitalId: number, modelId: number | null, warmIds: Set<number>) {
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
        await analyzer.analyze(rows.map((r) => analysisInputOf({ ...r.mention, source: r.source })));
        for (const r of rows) warmIds.add(r.mention.id);
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
      return await use(async (items) => (await analyzer.analyze(items.map(analysisInputOf))).map(verdictOf));
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
