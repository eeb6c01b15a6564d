import { useMemo } from 'react';
import dayjs from 'dayjs';
import { useT } from '../../app/i18n/i18n';
import { EChart } from './EChart';
import { POLARITIES, type PolarityPoint, type Share } from './opinion.api';
import { POLARITY_HEX, RISK_HEX, categoryLabel, polarityLabel, riskLabel } from './opinion-labels';

const axisTime = (bucket: 'hour' | 'day', at: string) => dayjs(at).format(bucket === 'hour' ? 'MM-DD HH:00' : 'YYYY-MM-DD');

/** Mentions per hour or day, stacked by polarity (负面 on top, where the eye goes). */
export function PolarityTrendChart({ points, bucket, height, dark, kind = 'line' }: { points: PolarityPoint[]; bucket: 'hour' | 'day'; height?: number; dark?: boolean; kind?: 'line' | 'bar' }) {
  const t = useT();
  const option = useMemo(
    () => ({
      backgroundColor: 'transparent',
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 40, right: 16, top: 36, bottom: 28 },
      xAxis: { type: 'category', boundaryGap: kind === 'bar', data: points.map((p) => axisTime(bucket, p.at)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [...POLARITIES].reverse().map((polarity) => ({
        name: t(polarityLabel(polarity)),
        type: kind,
        stack: 'mentions',
        areaStyle: kind === 'line' ? { opacity: 0.35 } : undefined,
        symbol: 'none',
        color: POLARITY_HEX[polarity],
        data: points.map((p) => p[polarity]),
      })),
    }),
    [points, bucket, kind, t],
  );
  return <EChart option={option} height={height} dark={dark} label={t('opinion.chart.trend')} />;
}

type Slice = { name: string; value: number; color?: string };

function PieChart({ slices, label, height, dark }: { slices: Slice[]; label: string; height?: number; dark?: boolean }) {
  const option = useMemo(
    () => ({
      backgroundColor: 'transparent',
      tooltip: { trigger: 'item', formatter: '{b}：{c}（{d}%）' },
      legend: { type: 'scroll', bottom: 0 },
      series: [
        {
          type: 'pie',
          radius: ['40%', '68%'],
          center: ['50%', '45%'],
          // Inside the ring: outside labels are cut off in a narrow card; the legend names the slices.
          label: { position: 'inside', formatter: (p: { percent: number }) => (p.percent >= 5 ? `${Math.round(p.percent)}%` : ''), color: '#fff' },
          data: slices.map((s) => ({ name: s.name, value: s.value, itemStyle: s.color ? { color: s.color } : undefined })),
        },
      ],
    }),
    [slices],
  );
  return <EChart option={option} height={height} dark={dark} label={label} />;
}

/** A share of the mentions: by polarity, risk level, category or source. */
export function ShareChart({ share, by, height, dark }: { share: Share; by: 'polarity' | 'risk' | 'category' | 'source'; height?: number; dark?: boolean }) {
  const t = useT();
  const slices: Slice[] = useMemo(() => {
    switch (by) {
      case 'polarity':
        return share.byPolarity.map((s) => ({ name: t(polarityLabel(s.key)), value: s.count, color: POLARITY_HEX[s.key] }));
      case 'risk':
        return share.byRisk.map((s) => ({ name: t(riskLabel(s.key)), value: s.count, color: RISK_HEX[s.key] }));
      case 'category':
        return share.byCategory.map((s) => ({ name: t(categoryLabel(s.key)), value: s.count }));
      case 'source':
        return share.bySource.map((s) => ({ name: s.name, value: s.count }));
    }
  }, [share, by, t]);
  return <PieChart slices={slices} label={t(`opinion.chart.share.${by}`)} height={height} dark={dark} />;
}
