import { useState } from 'react';
import { ArrowLeftOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Result, Space, type TableColumnsType } from 'antd';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../app/api';
import { CursorTable } from '../../app/CursorTable';
import { formatDateTime } from '../../app/format';
import { useRecordDialog } from '../../app/record-dialog';
import { useT } from '../../app/i18n/i18n';
import { PageSpinner } from '../../app/PageSpinner';
import { SearchFilter } from '../../app/SearchFilter';
import { StatusTag } from '../org/StatusTag';
import { categoryLabel, type FindingCategory, type Severity } from './findings';
import { LexiconEntryFormModal } from './LexiconEntryFormModal';
import { LexiconImportModal } from './LexiconImportModal';
import { useDeleteLexiconEntry, useLexicon, useLexiconEntries, type Lexicon, type LexiconEntry } from './lexicons.api';
import { useCanManageRules } from './messaging-roles';
import { SeverityTag } from './SeverityTag';
import { EditDeleteLinks } from '../../app/RowActions';

function LexiconEntries({ lexicon }: { lexicon: Lexicon }) {
  const t = useT();
  const canManage = useCanManageRules();
  const [q, setQ] = useState<string | undefined>();
  const entries = useLexiconEntries(lexicon.id, { q });
  const remove = useDeleteLexiconEntry(lexicon.id);
  const editing = useRecordDialog<LexiconEntry>();
  const [importing, setImporting] = useState(false);

  const columns: TableColumnsType<LexiconEntry> = [
    { title: t('lexicon.entry.term'), dataIndex: 'term' },
    { title: t('lexicon.category'), dataIndex: 'category', render: (category: FindingCategory) => t(categoryLabel(category)) },
    { title: t('lexicon.entry.severity'), dataIndex: 'severity', width: 100, render: (severity: Severity) => <SeverityTag severity={severity} /> },
    { title: t('lexicon.entry.suggestion'), dataIndex: 'suggestion', render: (suggestion: string | null) => suggestion ?? '—' },
    { title: t('lexicon.entry.note'), dataIndex: 'note', render: (note: string | null) => note ?? '—' },
    { title: t('common.createdAt'), dataIndex: 'createdAt', width: 160, render: formatDateTime },
  ];
  if (canManage) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 130,
      render: (_, entry) => (
        <EditDeleteLinks
          onEdit={() => editing.show(entry)}
          confirm={t('lexicon.entry.deleteConfirm', { term: entry.term })}
          onDelete={() => remove.mutate(entry.id)}
          deleting={remove.isPending && remove.variables === entry.id}
        />
      ),
    });
  }

  return (
    <Card
      title={t('lexicon.entries')}
      extra={
        canManage && (
          <Space>
            <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>
              {t('lexicon.import.button')}
            </Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => editing.show(null)}>
              {t('lexicon.entry.create')}
            </Button>
          </Space>
        )
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <SearchFilter placeholder={t('lexicon.entry.searchPlaceholder')} onSearch={setQ} />
      </Space>
      <CursorTable<LexiconEntry> list={entries} columns={columns} />
      <LexiconEntryFormModal key={editing.key} open={editing.open} lexicon={lexicon} entry={editing.record} onClose={editing.close} />
      <LexiconImportModal open={importing} lexicon={lexicon} onClose={() => setImporting(false)} />
    </Card>
  );
}

/** One lexicon: what it is, and its entries to search, edit and import into. */
export function LexiconDetailPage() {
  const t = useT();
  const id = Number(useParams().id);
  const { data: lexicon, error } = useLexicon(id);

  // 404 for a lexicon of no one's, 400 for an id that is not one: either way there is nothing to show.
  if (error instanceof ApiError && (error.status === 404 || error.status === 400)) {
    return <Result status="404" title="404" subTitle={t('lexicon.notFound')} extra={<Link to="/messaging/lexicons">{t('lexicon.backToList')}</Link>} />;
  }
  if (!lexicon) return <PageSpinner />;
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card
        title={
          <Space>
            <Link to="/messaging/lexicons" aria-label={t('lexicon.backToList')}>
              <ArrowLeftOutlined />
            </Link>
            {lexicon.name}
          </Space>
        }
      >
        <Descriptions column={3} size="small">
          <Descriptions.Item label={t('lexicon.category')}>{t(categoryLabel(lexicon.category))}</Descriptions.Item>
          <Descriptions.Item label={t('lexicon.defaultSeverity')}>
            <SeverityTag severity={lexicon.defaultSeverity} />
          </Descriptions.Item>
          <Descriptions.Item label={t('common.status')}>
            <StatusTag status={lexicon.status} />
          </Descriptions.Item>
          <Descriptions.Item label={t('lexicon.entryCount')}>
            <span data-testid="lexicon-entry-count">{lexicon.entryCount}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('common.updatedAt')}>{formatDateTime(lexicon.updatedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('lexicon.description')}>{lexicon.description ?? '—'}</Descriptions.Item>
        </Descriptions>
      </Card>
      <LexiconEntries lexicon={lexicon} />
    </Space>
  );
}
