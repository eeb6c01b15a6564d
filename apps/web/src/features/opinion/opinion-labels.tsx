import { Result, Tag, Tooltip } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useT, type MessageKey } from '../../app/i18n/i18n';
import { useSeesOpinion, type Category, type Polarity } from './opinion.api';

/** 预警等级 colours as the hospital's officers name them: 蓝, 黄, 橙, 红. */
export const RISK_COLORS: Record<number, string> = { 0: 'default', 1: 'blue', 2: 'gold', 3: 'orange', 4: 'red' };
/** The same colours for charts and the dark wall screen. */
export const RISK_HEX: Record<number, string> = { 0: '#8c8c8c', 1: '#1677ff', 2: '#faad14', 3: '#fa8c16', 4: '#f5222d' };
export const POLARITY_COLORS: Record<Polarity, string> = { negative: 'red', neutral: 'default', positive: 'green' };
export const POLARITY_HEX: Record<Polarity, string> = { negative: '#f5222d', neutral: '#8c8c8c', positive: '#52c41a' };

export const riskLabel = (risk: number): MessageKey => `opinion.risk.${Math.max(0, Math.min(4, risk)) as 0 | 1 | 2 | 3 | 4}`;
export const polarityLabel = (polarity: Polarity): MessageKey => `opinion.polarity.${polarity}`;
export const categoryLabel = (category: Category): MessageKey => `opinion.category.${category}`;

export function RiskTag({ risk }: { risk: number }) {
  const t = useT();
  return (
    <Tag color={RISK_COLORS[risk] ?? 'default'} data-testid="risk-tag">
      {t(riskLabel(risk))}
    </Tag>
  );
}

export function PolarityTag({ polarity }: { polarity: Polarity }) {
  const t = useT();
  return <Tag color={POLARITY_COLORS[polarity]}>{t(polarityLabel(polarity))}</Tag>;
}

/** The analysis' reasons (matched rules and terms) under a tag, so an officer sees what made the verdict. */
export function ReasonsHint({ reasons, children }: { reasons: string[]; children: ReactNode }) {
  const t = useT();
  return <Tooltip title={reasons.length ? `${t('opinion.mention.reasons')}：${reasons.join('，')}` : undefined}>{children}</Tooltip>;
}

/** The desk's pages answer officers, editors, leaders and administrators; anyone else is pointed to clue reporting. */
export function OpinionOnly({ children }: { children: ReactNode }) {
  const t = useT();
  if (!useSeesOpinion()) {
    return <Result status="403" title="403" subTitle={t('opinion.noAccess')} extra={<Link to="/opinion/clues">{t('opinion.clue.report')}</Link>} />;
  }
  return children;
}
