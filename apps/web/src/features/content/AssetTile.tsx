import { FileExcelOutlined, FileOutlined, FilePdfOutlined, FileWordOutlined, VideoCameraOutlined } from '@ant-design/icons';
import { Card, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useT } from '../../app/i18n/i18n';
import type { Asset } from './assets.api';
import './assets.css';

const fileIcons: Record<string, ReactNode> = {
  'application/pdf': <FilePdfOutlined />,
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': <FileWordOutlined />,
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': <FileExcelOutlined />,
  'video/mp4': <VideoCameraOutlined />,
};

/** An image's thumbnail, or the icon of a video or attachment (they have no thumbnail). */
export function AssetCover({ asset }: { asset: Asset }) {
  return (
    <div className="asset-tile-cover">
      {asset.thumbnailUrl ? <img src={asset.thumbnailUrl} alt={asset.title} loading="lazy" /> : (fileIcons[asset.contentType] ?? <FileOutlined />)}
    </div>
  );
}

/** The red 缺少知情同意 mark of a patient photo without recorded consent. */
export function ConsentMissingTag() {
  const t = useT();
  return (
    <Tag color="error" data-testid="consent-missing">
      {t('asset.consentMissing')}
    </Tag>
  );
}

/** One asset in a grid: cover, title and the marks that matter before it goes into an article. */
export function AssetTile({ asset, selected, onClick }: { asset: Asset; selected?: boolean; onClick: () => void }) {
  const t = useT();
  return (
    <Card
      hoverable
      size="small"
      className={selected ? 'asset-tile asset-tile-selected' : 'asset-tile'}
      cover={<AssetCover asset={asset} />}
      onClick={onClick}
      data-testid="asset-tile"
      aria-label={asset.title}
    >
      <Typography.Text strong ellipsis={{ tooltip: asset.title }} style={{ display: 'block' }}>
        {asset.title}
      </Typography.Text>
      <Space size={4} wrap style={{ marginTop: 4 }}>
        <Tag>{t(`asset.kind.${asset.kind}`)}</Tag>
        {asset.showsPatient && <Tag color="orange">{t('asset.showsPatient')}</Tag>}
        {asset.consentMissing && <ConsentMissingTag />}
      </Space>
    </Card>
  );
}
