import { useMemo, useState } from 'react';
import { Card, Col, Empty, Row, Segmented, Statistic, Typography } from 'antd';
import dayjs from 'dayjs';
import { formatDateTime } from '../../app/format';
import { useT } from '../../app/i18n/i18n';
import { EChart } from './EChart';
import { useRepairMeasure, type IncidentDetail, type RepairMeasure, type RepairWindow } from './incidents.api';
import { POLARITY_HEX } from './opinion-labels';

const WINDOWS = [6, 12, 24, 48, 72] as const;
const percent = (share: number | null) => (share === null ? '—' : `${(share * 100).toFixed(1)}%`);

function WindowFigures({ label, window }: { label: string; window: RepairWindow }) {
  const t = useT();
  return (
    <Card size="small" title={label} data-testid={`repair-${label}`}>
      <Row gutter={8}>
        <Col span={12}>
          <Statistic title={t('incident.repair.volume')} value={window.volume} />
        </Col>
        <Col span={12}>
          <Statistic title={t('incident.repair.negativeShare')} value={percent(window.negativeShare)} />
        </Col>
      </Row>
      <Typography.Text type="secondary">{t('incident.repair.split', { negative: window.negative, neutral: window.neutral, positive: window.positive })}</Typography.Text>
    </Card>
  );
}

/** Mentions per hour by polarity around the response; the response's hour is marked on the axis. */
function chartOption(measure: RepairMeasure, labels: { negative: string; neutral: string; positive: string; share: string; response: string }) {
  const responseHour = dayjs(measure.responseAt).startOf('hour').valueOf();
  const axis = measure.series.map((p) => (dayjs(p.at).valueOf() === responseHour ? `${dayjs(p.at).format('MM-DD HH:00')}\n▲${labels.response}` : dayjs(p.at).format('MM-DD HH:00')));
  const bar = (key: 'negative' | 'neutral' | 'positive') => ({ name: labels[key], type: 'bar', stack: 'volume', itemStyle: { color: POLARITY_HEX[key] }, data: measure.series.map((p) => p[key]) });
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 40, right: 48, top: 32, bottom: 48 },
    xAxis: { type: 'category', data: axis },
    yAxis: [{ type: 'value', minInterval: 1 }, { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } }],
    series: [
      bar('negative'),
      bar('neutral'),
      bar('positive'),
      {
        name: labels.share,
        type: 'line',
        yAxisIndex: 1,
        data: measure.series.map((p) => {
          const total = p.negative + p.neutral + p.positive;
          return total === 0 ? null : Math.round((p.negative / total) * 1000) / 10;
        }),
      },
    ],
  };
}

/** 修复效果: volume and negative share after the first response against an equal window before it, with the hourly course. */
export function IncidentRepairCard({ incident }: { incident: IncidentDetail }) {
  const t = useT();
  const [hours, setHours] = useState<number>(24);
  const measure = useRepairMeasure(incident.id, hours, incident.respondedAt !== null);
  const data = measure.data;
  const option = useMemo(
    () =>
      data?.responseAt
        ? chartOption(data, {
            negative: t('opinion.polarity.negative'),
            neutral: t('opinion.polarity.neutral'),
            positive: t('opinion.polarity.positive'),
            share: t('incident.repair.negativeShare'),
            response: t('incident.repair.response'),
          })
        : null,
    [data, t],
  );
  return (
    <Card
      title={t('incident.repair.title')}
      data-testid="incident-repair"
      extra={incident.respondedAt && <Segmented<number> value={hours} onChange={setHours} options={WINDOWS.map((h) => ({ value: h, label: t('incident.repair.hours', { hours: h }) }))} />}
    >
      {!incident.respondedAt && <Empty description={t('incident.repair.notResponded')} />}
      {data?.before && data.after && (
        <>
          <Typography.Paragraph type="secondary">
            {t('incident.repair.windows', { time: formatDateTime(data.responseAt), hours: data.windowHours.toFixed(1) })}
          </Typography.Paragraph>
          <Row gutter={16} style={{ marginBottom: 16 }}>
            <Col xs={24} md={8}>
              <WindowFigures label={t('incident.repair.before')} window={data.before} />
            </Col>
            <Col xs={24} md={8}>
              <WindowFigures label={t('incident.repair.after')} window={data.after} />
            </Col>
            <Col xs={24} md={8}>
              <Card size="small" title={t('incident.repair.change')}>
                <Statistic title={t('incident.repair.volume')} value={data.volumeChange === null ? '—' : `${data.volumeChange > 0 ? '+' : ''}${(data.volumeChange * 100).toFixed(1)}%`} />
                <Typography.Text type={data.improved ? 'success' : 'warning'} data-testid="repair-verdict">
                  {data.improved === null ? t('incident.repair.noBaseline') : data.improved ? t('incident.repair.improved') : t('incident.repair.notImproved')}
                </Typography.Text>
              </Card>
            </Col>
          </Row>
          {option && data.series.length > 0 && <EChart option={option} height={300} label={t('incident.repair.chart')} />}
        </>
      )}
    </Card>
  );
}
