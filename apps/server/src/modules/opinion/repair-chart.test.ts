import { describe, expect, it } from 'vitest';
import { chartColors, renderChart } from '../../platform/report-charts.ts';
import { seriesShapes } from '../../platform/report-charts.fixture.ts';
import type { RepairMeasure } from './incident-repair.service.ts';
import { repairChart, repairHours } from './repair-chart.ts';

const hour = 3_600_000;
// 13:37 in Beijing; the windows run six hours either side.
const respondedAt = Date.parse('2025-03-04T05:37:00.000Z');
const iso = (t: number) => new Date(t).toISOString();

function windowOf(from: number, to: number, negative: number, neutral: number, positive: number) {
  const volume = negative + neutral + positive;
  return { from: iso(from), to: iso(to), volume, negative, neutral, positive, negativeShare: volume === 0 ? null : negative / volume };
}

/** Mentions in three hours before the response and two after; the others are empty and not listed. */
const measure: RepairMeasure = {
  responseAt: iso(respondedAt),
  requestedHours: 6,
  windowHours: 6,
  before: windowOf(respondedAt - 6 * hour, respondedAt, 5, 1, 0),
  after: windowOf(respondedAt, respondedAt + 6 * hour, 1, 1, 2),
  volumeChange: -1 / 3,
  negativeShareChange: 0.25 - 5 / 6,
  improved: true,
  series: [
    { at: '2025-03-04T01:00:00.000Z', negative: 2, neutral: 0, positive: 0 },
    { at: '2025-03-04T03:00:00.000Z', negative: 2, neutral: 1, positive: 0 },
    { at: '2025-03-04T05:00:00.000Z', negative: 1, neutral: 0, positive: 1 },
    { at: '2025-03-04T08:00:00.000Z', negative: 1, neutral: 1, positive: 1 },
  ],
};

describe('repairHours', () => {
  it('lists every hour of both windows, from the one holding the start, the empty ones as zeros', () => {
    const hours = repairHours(measure);
    // 07:37 to 19:37 Beijing: the hours starting 07:00 … 19:00.
    expect(hours).toHaveLength(13);
    expect(hours[0]).toEqual({ at: '2025-03-03T23:00:00.000Z', negative: 0, neutral: 0, positive: 0 });
    expect(hours.at(-1)!.at).toBe('2025-03-04T11:00:00.000Z');
    expect(hours.find((h) => h.at === '2025-03-04T03:00:00.000Z')).toEqual({ at: '2025-03-04T03:00:00.000Z', negative: 2, neutral: 1, positive: 0 });
    expect(hours.reduce((n, h) => n + h.negative + h.neutral + h.positive, 0)).toBe(10);
  });
});

describe('repairChart', () => {
  it('stacks each hour’s mentions by polarity, draws the negative share of the hours with mentions and marks the response', () => {
    const svg = renderChart(repairChart(measure)!);
    for (const [series, color] of [chartColors.warning, chartColors.muted, chartColors.good].entries()) {
      const bars = seriesShapes(svg, series);
      expect(bars).toHaveLength(13);
      expect(new Set(bars.map((bar) => bar.fill))).toEqual(new Set([color]));
    }
    // One point per hour with mentions, at that hour's place on the axis.
    expect(seriesShapes(svg, 3).map((point) => point.dataIndex)).toEqual([2, 4, 6, 9]);
    for (const label of ['负面', '中性', '正面', '负面占比', '首次回应 13:37', '03-04 13:00']) expect(svg).toContain(`>${label}</text>`);
  });

  it('draws nothing before the response, or when neither window has a mention', () => {
    const quiet = { ...measure, before: windowOf(respondedAt - 6 * hour, respondedAt, 0, 0, 0), after: windowOf(respondedAt, respondedAt + 6 * hour, 0, 0, 0), series: [] };
    expect(repairChart(quiet)).toBeNull();
    const unanswered: RepairMeasure = { responseAt: null, requestedHours: 24, windowHours: 0, before: null, after: null, volumeChange: null, negativeShareChange: null, improved: null, series: [] };
    expect(repairChart(unanswered)).toBeNull();
    expect(repairHours(unanswered)).toEqual([]);
  });
});
