import { useState } from 'react';
import { InboxOutlined } from '@ant-design/icons';
import { App, Upload, type UploadFile } from 'antd';
import { describeError } from '../../app/api-errors';
import { useT } from '../../app/i18n/i18n';
import { acceptedFiles, checkAssetFile, useUploadAsset, type Asset, type AssetKind } from './assets.api';

/**
 * Drag-and-drop upload into the asset library, several files at once, each with its progress. Files the server would
 * refuse (kind, size) are refused here first; a finished file leaves the list, since the library shows it.
 */
export function AssetUploader({ kind, onUploaded }: { kind?: AssetKind; onUploaded?: (asset: Asset) => void }) {
  const t = useT();
  const { message } = App.useApp();
  const upload = useUploadAsset();
  const [files, setFiles] = useState<UploadFile[]>([]);

  const check = (file: File) => {
    const problem = checkAssetFile(file, kind);
    if (problem === 'ok') return true;
    void message.error(t(problem === 'type' ? 'asset.wrongType' : 'asset.tooLarge', { name: file.name }));
    return Upload.LIST_IGNORE;
  };

  return (
    <Upload.Dragger
      multiple
      accept={acceptedFiles(kind)}
      fileList={files}
      beforeUpload={check}
      onChange={({ fileList }) => setFiles(fileList.filter((file) => file.status !== 'done'))}
      customRequest={({ file, onProgress, onSuccess, onError }) => {
        const chosen = file as File;
        // One promise per file: mutate's own callbacks would fire for the last of several uploads only.
        upload.mutateAsync({ file: chosen, onProgress: (percent) => onProgress?.({ percent }) }).then(
          (asset) => {
            onSuccess?.(asset);
            void message.success(t('asset.uploaded', { name: chosen.name }));
            onUploaded?.(asset);
          },
          (error: unknown) => {
            onError?.(error instanceof Error ? error : new Error(String(error)));
            void message.error(t('asset.uploadFailed', { name: chosen.name, reason: describeError(error, t) }));
          },
        );
      }}
    >
      <p className="ant-upload-drag-icon">
        <InboxOutlined />
      </p>
      <p className="ant-upload-text">{t('asset.drop')}</p>
      <p className="ant-upload-hint">{t(kind === 'image' ? 'asset.dropHintImage' : 'asset.dropHint')}</p>
    </Upload.Dragger>
  );
}
