import { Divider, Form, Input, Space, Typography } from 'antd';
import { useT } from '../../app/i18n/i18n';
import { integrationFieldLabel } from './channel-fields';
import type { IntegrationField } from './channels.api';

/**
 * The integration's fields: plain settings as text, secrets as password inputs that start empty. A stored secret says so
 * in its placeholder, is kept when left empty, and can be marked for removal (`cleared`) to be sent as null on save.
 */
export function IntegrationSettings({
  fields,
  secretsSet,
  cleared,
  onClearedChange,
}: {
  fields: readonly IntegrationField[];
  secretsSet: readonly string[];
  cleared: readonly string[];
  onClearedChange: (cleared: string[]) => void;
}) {
  const t = useT();
  if (fields.length === 0) return null;

  const secretExtra = (name: string) => {
    if (!secretsSet.includes(name)) return undefined;
    if (cleared.includes(name)) {
      return (
        <Space size={8}>
          <Typography.Text type="warning">{t('channel.secretCleared')}</Typography.Text>
          <Typography.Link onClick={() => onClearedChange(cleared.filter((other) => other !== name))}>{t('channel.secretUndoClear')}</Typography.Link>
        </Space>
      );
    }
    return <Typography.Link onClick={() => onClearedChange([...cleared, name])}>{t('channel.secretClear')}</Typography.Link>;
  };

  return (
    <>
      <Divider titlePlacement="start">{t('channel.integration')}</Divider>
      <Typography.Paragraph type="secondary">{t('channel.integrationHint')}</Typography.Paragraph>
      {fields.map((field) =>
        field.secret ? (
          <Form.Item key={field.name} name={['secrets', field.name]} label={integrationFieldLabel(field.name, t)} extra={secretExtra(field.name)}>
            <Input.Password
              autoComplete="new-password"
              placeholder={secretsSet.includes(field.name) && !cleared.includes(field.name) ? t('channel.secretSet') : undefined}
            />
          </Form.Item>
        ) : (
          <Form.Item key={field.name} name={['settings', field.name]} label={integrationFieldLabel(field.name, t)}>
            <Input autoComplete="off" />
          </Form.Item>
        ),
      )}
    </>
  );
}
