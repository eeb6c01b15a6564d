import { Button, Popconfirm } from 'antd';
import { useT } from '../../app/i18n/i18n';
import type { RecordStatus } from './campuses.api';

/** Disabling asks first (it locks people or units out); enabling is harmless and immediate. */
export function StatusToggle({
  name,
  status,
  loading,
  onChange,
}: {
  name: string;
  status: RecordStatus;
  loading: boolean;
  onChange: (next: RecordStatus) => void;
}) {
  const t = useT();
  if (status === 'disabled') {
    return (
      <Button type="link" size="small" loading={loading} onClick={() => onChange('active')}>
        {t('common.enable')}
      </Button>
    );
  }
  return (
    <Popconfirm title={t('common.disableConfirm', { name })} onConfirm={() => onChange('disabled')}>
      <Button type="link" size="small" danger loading={loading}>
        {t('common.disable')}
      </Button>
    </Popconfirm>
  );
}
