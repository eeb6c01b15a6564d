import { useState } from 'react';
import { Card, Select, Space, Typography } from 'antd';
import { Link } from 'react-router';
import { CursorTable } from '../../app/CursorTable';
import { formatDateTime } from '../../app/format';
import { useT } from '../../app/i18n/i18n';
import { useClusterList, type Cluster } from './opinion.api';
import { OpinionOnly, RiskTag, riskLabel } from './opinion-labels';

/** 舆情聚类: stories (a first mention with its reposts and rewrites), newest first, filtered by risk and size. */
export function ClustersPage() {
  const t = useT();
  const [minRisk, setMinRisk] = useState<number | undefined>();
  const [minSize, setMinSize] = useState<number | undefined>();
  const list = useClusterList({ minRisk, minSize });
  return (
    <OpinionOnly>
      <Card
        title={t('opinion.cluster.list')}
        extra={
          <Space>
            <Select<number>
              allowClear
              aria-label={t('opinion.desk.minRisk')}
              placeholder={t('opinion.desk.minRisk')}
              style={{ width: 150 }}
              value={minRisk}
              onChange={setMinRisk}
              options={[1, 2, 3, 4].map((r) => ({ value: r, label: t('opinion.desk.riskAtLeast', { level: t(riskLabel(r)) }) }))}
            />
            <Select<number>
              allowClear
              aria-label={t('opinion.cluster.minSize')}
              placeholder={t('opinion.cluster.minSize')}
              style={{ width: 150 }}
              value={minSize}
              onChange={setMinSize}
              options={[2, 5, 10, 50].map((n) => ({ value: n, label: t('opinion.cluster.sizeAtLeast', { size: n }) }))}
            />
          </Space>
        }
      >
        <CursorTable<Cluster>
          list={list}
          columns={[
            { title: t('opinion.cluster.maxRisk'), dataIndex: 'maxRisk', width: 100, render: (risk: number) => <RiskTag risk={risk} /> },
            {
              title: t('opinion.cluster.story'),
              dataIndex: 'title',
              render: (title: string, cluster) => (
                <Link to={`/opinion/clusters/${cluster.id}`}>
                  <Typography.Text strong ellipsis style={{ maxWidth: 520 }}>
                    {title || `#${cluster.id}`}
                  </Typography.Text>
                </Link>
              ),
            },
            { title: t('opinion.cluster.size'), dataIndex: 'size', width: 90 },
            { title: t('opinion.cluster.lastHour'), dataIndex: 'lastHourCount', width: 110 },
            { title: t('opinion.cluster.reach'), dataIndex: 'reach', width: 100 },
            { title: t('opinion.cluster.firstSeen'), dataIndex: 'firstSeenAt', width: 150, render: (v: string) => formatDateTime(v) },
            { title: t('opinion.cluster.lastSeen'), dataIndex: 'lastSeenAt', width: 150, render: (v: string) => formatDateTime(v) },
          ]}
        />
      </Card>
    </OpinionOnly>
  );
}
