import { useState } from 'react';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, App, Button, Modal, Space, Table, Upload } from 'antd';
import { describeError } from '../../app/api-errors';
import { useT } from '../../app/i18n/i18n';
import { importTemplateUrl, useImportPlan, type ImportResult } from './targets.api';

type PreviewRow = ImportResult['items'][number];
type RowError = ImportResult['errors'][number];

/**
 * Upload a 目标任务分解表: the server first previews it (what each row becomes, every row's problem) and nothing is
 * saved until the preview is clean and confirmed; then all rows are imported together.
 */
export function ImportModal({ planId, open, onClose }: { planId: number; open: boolean; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const importPlan = useImportPlan(planId);
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<ImportResult | null>(null);

  const close = () => {
    setFile(null);
    setPreview(null);
    onClose();
  };

  const confirm = () => {
    if (!file) return;
    importPlan.mutate(
      { file, dryRun: false, onProgress: () => undefined },
      {
        onSuccess: (result) => {
          if (result.errors.length) setPreview(result);
          else {
            void message.success(t('target.import.done', { count: result.imported }));
            close();
          }
        },
        onError: (error) => void message.error(describeError(error, t)),
      },
    );
  };

  const clean = preview !== null && preview.errors.length === 0 && preview.items.length > 0;
  return (
    <Modal
      title={t('target.import.title')}
      open={open}
      width={900}
      destroyOnHidden
      onCancel={close}
      footer={
        <Space>
          <Button icon={<DownloadOutlined />} href={importTemplateUrl(planId)}>
            {t('target.import.template')}
          </Button>
          <Button onClick={close}>{t('common.cancel')}</Button>
          <Button type="primary" disabled={!clean} loading={importPlan.isPending && importPlan.variables?.dryRun === false} onClick={confirm}>
            {t('target.import.confirm', { count: preview?.items.length ?? 0 })}
          </Button>
        </Space>
      }
    >
      <Upload.Dragger
        accept=".xlsx"
        maxCount={1}
        showUploadList={false}
        disabled={importPlan.isPending}
        customRequest={({ file: chosen, onProgress, onSuccess, onError }) => {
          setPreview(null);
          setFile(chosen as File);
          importPlan.mutate(
            { file: chosen as File, dryRun: true, onProgress: (percent) => onProgress?.({ percent }) },
            {
              onSuccess: (result) => {
                onSuccess?.(result);
                setPreview(result);
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
        <p className="ant-upload-text">{t('target.import.drop')}</p>
        <p className="ant-upload-hint">{t('target.import.formats')}</p>
      </Upload.Dragger>
      {preview && (
        <div data-testid="import-preview" style={{ marginTop: 16 }}>
          {preview.errors.length > 0 ? (
            <>
              <Alert type="error" showIcon title={t('target.import.errors', { count: preview.errors.length })} style={{ marginBottom: 12 }} />
              <Table<RowError>
                rowKey={(e) => `${e.row}:${e.message}`}
                size="small"
                dataSource={preview.errors}
                pagination={preview.errors.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
                columns={[
                  { title: t('target.import.row'), dataIndex: 'row', width: 80 },
                  { title: t('target.import.problem'), dataIndex: 'message' },
                ]}
                style={{ marginBottom: 16 }}
              />
            </>
          ) : (
            <Alert type="success" showIcon title={t('target.import.ready', { count: preview.items.length })} style={{ marginBottom: 12 }} />
          )}
          <Table<PreviewRow>
            rowKey={(item) => `${item.row}:${item.metric}:${item.period}`}
            size="small"
            dataSource={preview.items}
            pagination={preview.items.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
            columns={[
              { title: t('target.import.row'), dataIndex: 'row', width: 70 },
              { title: t('target.department'), dataIndex: 'departmentName', width: 140 },
              { title: t('target.targetText'), dataIndex: 'text' },
              { title: t('target.responsible'), dataIndex: 'responsible', width: 110, render: (name: string | null) => name ?? '' },
              { title: t('target.supervisor'), dataIndex: 'supervisor', width: 110, render: (name: string | null) => name ?? '' },
            ]}
          />
        </div>
      )}
    </Modal>
  );
}
