import { and, count, countDistinct, desc, eq, getTableColumns, gt, lt, max, sql, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../platform/db/database.ts';
import { AppError, errors } from '../../platform/http/errors.ts';
import { decodeCursor, pageOf } from '../../platform/http/pagination.ts';
import type { AuditContext, RequestContext, SystemContext } from '../../platform/http/request-context.ts';
import { recordAudit } from '../org/audit.service.ts';
import { usersByIds } from '../org/directory.service.ts';
import { polarityClassifier, trainPolarityModel, type PolarityExample, type PolarityModel } from './analysis/classifier.ts';
import { crossValidatePolarity, polarityDrift, type ClassifierReport, type ReadPolarity } from './analysis/classifier-evaluation.ts';
import { defaultMinProbability, MentionAnalyzer } from './analysis/mention-analyzer.ts';
import type { MentionInput } from './analysis/types.ts';
import { opinionClassifierModels, type ClassifierModelStatus, type ClassifierTrigger } from './classifier-model.tables.ts';
import { analysisInputOf } from './mention-input.ts';
import { correctionsFor, type CorrectionExample } from './mention.service.ts';
import { assertManagesOpinion, assertSeesOpinion } from './opinion.policy.ts';
import { mentionCorrections, mentions, opinionSources } from './opinion.tables.ts';
import { hospitalProfile } from './watch-rule.service.ts';

/**
 * The per-hospital polarity classifier's life: trained from the officers' corrections (on demand, or nightly when
 * there are new ones), evaluated before anyone may switch it on, switched on, off or rejected by an opinion manager
 * (opinion.policy.ts), each change audited. The analysis engine (mention-analysis.ts) reads the active model.
 */

/** Corrected mentions needed before a model may be trained: fewer, and cross-validation says nothing. */
export const minCorrections = 20;
/** The most recently corrected mentions a model is trained on: training and its evaluation stay within seconds. */
export const maxTrainingMentions = 5_000;
/** Recent uncorrected mentions the report reads without and with the model, to say how much it would move. */
const driftSample = 500;
const foldCount = 5;
/** Changed examples kept in a report: a screenful, fixed and broken first. */
const maxChangesShown = 50;
const excerptLength = 120;

type ModelRow = typeof opinionClassifierModels.$inferSelect;
type ModelSummaryRow = Omit<ModelRow, 'model'>;

const { model: _model, ...summaryColumns } = getTableColumns(opinionClassifierModels);

/** What may follow what: rules as data; activation retires the model it replaces. */
const transitions: Record<ClassifierModelStatus, readonly ClassifierModelStatus[]> = {
  candidate: ['active', 'rejected'],
  active: ['retired'],
  retired: ['active'],
  rejected: [],
};

const statusNames: Record<ClassifierModelStatus, string> = { candidate: '待启用', active: '已启用', retired: '已停用', rejected: '已驳回' };

function invalidTransition(from: ClassifierModelStatus, to: ClassifierModelStatus) {
  return new AppError(409, 'invalid_transition', { 'zh-CN': `模型当前状态（${statusNames[from]}）不能执行此操作`, en: `A ${from} model cannot become ${to}` }, { from, to });
}

function notEnoughCorrections(zh: string, en: string) {
  return new AppError(409, 'not_enough_corrections', { 'zh-CN': zh, en }, [{ field: 'corrections', messages: { 'zh-CN': zh, en } }]);
}

const person = (names: Map<number, string>, id: number | null) => (id === null ? null : { id, name: names.get(id) ?? `#${id}` });

function toModel(r: ModelSummaryRow, names: Map<number, string>) {
  return {
    id: r.id,
    version: r.version,
    status: r.status,
    trigger: r.trigger,
    trainedAt: r.trainedAt.toISOString(),
    trainedBy: person(names, r.trainedBy),
    examples: r.examples,
    lastCorrectionId: r.lastCorrectionId,
    features: r.features,
    minProbability: r.minProbability,
    report: r.report,
    activatedAt: r.activatedAt?.toISOString() ?? null,
    activatedBy: person(names, r.activatedBy),
    retiredAt: r.retiredAt?.toISOString() ?? null,
    retiredBy: person(names, r.retiredBy),
    rejectedAt: r.rejectedAt?.toISOString() ?? null,
    rejectedBy: person(names, r.rejectedBy),
    rejectReason: r.rejectReason,
  };
}

export type ClassifierModel = ReturnType<typeof toModel>;

async function viewsOf(db: DbOrTx, hospitalId: number, rows: ModelSummaryRow[]): Promise<ClassifierModel[]> {
  const ids = [...new Set(rows.flatMap((r) => [r.trainedBy, r.activatedBy, r.retiredBy, r.rejectedBy]).filter((id): id is number => id !== null))];
  const names = new Map((await usersByIds(db, hospitalId, ids)).map((u) => [u.id, u.displayName]));
  return rows.map((r) => toModel(r, names));
}

async function modelRow(db: DbOrTx, hospitalId: number, id: number, lock = false) {
  const query = db.select(summaryColumns).from(opinionClassifierModels).where(and(eq(opinionClassifierModels.id, id), eq(opinionClassifierModels.hospitalId, hospitalId)));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw errors.notFound('opinion_classifier_model');
  return row;
}

/** Every state change of a hospital's models runs under this lock: one active model, versions without gaps or twins. */
async function lockModels(tx: DbOrTx, hospitalId: number) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`opinion_classifier:${hospitalId}`}, 0))`);
}

const snapshotOf = (r: Pick<ModelSummaryRow, 'version' | 'status'>) => ({ version: r.version, status: r.status });

// ── for the analysis engine ────────────────────────────────────────────────

/** The hospital's active model's id, or null: part of the analyzer cache's key, cheap enough for every batch. */
export async function activeModelId(db: DbOrTx, hospitalId: number): Promise<number | null> {
  const [row] = await db
    .select({ id: opinionClassifierModels.id })
    .from(opinionClassifierModels)
    .where(and(eq(opinionClassifierModels.hospitalId, hospitalId), eq(opinionClassifierModels.status, 'active')));
  return row?.id ?? null;
}

/** A model as the analyzer takes it (whatever its status now: the analyzer is built for the id its key named). */
export async function analyzerModel(db: DbOrTx, hospitalId: number, id: number): Promise<{ polarityModel: PolarityModel; modelMinProbability: number } | null> {
  const [row] = await db
    .select({ model: opinionClassifierModels.model, minProbability: opinionClassifierModels.minProbability })
    .from(opinionClassifierModels)
    .where(and(eq(opinionClassifierModels.id, id), eq(opinionClassifierModels.hospitalId, hospitalId)));
  return row ? { polarityModel: row.model, modelMinProbability: row.minProbability } : null;
}

// ── reads ──────────────────────────────────────────────────────────────────

/** The newest model of any status: corrections after the last one it saw are new. */
async function latestModel(db: DbOrTx, hospitalId: number) {
  const [row] = await db
    .select({ lastCorrectionId: opinionClassifierModels.lastCorrectionId, trainedAt: opinionClassifierModels.trainedAt })
    .from(opinionClassifierModels)
    .where(eq(opinionClassifierModels.hospitalId, hospitalId))
    .orderBy(desc(opinionClassifierModels.id))
    .limit(1);
  return row ?? null;
}

async function correctionCounts(db: DbOrTx, hospitalId: number) {
  const latest = await latestModel(db, hospitalId);
  const [{ mentions: corrected, corrections }] = await db
    .select({ mentions: countDistinct(mentionCorrections.mentionId), corrections: count() })
    .from(mentionCorrections)
    .where(eq(mentionCorrections.hospitalId, hospitalId));
  const [{ since }] = await db
    .select({ since: count() })
    .from(mentionCorrections)
    .where(and(eq(mentionCorrections.hospitalId, hospitalId), gt(mentionCorrections.id, latest?.lastCorrectionId ?? 0)));
  return { correctedMentions: corrected, corrections, correctionsSinceLastModel: since, lastTrainedAt: latest?.trainedAt.toISOString() ?? null };
}

/** The classifier page's head: what is switched on, what waits for a decision, and the corrections since the last model. */
export async function classifierStatus(db: Db, ctx: RequestContext) {
  assertSeesOpinion(ctx.actor);
  const hospitalId = ctx.actor.hospitalId;
  const counts = await correctionCounts(db, hospitalId);
  const current = await db
    .select(summaryColumns)
    .from(opinionClassifierModels)
    .where(and(eq(opinionClassifierModels.hospitalId, hospitalId), sql`${opinionClassifierModels.status} in ('active', 'candidate')`))
    .orderBy(desc(opinionClassifierModels.id));
  const views = await viewsOf(db, hospitalId, current);
  return {
    ...counts,
    minCorrections,
    nightly: nightlyWindow,
    active: views.find((m) => m.status === 'active') ?? null,
    candidate: views.find((m) => m.status === 'candidate') ?? null,
  };
}

export type ClassifierModelFilter = { limit: number; cursor?: string; status?: ClassifierModelStatus };

/** Every model of the hospital with its report, newest first. */
export async function listClassifierModels(db: Db, ctx: RequestContext, filter: ClassifierModelFilter) {
  assertSeesOpinion(ctx.actor);
  const before = decodeCursor(filter.cursor);
  const conditions: (SQL | undefined)[] = [
    eq(opinionClassifierModels.hospitalId, ctx.actor.hospitalId),
    before === undefined ? undefined : lt(opinionClassifierModels.id, before),
    filter.status ? eq(opinionClassifierModels.status, filter.status) : undefined,
  ];
  const rows = await db.select(summaryColumns).from(opinionClassifierModels).where(and(...conditions)).orderBy(desc(opinionClassifierModels.id)).limit(filter.limit + 1);
  const page = pageOf(rows, filter.limit, (r) => r);
  return { items: await viewsOf(db, ctx.actor.hospitalId, page.items), nextCursor: page.nextCursor };
}

export async function getClassifierModel(db: Db, ctx: RequestContext, id: number) {
  assertSeesOpinion(ctx.actor);
  const [view] = await viewsOf(db, ctx.actor.hospitalId, [await modelRow(db, ctx.actor.hospitalId, id)]);
  return view;
}

// ── training ───────────────────────────────────────────────────────────────

const inputOfExample = (e: CorrectionExample): MentionInput => ({
  id: e.mentionId,
  source: e.source,
  title: e.title,
  text: e.text,
  url: e.url,
  author: e.author,
  published_at: e.publishedAt,
  reposts: e.reposts,
  comments: e.comments,
  likes: e.likes,
});

/** The latest mentions nobody corrected, as the analysis reads them. */
async function recentUncorrected(db: DbOrTx, hospitalId: number, limit: number): Promise<MentionInput[]> {
  const rows = await db
    .select({ mention: mentions, source: opinionSources.name })
    .from(mentions)
    .innerJoin(opinionSources, eq(opinionSources.id, mentions.sourceId))
    .where(and(eq(mentions.hospitalId, hospitalId), sql`cardinality(${mentions.correctedFields}) = 0`))
    .orderBy(desc(mentions.id))
    .limit(limit);
  return rows.map(({ mention, source }) => analysisInputOf({ ...mention, source }));
}

/** Refuses to train on too few corrections, or on corrections of one polarity only (such a model says that polarity of everything). */
function assertTrainable(examples: CorrectionExample[]) {
  if (examples.length < minCorrections) {
    throw notEnoughCorrections(
      `至少需要 ${minCorrections} 条已更正的舆情信息才能训练模型（目前 ${examples.length} 条）`,
      `At least ${minCorrections} corrected mentions are needed to train a model (there are ${examples.length})`,
    );
  }
  const labels = new Set(examples.map((e) => e.label.polarity));
  if (labels.size < 2) {
    throw notEnoughCorrections(
      '已更正的信息只有一种情感倾向，至少需要两种倾向的更正才能训练模型',
      'The corrected mentions have one polarity only; corrections of at least two polarities are needed',
    );
  }
}

/**
 * Trains a model on the hospital's corrected mentions (their final polarity, as the officers left it) with the words
 * the analysis feeds a model, and reports what it would change: cross-validated on the corrections, and on recent
 * uncorrected mentions. Pure computation: nothing is stored.
 */
export async function trainAndEvaluate(db: DbOrTx, hospitalId: number) {
  const examples = await correctionsFor(db, hospitalId, { maxMentions: maxTrainingMentions });
  assertTrainable(examples);
  const analyzer = new MentionAnalyzer(await hospitalProfile(db, hospitalId));
  const minProbability = defaultMinProbability;
  const readerOf = (list: MentionInput[]): ReadPolarity => (i, classify) => {
    const reading = analyzer.readWith(list[i], { classify, minProbability });
    return { polarity: reading.polarity, reasons: reading.reasons };
  };
  const inputs = examples.map(inputOfExample);
  const training: PolarityExample[] = inputs.map((m, i) => ({ words: analyzer.words(m), polarity: examples[i].label.polarity }));
  const validation = await crossValidatePolarity(training, readerOf(inputs), { folds: foldCount });
  const model = trainPolarityModel(training);
  const recent = await recentUncorrected(db, hospitalId, driftSample);
  const drift = await polarityDrift(recent.length, readerOf(recent), polarityClassifier(model));
  const report: ClassifierReport = {
    ...validation,
    method: 'k-fold',
    minProbability,
    changes: validation.changes.slice(0, maxChangesShown).map(({ index, ...change }) => {
      const e = examples[index];
      return { ...change, mentionId: e.mentionId, excerpt: (e.title ? `${e.title}｜${e.text}` : e.text).slice(0, excerptLength), misleadingReasons: e.misleadingReasons.slice(0, 10) };
    }),
    recent: drift,
  };
  return {
    model,
    report,
    examples: examples.length,
    lastCorrectionId: Math.max(...examples.map((e) => e.lastCorrectionId)),
    features: Object.keys(model.counts).length,
    minProbability,
  };
}

/** Trains and stores a candidate; an older candidate still waiting is superseded (rejected) by it. */
async function trainCandidate(db: Db, ctx: AuditContext, hospitalId: number, trigger: ClassifierTrigger): Promise<ModelSummaryRow> {
  const trained = await trainAndEvaluate(db, hospitalId);
  const actorId = ctx.actor?.userId ?? null;
  return db.transaction(async (tx) => {
    await lockModels(tx, hospitalId);
    const [{ latest }] = await tx.select({ latest: max(opinionClassifierModels.version) }).from(opinionClassifierModels).where(eq(opinionClassifierModels.hospitalId, hospitalId));
    const version = (latest ?? 0) + 1;
    const superseded = await tx
      .update(opinionClassifierModels)
      .set({ status: 'rejected', rejectedAt: sql`now()`, rejectedBy: actorId, rejectReason: `已被 v${version} 取代 / superseded by v${version}`, updatedAt: sql`now()` })
      .where(and(eq(opinionClassifierModels.hospitalId, hospitalId), eq(opinionClassifierModels.status, 'candidate')))
      .returning(summaryColumns);
    for (const old of superseded) {
      await recordAudit(tx, ctx, { action: 'opinion_classifier.supersede', entityType: 'opinion_classifier_model', entityId: old.id, hospitalId, before: { version: old.version, status: 'candidate' }, after: { ...snapshotOf(old), supersededBy: version } });
    }
    const [row] = await tx
      .insert(opinionClassifierModels)
      .values({ hospitalId, version, status: 'candidate', trigger, trainedBy: actorId, ...trained })
      .returning(summaryColumns);
    const { before, after } = trained.report;
    await recordAudit(tx, ctx, {
      action: 'opinion_classifier.train',
      entityType: 'opinion_classifier_model',
      entityId: row.id,
      hospitalId,
      after: {
        ...snapshotOf(row),
        trigger,
        examples: row.examples,
        lastCorrectionId: row.lastCorrectionId,
        before: { accuracy: before.accuracy, macroF1: before.macroF1 },
        after: { accuracy: after.accuracy, macroF1: after.macroF1 },
      },
    });
    return row;
  });
}

/** "Retrain now": a new candidate from every correction so far, with its report; it is not switched on. */
export async function trainClassifier(db: Db, ctx: RequestContext) {
  assertManagesOpinion(ctx.actor);
  const [view] = await viewsOf(db, ctx.actor.hospitalId, [await trainCandidate(db, ctx, ctx.actor.hospitalId, 'manual')]);
  return view;
}

// ── nightly retraining ─────────────────────────────────────────────────────

/** When the nightly retraining runs: Beijing hours [fromHour, toHour). */
export const nightlyWindow = { timeZone: 'Asia/Shanghai', fromHour: 2, toHour: 6 } as const;

/** Hospitals with corrections newer than their latest model (of any status) and enough corrected mentions to train on. */
export async function hospitalsDueForRetraining(db: DbOrTx, limit = 100): Promise<number[]> {
  const { rows } = await db.execute<{ hospital_id: number }>(sql`
    select c.hospital_id
      from ${mentionCorrections} c
     group by c.hospital_id
    having max(c.id) > coalesce((select max(m.last_correction_id) from ${opinionClassifierModels} m where m.hospital_id = c.hospital_id), 0)
       and count(distinct c.mention_id) >= ${minCorrections}
     order by c.hospital_id
     limit ${limit}`);
  return rows.map((r) => Number(r.hospital_id));
}

const system = (task: string): SystemContext => ({ actor: null, ip: null, requestId: `job:${task}` });

/**
 * The nightly job's work for one hospital: a new candidate when there are corrections since the last model, else
 * nothing (a job run twice trains once). Too few corrections, or one polarity only, is skipped, not failed.
 */
export async function retrainIfDue(db: Db, hospitalId: number): Promise<{ trained: number } | { skipped: string }> {
  const latest = await latestModel(db, hospitalId);
  const [{ newest }] = await db.select({ newest: max(mentionCorrections.id) }).from(mentionCorrections).where(eq(mentionCorrections.hospitalId, hospitalId));
  if (newest === null || newest <= (latest?.lastCorrectionId ?? 0)) return { skipped: 'no new corrections' };
  try {
    const row = await trainCandidate(db, system('opinion-classifier-train'), hospitalId, 'schedule');
    return { trained: row.id };
  } catch (err) {
    if (err instanceof AppError && err.code === 'not_enough_corrections') return { skipped: err.messages.en };
    throw err;
  }
}

// ── decisions ──────────────────────────────────────────────────────────────

/**
 * Switches a candidate (or a retired model: a rollback) on; the model it replaces is retired. Switching on the active
 * model again changes nothing. The analyzers pick it up with their next batch (its id is in their cache key).
 */
export async function activateClassifier(db: Db, ctx: RequestContext, id: number) {
  assertManagesOpinion(ctx.actor);
  const hospitalId = ctx.actor.hospitalId;
  await db.transaction(async (tx) => {
    await lockModels(tx, hospitalId);
    const model = await modelRow(tx, hospitalId, id, true);
    if (model.status === 'active') return;
    if (!transitions[model.status].includes('active')) throw invalidTransition(model.status, 'active');
    const replaced = await tx
      .update(opinionClassifierModels)
      .set({ status: 'retired', retiredAt: sql`now()`, retiredBy: ctx.actor.userId, updatedAt: sql`now()` })
      .where(and(eq(opinionClassifierModels.hospitalId, hospitalId), eq(opinionClassifierModels.status, 'active')))
      .returning(summaryColumns);
    for (const old of replaced) {
      await recordAudit(tx, ctx, { action: 'opinion_classifier.retire', entityType: 'opinion_classifier_model', entityId: old.id, hospitalId, before: { version: old.version, status: 'active' }, after: { ...snapshotOf(old), replacedBy: model.version } });
    }
    await tx
      .update(opinionClassifierModels)
      .set({ status: 'active', activatedAt: sql`now()`, activatedBy: ctx.actor.userId, retiredAt: null, retiredBy: null, updatedAt: sql`now()` })
      .where(eq(opinionClassifierModels.id, id));
    await recordAudit(tx, ctx, {
      action: 'opinion_classifier.activate',
      entityType: 'opinion_classifier_model',
      entityId: id,
      hospitalId,
      before: snapshotOf(model),
      after: { version: model.version, status: 'active', replaced: replaced[0]?.version ?? null },
    });
  });
  return getClassifierModel(db, ctx, id);
}

/** A candidate turned down, with an optional reason; rejecting it again changes nothing. */
export async function rejectClassifier(db: Db, ctx: RequestContext, id: number, input: { reason?: string | null }) {
  assertManagesOpinion(ctx.actor);
  const hospitalId = ctx.actor.hospitalId;
  await db.transaction(async (tx) => {
    await lockModels(tx, hospitalId);
    const model = await modelRow(tx, hospitalId, id, true);
    if (model.status === 'rejected') return;
    if (!transitions[model.status].includes('rejected')) throw invalidTransition(model.status, 'rejected');
    const reason = input.reason?.trim() || null;
    await tx
      .update(opinionClassifierModels)
      .set({ status: 'rejected', rejectedAt: sql`now()`, rejectedBy: ctx.actor.userId, rejectReason: reason, updatedAt: sql`now()` })
      .where(eq(opinionClassifierModels.id, id));
    await recordAudit(tx, ctx, { action: 'opinion_classifier.reject', entityType: 'opinion_classifier_model', entityId: id, hospitalId, before: snapshotOf(model), after: { version: model.version, status: 'rejected', reason } });
  });
  return getClassifierModel(db, ctx, id);
}

/** Switches the active model off: the analysis goes back to the lexicon alone. Nothing active, nothing changes. */
export async function deactivateClassifier(db: Db, ctx: RequestContext) {
  assertManagesOpinion(ctx.actor);
  const hospitalId = ctx.actor.hospitalId;
  await db.transaction(async (tx) => {
    await lockModels(tx, hospitalId);
    const retired = await tx
      .update(opinionClassifierModels)
      .set({ status: 'retired', retiredAt: sql`now()`, retiredBy: ctx.actor.userId, updatedAt: sql`now()` })
      .where(and(eq(opinionClassifierModels.hospitalId, hospitalId), eq(opinionClassifierModels.status, 'active')))
      .returning(summaryColumns);
    for (const old of retired) {
      await recordAudit(tx, ctx, { action: 'opinion_classifier.deactivate', entityType: 'opinion_classifier_model', entityId: old.id, hospitalId, before: { version: old.version, status: 'active' }, after: snapshotOf(old) });
    }
  });
  return classifierStatus(db, ctx);
}
