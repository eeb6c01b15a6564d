import { useState } from 'react';
import { Alert, Empty, Form, Input, Modal, Spin } from 'antd';
import { useT, type MessageKey } from '../../app/i18n/i18n';
import { LoadMoreButton } from '../../app/LoadMoreButton';
import { SearchFilter } from '../../app/SearchFilter';
import { AssetTile } from './AssetTile';
import { AssetUploader } from './AssetUploader';
import { useAssetList, type Asset, type AssetKind, type PickedAsset } from './assets.api';
import './assets.css';

const TITLES: Record<AssetKind, MessageKey> = { image: 'asset.pick.titleImage', video: 'asset.pick.titleVideo', attachment: 'asset.pick.titleAttachment' };

/**
 * Picks an asset from the library, or uploads one and picks it, and gives it back for the editor to insert: an image
 * as `<img src={url} alt={alt} data-asset-id={id}>`, a video or an attachment (`kind`) as the editor writes them.
 * An asset showing a patient without recorded consent may be picked, with a warning: the article cannot be submitted
 * until it is recorded.
 */
export function AssetPickerModal({ open, onClose, onPick, kind = 'image' }: { open: boolean; onClose: () => void; onPick: (picked: PickedAsset) => void; kind?: AssetKind }) {
  const t = useT();
  const [q, setQ] = useState<string | undefined>();
  const [chosen, setChosen] = useState<Asset | null>(null);
  const [alt, setAlt] = useState('');
  const list = useAssetList({ kind, q, status: 'active' });

  const choose = (asset: Asset) => {
    setChosen(asset);
    setAlt(asset.caption || asset.title);
  };
  const close = () => {
    setChosen(null);
    setAlt('');
    onClose();
  };
  const pick = () => {
    if (!chosen) return;
    onPick({ id: chosen.id, url: chosen.url, alt: alt.trim() || chosen.title, thumbnailUrl: chosen.thumbnailUrl, filename: chosen.originalFilename, bytes: chosen.bytes });
    close();
  };

  return (
    <Modal
      title={t(TITLES[kind])}
      open={open}
      width={880}
      destroyOnHidden
      okText={t('asset.pick.insert')}
      okButtonProps={{ disabled: !chosen }}
      onOk={pick}
      onCancel={close}
    >
      <AssetUploader kind={kind} onUploaded={choose} />
      <div style={{ marginTop: 16 }}>
        <SearchFilter placeholder={t('asset.searchTitle')} onSearch={setQ} />
      </div>
      {list.isLoading ? (
        <Spin style={{ display: 'block', marginTop: 24 }} />
      ) : list.items.length === 0 ? (
        <Empty description={t('asset.empty')} style={{ marginTop: 24 }} />
      ) : (
        <div style={{ maxHeight: 360, overflowY: 'auto' }}>
          <div className="asset-grid" data-testid="asset-picker-grid">
            {list.items.map((asset) => (
              <AssetTile key={asset.id} asset={asset} selected={asset.id === chosen?.id} onClick={() => choose(asset)} />
            ))}
          </div>
          <LoadMoreButton hasMore={list.hasMore} loading={list.isLoadingMore} onLoadMore={list.loadMore} />
        </div>
      )}
      {chosen && (
        <Form layout="vertical" style={{ marginTop: 16 }}>
          {chosen.consentMissing && (
            <Alert type="warning" showIcon title={t(kind === 'image' ? 'asset.pick.consentWarning' : 'asset.pick.consentWarningFile')} style={{ marginBottom: 12 }} />
          )}
          {/* Only an image has a text that stands in for it; a video or a file is named by its title or file name. */}
          {kind === 'image' && (
            <Form.Item label={t('asset.pick.alt')} extra={t('asset.pick.altHint')}>
              <Input value={alt} maxLength={200} onChange={(event) => setAlt(event.target.value)} />
            </Form.Item>
          )}
        </Form>
      )}
    </Modal>
  );
}
