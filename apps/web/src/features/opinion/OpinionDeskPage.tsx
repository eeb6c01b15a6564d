import { useMemo, useState } from 'react';
import { DesktopOutlined, SoundOutlined, SyncOutlined } from '@ant-design/icons';
import { Button, Card, Col, DatePicker, Empty, Row, Select, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { Link } from 'react-router';
import { DATE_TIME_FORMAT } from '../../app/format';
import { useT } from '../../app/i18n/i18n';
import { SearchFilter } from '../../app/SearchFilter';
import { MentionStream } from './MentionStream';
import { CATEGORIES, LIVE_REFRESH_MS, POLARITIES, useAllSources, useShare, useTrend, type Category, type MentionFilters, type Polarity } from './opinion.api';
import { OpinionOnly, categoryLabel, polarityLabel, riskLabel } from './opinion-labels';
import { PolarityTrendChart, ShareChart } from './OpinionCharts';
import { trendWindow, useMinuteTick } from './opinion-time';
import './opinion.css';

/** 舆情监测台: the live stream with filters and Chinese full-text search, the trend and the shares above it. */
export function OpinionDeskPage() {
  const t = useT();
  const [filters, setFilters] = useState<MentionFilters>({});
  const set = (patch: Partial<MentionFilters>) => setFilters((current) => ({ ...current, ...patch }));
  const { data: sources = [] } = useAllSources();
  const minute = useMinuteTick();
  const span = useMemo(() => trendWindow(filters.from, filters.to), [filters.from, filters.to, minute]);
  const { from: _from, to: _to, ...rest } = filters;
  const trend = useTrend({ ...rest, ...span }, true);
  const share = useShare({ ...rest, from: span.from, to: span.to }, true);

  const onRange = (range: [Dayjs | null, Dayjs | null] | null) => set({ from: range?.[0]?.toISOString(), to: range?.[1]?.toISOString() });

  return (
    <OpinionOnly>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Card
          title={t('opinion.desk.title')}
          extra={
            <Space>
              <Typography.Text type="secondary">
                <SyncOutlined spin style={{ marginRight: 6 }} />
                {t('opinion.desk.live', { seconds: LIVE_REFRESH_MS / 1000 })}
              </Typography.Text>
              <Link to="/opinion/clues">
                <Button icon={<SoundOutlined />}>{t('opinion.clue.report')}</Button>
              </Link>
              <Link to="/opinion/wall" target="_blank">
                <Button type="primary" icon={<DesktopOutlined />}>
                  {t('opinion.wall.open')}
                </Button>
              </Link>
            </Space>
          }
        >
          <Space wrap size="small" className="opinion-filters">
            <SearchFilter placeholder={t('opinion.desk.search')} onSearch={(q) => set({ q })} />
            <Select<number>
              allowClear
              aria-label={t('opinion.mention.source')}
              placeholder={t('opinion.desk.allSources')}
              style={{ width: 170 }}
              value={filters.sourceId}
              onChange={(sourceId) => set({ sourceId })}
              options={sources.map((s) => ({ value: s.id, label: s.name }))}
            />
            <Select<Polarity>
              allowClear
              aria-label={t('opinion.mention.polarity')}
              placeholder={t('opinion.desk.allPolarities')}
              style={{ width: 120 }}
              value={filters.polarity}
              onChange={(polarity) => set({ polarity })}
              options={POLARITIES.map((p) => ({ value: p, label: t(polarityLabel(p)) }))}
            />
            <Select<number>
              allowClear
              aria-label={t('opinion.desk.minRisk')}
              placeholder={t('opinion.desk.minRisk')}
              style={{ width: 150 }}
              value={filters.minRisk}
              onChange={(minRisk) => set({ minRisk })}
              options={[1, 2, 3, 4].map((r) => ({ value: r, label: t('opinion.desk.riskAtLeast', { level: t(riskLabel(r)) }) }))}
            />
            <Select<Category>
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              aria-label={t('opinion.mention.category')}
              placeholder={t('opinion.desk.allCategories')}
              style={{ width: 150 }}
              value={filters.category}
              onChange={(category) => set({ category })}
              options={CATEGORIES.map((c) => ({ value: c, label: t(categoryLabel(c)) }))}
            />
            <Select<'true' | 'false'>
              allowClear
              aria-label={t('opinion.desk.relevance')}
              placeholder={t('opinion.desk.relevance')}
              style={{ width: 140 }}
              value={filters.aboutHospital === undefined ? undefined : filters.aboutHospital ? 'true' : 'false'}
              onChange={(value) => set({ aboutHospital: value === undefined ? undefined : value === 'true' })}
              options={[
                { value: 'true', label: t('opinion.mention.about') },
                { value: 'false', label: t('opinion.mention.notAbout') },
              ]}
            />
            <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format={DATE_TIME_FORMAT} allowEmpty={[true, true]} onChange={onRange} />
          </Space>
        </Card>
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={12}>
            <Card size="small" title={t('opinion.chart.trend')}>
              {trend.data ? <PolarityTrendChart points={trend.data.byPolarity} bucket={trend.data.bucket} height={240} /> : <Empty />}
            </Card>
          </Col>
          <Col xs={24} md={12} xl={6}>
            <Card size="small" title={t('opinion.chart.share.polarity')}>
              {share.data?.total ? <ShareChart share={share.data} by="polarity" height={240} /> : <Empty style={{ height: 240 }} />}
            </Card>
          </Col>
          <Col xs={24} md={12} xl={6}>
            <Card size="small" title={t('opinion.chart.share.source')}>
              {share.data?.total ? <ShareChart share={share.data} by="source" height={240} /> : <Empty style={{ height: 240 }} />}
            </Card>
          </Col>
        </Row>
        <Card title={t('opinion.desk.stream')}>
          <MentionStream filters={filters} />
        </Card>
      </Space>
    </OpinionOnly>
  );
}
