export type ClassMetrics = { precision: number; recall: number; f1: number; support: number };

export type Evaluation<L extends string> = {
  n: number;
  accuracy: number;
  /** Mean F1 over the expected classes, each counting the same whatever its size. */
  macroF1: number;
  perClass: Record<L, ClassMetrics>;
  /** confusion[expected][predicted] = count. */
  confusion: Record<L, Record<string, number>>;
};

/** Accuracy, per-class precision/recall/F1 and macro-F1 of predictions against labels. */
export function evaluate<L extends string>(pairs: { expected: L; predicted: string }[], classes: readonly L[]): Evaluation<L> {
  const perClass = {} as Record<L, ClassMetrics>;
  const confusion = {} as Record<L, Record<string, number>>;
  for (const c of classes) confusion[c] = {};
  let correct = 0;
  for (const { expected, predicted } of pairs) {
    if (expected === predicted) correct++;
    const row: Record<string, number> = confusion[expected] ?? (confusion[expected] = {});
    row[predicted] = (row[predicted] ?? 0) + 1;
  }
  let f1Sum = 0;
  for (const c of classes) {
    const tp = pairs.filter((p) => p.expected === c && p.predicted === c).length;
    const predicted = pairs.filter((p) => p.predicted === c).length;
    const support = pairs.filter((p) => p.expected === c).length;
    const precision = predicted ? tp / predicted : 0;
    const recall = support ? tp / support : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    perClass[c] = { precision, recall, f1, support };
    f1Sum += f1;
  }
  return { n: pairs.length, accuracy: pairs.length ? correct / pairs.length : 0, macroF1: classes.length ? f1Sum / classes.length : 0, perClass, confusion };
}
