import { useState } from 'react';
import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { CursorTable } from '../../app/CursorTable';
import { formatDateTime } from '../../app/format';
import { useRecordDialog } from '../../app/record-dialog';
import { useT } from '../../app/i18n/i18n';
import type { RecordStatus } from '../org/campuses.api';
import { RecordActions } from '../org/RecordActions';
import { StatusFilterSelect } from '../org/StatusFilterSelect';
import { StatusTag } from '../org/StatusTag';
import { useCanManageRules } from './messaging-roles';
import { TermFormModal } from './TermFormModal';
import { useProfileTerms, useTermList, useUpdateTerm, type ProfileTerm, type Term } from './terms.api';

/** The hospital profile's former names: checked like terms, edited on 医院信息. */
function ProfileTerms() {
  const t = useT();
  const { data, isPending } = useProfileTerms();
  const columns: TableColumnsType<ProfileTerm> = [
    { title: t('term.formerName'), dataIndex: 'variant', render: (variant: string) => <Tag color="red">{variant}</Tag> },
    { title: t('term.canonical'), dataIndex: 'canonical' },
  ];
  return (
    <Card
      title={t('term.fromProfile')}
      extra={<Link to="/system/hospital">{t('term.editOnProfile')}</Link>}
      data-testid="profile-terms"
    >
      <Typography.Paragraph type="secondary">{t('term.fromProfileHint')}</Typography.Paragraph>
      <Table<ProfileTerm> rowKey="variant" size="small" columns={columns} dataSource={data?.items} loading={isPending} pagination={false} />
    </Card>
  );
}

/** 术语: canonical names and the variants the check replaces with them. */
export function TermsPage() {
  const t = useT();
  const canManage = useCanManageRules();
  const [status, setStatus] = useState<RecordStatus | undefined>();
  const list = useTermList({ status });
  const updateTerm = useUpdateTerm();
  const editing = useRecordDialog<Term>();

  const columns: TableColumnsType<Term> = [
    { title: t('term.canonical'), dataIndex: 'canonical', render: (canonical: string) => <Typography.Text strong>{canonical}</Typography.Text> },
    {
      title: t('term.variants'),
      dataIndex: 'variants',
      render: (variants: string[]) => variants.map((variant) => <Tag key={variant}>{variant}</Tag>),
    },
    { title: t('term.note'), dataIndex: 'note', render: (note: string | null) => note ?? '—' },
    { title: t('common.status'), dataIndex: 'status', width: 100, render: (value: RecordStatus) => <StatusTag status={value} /> },
    { title: t('common.updatedAt'), dataIndex: 'updatedAt', width: 160, render: formatDateTime },
  ];
  if (canManage) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 150,
      render: (_, term) => (
        <RecordActions record={term} name={term.canonical} statusMutation={updateTerm} onEdit={() => editing.show(term)} />
      ),
    });
  }

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card
        title={t('term.title')}
        extra={
          canManage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => editing.show(null)}>
              {t('term.create')}
            </Button>
          )
        }
      >
        <Space wrap style={{ marginBottom: 16 }}>
          <StatusFilterSelect value={status} onChange={setStatus} />
        </Space>
        <CursorTable<Term> list={list} columns={columns} />
        <TermFormModal key={editing.key} open={editing.open} term={editing.record} onClose={editing.close} />
      </Card>
      <ProfileTerms />
    </Space>
  );
}
