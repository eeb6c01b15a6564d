import { Tag } from 'antd';
import { useT } from '../../app/i18n/i18n';
import type { ChannelStatus } from './channels.api';

const COLORS: Record<ChannelStatus, string> = { active: 'success', paused: 'warning', retired: 'default' };

export function ChannelStatusTag({ status }: { status: ChannelStatus }) {
  const t = useT();
  return <Tag color={COLORS[status]}>{t(`channel.status.${status}`)}</Tag>;
}
