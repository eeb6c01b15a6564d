import { useState } from 'react';
import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Popconfirm, Table, Tag, Typography, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { formatDateTime } from '../../app/format';
import { useT } from '../../app/i18n/i18n';
import { AdminOnly } from './AdminOnly';
import { ApiTokenSecretModal } from './ApiTokenSecretModal';
import { useApiTokens, useRevokeApiToken, type ApiToken, type TokenScope } from './api-tokens.api';
import { CreateApiTokenModal } from './CreateApiTokenModal';

function TokenStateTag({ token }: { token: ApiToken }) {
  const t = useT();
  if (token.revokedAt) return <Tag>{t('token.revoked')}</Tag>;
  if (dayjs(token.expiresAt).isBefore(dayjs())) return <Tag color="warning">{t('token.expired')}</Tag>;
  return <Tag color="success">{t('token.valid')}</Tag>;
}

function ApiTokenList() {
  const t = useT();
  const { data: tokens, isPending } = useApiTokens();
  const revoke = useRevokeApiToken();
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);

  const columns: TableColumnsType<ApiToken> = [
    { title: t('token.name'), dataIndex: 'name' },
    { title: t('token.prefix'), dataIndex: 'prefix', render: (prefix: string) => <Typography.Text code>{prefix}…</Typography.Text> },
    {
      title: t('token.scopes'),
      dataIndex: 'scopes',
      render: (scopes: TokenScope[]) => scopes.map((scope) => <Tag key={scope}>{t(`token.scope.${scope}`)}</Tag>),
    },
    { title: t('common.status'), key: 'state', width: 100, render: (_, token) => <TokenStateTag token={token} /> },
    { title: t('token.expiresAt'), dataIndex: 'expiresAt', width: 160, render: formatDateTime },
    { title: t('token.lastUsedAt'), dataIndex: 'lastUsedAt', width: 160, render: formatDateTime },
    { title: t('common.createdAt'), dataIndex: 'createdAt', width: 160, render: formatDateTime },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 100,
      render: (_, token) =>
        !token.revokedAt && (
          <Popconfirm title={t('token.revokeConfirm')} onConfirm={() => revoke.mutate(token.id)}>
            <Button type="link" size="small" danger loading={revoke.isPending && revoke.variables === token.id}>
              {t('token.revoke')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <Card
      title={t('token.title')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          {t('token.create')}
        </Button>
      }
    >
      <Table<ApiToken> rowKey="id" columns={columns} dataSource={tokens} loading={isPending} pagination={false} />
      <CreateApiTokenModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(token) => {
          setCreating(false);
          setSecret(token);
        }}
      />
      <ApiTokenSecretModal token={secret} onClose={() => setSecret(null)} />
    </Card>
  );
}

export function ApiTokensPage() {
  return (
    <AdminOnly>
      <ApiTokenList />
    </AdminOnly>
  );
}
