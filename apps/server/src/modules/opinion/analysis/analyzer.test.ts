import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnalyzer, type Analyzer } from './analyzer.ts';
import { labelledMentions, labelledProfile } from './labelled-mentions.fixture.ts';

describe('createAnalyzer', () => {
  let pooled: Analyzer;
  beforeAll(async () => {
    pooled = await createAnalyzer(labelledProfile, { workers: 2, chunkSize: 7 });
  }, 60_000);
  afterAll(() => pooled.close());

  it('gives in worker threads exactly what it gives in this thread, in input order', async () => {
    const inThread = await createAnalyzer(labelledProfile, { workers: 0 });
    const mentions = labelledMentions.map((l) => l.mention);
    const expected = await inThread.analyze(mentions);
    await inThread.close();
    const got = await pooled.analyze(mentions);
    expect(got.map((r) => r.id)).toEqual(mentions.map((m) => m.id));
    expect(got).toEqual(expected);
  });

  it('clusters overlapping calls in call order', async () => {
    const story = '滨江市第一人民医院急诊科护士态度恶劣，家属等待两个多小时无人处理，值班护士还对家属大声呵斥，目前医院尚未回应。';
    const [first, second] = await Promise.all([
      pooled.analyze([{ id: 'a1', source: 'weibo', title: '', text: story }]),
      pooled.analyze([{ id: 'b1', source: 'weibo', title: '', text: `转发//@某人:${story}` }]),
    ]);
    expect(first[0].cluster).toBe('a1');
    expect(second[0].cluster).toBe('a1');
  });

  it('answers an empty call with nothing', async () => {
    expect(await pooled.analyze([])).toEqual([]);
  });

  it.each([0, 1])('refuses work once closed (%i workers)', async (workers) => {
    const analyzer = await createAnalyzer(labelledProfile, { workers });
    await analyzer.close();
    await expect(analyzer.analyze([{ id: 1, source: 'weibo', title: '', text: '滨江一院' }])).rejects.toThrow(/closed/);
  }, 60_000);
});
