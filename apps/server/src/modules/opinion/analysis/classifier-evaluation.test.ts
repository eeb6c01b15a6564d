import { describe, expect, it } from 'vitest';
import type { PolarityClassifier, PolarityExample } from './classifier.ts';
import { polarityClassifier, trainPolarityModel } from './classifier.ts';
import { crossValidatePolarity, foldsOf, polarityDrift, type ReadPolarity } from './classifier-evaluation.ts';
import { heldOutMentions, labelledMentions, labelledProfile, unseenMentions } from './labelled-mentions.fixture.ts';
import { MentionAnalyzer } from './mention-analyzer.ts';
import type { Polarity } from './types.ts';

/** A stand-in for the analysis: the lexicon says `lexicon[i]`; a classifier overrides it when at least `min` sure. */
function fakeRead(examples: PolarityExample[], lexicon: Polarity[], min = 0.9): ReadPolarity {
  return (i, classify) => {
    const predicted = classify?.(examples[i].words);
    if (predicted && predicted.probability >= min) return { polarity: predicted.polarity, reasons: [`model:${predicted.polarity}(${predicted.probability.toFixed(2)})`] };
    return { polarity: lexicon[i], reasons: ['lexicon'] };
  };
}

const word = { negative: ['号贩子', '倒卖', '专家号'], neutral: ['门诊', '时间', '调整'], positive: ['感谢', '耐心', '锦旗'] } as const;

describe('folds', () => {
  it('are stratified by label and the same on every run', () => {
    const labels: Polarity[] = [...Array(10).fill('negative'), ...Array(5).fill('positive'), ...Array(5).fill('neutral')];
    const folds = foldsOf(labels, 5);
    expect(foldsOf(labels, 5)).toEqual(folds);
    for (let f = 0; f < 5; f++) {
      const members = labels.filter((_, i) => folds[i] === f);
      expect(members.filter((l) => l === 'negative')).toHaveLength(2);
      expect(members).toHaveLength(4);
    }
  });
});

describe('cross-validating the analysis with a classifier against the analysis without one', () => {
  it('reports accuracy, macro-F1 and per-polarity precision/recall before and after, and which examples changed', async () => {
    // The lexicon reads every 号贩子 post as neutral; officers corrected them to negative. It is right on the rest.
    const examples: PolarityExample[] = [];
    const lexicon: Polarity[] = [];
    for (let i = 0; i < 10; i++) {
      examples.push({ words: [...word.negative, `帖${i}`], polarity: 'negative' });
      lexicon.push('neutral');
      examples.push({ words: [...word.neutral, `通知${i}`], polarity: 'neutral' });
      lexicon.push('neutral');
      examples.push({ words: [...word.positive, `谢${i}`], polarity: 'positive' });
      lexicon.push('positive');
    }
    const report = await crossValidatePolarity(examples, fakeRead(examples, lexicon), { folds: 5 });
    expect(report).toMatchObject({ folds: 5, n: 30, labels: { negative: 10, neutral: 10, positive: 10 } });
    expect(report.before.accuracy).toBeCloseTo(20 / 30);
    expect(report.before.perClass.negative).toMatchObject({ recall: 0, support: 10 });
    expect(report.before.perClass.neutral).toMatchObject({ precision: 0.5, recall: 1 });
    expect(report.after.accuracy).toBe(1);
    expect(report.after.macroF1).toBe(1);
    expect(report.fixed).toBe(10);
    expect(report.broken).toBe(0);
    expect(report.changes.every((c) => c.outcome === 'fixed' && c.expected === 'negative' && c.before === 'neutral' && c.modelReason?.startsWith('model:negative'))).toBe(true);
    expect(report.after.confusion.negative).toEqual({ negative: 10 });
  });

  it('counts what the model breaks as well as what it fixes, fixed first', async () => {
    // Half the 感谢 posts are sarcasm the lexicon got right as negative; the model learns 感谢 = positive and breaks them.
    const examples: PolarityExample[] = [];
    const lexicon: Polarity[] = [];
    for (let i = 0; i < 12; i++) {
      examples.push({ words: [...word.positive, `谢${i}`], polarity: 'positive' });
      lexicon.push(i < 6 ? 'neutral' : 'positive');
    }
    for (let i = 0; i < 3; i++) {
      examples.push({ words: [...word.positive, `反讽${i}`], polarity: 'negative' });
      lexicon.push('negative');
    }
    for (let i = 0; i < 6; i++) {
      examples.push({ words: [...word.negative, `帖${i}`], polarity: 'negative' });
      lexicon.push('negative');
    }
    const report = await crossValidatePolarity(examples, fakeRead(examples, lexicon, 0.6));
    expect(report.fixed).toBe(6);
    expect(report.broken).toBe(3);
    expect(report.changes.map((c) => c.outcome)).toEqual([...Array(6).fill('fixed'), ...Array(3).fill('broken')]);
    const correct = (e: { accuracy: number; n: number }) => Math.round(e.accuracy * e.n);
    expect(correct(report.after) - correct(report.before)).toBe(report.fixed - report.broken);
  });

  it('never reads an example with a model that was trained on it', async () => {
    // Every example is only its own word: a model that saw it would recognise it; one that did not knows nothing of it.
    const examples: PolarityExample[] = Array.from({ length: 40 }, (_, i) => ({ words: [`独有${i}`], polarity: i % 2 ? 'positive' : 'negative' }));
    const leaky = fakeRead(examples, Array(40).fill('neutral'), 0);
    const fitted = polarityClassifier(trainPolarityModel(examples));
    expect(examples.every((e) => fitted(e.words)?.polarity === e.polarity)).toBe(true);
    const report = await crossValidatePolarity(examples, leaky, { folds: 4 });
    expect(report.after.accuracy).toBeLessThanOrEqual(0.5);
  });

  it('says how far the full model would move mentions nobody corrected', async () => {
    const classify: PolarityClassifier = (words) => (words.includes('感谢') ? { polarity: 'positive', probability: 0.95 } : { polarity: 'negative', probability: 0.5 });
    const unlabelled = [['感谢'], ['排队'], ['感谢', '护士'], ['门诊']];
    const drift = await polarityDrift(unlabelled.length, (i, c) => {
      const p = c?.(unlabelled[i]);
      return { polarity: p && p.probability >= 0.9 ? p.polarity : 'neutral', reasons: [] };
    }, classify);
    expect(drift).toEqual({ tested: 4, changed: 2, shifts: [{ from: 'neutral', to: 'positive', count: 2 }] });
  });
});

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

describe('measured on the hand-labelled hospital mentions', () => {
  it('a model trained on every labelled mention as a correction, cross-validated against the lexicon alone', async () => {
    const analyzer = new MentionAnalyzer(labelledProfile);
    const all = [...labelledMentions, ...heldOutMentions, ...unseenMentions];
    const examples = all.map((l) => ({ words: analyzer.words(l.mention), polarity: l.expected.polarity }));
    const read: ReadPolarity = (i, classify) => {
      const r = analyzer.readWith(all[i].mention, { classify });
      return { polarity: r.polarity, reasons: r.reasons };
    };
    const report = await crossValidatePolarity(examples, read);
    console.log(
      `labelled hospital mentions as corrections (${report.n}, ${report.folds}-fold): lexicon alone accuracy ${pct(report.before.accuracy)} macro-F1 ${pct(report.before.macroF1)}; ` +
        `with the model accuracy ${pct(report.after.accuracy)} macro-F1 ${pct(report.after.macroF1)}; fixed ${report.fixed}, broken ${report.broken}, changed ${report.changed}`,
    );
    // The lexicon was written against these mentions: a model of ~90 of them cannot beat it, and the report must say so.
    expect(report.n).toBe(all.length);
    expect(report.before.accuracy).toBeGreaterThan(0.9);
    const correct = (e: { accuracy: number; n: number }) => Math.round(e.accuracy * e.n);
    expect(correct(report.after) - correct(report.before)).toBe(report.fixed - report.broken);
    // The reading without a model is the analyzer's own.
    expect(all.every((l, i) => read(i, undefined).polarity === analyzer.read(l.mention).polarity)).toBe(true);
  }, 60_000);
});
