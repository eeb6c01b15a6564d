import type { CSSProperties, ReactNode } from 'react';
import { Button, Popconfirm, Space } from 'antd';
import { useT } from './i18n/i18n';

/** A danger link that deletes (or removes) only once its confirmation, naming the record, is accepted. */
export function DeleteLink({ confirm, onDelete, loading, label }: { confirm: string; onDelete: () => void; loading?: boolean; label?: string }) {
  const t = useT();
  return (
    <Popconfirm title={confirm} onConfirm={onDelete}>
      <Button type="link" size="small" danger loading={loading}>
        {label ?? t('common.delete')}
      </Button>
    </Popconfirm>
  );
}

/** A record's edit link, any `children`, then its delete link behind a confirmation. */
export function EditDeleteLinks({
  onEdit,
  confirm,
  onDelete,
  deleting,
  style,
  children,
}: {
  onEdit: () => void;
  confirm: string;
  onDelete: () => void;
  deleting?: boolean;
  style?: CSSProperties;
  children?: ReactNode;
}) {
  const t = useT();
  return (
    <Space size={0} style={style}>
      <Button type="link" size="small" onClick={onEdit}>
        {t('common.edit')}
      </Button>
      {children}
      <DeleteLink confirm={confirm} onDelete={onDelete} loading={deleting} />
    </Space>
  );
}
