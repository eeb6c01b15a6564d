import { useState } from 'react';
import { Card, Checkbox, Empty, Input, Select, Space, Spin } from 'antd';
import { useCurrentUser } from '../../app/auth/session';
import { useT } from '../../app/i18n/i18n';
import { LoadMoreButton } from '../../app/LoadMoreButton';
import { SearchFilter } from '../../app/SearchFilter';
import { useAllDepartments } from '../org/departments.api';
import { AssetDrawer } from './AssetDrawer';
import { AssetTile } from './AssetTile';
import { AssetUploader } from './AssetUploader';
import { ASSET_KINDS, useAssetList, type AssetFilters, type AssetKind } from './assets.api';
import './assets.css';

/** 素材库: the department's images, video and attachments (the whole hospital's for hospital-wide roles), uploaded by drag and drop. */
export function AssetLibraryPage() {
  const t = useT();
  const user = useCurrentUser();
  const [filters, setFilters] = useState<AssetFilters>({});
  const [openId, setOpenId] = useState<number | null>(null);
  const list = useAssetList(filters);
  const { data: departments = [] } = useAllDepartments();
  const seesWholeHospital = user.roles.some((role) => role === 'admin' || role === 'editor' || role === 'leader');
  const filter = (changes: AssetFilters) => setFilters((previous) => ({ ...previous, ...changes }));

  return (
    <Card
      title={t('menu.assets')}
      extra={
        <Space wrap>
          <Select<AssetKind>
            allowClear
            aria-label={t('asset.type')}
            placeholder={t('asset.allKinds')}
            style={{ width: 120 }}
            onChange={(kind) => filter({ kind })}
            options={ASSET_KINDS.map((value) => ({ value, label: t(`asset.kind.${value}`) }))}
          />
          {seesWholeHospital && (
            <Select<number>
              allowClear
              aria-label={t('asset.department')}
              placeholder={t('asset.allDepartments')}
              style={{ width: 160 }}
              showSearch={{ optionFilterProp: 'label' }}
              onChange={(departmentId) => filter({ departmentId })}
              options={departments.map((d) => ({ value: d.id, label: d.name }))}
            />
          )}
          <Input.Search allowClear placeholder={t('asset.tagFilter')} style={{ width: 150 }} onSearch={(tag) => filter({ tag: tag.trim() || undefined })} />
          <SearchFilter placeholder={t('asset.searchTitle')} onSearch={(q) => filter({ q })} />
          <Checkbox onChange={(event) => filter({ consentMissing: event.target.checked || undefined })}>{t('asset.onlyConsentMissing')}</Checkbox>
          <Select<'active' | 'archived'>
            aria-label={t('common.status')}
            style={{ width: 100 }}
            defaultValue="active"
            onChange={(status) => filter({ status })}
            options={(['active', 'archived'] as const).map((value) => ({ value, label: t(`asset.status.${value}`) }))}
          />
        </Space>
      }
    >
      <AssetUploader />
      {list.isLoading ? (
        <Spin style={{ display: 'block', marginTop: 24 }} />
      ) : list.items.length === 0 ? (
        <Empty description={t('asset.empty')} style={{ marginTop: 24 }} />
      ) : (
        <>
          <div className="asset-grid" data-testid="asset-grid">
            {list.items.map((asset) => (
              <AssetTile key={asset.id} asset={asset} onClick={() => setOpenId(asset.id)} />
            ))}
          </div>
          <LoadMoreButton hasMore={list.hasMore} loading={list.isLoadingMore} onLoadMore={list.loadMore} />
        </>
      )}
      <AssetDrawer assetId={openId} onClose={() => setOpenId(null)} />
    </Card>
  );
}
