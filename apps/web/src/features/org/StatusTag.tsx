import { Tag } from 'antd';
import { useT } from '../../app/i18n/i18n';
import type { RecordStatus } from './campuses.api';

export function StatusTag({ status }: { status: RecordStatus }) {
  const t = useT();
  return status === 'active' ? <Tag color="success">{t('common.active')}</Tag> : <Tag>{t('common.disabled')}</Tag>;
}
