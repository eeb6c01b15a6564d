import { useState } from 'react';
import { Divider, Form, Input, Select } from 'antd';
import { useCurrentUser } from '../../app/auth/session';
import { FormModal } from '../../app/FormModal';
import { useT } from '../../app/i18n/i18n';
import { useSaveHandlers } from '../../app/save-handlers';
import { useAllDepartments } from '../org/departments.api';
import { useAllUsers } from '../org/users.api';
import { integrationFieldsOf, kindOptions, registrationKeyLabel, registrationKeyOf, SUGGESTED_REGISTRATION_KEYS } from './channel-fields';
import {
  CHANNEL_STATUSES,
  useChannelKinds,
  useCreateChannel,
  useUpdateChannel,
  type Channel,
  type ChannelChanges,
  type ChannelKind,
  type ChannelStatus,
  type IntegrationField,
  type NewChannel,
} from './channels.api';
import { IntegrationSettings } from './IntegrationSettings';
import { registrationOf, registrationRows, RegistrationRows, type RegistrationRow } from './RegistrationRows';

type ChannelFormValues = {
  kind: ChannelKind;
  name: string;
  ownerDepartmentId: number;
  managerUserId?: number;
  status: ChannelStatus;
  registration?: RegistrationRow[];
  settings?: Record<string, string | undefined>;
  secrets?: Record<string, string | undefined>;
};

/** The settings to send: every plain field of the integration that holds text (the server replaces the whole set). */
function settingsOf(values: ChannelFormValues, fields: readonly IntegrationField[]): Record<string, string> {
  return Object.fromEntries(
    fields.filter((field) => !field.secret).flatMap((field) => {
      const value = values.settings?.[field.name]?.trim();
      return value ? [[field.name, value]] : [];
    }),
  );
}

/** The secrets typed in: only these are sent, so a stored secret left empty keeps its value. */
function typedSecrets(values: ChannelFormValues, fields: readonly IntegrationField[]): Record<string, string> {
  return Object.fromEntries(
    fields.filter((field) => field.secret).flatMap((field) => {
      const value = values.secrets?.[field.name];
      return value ? [[field.name, value]] : [];
    }),
  );
}

/**
 * Registers a channel, or edits `channel` when given. The fields follow the kind: online kinds start with the suggested
 * 备案 items, and kinds with an integration get its settings and secrets. The kind of a registered channel is fixed.
 */
export function ChannelFormModal({ open, channel, onClose }: { open: boolean; channel: Channel | null; onClose: () => void }) {
  const t = useT();
  const user = useCurrentUser();
  const [form] = Form.useForm<ChannelFormValues>();
  const { data: kinds } = useChannelKinds();
  const { data: departments = [] } = useAllDepartments();
  const { data: users = [] } = useAllUsers();
  const create = useCreateChannel();
  const update = useUpdateChannel();
  const callbacks = useSaveHandlers(form, onClose);
  const [clearedSecrets, setClearedSecrets] = useState<string[]>([]);

  const kind = Form.useWatch('kind', form) ?? channel?.kind;
  const fields = integrationFieldsOf(kinds, kind);

  /** A new channel's registration starts over with the kind's suggested items while nothing has been filled in. */
  const onKindChange = (next: ChannelKind) => {
    const rows: RegistrationRow[] = form.getFieldValue('registration') ?? [];
    if (rows.some((row) => row.value?.trim())) return;
    const online = kinds?.find((info) => info.kind === next)?.online ?? false;
    form.setFieldValue('registration', online ? SUGGESTED_REGISTRATION_KEYS.map((key) => ({ key: registrationKeyLabel(key, t), value: '' })) : []);
  };

  const save = (values: ChannelFormValues) => {
    const registration = registrationOf(values.registration, (text) => registrationKeyOf(text, t));
    const settings = fields.length > 0 ? { settings: settingsOf(values, fields) } : {};
    const typed = typedSecrets(values, fields);
    if (channel) {
      const secretChanges: Record<string, string | null> = {
        ...Object.fromEntries(clearedSecrets.map((name) => [name, null])),
        ...typed,
      };
      const changes: ChannelChanges = {
        name: values.name,
        ownerDepartmentId: values.ownerDepartmentId,
        managerUserId: values.managerUserId ?? null,
        status: values.status,
        registration,
        ...settings,
        ...(Object.keys(secretChanges).length > 0 ? { secrets: secretChanges } : {}),
      };
      update.mutate({ id: channel.id, ...changes }, callbacks);
    } else {
      const input: NewChannel = {
        kind: values.kind,
        name: values.name,
        ownerDepartmentId: values.ownerDepartmentId,
        managerUserId: values.managerUserId,
        status: values.status,
        registration,
        ...settings,
        ...(Object.keys(typed).length > 0 ? { secrets: typed } : {}),
      };
      create.mutate(input, callbacks);
    }
  };

  const initialValues: Partial<ChannelFormValues> = channel
    ? {
        kind: channel.kind,
        name: channel.name,
        ownerDepartmentId: channel.ownerDepartmentId,
        managerUserId: channel.managerUserId ?? undefined,
        status: channel.status,
        registration: registrationRows(channel.registration, (key) => registrationKeyLabel(key, t)),
        settings: channel.settings,
      }
    : { ownerDepartmentId: user.departmentId, status: 'active', registration: [] };

  return (
    <FormModal
      form={form}
      title={t(channel ? 'channel.edit' : 'channel.create')}
      open={open}
      saving={create.isPending || update.isPending}
      onClose={onClose}
    >
      <Form<ChannelFormValues> form={form} layout="vertical" preserve={false} initialValues={initialValues} onFinish={save}>
        <Form.Item
          name="kind"
          label={t('channel.kind')}
          extra={channel && t('channel.kindFixed')}
          rules={[{ required: true, message: t('common.required', { field: t('channel.kind') }) }]}
        >
          <Select<ChannelKind>
            disabled={channel !== null}
            showSearch={{ optionFilterProp: 'label' }}
            options={kindOptions(kinds, t)}
            onChange={onKindChange}
          />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('channel.name')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('channel.name') }) }]}
        >
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item
          name="ownerDepartmentId"
          label={t('channel.ownerDepartment')}
          rules={[{ required: true, message: t('common.required', { field: t('channel.ownerDepartment') }) }]}
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={departments
              .filter((department) => department.status === 'active' || department.id === channel?.ownerDepartmentId)
              .map((department) => ({ value: department.id, label: department.name }))}
          />
        </Form.Item>
        <Form.Item name="managerUserId" label={t('channel.manager')}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            options={users
              .filter((candidate) => candidate.status === 'active' || candidate.id === channel?.managerUserId)
              .map((candidate) => ({ value: candidate.id, label: candidate.displayName }))}
          />
        </Form.Item>
        <Form.Item name="status" label={t('common.status')}>
          <Select options={CHANNEL_STATUSES.map((status) => ({ value: status, label: t(`channel.status.${status}`) }))} />
        </Form.Item>
        <Divider titlePlacement="start">{t('channel.registration')}</Divider>
        <RegistrationRows />
        <IntegrationSettings
          fields={fields}
          secretsSet={channel?.secretsSet ?? []}
          cleared={clearedSecrets}
          onClearedChange={setClearedSecrets}
        />
      </Form>
    </FormModal>
  );
}
