import { useEffect, useMemo, useState } from 'react';
import { ExpandOutlined } from '@ant-design/icons';
import { Button, Col, Row } from 'antd';
import dayjs from 'dayjs';
import { Link } from 'react-router';
import { useT } from '../../app/i18n/i18n';
import { useLiveMentions, useShare, useTopClusters, useTrend } from './opinion.api';
import { OpinionOnly, RISK_HEX, riskLabel } from './opinion-labels';
import { PolarityTrendChart, ShareChart } from './OpinionCharts';
import { trendWindow, useMinuteTick } from './opinion-time';
import './opinion.css';

function Clock() {
  const [now, setNow] = useState(() => dayjs());
  useEffect(() => {
    const timer = setInterval(() => setNow(dayjs()), 1000);
    return () => clearInterval(timer);
  }, []);
  return <span className="opinion-wall-clock">{now.format('YYYY-MM-DD HH:mm:ss')}</span>;
}

function Figure({ value, label, color }: { value: number | string | undefined; label: string; color?: string }) {
  return (
    <div className="opinion-wall-panel">
      <div className="opinion-wall-figure" style={{ color }}>
        {value ?? '—'}
      </div>
      <div className="opinion-wall-label">{label}</div>
    </div>
  );
}

/** 大屏: a dark full-screen dashboard for the duty room, refreshing itself; today's figures, the trend, the stories. */
function WallScreen() {
  const t = useT();
  const minute = useMinuteTick();
  const today = useMemo(() => ({ from: dayjs().startOf('day').toISOString(), to: dayjs().endOf('day').toISOString() }), [minute]);
  const span = useMemo(() => trendWindow(undefined, undefined), [minute]);
  const share = useShare({ ...today, aboutHospital: true }, true);
  const trend = useTrend({ ...span, aboutHospital: true }, true);
  const risky = useLiveMentions({ aboutHospital: true, minRisk: 1 });
  const stories = useTopClusters({ minSize: 2, from: span.from }, true);
  const highRisk = share.data?.byRisk.filter((r) => r.key >= 3).reduce((n, r) => n + r.count, 0);
  const negative = share.data?.byPolarity.find((p) => p.key === 'negative')?.count ?? (share.data ? 0 : undefined);

  return (
    <div className="opinion-wall" data-testid="opinion-wall">
      <div className="opinion-wall-header">
        <Link to="/opinion/desk" style={{ color: '#91caff' }}>
          {t('opinion.wall.back')}
        </Link>
        <h1 className="opinion-wall-title">{t('opinion.wall.title')}</h1>
        <span>
          <Clock />
          <Button type="text" icon={<ExpandOutlined style={{ color: '#91caff' }} />} aria-label={t('opinion.wall.fullScreen')} onClick={() => void document.documentElement.requestFullscreen?.()} />
        </span>
      </div>
      <Row gutter={[16, 16]}>
        <Col span={6}>
          <Figure value={share.data?.total} label={t('opinion.wall.today')} />
        </Col>
        <Col span={6}>
          <Figure value={negative} label={t('opinion.wall.negative')} color={RISK_HEX[4]} />
        </Col>
        <Col span={6}>
          <Figure value={highRisk} label={t('opinion.wall.highRisk')} color={RISK_HEX[3]} />
        </Col>
        <Col span={6}>
          <Figure value={stories.data && `${stories.data.items.length}${stories.data.nextCursor ? '+' : ''}`} label={t('opinion.wall.stories')} color="#69b1ff" />
        </Col>
        <Col span={16}>
          <div className="opinion-wall-panel">
            <h2>{t('opinion.wall.trend')}</h2>
            {trend.data && <PolarityTrendChart points={trend.data.byPolarity} bucket={trend.data.bucket} height={300} dark />}
          </div>
        </Col>
        <Col span={8}>
          <div className="opinion-wall-panel">
            <h2>{t('opinion.chart.share.source')}</h2>
            {share.data && <ShareChart share={share.data} by="source" height={300} dark />}
          </div>
        </Col>
        <Col span={12}>
          <div className="opinion-wall-panel">
            <h2>{t('opinion.wall.latestRisky')}</h2>
            <ul className="opinion-wall-list">
              {risky.items.slice(0, 10).map((m) => (
                <li key={m.id}>
                  <span className="opinion-wall-dot" style={{ background: RISK_HEX[m.risk] }} title={t(riskLabel(m.risk))} />
                  <span className="text">{m.title || m.text}</span>
                  <span className="meta">
                    {m.sourceName} · {dayjs(m.occurredAt).format('MM-DD HH:mm')}
                  </span>
                </li>
              ))}
            </ul>
          </div>
        </Col>
        <Col span={12}>
          <div className="opinion-wall-panel">
            <h2>{t('opinion.wall.growingStories')}</h2>
            <ul className="opinion-wall-list">
              {(stories.data?.items ?? []).slice(0, 10).map((c) => (
                <li key={c.id}>
                  <span className="opinion-wall-dot" style={{ background: RISK_HEX[c.maxRisk] }} title={t(riskLabel(c.maxRisk))} />
                  <span className="text">{c.title}</span>
                  <span className="meta">{t('opinion.wall.storyMeta', { size: c.size, lastHour: c.lastHourCount })}</span>
                </li>
              ))}
            </ul>
          </div>
        </Col>
      </Row>
    </div>
  );
}

export function WallScreenPage() {
  return (
    <OpinionOnly>
      <WallScreen />
    </OpinionOnly>
  );
}
