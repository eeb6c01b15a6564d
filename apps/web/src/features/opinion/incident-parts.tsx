import { Space, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { formatDateTime } from '../../app/format';
import { useT, type MessageKey, type Translate } from '../../app/i18n/i18n';
import type { Incident, IncidentStage } from './incidents.api';
import { useMinuteTick } from './opinion-time';
import { RiskTag } from './opinion-labels';

export const stageLabel = (stage: IncidentStage): MessageKey => `incident.stage.${stage}`;

/** 蓝黄橙红, as alerts show them. */
export const IncidentLevelTag = ({ level }: { level: number }) => <RiskTag risk={level} />;

/** "3 小时 12 分" until (or since) a deadline. */
function span(t: Translate, minutes: number) {
  const hours = Math.floor(minutes / 60);
  return hours > 0 ? t('incident.sla.hoursMinutes', { hours, minutes: minutes % 60 }) : t('incident.sla.minutes', { minutes });
}

/** One SLA clock: the time left to a deadline, red once it passed. */
export function SlaClock({ label, due, overdue }: { label: string; due: string | null; overdue: boolean }) {
  const t = useT();
  useMinuteTick();
  if (!due) return null;
  const left = dayjs(due).diff(dayjs(), 'minute');
  const late = overdue || left < 0;
  return (
    <Tooltip title={t('incident.sla.dueAt', { time: formatDateTime(due) })}>
      <Tag color={late ? 'red' : left < 60 ? 'orange' : 'blue'} data-testid="sla-clock">
        {late ? t('incident.sla.overdue', { label, span: span(t, Math.abs(left)) }) : t('incident.sla.left', { label, span: span(t, left) })}
      </Tag>
    </Tooltip>
  );
}

/** The clock that matters now: the first response while none was given, then the current stage's. */
export function IncidentClocks({ incident }: { incident: Incident }) {
  const t = useT();
  if (incident.stage === 'closed') return <Typography.Text type="secondary">{t('incident.closedAt', { time: formatDateTime(incident.closedAt) })}</Typography.Text>;
  const awaiting = incident.respondedAt === null && (incident.stage === 'discovered' || incident.stage === 'assessed' || incident.stage === 'handled');
  return (
    <Space size={4} wrap>
      {awaiting && <SlaClock label={t('incident.sla.firstResponse')} due={incident.firstResponseDueAt} overdue={incident.firstResponseOverdue} />}
      <SlaClock label={t(stageLabel(incident.stage))} due={incident.stageDueAt} overdue={incident.stageOverdue} />
      {incident.escalated && (
        <Tooltip title={incident.escalatedAt ? formatDateTime(incident.escalatedAt) : undefined}>
          <Tag color="magenta">{t('incident.escalated')}</Tag>
        </Tooltip>
      )}
    </Space>
  );
}
