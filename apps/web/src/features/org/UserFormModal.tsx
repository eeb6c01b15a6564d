import { Form, Input, Select } from 'antd';
import { FormModal } from '../../app/FormModal';
import { ROLES, type Role } from '../../app/auth/session';
import { useT } from '../../app/i18n/i18n';
import { useSaveHandlers } from '../../app/save-handlers';
import { useAllDepartments } from './departments.api';
import { useCreateUser, useUpdateUser, type User } from './users.api';

type UserFormValues = {
  username: string;
  password: string;
  displayName: string;
  departmentId: number;
  roles: Role[];
  email?: string;
  phone?: string;
};

/** An emptied field is sent as null only when it held something; an untouched empty one is left out. */
function clearableText(value: string | undefined, previous: string | null): string | null | undefined {
  if (value) return value;
  return previous ? null : undefined;
}

/** Creates a user (with username and initial password), or edits `user` when given. */
export function UserFormModal({ open, user, onClose }: { open: boolean; user: User | null; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<UserFormValues>();
  const { data: departments = [] } = useAllDepartments();
  const create = useCreateUser();
  const update = useUpdateUser();
  const callbacks = useSaveHandlers(form, onClose);

  const save = (values: UserFormValues) => {
    const profile = { displayName: values.displayName, departmentId: values.departmentId, roles: values.roles };
    if (user) {
      const changes = { ...profile, email: clearableText(values.email, user.email), phone: clearableText(values.phone, user.phone) };
      update.mutate({ id: user.id, ...changes }, callbacks);
    } else {
      const contact = { email: values.email || undefined, phone: values.phone || undefined };
      create.mutate({ ...profile, ...contact, username: values.username, password: values.password }, callbacks);
    }
  };

  const initialValues: Partial<UserFormValues> = user
    ? {
        displayName: user.displayName,
        departmentId: user.departmentId,
        roles: user.roles,
        email: user.email ?? undefined,
        phone: user.phone ?? undefined,
      }
    : { roles: [] };

  const required = (field: string) => ({ required: true, whitespace: true, message: t('common.required', { field }) });

  return (
    <FormModal
      form={form}
      title={t(user ? 'user.edit' : 'user.create')}
      open={open}
      saving={create.isPending || update.isPending}
      onClose={onClose}
    >
      <Form<UserFormValues> form={form} layout="vertical" preserve={false} initialValues={initialValues} onFinish={save}>
        {!user && (
          <>
            <Form.Item name="username" label={t('user.username')} rules={[required(t('user.username'))]}>
              <Input autoComplete="off" />
            </Form.Item>
            <Form.Item name="password" label={t('user.password')} extra={t('auth.passwordRule')} rules={[required(t('user.password'))]}>
              <Input.Password autoComplete="new-password" />
            </Form.Item>
          </>
        )}
        <Form.Item name="displayName" label={t('user.displayName')} rules={[required(t('user.displayName'))]}>
          <Input />
        </Form.Item>
        <Form.Item
          name="departmentId"
          label={t('user.department')}
          rules={[{ required: true, message: t('common.required', { field: t('user.department') }) }]}
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={departments
              .filter((department) => department.status === 'active' || department.id === user?.departmentId)
              .map((department) => ({ value: department.id, label: department.name }))}
          />
        </Form.Item>
        <Form.Item
          name="roles"
          label={t('user.roles')}
          rules={[{ required: true, type: 'array', min: 1, message: t('common.required', { field: t('user.roles') }) }]}
        >
          <Select mode="multiple" options={ROLES.map((role) => ({ value: role, label: t(`role.${role}`) }))} />
        </Form.Item>
        <Form.Item name="email" label={t('user.email')} rules={[{ type: 'email', message: t('user.emailInvalid') }]}>
          <Input />
        </Form.Item>
        <Form.Item name="phone" label={t('user.phone')}>
          <Input />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
