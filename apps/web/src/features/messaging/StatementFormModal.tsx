import { Alert, DatePicker, Form, Input, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCurrentUser } from '../../app/auth/session';
import { FormModal } from '../../app/FormModal';
import { useT } from '../../app/i18n/i18n';
import { useSaveHandlers } from '../../app/save-handlers';
import { useAllUsers } from '../org/users.api';
import { useCreateStatement, useUpdateStatement, type Statement, type StatementInput } from './statements.api';

type StatementFormValues = {
  topic: string;
  wording: string;
  facts?: string;
  tags: string[];
  validFrom?: Dayjs | null;
  validTo?: Dayjs | null;
  ownerUserId: number;
};

const DAY_FORMAT = 'YYYY-MM-DD';

function toDay(value: Dayjs | null | undefined): string | null {
  return value ? value.format(DAY_FORMAT) : null;
}

/** Drafts a statement, or edits `statement` (the server makes that a new version, back to draft). */
export function StatementFormModal({ open, statement, onClose }: { open: boolean; statement: Statement | null; onClose: () => void }) {
  const t = useT();
  const user = useCurrentUser();
  const [form] = Form.useForm<StatementFormValues>();
  const { data: users = [] } = useAllUsers();
  const create = useCreateStatement();
  const update = useUpdateStatement();
  const callbacks = useSaveHandlers(form, onClose);

  const save = (values: StatementFormValues) => {
    const input: StatementInput = {
      topic: values.topic,
      wording: values.wording,
      facts: values.facts ?? '',
      tags: values.tags,
      validFrom: toDay(values.validFrom),
      validTo: toDay(values.validTo),
      ownerUserId: values.ownerUserId,
    };
    if (statement) update.mutate({ id: statement.id, ...input }, callbacks);
    else create.mutate(input, callbacks);
  };

  const initialValues: Partial<StatementFormValues> = statement
    ? {
        topic: statement.topic,
        wording: statement.wording,
        facts: statement.facts,
        tags: statement.tags,
        validFrom: statement.validFrom ? dayjs(statement.validFrom) : null,
        validTo: statement.validTo ? dayjs(statement.validTo) : null,
        ownerUserId: statement.ownerUserId,
      }
    : { tags: [], ownerUserId: user.id };

  const required = (field: string) => ({ required: true, whitespace: true, message: t('common.required', { field }) });
  // The owner may be outside the caller's department list (scoped roles see their own department only).
  const ownerOptions = users.map((u) => ({ value: u.id, label: `${u.displayName} (${u.username})` }));
  if (!ownerOptions.some((option) => option.value === user.id)) ownerOptions.unshift({ value: user.id, label: `${user.displayName} (${user.username})` });

  return (
    <FormModal
      form={form}
      title={t(statement ? 'statement.edit' : 'statement.create')}
      open={open}
      saving={create.isPending || update.isPending}
      onClose={onClose}
    >
      <Form<StatementFormValues> form={form} layout="vertical" preserve={false} initialValues={initialValues} onFinish={save}>
        {statement?.status === 'approved' && (
          <Alert type="warning" showIcon title={t('statement.editResetsApproval')} style={{ marginBottom: 16 }} />
        )}
        <Form.Item name="topic" label={t('statement.topic')} rules={[required(t('statement.topic'))]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="wording" label={t('statement.wording')} rules={[required(t('statement.wording'))]}>
          <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} />
        </Form.Item>
        <Form.Item name="facts" label={t('statement.facts')}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} />
        </Form.Item>
        <Form.Item name="tags" label={t('statement.tags')} extra={t('statement.tagsHint')}>
          <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[',', '，']} />
        </Form.Item>
        <Form.Item label={t('statement.validity')} style={{ marginBottom: 0 }}>
          <Form.Item name="validFrom" style={{ display: 'inline-block', marginInlineEnd: 8 }}>
            <DatePicker format={DAY_FORMAT} placeholder={t('statement.validFrom')} aria-label={t('statement.validFrom')} />
          </Form.Item>
          <Form.Item name="validTo" style={{ display: 'inline-block' }}>
            <DatePicker format={DAY_FORMAT} placeholder={t('statement.validTo')} aria-label={t('statement.validTo')} />
          </Form.Item>
        </Form.Item>
        <Form.Item
          name="ownerUserId"
          label={t('statement.owner')}
          rules={[{ required: true, message: t('common.required', { field: t('statement.owner') }) }]}
        >
          <Select showSearch={{ optionFilterProp: 'label' }} options={ownerOptions} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
