import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../mention-import.service.ts';
import { createAnalyzer } from './analyzer.ts';
import { evaluatePolarityModel, trainPolarityModel } from './classifier.ts';
import { heldOutMentions, labelledMentions, labelledProfile, unseenMentions, type Labelled } from './labelled-mentions.fixture.ts';
import { MentionAnalyzer } from './mention-analyzer.ts';
import { evaluate } from './metrics.ts';
import { polarities, type MentionInput, type Polarity } from './types.ts';

/**
 * How well the analysis reads polarity: on the public Chinese sentiment corpora in ../shared/data/sentiment
 * (test material, read in place, never copied; reviews labelled positive/negative, so a `neutral` answer
 * counts as a miss) and on the hand-labelled hospital mentions. Prints the figures; the floors are what the
 * rules reach today, so a change that loses ground fails.
 */
const sentimentDir = path.resolve(import.meta.dirname, '../../../../../../../shared/data/sentiment');

/** label,review (or cat,label,review) with quoted fields, read as the spreadsheet import reads a CSV. */
const readCsv = (file: string) => parseCsv(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));

/** Corpus, label and text columns, and the floors: rules' accuracy and macro-F1, then the classifier's. */
const corpora: { file: string; label: number; text: number; floor: { accuracy: number; macroF1: number; model: number } }[] = [
  { file: 'ChnSentiCorp_htl_all.csv', label: 0, text: 1, floor: { accuracy: 0.73, macroF1: 0.77, model: 0.85 } },
  { file: 'waimai_10k.csv', label: 0, text: 1, floor: { accuracy: 0.65, macroF1: 0.75, model: 0.88 } },
  { file: 'weibo_senti_100k_subset2400.csv', label: 0, text: 1, floor: { accuracy: 0.86, macroF1: 0.9, model: 0.89 } },
  { file: 'online_shopping_10_cats.csv', label: 1, text: 2, floor: { accuracy: 0.72, macroF1: 0.8, model: 0.92 } },
];

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

describe.skipIf(!existsSync(sentimentDir))('polarity on the public sentiment corpora', () => {
  // A hospital no review names: every review is read for its own tone.
  const analyzer = new MentionAnalyzer({ name: '某某评测医院', aliases: [], campuses: [], departments: [], staff: [], exclude: [] });

  it.each(corpora)('$file', ({ file, label, text, floor }) => {
    const rows = readCsv(path.join(sentimentDir, file)).filter((r) => r.length > text && (r[label] === '0' || r[label] === '1'));
    const mentions = rows.map((r, i): MentionInput => ({ id: i, source: 'review', title: '', text: r[text] }));
    const expected = rows.map((r): Polarity => (r[label] === '1' ? 'positive' : 'negative'));
    const rules = evaluate(mentions.map((m, i) => ({ expected: expected[i], predicted: analyzer.read(m).polarity })), ['negative', 'positive'] as const);
    const neutral = (rules.confusion.negative.neutral ?? 0) + (rules.confusion.positive.neutral ?? 0);

    // The classifier stage, trained on half of the corpus (as an officer's corrections would be) and tested on the other half.
    const examples = mentions.map((m, i) => ({ words: analyzer.words(m), polarity: expected[i] }));
    const model = evaluatePolarityModel(trainPolarityModel(examples.filter((_, i) => i % 2 === 0)), examples.filter((_, i) => i % 2 === 1));

    console.log(
      `${file}: ${rows.length} reviews — rules: accuracy ${pct(rules.accuracy)}, macro-F1 ${pct(rules.macroF1)} (${pct(neutral / rows.length)} left neutral); ` +
        `naive Bayes trained on half: accuracy ${pct(model.accuracy)}, macro-F1 ${pct(model.macroF1)}`,
    );
    expect(rules.accuracy).toBeGreaterThanOrEqual(floor.accuracy);
    expect(rules.macroF1).toBeGreaterThanOrEqual(floor.macroF1);
    expect(model.accuracy).toBeGreaterThanOrEqual(floor.model);
  }, 120_000);
});

if (!existsSync(sentimentDir)) console.warn(`polarity corpora skipped: ${sentimentDir} is absent`);

describe('the hand-labelled hospital mentions', () => {
  async function score(labelled: { mention: MentionInput; expected: Labelled }[]) {
    const analyzer = await createAnalyzer(labelledProfile, { workers: 0 });
    const got = await analyzer.analyze(labelled.map((l) => l.mention));
    await analyzer.close();
    const share = (ok: (i: number) => boolean) => labelled.filter((_, i) => ok(i)).length / labelled.length;
    const polarity = evaluate(got.map((g, i) => ({ expected: labelled[i].expected.polarity, predicted: g.polarity })), polarities);
    return {
      relevance: share((i) => got[i].about_hospital === labelled[i].expected.about),
      polarity,
      risk: share((i) => got[i].risk === labelled[i].expected.risk),
      riskWithinOne: share((i) => Math.abs(got[i].risk - labelled[i].expected.risk) <= 1),
      category: share((i) => got[i].category === labelled[i].expected.category),
    };
  }

  const report = (name: string, n: number, s: Awaited<ReturnType<typeof score>>) =>
    console.log(
      `${name}: ${n} mentions — relevance ${pct(s.relevance)}, polarity accuracy ${pct(s.polarity.accuracy)} macro-F1 ${pct(s.polarity.macroF1)}, ` +
        `risk exact ${pct(s.risk)} (±1: ${pct(s.riskWithinOne)}), category ${pct(s.category)}`,
    );

  it('the set the rules were written against', async () => {
    expect(labelledMentions.length).toBeGreaterThanOrEqual(60);
    const s = await score(labelledMentions);
    report('hospital mentions (development set)', labelledMentions.length, s);
    expect(s.relevance).toBe(1);
    expect(s.polarity.accuracy).toBeGreaterThanOrEqual(0.97);
    expect(s.polarity.macroF1).toBeGreaterThanOrEqual(0.97);
    expect(s.risk).toBeGreaterThanOrEqual(0.97);
    expect(s.category).toBeGreaterThanOrEqual(0.97);
  });

  it('the held-out set (the rules were corrected for general faults it showed: 60% polarity before)', async () => {
    const s = await score(heldOutMentions);
    report('hospital mentions (held-out set)', heldOutMentions.length, s);
    expect(s.relevance).toBe(1);
    expect(s.polarity.accuracy).toBeGreaterThanOrEqual(0.85);
    expect(s.risk).toBeGreaterThanOrEqual(0.8);
    expect(s.category).toBeGreaterThanOrEqual(0.8);
  });

  it('the unseen set, never tuned on', async () => {
    const s = await score(unseenMentions);
    report('hospital mentions (unseen set)', unseenMentions.length, s);
    expect(s.relevance).toBe(1);
    expect(s.polarity.accuracy).toBeGreaterThanOrEqual(0.86);
    expect(s.risk).toBeGreaterThanOrEqual(0.93);
    expect(s.category).toBeGreaterThanOrEqual(0.8);
  });
});
