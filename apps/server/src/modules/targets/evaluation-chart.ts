/** The evaluation report's chart: each department's completion rate against the target and the time elapsed. */
import { chartColors, reportChartWidth, type ChartSpec } from '../../platform/report-charts.ts';
import type { EvaluationDepartment } from './targets.tables.ts';

const percent = (share: number) => `${(share * 100).toFixed(1)}%`;

/**
 * How much of the window had passed when the evaluation was taken: an evaluation taken before the window's end
 * expects the whole window's targets, so a department on schedule stands at this share, not at 100%.
 */
export function timeElapsed(window: { windowFrom: string; windowTo: string; asOf: string }) {
  const from = Date.parse(window.windowFrom);
  return Math.min(1, Math.max(0, (Date.parse(window.asOf) - from) / (Date.parse(window.windowTo) - from)));
}

/**
 * 各科室目标完成率: horizontal bars from the highest rate down, a dashed line at the target (100%) and, while the
 * window is still running, one at the time elapsed; bars short of the time elapsed are red. Departments with nothing
 * counted have no rate and are left out (the table lists them). Null when no department has a rate.
 */
export function completionChart(departments: EvaluationDepartment[], elapsed: number): ChartSpec | null {
  const rated = departments
    .filter((d): d is EvaluationDepartment & { rate: number } => d.rate !== null)
    .sort((a, b) => b.rate - a.rate || a.departmentName.localeCompare(b.departmentName, 'zh-CN'));
  if (rated.length === 0) return null;
  // One row per department, thinner bars beyond a page's worth so the chart stays on one A4 page.
  const rowHeight = rated.length <= 20 ? 30 : Math.max(16, Math.floor(600 / rated.length));
  const highest = Math.max(1, ...rated.map((d) => d.rate));
  // The labels sit above the plot, the time's a line higher, so they never overlap however close the lines are.
  const references = [
    { xAxis: 1, name: '目标 100%' },
    ...(elapsed < 1 ? [{ xAxis: elapsed, name: `时间进度 ${percent(elapsed)}`, label: { distance: 24 } }] : []),
  ];
  return {
    width: reportChartWidth,
    height: 88 + rated.length * rowHeight,
    option: {
      grid: { left: 8, right: 64, top: 52, bottom: 8 },
      xAxis: { type: 'value', min: 0, max: Math.ceil(highest * 5) / 5, axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` } },
      // inverse: the first (highest) department at the top, as in the ranking table.
      yAxis: { type: 'category', inverse: true, data: rated.map((d) => d.departmentName), axisTick: { show: false }, axisLabel: { fontSize: 14 } },
      series: [
        {
          type: 'bar',
          barMaxWidth: 18,
          data: rated.map((d) => ({ value: d.rate, itemStyle: { color: d.rate >= elapsed ? chartColors.primary : chartColors.warning } })),
          label: { show: true, position: 'right', formatter: (p: { value: unknown }) => percent(p.value as number) },
          markLine: {
            silent: true,
            symbol: 'none',
            lineStyle: { type: 'dashed', color: chartColors.muted },
            // 'start' is the top: the category axis runs downwards.
            label: { position: 'start', formatter: '{b}', distance: 5 },
            data: references,
          },
        },
      ],
    },
  };
}
