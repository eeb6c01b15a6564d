import { polarityClassifier, trainPolarityModel, type PolarityClassifier, type PolarityExample } from './classifier.ts';
import { evaluate, type Evaluation } from './metrics.ts';
import { polarities, type Polarity } from './types.ts';

/**
 * What a candidate classifier would do, told before anyone switches it on: the analysis of the corrected mentions
 * without a model against the analysis with a model that never saw them (k-fold cross-validation: each fold is read
 * by a model trained on the other folds), and what the full model would change on recent mentions nobody corrected.
 */

/** The analysis' final polarity of example `index`, with a classifier, or by the lexicon alone; and its reasons. */
export type ReadPolarity = (index: number, classify: PolarityClassifier | undefined) => { polarity: Polarity; reasons: string[] };

/** fixed: wrong without the model, right with it; broken: the other way round; changed: wrong either way. */
export type ChangeOutcome = 'fixed' | 'broken' | 'changed';

export type PolarityChange = { index: number; expected: Polarity; before: Polarity; after: Polarity; outcome: ChangeOutcome; modelReason: string | null };

export type CrossValidation = {
  folds: number;
  n: number;
  /** Examples per label. */
  labels: Record<Polarity, number>;
  before: Evaluation<Polarity>;
  after: Evaluation<Polarity>;
  fixed: number;
  broken: number;
  changed: number;
  /** Every example whose polarity the model changes, fixed and broken first, in example order. */
  changes: PolarityChange[];
};

/** Mentions nobody corrected, read without and with the model trained on every correction: how much it would move. */
export type Drift = { tested: number; changed: number; shifts: { from: Polarity; to: Polarity; count: number }[] };

/** The report stored with a model (classifier-model.tables.ts) and shown in the console. */
export type ClassifierReport = Omit<CrossValidation, 'changes'> & {
  method: 'k-fold';
  minProbability: number;
  /** The changed examples (at most a screenful), with the mention they are. */
  changes: (Omit<PolarityChange, 'index'> & { mentionId: number; excerpt: string; misleadingReasons: string[] })[];
  recent: Drift;
};

/** Reads this many mentions between two yields to the event loop: the server keeps answering while it evaluates. */
const readsPerSlice = 256;
const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Fold of each example, stratified: each label's examples dealt round-robin in order (continuing from one label to the
 * next), so every fold holds about the same share of each label and the same examples always land in the same fold.
 */
export function foldsOf(labels: readonly Polarity[], folds: number): number[] {
  const fold = new Array<number>(labels.length);
  let next = 0;
  for (const p of polarities) {
    labels.forEach((label, i) => {
      if (label === p) fold[i] = next++ % folds;
    });
  }
  return fold;
}

const outcomeOrder: Record<ChangeOutcome, number> = { fixed: 0, broken: 1, changed: 2 };

/**
 * k-fold cross-validation of the analysis with a classifier trained on corrections, against the analysis without one
 * (the lexicon alone). The metrics count the expected labels' classes (those with support), as evaluatePolarityModel does.
 */
export async function crossValidatePolarity(examples: readonly PolarityExample[], read: ReadPolarity, options: { folds?: number } = {}): Promise<CrossValidation> {
  const n = examples.length;
  const k = Math.max(2, Math.min(options.folds ?? 5, n));
  const fold = foldsOf(examples.map((e) => e.polarity), k);
  const before: { polarity: Polarity; reasons: string[] }[] = [];
  const after: { polarity: Polarity; reasons: string[] }[] = new Array(n);
  for (let i = 0; i < n; i++) {
    before.push(read(i, undefined));
    if (i % readsPerSlice === readsPerSlice - 1) await yieldToLoop();
  }
  for (let f = 0; f < k; f++) {
    const classify = polarityClassifier(trainPolarityModel(examples.filter((_, i) => fold[i] !== f)));
    for (let i = 0; i < n; i++) {
      if (fold[i] !== f) continue;
      after[i] = read(i, classify);
      if (i % readsPerSlice === readsPerSlice - 1) await yieldToLoop();
    }
  }
  const classes = polarities.filter((p) => examples.some((e) => e.polarity === p));
  const changes: PolarityChange[] = [];
  for (let i = 0; i < n; i++) {
    const expected = examples[i].polarity;
    const was = before[i].polarity;
    const now = after[i].polarity;
    if (was === now) continue;
    const outcome: ChangeOutcome = now === expected ? 'fixed' : was === expected ? 'broken' : 'changed';
    changes.push({ index: i, expected, before: was, after: now, outcome, modelReason: after[i].reasons.find((r) => r.startsWith('model:')) ?? null });
  }
  changes.sort((a, b) => outcomeOrder[a.outcome] - outcomeOrder[b.outcome] || a.index - b.index);
  const count = (outcome: ChangeOutcome) => changes.filter((c) => c.outcome === outcome).length;
  return {
    folds: k,
    n,
    labels: Object.fromEntries(polarities.map((p) => [p, examples.filter((e) => e.polarity === p).length])) as Record<Polarity, number>,
    before: evaluate(examples.map((e, i) => ({ expected: e.polarity, predicted: before[i].polarity })), classes),
    after: evaluate(examples.map((e, i) => ({ expected: e.polarity, predicted: after[i].polarity })), classes),
    fixed: count('fixed'),
    broken: count('broken'),
    changed: count('changed'),
    changes,
  };
}

/** How the analysis of `n` unlabelled mentions moves when the classifier is added: counts of each polarity shift. */
export async function polarityDrift(n: number, read: ReadPolarity, classify: PolarityClassifier): Promise<Drift> {
  const shifts = new Map<string, { from: Polarity; to: Polarity; count: number }>();
  let changed = 0;
  for (let i = 0; i < n; i++) {
    const from = read(i, undefined).polarity;
    const to = read(i, classify).polarity;
    if (from !== to) {
      changed++;
      const key = `${from}>${to}`;
      const shift = shifts.get(key) ?? { from, to, count: 0 };
      shift.count++;
      shifts.set(key, shift);
    }
    if (i % readsPerSlice === readsPerSlice - 1) await yieldToLoop();
  }
  return { tested: n, changed, shifts: [...shifts.values()].sort((a, b) => b.count - a.count) };
}
