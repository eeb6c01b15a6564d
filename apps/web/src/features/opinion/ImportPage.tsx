import { useState } from 'react';
import { InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Result, Select, Space, Statistic, Steps, Table, Typography, Upload } from 'antd';
import { useT } from '../../app/i18n/i18n';
import { IMPORT_FIELDS, useAllSources, useImportMentions, usePreviewImport, useSaveSource, type ColumnMapping, type ImportField, type ImportPreview, type ImportResult } from './opinion.api';
import { OpinionOnly } from './opinion-labels';

const ACCEPT = '.xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv';

/** Step 1: the file and the import source it goes to (an import source can be added here). */
function ChooseFile({ onPreviewed }: { onPreviewed: (file: File, preview: ImportPreview) => void }) {
  const t = useT();
  const preview = usePreviewImport();
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Upload.Dragger
        accept={ACCEPT}
        maxCount={1}
        showUploadList={false}
        beforeUpload={(file) => {
          preview.mutate(file, { onSuccess: (result) => onPreviewed(file, result) });
          return false;
        }}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{t('opinion.import.drop')}</p>
        <p className="ant-upload-hint">{t('opinion.import.dropHint')}</p>
      </Upload.Dragger>
      {preview.isPending && <Alert type="info" title={t('opinion.import.reading')} />}
    </Space>
  );
}

/** Step 2: each field's column (suggested from the headings), the target source, and a look at the first rows. */
function MapColumns({ preview, onImport, importing }: { preview: ImportPreview; onImport: (sourceId: number, mapping: ColumnMapping) => void; importing: boolean }) {
  const t = useT();
  const [mapping, setMapping] = useState<ColumnMapping>(preview.suggestedMapping);
  const { data: sources = [] } = useAllSources();
  const importSources = sources.filter((s) => s.kind === 'import');
  const [sourceId, setSourceId] = useState<number | undefined>();
  const [newName, setNewName] = useState('');
  const createSource = useSaveSource();
  const chosen = sourceId ?? importSources[0]?.id;
  const columnOptions = preview.headers.map((header, index) => ({ value: index, label: header || t('opinion.import.column', { n: index + 1 }) }));
  const hasText = mapping.title !== undefined || mapping.text !== undefined;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Text>{t('opinion.import.found', { file: preview.fileName, rows: preview.rowCount })}</Typography.Text>
      <Space wrap align="end">
        <Form.Item label={t('opinion.import.source')} style={{ marginBottom: 0 }}>
          <Select<number> aria-label={t('opinion.import.source')} data-testid="import-source" style={{ width: 220 }} value={chosen} onChange={setSourceId} options={importSources.map((s) => ({ value: s.id, label: s.name }))} placeholder={t('opinion.import.noSource')} />
        </Form.Item>
        <Space.Compact>
          <Input placeholder={t('opinion.import.newSource')} value={newName} maxLength={100} onChange={(e) => setNewName(e.target.value)} style={{ width: 200 }} />
          <Button
            disabled={!newName.trim()}
            loading={createSource.isPending}
            onClick={() => createSource.mutate({ id: null, input: { kind: 'import', name: newName.trim() } }, { onSuccess: (s) => { setSourceId(s.id); setNewName(''); } })}
          >
            {t('opinion.import.addSource')}
          </Button>
        </Space.Compact>
      </Space>
      <Table<{ field: ImportField }>
        size="small"
        pagination={false}
        rowKey="field"
        dataSource={IMPORT_FIELDS.map((field) => ({ field }))}
        columns={[
          { title: t('opinion.import.field'), dataIndex: 'field', width: 200, render: (field: ImportField) => t(`opinion.import.field.${field}`) },
          {
            title: t('opinion.import.mappedColumn'),
            key: 'column',
            render: (_: unknown, { field }) => (
              <Select<number>
                allowClear
                aria-label={t(`opinion.import.field.${field}`)}
                style={{ width: 240 }}
                placeholder={t('opinion.import.unmapped')}
                value={mapping[field]}
                onChange={(column) => setMapping((m) => ({ ...m, [field]: column }))}
                options={columnOptions}
              />
            ),
          },
          {
            title: t('opinion.import.example'),
            key: 'example',
            render: (_: unknown, { field }) => (
              <Typography.Text type="secondary" ellipsis style={{ maxWidth: 360 }}>
                {mapping[field] === undefined ? '' : (preview.sample[0]?.[mapping[field]!] ?? '')}
              </Typography.Text>
            ),
          },
        ]}
      />
      {!hasText && <Alert type="warning" showIcon title={t('opinion.import.needText')} />}
      <Button type="primary" disabled={!hasText || chosen === undefined} loading={importing} onClick={() => onImport(chosen!, Object.fromEntries(Object.entries(mapping).filter(([, v]) => v !== undefined)) as ColumnMapping)}>
        {t('opinion.import.run', { rows: preview.rowCount })}
      </Button>
    </Space>
  );
}

function ImportOutcome({ result, onAgain }: { result: ImportResult; onAgain: () => void }) {
  const t = useT();
  return (
    <Result
      status={result.errors.length ? 'warning' : 'success'}
      title={t('opinion.import.done')}
      subTitle={
        <Space size="large">
          <Statistic title={t('opinion.import.received')} value={result.received} />
          <Statistic title={t('opinion.import.inserted')} value={result.inserted} />
          <Statistic title={t('opinion.import.duplicates')} value={result.duplicates} />
          <Statistic title={t('opinion.import.errors')} value={result.errors.length} />
        </Space>
      }
      extra={<Button onClick={onAgain}>{t('opinion.import.again')}</Button>}
    >
      {result.errors.length > 0 && (
        <Table
          size="small"
          rowKey={(e) => `${e.row}-${e.message}`}
          pagination={{ pageSize: 20 }}
          dataSource={result.errors}
          columns={[
            { title: t('opinion.import.row'), dataIndex: 'row', width: 80 },
            { title: t('opinion.import.problem'), dataIndex: 'message' },
          ]}
        />
      )}
    </Result>
  );
}

/** 导入: a spreadsheet (.xlsx/.csv) from a monitoring vendor or an officer, mapped column by column, then imported. */
export function ImportPage() {
  const t = useT();
  const [state, setState] = useState<{ file: File; preview: ImportPreview } | null>(null);
  const run = useImportMentions();
  const step = run.data ? 2 : state ? 1 : 0;
  return (
    <OpinionOnly>
      <Card title={t('opinion.import.title')}>
        <Steps current={step} style={{ marginBottom: 24 }} items={[{ title: t('opinion.import.step.file') }, { title: t('opinion.import.step.map') }, { title: t('opinion.import.step.result') }]} />
        {step === 0 && <ChooseFile onPreviewed={(file, preview) => setState({ file, preview })} />}
        {step === 1 && state && <MapColumns preview={state.preview} importing={run.isPending} onImport={(sourceId, mapping) => run.mutate({ file: state.file, sourceId, mapping })} />}
        {step === 2 && run.data && (
          <ImportOutcome
            result={run.data}
            onAgain={() => {
              run.reset();
              setState(null);
            }}
          />
        )}
      </Card>
    </OpinionOnly>
  );
}
