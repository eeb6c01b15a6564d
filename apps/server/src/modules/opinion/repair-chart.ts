/** The review report's chart of the repair measure, as the console's repair card draws it. */
import { chartColors, reportChartWidth, type ChartSpec } from '../../platform/report-charts.ts';
import type { RepairMeasure } from './incident-repair.service.ts';
import { beijingTime } from './notify/alert-message.ts';

const hourMs = 3_600_000;

/**
 * Every hour of the two windows, the empty ones too (the measure lists only the hours with mentions when no story is
 * linked): Beijing hours start on UTC hours, the offset being whole.
 */
export function repairHours(measure: RepairMeasure) {
  if (!measure.before || !measure.after) return [];
  const counted = new Map(measure.series.map((p) => [p.at, p]));
  const hours = [];
  for (let t = Math.floor(Date.parse(measure.before.from) / hourMs) * hourMs; t < Date.parse(measure.after.to); t += hourMs) {
    const at = new Date(t).toISOString();
    const { negative = 0, neutral = 0, positive = 0 } = counted.get(at) ?? {};
    hours.push({ at, negative, neutral, positive });
  }
  return hours;
}

/**
 * 回应前后信息量: mentions per hour stacked by polarity, the hourly negative share as a line on its own axis, and the
 * hour of the first response marked. Null when there is nothing to draw: no response yet, or no mention either side.
 */
export function repairChart(measure: RepairMeasure): ChartSpec | null {
  if (!measure.responseAt || !measure.before || !measure.after || measure.before.volume + measure.after.volume === 0) return null;
  const hours = repairHours(measure);
  const responseHour = new Date(Math.floor(Date.parse(measure.responseAt) / hourMs) * hourMs).toISOString();
  const bars = (name: string, key: 'negative' | 'neutral' | 'positive', color: string) => ({
    name,
    type: 'bar' as const,
    stack: 'volume',
    itemStyle: { color },
    data: hours.map((h) => h[key]),
  });
  return {
    width: reportChartWidth,
    height: 320,
    option: {
      legend: { top: 0, itemWidth: 14, itemHeight: 10 },
      grid: { left: 8, right: 8, top: 56, bottom: 8 },
      // "MM-DD HH:00" in Beijing time: the server's own time zone may be anything.
      xAxis: { type: 'category', data: hours.map((h) => beijingTime(new Date(h.at)).slice(5)) },
      yAxis: [
        { type: 'value', name: '信息量（条）', minInterval: 1 },
        { type: 'value', name: '负面占比', min: 0, max: 100, axisLabel: { formatter: '{value}%' }, splitLine: { show: false } },
      ],
      series: [
        {
          ...bars('负面', 'negative', chartColors.warning),
          markLine: {
            silent: true,
            symbol: 'none',
            lineStyle: { type: 'dashed', color: chartColors.primary },
            label: { position: 'end', formatter: `首次回应 ${beijingTime(new Date(measure.responseAt)).slice(11)}` },
            data: [{ xAxis: hours.findIndex((h) => h.at === responseHour) }],
          },
        },
        bars('中性', 'neutral', chartColors.muted),
        bars('正面', 'positive', chartColors.good),
        {
          name: '负面占比',
          type: 'line',
          yAxisIndex: 1,
          itemStyle: { color: chartColors.primary },
          data: hours.map((h) => {
            const volume = h.negative + h.neutral + h.positive;
            return volume === 0 ? null : Math.round((h.negative / volume) * 1000) / 10;
          }),
        },
      ],
    },
  };
}
