import type { ReactNode } from 'react';
import { Modal, type FormInstance } from 'antd';
import { useT } from './i18n/i18n';

/** A dialog around `form`: OK submits it, cancel closes, and the contents are dropped once hidden. */
export function FormModal({
  form,
  title,
  open,
  okText,
  saving,
  onClose,
  children,
}: {
  form: FormInstance;
  title: string;
  open: boolean;
  /** Defaults to "save". */
  okText?: string;
  saving: boolean;
  onClose: () => void;
  children: ReactNode;
}) {
  const t = useT();
  return (
    <Modal
      title={title}
      open={open}
      destroyOnHidden
      okText={okText ?? t('common.save')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      {children}
    </Modal>
  );
}
