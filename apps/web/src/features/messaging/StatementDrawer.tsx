import { useMemo } from 'react';
import { Descriptions, Drawer, Empty, Space, Spin, Tag, Timeline, Typography } from 'antd';
import { formatDate, formatDateTime } from '../../app/format';
import { useT, type MessageKey } from '../../app/i18n/i18n';
import { useAllUsers } from '../org/users.api';
import { StatementActions } from './StatementActions';
import { StatementStatusTag } from './StatementStatusTag';
import { useStatement, useStatementVersions, type Statement, type StatementContent, type StatementVersion } from './statements.api';
import { WordingDiff } from './WordingDiff';

const OTHER_FIELDS: readonly { key: Exclude<keyof StatementContent, 'wording'>; label: MessageKey }[] = [
  { key: 'topic', label: 'statement.topic' },
  { key: 'facts', label: 'statement.facts' },
  { key: 'tags', label: 'statement.tags' },
  { key: 'validFrom', label: 'statement.validFrom' },
  { key: 'validTo', label: 'statement.validTo' },
];

export function validityText(validFrom: string | null, validTo: string | null): string {
  return validFrom || validTo ? `${formatDate(validFrom)} ~ ${formatDate(validTo)}` : '—';
}

function VersionChange({ version, previous }: { version: StatementVersion; previous: StatementVersion | undefined }) {
  const t = useT();
  if (!previous) return <Typography.Paragraph className="wording-diff">{version.snapshot.wording}</Typography.Paragraph>;
  const otherChanges = OTHER_FIELDS.filter(
    ({ key }) => JSON.stringify(version.snapshot[key]) !== JSON.stringify(previous.snapshot[key]),
  ).map(({ label }) => t(label));
  return (
    <>
      {version.snapshot.wording === previous.snapshot.wording ? (
        <Typography.Text type="secondary">{t('statement.wordingUnchanged')}</Typography.Text>
      ) : (
        <WordingDiff before={previous.snapshot.wording} after={version.snapshot.wording} />
      )}
      {otherChanges.length > 0 && (
        <div>
          <Typography.Text type="secondary">{t('statement.alsoChanged', { fields: otherChanges.join('、') })}</Typography.Text>
        </div>
      )}
    </>
  );
}

/** A statement's details and its version history, each version's wording diffed against the one before. */
export function StatementDrawer({ statementId, onClose, onEdit }: { statementId: number | null; onClose: () => void; onEdit: (statement: Statement) => void }) {
  const t = useT();
  const { data: statement } = useStatement(statementId);
  const { data: versions } = useStatementVersions(statementId);
  const { data: users = [] } = useAllUsers();
  const userNames = useMemo(() => new Map(users.map((user) => [user.id, user.displayName])), [users]);
  const userName = (id: number | null) => (id === null ? '—' : (userNames.get(id) ?? `#${id}`));

  // Versions come newest first; each is compared with the next older one.
  const history = versions?.items ?? [];

  return (
    <Drawer
      open={statementId !== null}
      onClose={onClose}
      size={720}
      destroyOnHidden
      title={statement?.topic ?? t('app.loading')}
      extra={statement && <StatementActions statement={statement} onEdit={() => onEdit(statement)} />}
    >
      {!statement ? (
        <Spin />
      ) : (
        <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="statement-detail">
          <Descriptions column={2} size="small" bordered>
            <Descriptions.Item label={t('common.status')}>
              <StatementStatusTag status={statement.status} />
            </Descriptions.Item>
            <Descriptions.Item label={t('statement.version')}>{t('statement.versionNumber', { version: statement.version })}</Descriptions.Item>
            <Descriptions.Item label={t('statement.validity')}>{validityText(statement.validFrom, statement.validTo)}</Descriptions.Item>
            <Descriptions.Item label={t('statement.owner')}>{userName(statement.ownerUserId)}</Descriptions.Item>
            <Descriptions.Item label={t('statement.approvedBy')}>
              {statement.approvedBy === null ? '—' : `${userName(statement.approvedBy)} · ${formatDateTime(statement.approvedAt)}`}
            </Descriptions.Item>
            <Descriptions.Item label={t('statement.createdBy')}>{userName(statement.createdBy)}</Descriptions.Item>
            <Descriptions.Item label={t('statement.tags')} span={2}>
              {statement.tags.length ? statement.tags.map((tag) => <Tag key={tag}>{tag}</Tag>) : '—'}
            </Descriptions.Item>
          </Descriptions>
          <div>
            <Typography.Title level={5}>{t('statement.wording')}</Typography.Title>
            <Typography.Paragraph copyable style={{ whiteSpace: 'pre-wrap' }}>
              {statement.wording}
            </Typography.Paragraph>
          </div>
          <div>
            <Typography.Title level={5}>{t('statement.facts')}</Typography.Title>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{statement.facts || '—'}</Typography.Paragraph>
          </div>
          <div>
            <Typography.Title level={5}>{t('statement.history')}</Typography.Title>
            {history.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
            ) : (
              <Timeline
                items={history.map((version, index) => ({
                  key: version.version,
                  content: (
                    <div data-testid={`statement-version-${version.version}`}>
                      <Space size={8} wrap>
                        <Typography.Text strong>{t('statement.versionNumber', { version: version.version })}</Typography.Text>
                        <StatementStatusTag status={version.status} />
                        <Typography.Text type="secondary">
                          {userName(version.changedBy)} · {formatDateTime(version.changedAt)}
                        </Typography.Text>
                      </Space>
                      <VersionChange version={version} previous={history[index + 1]} />
                    </div>
                  ),
                }))}
              />
            )}
          </div>
        </Space>
      )}
    </Drawer>
  );
}
