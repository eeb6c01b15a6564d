import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Table, type TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { formatDateTime } from '../../app/format';
import { useRecordDialog } from '../../app/record-dialog';
import { useT } from '../../app/i18n/i18n';
import type { RecordStatus } from '../org/campuses.api';
import { RecordActions } from '../org/RecordActions';
import { StatusTag } from '../org/StatusTag';
import { categoryLabel, type FindingCategory, type Severity } from './findings';
import { LexiconFormModal } from './LexiconFormModal';
import { useLexicons, useUpdateLexicon, type Lexicon } from './lexicons.api';
import { useCanManageRules } from './messaging-roles';
import { SeverityTag } from './SeverityTag';

function lexiconPath(id: number): string {
  return `/messaging/lexicons/${id}`;
}

/** 词库: the sensitive-word lexicons the check reads, each opening to its entries. */
export function LexiconsPage() {
  const t = useT();
  const canManage = useCanManageRules();
  const { data: lexicons, isPending } = useLexicons();
  const updateLexicon = useUpdateLexicon();
  const editing = useRecordDialog<Lexicon>();

  const columns: TableColumnsType<Lexicon> = [
    { title: t('lexicon.name'), dataIndex: 'name', render: (name: string, lexicon) => <Link to={lexiconPath(lexicon.id)}>{name}</Link> },
    { title: t('lexicon.category'), dataIndex: 'category', render: (category: FindingCategory) => t(categoryLabel(category)) },
    {
      title: t('lexicon.defaultSeverity'),
      dataIndex: 'defaultSeverity',
      width: 110,
      render: (severity: Severity) => <SeverityTag severity={severity} />,
    },
    { title: t('lexicon.entryCount'), dataIndex: 'entryCount', width: 100, align: 'right' },
    { title: t('common.status'), dataIndex: 'status', width: 100, render: (status: RecordStatus) => <StatusTag status={status} /> },
    { title: t('common.updatedAt'), dataIndex: 'updatedAt', width: 160, render: formatDateTime },
  ];
  if (canManage) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 150,
      render: (_, lexicon) => (
        <RecordActions record={lexicon} name={lexicon.name} statusMutation={updateLexicon} onEdit={() => editing.show(lexicon)} />
      ),
    });
  }

  return (
    <Card
      title={t('lexicon.title')}
      extra={
        canManage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => editing.show(null)}>
            {t('lexicon.create')}
          </Button>
        )
      }
    >
      <Table<Lexicon> rowKey="id" columns={columns} dataSource={lexicons} loading={isPending} pagination={false} />
      <LexiconFormModal key={editing.key} open={editing.open} lexicon={editing.record} onClose={editing.close} />
    </Card>
  );
}
