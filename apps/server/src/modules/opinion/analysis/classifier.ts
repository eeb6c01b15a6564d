import { evaluate, type Evaluation } from './metrics.ts';
import { polarities, type Polarity } from './types.ts';

/**
 * The per-hospital polarity classifier: a naive Bayes over the words of a mention (each word and each pair
 * of neighbouring words counted once per mention, which suits short opinion texts better than raw counts),
 * trained on the opinion officers' corrections. It is plain JSON, so it can be stored, shipped to the
 * analysis workers, and retrained by adding corrections to it.
 */
export type PolarityModel = {
  kind: 'naive-bayes';
  /** Mentions trained on per class, in the order of `polarities`. */
  docs: number[];
  /** Feature occurrences per class. */
  totals: number[];
  counts: Record<string, number[]>;
};

export type PolarityExample = { words: string[]; polarity: Polarity };

const smoothing = 1;

function features(words: string[]): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i < words.length; i++) {
    out.add(words[i]);
    if (i > 0) out.add(`${words[i - 1]}_${words[i]}`);
  }
  return out;
}

export function emptyPolarityModel(): PolarityModel {
  return { kind: 'naive-bayes', docs: polarities.map(() => 0), totals: polarities.map(() => 0), counts: {} };
}

/** A new model with the examples added to `base` (which is left unchanged). */
export function trainPolarityModel(examples: PolarityExample[], base: PolarityModel = emptyPolarityModel()): PolarityModel {
  const model: PolarityModel = structuredClone(base);
  for (const { words, polarity } of examples) {
    const c = polarities.indexOf(polarity);
    model.docs[c]++;
    for (const f of features(words)) {
      if (f === '__proto__') continue;
      if (!Object.hasOwn(model.counts, f)) model.counts[f] = polarities.map(() => 0);
      const row = model.counts[f];
      row[c]++;
      model.totals[c]++;
    }
  }
  return model;
}

export type PolarityPrediction = { polarity: Polarity; probability: number };
export type PolarityClassifier = (words: string[]) => PolarityPrediction | undefined;

/**
 * The model ready to predict: the most probable polarity of some words and its posterior probability
 * (undefined for a model trained on nothing).
 */
export function polarityClassifier(model: PolarityModel): PolarityClassifier {
  const docs = model.docs.reduce((a, b) => a + b, 0);
  const vocabulary = Object.keys(model.counts).length;
  const priors = model.docs.map((d) => (d ? Math.log(d / docs) : -Infinity));
  const denominators = model.totals.map((t) => Math.log(t + smoothing * vocabulary));
  return (words) => {
    if (!docs) return undefined;
    const log = [...priors];
    for (const f of features(words)) {
      if (!Object.hasOwn(model.counts, f)) continue;
      const row = model.counts[f];
      for (let c = 0; c < log.length; c++) log[c] += Math.log(row[c] + smoothing) - denominators[c];
    }
    const top = Math.max(...log);
    const exp = log.map((l) => Math.exp(l - top));
    const sum = exp.reduce((a, b) => a + b, 0);
    const best = exp.indexOf(1);
    return { polarity: polarities[best], probability: exp[best] / sum };
  };
}

/** The model's accuracy and macro-F1 on held-out examples: what an officer sees before switching it on. */
export function evaluatePolarityModel(model: PolarityModel, examples: PolarityExample[]): Evaluation<Polarity> {
  const predict = polarityClassifier(model);
  return evaluate(
    examples.map((e) => ({ expected: e.polarity, predicted: predict(e.words)?.polarity ?? 'neutral' })),
    polarities.filter((p) => examples.some((e) => e.polarity === p)),
  );
}
