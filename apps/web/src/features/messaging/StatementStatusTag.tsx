import { Tag } from 'antd';
import { useT } from '../../app/i18n/i18n';
import type { StatementStatus } from './statements.api';

const COLORS: Record<StatementStatus, string> = { draft: 'processing', approved: 'success', expired: 'warning', withdrawn: 'default' };

export function StatementStatusTag({ status }: { status: StatementStatus }) {
  const t = useT();
  return <Tag color={COLORS[status]}>{t(`statement.status.${status}`)}</Tag>;
}
