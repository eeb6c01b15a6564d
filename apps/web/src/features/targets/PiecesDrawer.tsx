import { Alert, Drawer, Space, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { formatDateTime } from '../../app/format';
import { useT } from '../../app/i18n/i18n';
import { usePieces, type Piece, type ProgressLine } from './targets.api';

/** What one number counts: each piece once, first publication first, with every channel that carried it. */
export function PiecesDrawer({ planId, line, onClose }: { planId: number; line: ProgressLine | null; onClose: () => void }) {
  const t = useT();
  const { data, isPending } = usePieces(planId, line?.id ?? null);
  return (
    <Drawer open={line !== null} onClose={onClose} size={760} destroyOnHidden title={line ? t('target.pieces.title', { department: line.departmentName, target: line.text }) : undefined}>
      {data && !data.sourceAvailable && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('target.notCountedHint')} />}
      <Table<Piece>
        rowKey="key"
        size="small"
        loading={isPending}
        dataSource={data?.items}
        pagination={false}
        locale={{ emptyText: t('target.pieces.empty') }}
        columns={[
          {
            title: t('target.pieces.piece'),
            dataIndex: 'title',
            render: (title: string, piece) => (
              <Space orientation="vertical" size={0}>
                {piece.articleId ? <Link to={`/content/articles/${piece.articleId}`}>{title}</Link> : title}
                {piece.attribution === 'author' && <Typography.Text type="secondary">{t('target.pieces.viaAuthor')}</Typography.Text>}
              </Space>
            ),
          },
          { title: t('target.pieces.firstPublished'), dataIndex: 'occurredAt', width: 150, render: formatDateTime },
          {
            title: t('target.pieces.carriedBy'),
            dataIndex: 'carriedBy',
            render: (carriedBy: Piece['carriedBy']) => (
              <Space size={[0, 4]} wrap>
                {carriedBy.map((c) => (
                  <Tag key={`${c.kind}:${c.where}`}>{c.where}</Tag>
                ))}
              </Space>
            ),
          },
        ]}
      />
    </Drawer>
  );
}
