import { useMemo, useState } from 'react';
import { FileWordOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Input, Select, Space, Tag, Typography, type TableColumnsType } from 'antd';
import { downloadFile } from '../../app/api';
import { describeError } from '../../app/api-errors';
import { CursorTable } from '../../app/CursorTable';
import { formatDateTime } from '../../app/format';
import { useRecordDialog } from '../../app/record-dialog';
import { useT } from '../../app/i18n/i18n';
import { SearchFilter } from '../../app/SearchFilter';
import { useAllUsers } from '../org/users.api';
import { useCanDraftStatements } from './messaging-roles';
import { StatementActions } from './StatementActions';
import { StatementDrawer, validityText } from './StatementDrawer';
import { StatementFormModal } from './StatementFormModal';
import { StatementStatusTag } from './StatementStatusTag';
import { STATEMENT_STATUSES, useStatementList, type Statement, type StatementFilters, type StatementStatus } from './statements.api';

/** 口径库: search the statements; drafters create and edit them, editors and leaders approve. */
export function StatementsPage() {
  const t = useT();
  const canDraft = useCanDraftStatements();
  const [filters, setFilters] = useState<StatementFilters>({});
  const list = useStatementList(filters);
  const { data: users = [] } = useAllUsers();
  const userNames = useMemo(() => new Map(users.map((user) => [user.id, user.displayName])), [users]);
  const [tagText, setTagText] = useState('');
  const [viewingId, setViewingId] = useState<number | null>(null);
  const editing = useRecordDialog<Statement>();
  const { message } = App.useApp();
  const [selectedIds, setSelectedIds] = useState<number[]>([]);
  const [exporting, setExporting] = useState(false);

  /** 问答口径: the spokesperson's sheet of the selected approved statements, as a Word document. */
  const exportQaSheet = async () => {
    setExporting(true);
    try {
      await downloadFile('/api/statements/qa-sheet', { title: t('statement.qaSheetTitle'), statementIds: selectedIds }, 'qa-sheet.docx');
    } catch (error) {
      void message.error(describeError(error, t));
    } finally {
      setExporting(false);
    }
  };

  const filterByTag = (tag: string) => {
    setTagText(tag);
    setFilters({ ...filters, tag });
  };

  const columns: TableColumnsType<Statement> = [
    {
      title: t('statement.topic'),
      dataIndex: 'topic',
      render: (topic: string, statement) => (
        <Button type="link" style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'start' }} onClick={() => setViewingId(statement.id)}>
          {topic}
        </Button>
      ),
    },
    {
      title: t('statement.wording'),
      dataIndex: 'wording',
      render: (wording: string) => (
        <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ marginBottom: 0, maxWidth: 420 }}>
          {wording}
        </Typography.Paragraph>
      ),
    },
    {
      title: t('statement.tags'),
      dataIndex: 'tags',
      render: (tags: string[]) =>
        tags.map((tag) => (
          <Tag key={tag} style={{ cursor: 'pointer' }} onClick={() => filterByTag(tag)}>
            {tag}
          </Tag>
        )),
    },
    { title: t('common.status'), dataIndex: 'status', width: 90, render: (status: StatementStatus) => <StatementStatusTag status={status} /> },
    { title: t('statement.validity'), key: 'validity', width: 200, render: (_, s) => validityText(s.validFrom, s.validTo) },
    { title: t('statement.owner'), dataIndex: 'ownerUserId', width: 110, render: (id: number) => userNames.get(id) ?? `#${id}` },
    { title: t('common.updatedAt'), dataIndex: 'updatedAt', width: 150, render: formatDateTime },
  ];
  if (canDraft) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 170,
      render: (_, statement) => <StatementActions statement={statement} onEdit={() => editing.show(statement)} />,
    });
  }

  return (
    <Card
      title={t('statement.title')}
      extra={
        <Space>
          <Button icon={<FileWordOutlined />} disabled={selectedIds.length === 0} loading={exporting} onClick={() => void exportQaSheet()}>
            {t('statement.exportQaSheet', { count: selectedIds.length })}
          </Button>
          {canDraft && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => editing.show(null)}>
              {t('statement.create')}
            </Button>
          )}
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <SearchFilter placeholder={t('statement.searchPlaceholder')} onSearch={(q) => setFilters({ ...filters, q })} />
        <Select<StatementStatus>
          allowClear
          placeholder={t('common.status')}
          aria-label={t('common.status')}
          style={{ width: 120 }}
          value={filters.status}
          onChange={(status) => setFilters({ ...filters, status })}
          options={STATEMENT_STATUSES.map((status) => ({ value: status, label: t(`statement.status.${status}`) }))}
        />
        <Input.Search
          allowClear
          placeholder={t('statement.tagFilter')}
          aria-label={t('statement.tagFilter')}
          style={{ width: 180 }}
          value={tagText}
          onChange={(event) => setTagText(event.target.value)}
          onSearch={(tag) => setFilters({ ...filters, tag: tag.trim() || undefined })}
        />
      </Space>
      <CursorTable<Statement>
        list={list}
        columns={columns}
        rowSelection={{
          selectedRowKeys: selectedIds,
          onChange: (keys) => setSelectedIds(keys.map(Number)),
          getCheckboxProps: (statement) => ({ disabled: statement.status !== 'approved' }),
        }}
      />
      <StatementDrawer
        statementId={viewingId}
        onClose={() => setViewingId(null)}
        onEdit={editing.show}
      />
      <StatementFormModal key={editing.key} open={editing.open} statement={editing.record} onClose={editing.close} />
    </Card>
  );
}
