import { SyncOutlined } from '@ant-design/icons';
import { Tag } from 'antd';
import { useT, type MessageKey } from '../../app/i18n/i18n';
import type { PublicationStatus } from './publications.api';

/** Tag colours by status, shared by the publications table and the calendar. */
export const PUBLICATION_STATUS_COLORS: Record<PublicationStatus, string> = {
  scheduled: 'cyan',
  publishing: 'processing',
  published: 'success',
  failed: 'error',
  withdrawing: 'warning',
  withdrawn: 'default',
};

export function publicationStatusLabel(status: PublicationStatus): MessageKey {
  return `publication.status.${status}`;
}

/** A job still working on the publication spins, so a waiting row does not look settled. */
export function PublicationStatusTag({ status }: { status: PublicationStatus }) {
  const t = useT();
  const working = status === 'publishing' || status === 'withdrawing';
  return (
    <Tag color={PUBLICATION_STATUS_COLORS[status]} icon={working ? <SyncOutlined spin /> : undefined}>
      {t(publicationStatusLabel(status))}
    </Tag>
  );
}
