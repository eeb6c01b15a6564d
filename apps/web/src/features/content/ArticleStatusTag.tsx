import { Tag } from 'antd';
import { useT } from '../../app/i18n/i18n';
import type { ArticleStatus } from './articles.api';
import { STATUS_COLORS, statusLabel } from './article-labels';

export function ArticleStatusTag({ status }: { status: ArticleStatus }) {
  const t = useT();
  return <Tag color={STATUS_COLORS[status]}>{t(statusLabel(status))}</Tag>;
}
