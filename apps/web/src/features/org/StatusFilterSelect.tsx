import { Select } from 'antd';
import { useT } from '../../app/i18n/i18n';
import type { RecordStatus } from './campuses.api';

/** A list's filter by active/disabled; cleared, it shows both. */
export function StatusFilterSelect({
  value,
  onChange,
}: {
  value: RecordStatus | undefined;
  onChange: (status: RecordStatus | undefined) => void;
}) {
  const t = useT();
  return (
    <Select<RecordStatus>
      allowClear
      placeholder={t('common.status')}
      style={{ width: 120 }}
      value={value}
      onChange={onChange}
      options={[
        { value: 'active', label: t('common.active') },
        { value: 'disabled', label: t('common.disabled') },
      ]}
    />
  );
}
