import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Empty, List, Result, Row, Space, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { formatDateTime } from '../../app/format';
import { useT } from '../../app/i18n/i18n';
import { PageSpinner } from '../../app/PageSpinner';
import { MentionStream } from './MentionStream';
import { useCluster } from './opinion.api';
import { OpinionOnly, PolarityTag, RiskTag } from './opinion-labels';
import { PolarityTrendChart } from './OpinionCharts';
import './opinion.css';

function ClusterView({ id }: { id: number }) {
  const t = useT();
  const { data: cluster, isPending, isError } = useCluster(id);
  if (isPending) return <PageSpinner />;
  if (isError || !cluster) return <Result status="404" title={t('opinion.cluster.notFound')} />;
  const first = cluster.firstMention;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={
          <Space>
            <Link to="/opinion/clusters">
              <Button type="text" icon={<ArrowLeftOutlined />} aria-label={t('opinion.cluster.list')} />
            </Link>
            <span data-testid="cluster-title">{cluster.title || `#${cluster.id}`}</span>
            <RiskTag risk={cluster.maxRisk} />
          </Space>
        }
      >
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('opinion.cluster.size')}>
            <span data-testid="cluster-size">{cluster.size}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('opinion.cluster.lastHour')}>{cluster.lastHourCount}</Descriptions.Item>
          <Descriptions.Item label={t('opinion.cluster.peakHour')}>{cluster.peakHourCount}</Descriptions.Item>
          <Descriptions.Item label={t('opinion.cluster.reach')}>{cluster.reach}</Descriptions.Item>
          <Descriptions.Item label={t('opinion.cluster.firstSeen')}>{formatDateTime(cluster.firstSeenAt)}</Descriptions.Item>
          <Descriptions.Item label={t('opinion.cluster.lastSeen')}>{formatDateTime(cluster.lastSeenAt)}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Card size="small" title={t('opinion.cluster.timeline')}>
            {cluster.timeline.length ? <PolarityTrendChart points={cluster.timeline} bucket={cluster.bucket} kind="bar" height={260} /> : <Empty />}
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card size="small" title={t('opinion.cluster.sources')} style={{ height: '100%' }}>
            <List
              size="small"
              dataSource={cluster.sources}
              renderItem={(s) => (
                <List.Item extra={<Typography.Text strong>{s.count}</Typography.Text>}>
                  <Typography.Text>{s.name}</Typography.Text>
                </List.Item>
              )}
            />
          </Card>
        </Col>
      </Row>
      {first && (
        <Card size="small" title={t('opinion.cluster.firstMention')}>
          <Space orientation="vertical" size={4}>
            <Space wrap>
              <PolarityTag polarity={first.polarity} />
              <Typography.Text strong>{first.title || first.text.slice(0, 60)}</Typography.Text>
              <Typography.Text type="secondary">
                {first.sourceName}
                {first.author ? ` · ${first.author}` : ''} · {formatDateTime(first.occurredAt)}
              </Typography.Text>
            </Space>
            <Typography.Paragraph style={{ marginBottom: 0 }}>{first.text}</Typography.Paragraph>
          </Space>
        </Card>
      )}
      <Card title={t('opinion.cluster.mentions')}>
        <MentionStream filters={{ clusterId: cluster.id }} showCluster={false} />
      </Card>
    </Space>
  );
}

/** One story: its growth, timeline by polarity, sources, first mention and every mention in it. */
export function ClusterPage() {
  const id = Number(useParams().id);
  return <OpinionOnly>{Number.isSafeInteger(id) && id > 0 ? <ClusterView id={id} /> : <Result status="404" />}</OpinionOnly>;
}
