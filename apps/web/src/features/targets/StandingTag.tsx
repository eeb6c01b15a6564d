import { Tag, Tooltip } from 'antd';
import { useT } from '../../app/i18n/i18n';

/** 落后 / 正常, or 暂不计数 for a metric whose counting source does not exist yet, with the reason. */
export function StandingTag({ behind, sourceAvailable }: { behind: boolean; sourceAvailable: boolean }) {
  const t = useT();
  if (!sourceAvailable) {
    return (
      <Tooltip title={t('target.notCountedHint')}>
        <Tag>{t('target.notCounted')}</Tag>
      </Tooltip>
    );
  }
  return behind ? <Tag color="error">{t('target.behind')}</Tag> : <Tag color="success">{t('target.onTrack')}</Tag>;
}
