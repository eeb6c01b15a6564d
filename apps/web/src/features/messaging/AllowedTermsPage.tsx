import { Button, Card, Form, Input, Typography, type TableColumnsType } from 'antd';
import { CursorTable } from '../../app/CursorTable';
import { formatDateTime } from '../../app/format';
import { useT } from '../../app/i18n/i18n';
import { useSaveHandlers } from '../../app/save-handlers';
import { useAddAllowedTerm, useAllowedTermList, useRemoveAllowedTerm, type AllowedTerm, type AllowedTermInput } from './allowed-terms.api';
import { useCanManageRules } from './messaging-roles';
import { DeleteLink } from '../../app/RowActions';

function AddAllowedTermForm() {
  const t = useT();
  const [form] = Form.useForm<AllowedTermInput>();
  const add = useAddAllowedTerm();
  const callbacks = useSaveHandlers(form, () => form.resetFields(), 'allowed.added');
  return (
    <Form<AllowedTermInput>
      form={form}
      layout="inline"
      style={{ marginBottom: 16, rowGap: 8 }}
      onFinish={(values) => add.mutate({ term: values.term, note: values.note?.trim() || null }, callbacks)}
    >
      <Form.Item name="term" rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('allowed.term') }) }]}>
        <Input placeholder={t('allowed.term')} aria-label={t('allowed.term')} maxLength={50} style={{ width: 200 }} />
      </Form.Item>
      <Form.Item name="note">
        <Input placeholder={t('allowed.note')} aria-label={t('allowed.note')} maxLength={500} style={{ width: 320 }} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={add.isPending}>
        {t('allowed.add')}
      </Button>
    </Form>
  );
}

/** 白名单: words the check never flags, such as a false positive in a department's name. */
export function AllowedTermsPage() {
  const t = useT();
  const canManage = useCanManageRules();
  const list = useAllowedTermList();
  const remove = useRemoveAllowedTerm();

  const columns: TableColumnsType<AllowedTerm> = [
    { title: t('allowed.term'), dataIndex: 'term', render: (term: string) => <Typography.Text strong>{term}</Typography.Text> },
    { title: t('allowed.note'), dataIndex: 'note', render: (note: string | null) => note ?? '—' },
    { title: t('common.createdAt'), dataIndex: 'createdAt', width: 160, render: formatDateTime },
  ];
  if (canManage) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 100,
      render: (_, allowed) => (
        <DeleteLink confirm={t('allowed.removeConfirm', { term: allowed.term })} onDelete={() => remove.mutate(allowed.id)} loading={remove.isPending && remove.variables === allowed.id} label={t('allowed.remove')} />
      ),
    });
  }

  return (
    <Card title={t('allowed.title')}>
      <Typography.Paragraph type="secondary">{t('allowed.hint')}</Typography.Paragraph>
      {canManage && <AddAllowedTermForm />}
      <CursorTable<AllowedTerm> list={list} columns={columns} />
    </Card>
  );
}
