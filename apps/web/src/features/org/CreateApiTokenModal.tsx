import { Checkbox, DatePicker, Form, Input } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { FormModal } from '../../app/FormModal';
import { useT } from '../../app/i18n/i18n';
import { useSaveHandlers } from '../../app/save-handlers';
import { TOKEN_SCOPES, useCreateApiToken, type TokenScope } from './api-tokens.api';

type TokenFormValues = { name: string; scopes: TokenScope[]; expiresOn: Dayjs };

const DEFAULT_VALIDITY_DAYS = 90;

/** The last day that, taken to its end, still falls within the server's one-year limit. */
function isBeyondAllowedExpiry(day: Dayjs): boolean {
  return day.isBefore(dayjs(), 'day') || day.isAfter(dayjs().add(1, 'year').subtract(1, 'day'), 'day');
}

export function CreateApiTokenModal({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (token: string) => void;
}) {
  const t = useT();
  const [form] = Form.useForm<TokenFormValues>();
  const create = useCreateApiToken();
  const callbacks = useSaveHandlers(form, (created: { token: string }) => onCreated(created.token));

  const save = ({ name, scopes, expiresOn }: TokenFormValues) =>
    create.mutate({ name, scopes, expiresAt: expiresOn.endOf('day').toISOString() }, callbacks);

  return (
    <FormModal form={form} title={t('token.create')} open={open} okText={t('common.create')} saving={create.isPending} onClose={onClose}>
      <Form<TokenFormValues>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ scopes: ['read'], expiresOn: dayjs().add(DEFAULT_VALIDITY_DAYS, 'day') }}
        onFinish={save}
      >
        <Form.Item
          name="name"
          label={t('token.name')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('token.name') }) }]}
        >
          <Input />
        </Form.Item>
        <Form.Item
          name="scopes"
          label={t('token.scopes')}
          rules={[{ required: true, type: 'array', min: 1, message: t('common.required', { field: t('token.scopes') }) }]}
        >
          <Checkbox.Group options={TOKEN_SCOPES.map((scope) => ({ value: scope, label: t(`token.scope.${scope}`) }))} />
        </Form.Item>
        <Form.Item
          name="expiresOn"
          label={t('token.expiresAt')}
          extra={t('token.expiryHint')}
          rules={[{ required: true, message: t('common.required', { field: t('token.expiresAt') }) }]}
        >
          <DatePicker disabledDate={isBeyondAllowedExpiry} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
