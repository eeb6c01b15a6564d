import { useState } from 'react';
import { InboxOutlined } from '@ant-design/icons';
import { App, Col, Modal, Row, Statistic, Table, Typography, Upload, type TableColumnsType } from 'antd';
import { describeError } from '../../app/api-errors';
import { useT } from '../../app/i18n/i18n';
import { useImportLexiconFile, type ImportSummary, type Lexicon } from './lexicons.api';

type RejectedLine = ImportSummary['rejected'][number];

const ACCEPTED_FILES = '.txt,.csv,.json';

function ImportSummaryView({ summary }: { summary: ImportSummary }) {
  const t = useT();
  const columns: TableColumnsType<RejectedLine> = [
    { title: t('lexicon.import.line'), dataIndex: 'line', width: 80 },
    { title: t('lexicon.import.text'), dataIndex: 'text', render: (text: string) => <Typography.Text code>{text}</Typography.Text> },
    { title: t('lexicon.import.reason'), dataIndex: 'reason' },
  ];
  return (
    <div data-testid="import-summary">
      <Row gutter={16} style={{ margin: '16px 0' }}>
        <Col span={8}>
          <Statistic title={t('lexicon.import.imported')} value={summary.imported} styles={{ content: { color: '#389e0d' } }} />
        </Col>
        <Col span={8}>
          <Statistic title={t('lexicon.import.duplicates')} value={summary.duplicates} />
        </Col>
        <Col span={8}>
          <Statistic
            title={t('lexicon.import.rejected')}
            value={summary.rejected.length}
            styles={{ content: summary.rejected.length ? { color: '#cf1322' } : {} }}
          />
        </Col>
      </Row>
      {summary.rejected.length > 0 && (
        <Table<RejectedLine>
          rowKey="line"
          size="small"
          columns={columns}
          dataSource={summary.rejected}
          pagination={summary.rejected.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
        />
      )}
    </div>
  );
}

/** Uploads a word list into `lexicon` with progress, then shows what was imported, duplicated and rejected. */
export function LexiconImportModal({ open, lexicon, onClose }: { open: boolean; lexicon: Lexicon; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const importFile = useImportLexiconFile(lexicon.id);
  const [summary, setSummary] = useState<ImportSummary | null>(null);

  const close = () => {
    setSummary(null);
    onClose();
  };

  return (
    <Modal title={t('lexicon.import.title', { name: lexicon.name })} open={open} footer={null} width={720} destroyOnHidden onCancel={close}>
      <Upload.Dragger
        accept={ACCEPTED_FILES}
        maxCount={1}
        disabled={importFile.isPending}
        customRequest={({ file, onProgress, onSuccess, onError }) => {
          setSummary(null);
          importFile.mutate(
            { file: file as File, onProgress: (percent) => onProgress?.({ percent }) },
            {
              onSuccess: (result) => {
                onSuccess?.(result);
                setSummary(result);
              },
              onError: (error) => {
                onError?.(error instanceof Error ? error : new Error(String(error)));
                void message.error(describeError(error, t));
              },
            },
          );
        }}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{t('lexicon.import.drop')}</p>
        <p className="ant-upload-hint">{t('lexicon.import.formats')}</p>
      </Upload.Dragger>
      {summary && <ImportSummaryView summary={summary} />}
    </Modal>
  );
}
