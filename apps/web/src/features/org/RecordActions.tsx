import type { ReactNode } from 'react';
import { Button, Space } from 'antd';
import { useT } from '../../app/i18n/i18n';
import type { RecordStatus } from './campuses.api';
import { StatusToggle } from './StatusToggle';

type StatusChange = { id: number; status: RecordStatus };

/** A row's admin actions: edit, any `children`, then enable/disable through `statusMutation`. */
export function RecordActions({
  record,
  name,
  statusMutation,
  onEdit,
  children,
}: {
  record: StatusChange;
  /** How the disable confirmation names the record. */
  name: string;
  statusMutation: { isPending: boolean; variables?: { id: number }; mutate: (change: StatusChange) => void };
  onEdit: () => void;
  children?: ReactNode;
}) {
  const t = useT();
  return (
    <Space size={0}>
      <Button type="link" size="small" onClick={onEdit}>
        {t('common.edit')}
      </Button>
      {children}
      <StatusToggle
        name={name}
        status={record.status}
        loading={statusMutation.isPending && statusMutation.variables?.id === record.id}
        onChange={(status) => statusMutation.mutate({ id: record.id, status })}
      />
    </Space>
  );
}
