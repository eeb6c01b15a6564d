import { describe, expect, it } from 'vitest';
import { createAnalyzer } from './analyzer.ts';
import { emptyPolarityModel, evaluatePolarityModel, polarityClassifier, trainPolarityModel, type PolarityExample } from './classifier.ts';
import { labelledProfile } from './labelled-mentions.fixture.ts';
import { MentionAnalyzer } from './mention-analyzer.ts';
import { evaluate } from './metrics.ts';
import type { Polarity } from './types.ts';

const examples: PolarityExample[] = [
  { words: ['号贩子', '倒卖', '专家号'], polarity: 'negative' },
  { words: ['黄牛', '倒卖', '号源'], polarity: 'negative' },
  { words: ['护士', '耐心', '感谢'], polarity: 'positive' },
  { words: ['医生', '感谢', '锦旗'], polarity: 'positive' },
  { words: ['门诊', '时间', '调整'], polarity: 'neutral' },
  { words: ['春节', '门诊', '安排'], polarity: 'neutral' },
];

describe('the per-hospital polarity classifier', () => {
  it('learns the words of each polarity and says how sure it is', () => {
    const predict = polarityClassifier(trainPolarityModel(examples));
    expect(predict(['倒卖', '号源'])?.polarity).toBe('negative');
    expect(predict(['感谢', '护士'])?.polarity).toBe('positive');
    expect(predict(['门诊', '调整'])?.polarity).toBe('neutral');
    expect(predict(['倒卖', '号源'])!.probability).toBeGreaterThan(predict(['倒卖', '感谢'])!.probability);
    expect(polarityClassifier(emptyPolarityModel())(['倒卖'])).toBeUndefined();
  });

  it('retrains by adding corrections to a model without changing it', () => {
    const base = trainPolarityModel(examples);
    const before = JSON.stringify(base);
    const retrained = trainPolarityModel([{ words: ['挂号', '排队'], polarity: 'negative' }, { words: ['挂号', '排队'], polarity: 'negative' }], base);
    expect(JSON.stringify(base)).toBe(before);
    expect(retrained.docs.reduce((a, b) => a + b)).toBe(8);
    expect(polarityClassifier(retrained)(['排队'])?.polarity).toBe('negative');
  });

  it('is plain JSON and safe with words that are object keys', () => {
    const model = trainPolarityModel([{ words: ['__proto__', 'constructor', 'toString'], polarity: 'negative' }, ...examples]);
    const restored = JSON.parse(JSON.stringify(model));
    expect(Object.getPrototypeOf(restored.counts)).toBe(Object.prototype);
    expect(polarityClassifier(restored)(['constructor', 'toString'])?.polarity).toBe('negative');
  });

  it('reports accuracy and macro-F1 on held-out corrections', () => {
    const report = evaluatePolarityModel(trainPolarityModel(examples), [
      { words: ['号贩子', '专家号'], polarity: 'negative' },
      { words: ['锦旗', '耐心'], polarity: 'positive' },
      { words: ['感谢', '耐心'], polarity: 'neutral' },
    ]);
    expect(report.n).toBe(3);
    expect(report.accuracy).toBeCloseTo(2 / 3);
    expect(report.perClass.negative.f1).toBe(1);
  });

  it('overrides the lexicon in the analyzer only when sure enough', async () => {
    const words = new MentionAnalyzer(labelledProfile);
    const trainingText = '滨江一院号贩子倒卖专家号';
    const example = (text: string, polarity: Polarity): PolarityExample => ({ words: words.words({ id: 1, source: 'weibo', title: '', text }), polarity });
    const model = trainPolarityModel([
      ...Array.from({ length: 20 }, () => example(trainingText, 'negative')),
      ...Array.from({ length: 20 }, () => example('滨江一院春节门诊时间调整', 'neutral')),
    ]);
    const mention = { id: 'x', source: 'weibo', title: '', text: '滨江一院专家号又被倒卖了' };
    const sure = await createAnalyzer(labelledProfile, { workers: 0, polarityModel: model, modelMinProbability: 0.6 });
    const [withModel] = await sure.analyze([mention]);
    expect(withModel.polarity).toBe('negative');
    expect(withModel.reasons.some((r) => r.startsWith('model:negative'))).toBe(true);
    const strict = await createAnalyzer(labelledProfile, { workers: 0, polarityModel: model, modelMinProbability: 1.01 });
    const [withoutModel] = await strict.analyze([mention]);
    expect(withoutModel.reasons.some((r) => r.startsWith('model:'))).toBe(false);
    await Promise.all([sure.close(), strict.close()]);
  });
});

describe('evaluate', () => {
  it('computes accuracy, per-class precision/recall/F1, macro-F1 and the confusion matrix', () => {
    const e = evaluate(
      [
        { expected: 'negative', predicted: 'negative' },
        { expected: 'negative', predicted: 'neutral' },
        { expected: 'positive', predicted: 'positive' },
        { expected: 'positive', predicted: 'negative' },
      ],
      ['negative', 'positive'] as const,
    );
    expect(e.accuracy).toBe(0.5);
    expect(e.perClass.negative).toEqual({ precision: 0.5, recall: 0.5, f1: 0.5, support: 2 });
    expect(e.perClass.positive).toEqual({ precision: 1, recall: 0.5, f1: 2 / 3, support: 2 });
    expect(e.macroF1).toBeCloseTo((0.5 + 2 / 3) / 2);
    expect(e.confusion.negative).toEqual({ negative: 1, neutral: 1 });
  });
});
