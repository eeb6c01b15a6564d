import { describe, expect, it } from 'vitest';
import { createAnalyzer } from './analyzer.ts';
import { ClusterTracker, clusterRisk, clusterThresholds } from './cluster.ts';
import { labelledProfile } from './labelled-mentions.fixture.ts';
import type { MentionInput } from './types.ts';

const story = '【网友投诉滨江市第一人民医院急诊科护士态度恶劣】今日有网友发帖称，其父亲凌晨突发胸痛送至滨江市第一人民医院急诊科，等待两个多小时无人处理，值班护士态度恶劣，还对家属大声呵斥。目前医院尚未回应。';
const retellings = [
  `太过分了！//@张三:转发微博//@李四:${story}`,
  '#滨江市第一人民医院# 网友称父亲凌晨胸痛送滨江市第一人民医院急诊科，等待两个多小时无人处理，值班护士态度恶劣，对家属大声呵斥，医院尚未回应。',
  '滨江市第一人民医院急诊科护士态度恶劣：网友称父亲凌晨突发胸痛送医，等待两个多小时无人处理，护士还对家属大声呵斥，目前医院尚未回应。',
  '【網友投訴濱江市第一人民醫院急診科護士態度惡劣】今日有網友發帖稱，其父親凌晨突發胸痛送至濱江市第一人民醫院急診科，等待兩個多小時無人處理，值班護士態度惡劣，還對家屬大聲呵斥。目前醫院尚未回應。',
];
const otherStories = [
  '网友投诉滨江市第一人民医院儿科医生态度恶劣，孩子发烧等了三个小时，医生看都没看就开药，家长非常气愤。',
  '网友投诉滨江市第一人民医院急诊科医生态度冷漠，孩子高烧等了一个多小时，医院回应称将调查核实。',
  '滨江市第一人民医院心内科成功为一名86岁患者实施TAVR手术，术后恢复良好，患者家属送来锦旗表示感谢。',
];
const mention = (id: string, text: string, extra: Partial<MentionInput> = {}): MentionInput => ({ id, source: 'weibo', title: '', text, ...extra });

describe('near-duplicate clusters', () => {
  it('puts reposts and light rewrites of one story in the cluster of its first mention, other stories apart', async () => {
    const analyzer = await createAnalyzer(labelledProfile, { workers: 0 });
    const results = await analyzer.analyze([story, ...retellings, ...otherStories].map((t, i) => mention(`m${i}`, t)));
    expect(results.map((r) => r.cluster)).toEqual(['m0', 'm0', 'm0', 'm0', 'm0', 'm5', 'm6', 'm7']);
    await analyzer.close();
  });

  it('keeps clusters across calls', async () => {
    const analyzer = await createAnalyzer(labelledProfile, { workers: 0 });
    await analyzer.analyze([mention('first', story)]);
    const [later] = await analyzer.analyze([mention('later', retellings[0])]);
    expect(later.cluster).toBe('first');
    await analyzer.close();
  });

  it('raises the risk of a growing story by the size and growth of its cluster, but never a positive mention', async () => {
    const analyzer = await createAnalyzer(labelledProfile, { workers: 0 });
    const copies = Array.from({ length: clusterThresholds.yellow.perHour + 1 }, (_, i) => mention(`c${i}`, `${'！'.repeat(i)}${retellings[i % retellings.length]}`));
    const results = await analyzer.analyze(copies);
    expect(results[0].risk).toBe(1);
    const last = results.at(-1)!;
    expect(last.cluster).toBe('c0');
    expect(last.risk).toBe(2);
    expect(last.reasons.some((r) => r.startsWith('cluster:size='))).toBe(true);
    const praise = await analyzer.analyze(Array.from({ length: 8 }, (_, i) => mention(`p${i}`, `${otherStories[2]}${'！'.repeat(i)}`)));
    expect(praise.every((r) => r.risk === 0 && r.cluster === 'p0')).toBe(true);
    await analyzer.close();
  });

  it('counts growth within the hour by publication time', () => {
    const tracker = new ClusterTracker();
    const signature = { hi: 0x12345678, lo: 0x9abcdef0 };
    const hour = 3_600_000;
    let last;
    for (let i = 0; i < 6; i++) last = tracker.assign(`x${i}`, { signature, at: i * hour, reach: 0, sourceWeight: 1 });
    expect(last!.cluster.size).toBe(6);
    expect(last!.growth).toBe(1);
    expect(clusterRisk(last!.cluster, last!.growth).risk).toBe(0);
    for (let i = 0; i < 5; i++) last = tracker.assign(`y${i}`, { signature, at: 6 * hour + i, reach: 0, sourceWeight: 1 });
    expect(last!.growth).toBe(5);
    expect(clusterRisk(last!.cluster, last!.growth).risk).toBe(2);
  });

  it('weighs reach by source: a story central media carry goes orange sooner', () => {
    const tracker = new ClusterTracker();
    const signature = { hi: 1, lo: 2 };
    tracker.assign('a', { signature, at: 0, reach: 1000, sourceWeight: 1 });
    const viaMedia = tracker.assign('b', { signature, at: 0, reach: 1500, sourceWeight: 3 });
    expect(viaMedia.cluster.weightedReach).toBe(1001 + 3 * 1501);
    expect(clusterRisk(viaMedia.cluster, viaMedia.growth).risk).toBe(3);
  });

  it('gives a text too short to compare a cluster of its own', async () => {
    const analyzer = await createAnalyzer(labelledProfile, { workers: 0 });
    const results = await analyzer.analyze([mention('s1', '滨江一院差评'), mention('s2', '滨江一院差评')]);
    expect(results.map((r) => r.cluster)).toEqual(['s1', 's2']);
    await analyzer.close();
  });
});
