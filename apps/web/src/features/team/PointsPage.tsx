import { Card, Tabs } from 'antd';
import { useT } from '../../app/i18n/i18n';
import { LedgerPanel } from './LedgerPanel';
import { RankingsPanel } from './RankingsPanel';
import { RulesPanel } from './RulesPanel';
import './team.css';

/** 积分: the rankings of any period, the ledger with the reason for every entry, and the rules that make it. */
export function PointsPage() {
  const t = useT();
  return (
    <Card title={t('team.points')}>
      <Tabs
        items={[
          { key: 'ranking', label: t('team.points.ranking'), children: <RankingsPanel /> },
          { key: 'ledger', label: t('team.points.ledger'), children: <LedgerPanel /> },
          { key: 'rules', label: t('team.points.rules'), children: <RulesPanel /> },
        ]}
      />
    </Card>
  );
}
