import { ClusterTracker } from './cluster.ts';
import { labelledProfile } from './labelled-mentions.fixture.ts';
import { MentionAnalyzer, settle } from './mention-analyzer.ts';
import type { HospitalProfile, MentionAnalysis, MentionInput } from './types.ts';

/**
 * For the rule tests: one mention analysed on its own (in a cluster of its own, so no other mention raises
 * its risk), in this thread, for the labelled profile (滨江市第一人民医院 / 滨江一院 / 市一院) or another.
 */
export function analyseOne(profile: HospitalProfile = labelledProfile) {
  const analyzer = new MentionAnalyzer(profile);
  return (text: string, extra: Partial<MentionInput> = {}): MentionAnalysis =>
    settle(analyzer.read({ id: 1, source: 'weibo', title: '', text, ...extra }), new ClusterTracker(), Date.now());
}
