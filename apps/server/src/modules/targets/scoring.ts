import type { EvaluationDepartment, EvaluationItem } from './targets.tables.ts';

/**
 * The scoring rule, stated once for the API, the exports and the report. Each counted item's completion is
 * done ÷ expected, capped at 1, so over-fulfilling one metric does not hide a shortfall in another; a department's
 * score is the average completion of its counted items × 100 (one decimal). Its rate is Σdone ÷ Σexpected, uncapped.
 * Ranking is by score, ties share a rank and are listed by rate; departments with nothing counted are not ranked.
 */
export const scoringRule = {
  'zh-CN': '得分 = 本科室各计分项“完成数 ÷ 应完成数”（单项最高按 100% 计）的平均值 × 100，保留一位小数；完成率 = 完成数合计 ÷ 应完成数合计。按得分排名，得分相同名次并列。计数来源尚未上线的指标（如报刊、电视报道）列出但不计分。',
  en: 'Score = the average over a department’s counted items of done ÷ expected (each capped at 100%) × 100, to one decimal; rate = total done ÷ total expected. Ranked by score, equal scores share a rank. Metrics whose counting source is not available yet (newspaper and TV reports) are listed but not scored.',
};

const oneDecimal = (n: number) => Math.round(n * 10) / 10;
const fourDecimals = (n: number) => Math.round(n * 10_000) / 10_000;

export function scoreDepartments(items: Omit<EvaluationItem, 'rate'>[]): EvaluationDepartment[] {
  const byDepartment = new Map<number, Omit<EvaluationItem, 'rate'>[]>();
  for (const item of items) byDepartment.set(item.departmentId, [...(byDepartment.get(item.departmentId) ?? []), item]);
  const scored = [...byDepartment].map(([departmentId, own]) => {
    const counted = own.filter((i) => i.counted);
    const expected = counted.reduce((sum, i) => sum + i.expected, 0);
    const done = counted.reduce((sum, i) => sum + i.done, 0);
    const completion = counted.reduce((sum, i) => sum + Math.min(i.done / i.expected, 1), 0);
    return {
      departmentId,
      departmentName: own[0].departmentName,
      items: own.length,
      counted: counted.length,
      rate: counted.length ? fourDecimals(done / expected) : null,
      score: counted.length ? oneDecimal((100 * completion) / counted.length) : null,
      rank: null as number | null,
    };
  });
  scored.sort((a, b) => (b.score ?? -1) - (a.score ?? -1) || (b.rate ?? -1) - (a.rate ?? -1) || a.departmentName.localeCompare(b.departmentName, 'zh-CN'));
  scored.forEach((d, index) => {
    if (d.score === null) return;
    const previous = scored[index - 1];
    d.rank = previous && previous.score === d.score ? previous.rank : index + 1;
  });
  return scored;
}

export const itemRate = (done: number, expected: number) => fourDecimals(done / expected);
