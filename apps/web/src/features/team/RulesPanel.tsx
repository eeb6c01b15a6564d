import { PlusOutlined } from '@ant-design/icons';
import { Button, Table, Tag, Tooltip, type TableColumnsType } from 'antd';
import { useT } from '../../app/i18n/i18n';
import { categoryLabel } from '../content/article-labels';
import type { ArticleCategory } from '../content/articles.api';
import type { ChannelKind } from '../channels/channels.api';
import { RuleFormModal } from './RuleFormModal';
import { mediaLevelLabel, ruleKindLabel } from './team-labels';
import { useCanManageTeam } from './team-roles';
import { useRules, type Rule } from './team.api';
import { useDialog } from './use-dialog';

/** 积分规则 (积分办法): open to everyone; managers add and change them, each change counting from then on. */
export function RulesPanel() {
  const t = useT();
  const canManage = useCanManageTeam();
  const { data: rules, isPending } = useRules();
  const dialog = useDialog<Rule>();

  const conditions = (rule: Rule) =>
    [
      rule.channelKind && t(`channelKind.${rule.channelKind as ChannelKind}`),
      rule.category && t(categoryLabel(rule.category as ArticleCategory)),
      rule.mediaLevel && t(mediaLevelLabel(rule.mediaLevel)),
    ].filter(Boolean).join(' · ') || t('team.rule.any');

  const columns: TableColumnsType<Rule> = [
    { title: t('team.rule.name'), dataIndex: 'name' },
    {
      title: t('team.rule.kind'),
      dataIndex: 'kind',
      render: (kind: Rule['kind'], rule) => (
        <>
          {t(ruleKindLabel(kind))}
          {!rule.sourceAvailable && (
            <Tooltip title={t('team.rule.sourceComing')}>
              <Tag style={{ marginLeft: 8 }}>{t('team.rule.notCounting')}</Tag>
            </Tooltip>
          )}
        </>
      ),
    },
    { title: t('team.rule.conditions'), key: 'conditions', render: (_, rule) => conditions(rule) },
    { title: t('team.rule.points'), dataIndex: 'points', width: 80, align: 'right' },
    { title: t('team.rule.validity'), key: 'validity', width: 220, render: (_, rule) => t('team.rule.validityValue', { from: rule.validFrom, to: rule.validTo ?? t('team.rule.openEnded') }) },
  ];
  if (canManage) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 80,
      render: (_, rule) => (
        <Button type="link" size="small" onClick={() => dialog.show(rule)}>
          {t('common.edit')}
        </Button>
      ),
    });
  }

  return (
    <>
      {canManage && (
        <Button type="primary" icon={<PlusOutlined />} style={{ marginBottom: 16 }} onClick={() => dialog.show(null)}>
          {t('team.rule.create')}
        </Button>
      )}
      <Table<Rule> rowKey="id" size="middle" loading={isPending} columns={columns} dataSource={rules} pagination={false} locale={{ emptyText: t('team.rule.empty') }} />
      <RuleFormModal key={dialog.key} rule={dialog.subject} open={dialog.open} onClose={dialog.close} />
    </>
  );
}
