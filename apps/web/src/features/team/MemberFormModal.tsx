import { DatePicker, Form, Input, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { FormModal } from '../../app/FormModal';
import { useT } from '../../app/i18n/i18n';
import { useSaveHandlers } from '../../app/save-handlers';
import { useAllDepartments } from '../org/departments.api';
import { useAllUsers } from '../org/users.api';
import { gridRoleLabel, memberStatusLabel } from './team-labels';
import { GRID_ROLES, MEMBER_STATUSES, useLevels, useSaveMember, type GridRole, type Member, type MemberStatus } from './team.api';

type MemberValues = { userId: number; levelId: number; gridRoles: GridRole[]; departmentIds?: number[]; since?: Dayjs; status: MemberStatus; note?: string };

/** A person's place in the grid: level, what they do in it, the departments they cover (their own unless chosen), since when. */
export function MemberFormModal({ member, open, onClose }: { member: Member | null; open: boolean; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<MemberValues>();
  const { data: users = [] } = useAllUsers();
  const { data: departments = [] } = useAllDepartments();
  const { data: levels = [] } = useLevels();
  const save = useSaveMember();
  const callbacks = useSaveHandlers(form, onClose);
  const required = (field: string) => [{ required: true, message: t('common.required', { field }) }];
  const initialValues: Partial<MemberValues> = member
    ? { userId: member.userId, levelId: member.levelId, gridRoles: member.gridRoles, departmentIds: member.departments.map((d) => d.id), since: dayjs(member.since), status: member.status, note: member.note ?? undefined }
    : { gridRoles: ['correspondent'], status: 'active', since: dayjs() };

  return (
    <FormModal form={form} title={t(member ? 'team.member.edit' : 'team.member.add')} open={open} saving={save.isPending} onClose={onClose}>
      <Form<MemberValues>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        onFinish={(values) =>
          save.mutate(
            {
              id: member?.id,
              userId: values.userId,
              levelId: values.levelId,
              gridRoles: values.gridRoles,
              departmentIds: values.departmentIds?.length ? values.departmentIds : undefined,
              since: values.since?.format('YYYY-MM-DD'),
              status: values.status,
              note: values.note?.trim() || null,
            },
            callbacks,
          )
        }
      >
        <Form.Item name="userId" label={t('team.member.person')} rules={required(t('team.member.person'))}>
          <Select
            disabled={member !== null}
            showSearch={{ optionFilterProp: 'label' }}
            options={users.filter((u) => u.status === 'active').map((u) => ({ value: u.id, label: `${u.displayName}（${u.username}）` }))}
          />
        </Form.Item>
        <Form.Item name="levelId" label={t('team.level')} rules={required(t('team.level'))}>
          <Select options={levels.map((level) => ({ value: level.id, label: level.name }))} />
        </Form.Item>
        <Form.Item name="gridRoles" label={t('team.gridRoles')} rules={required(t('team.gridRoles'))}>
          <Select mode="multiple" options={GRID_ROLES.map((role) => ({ value: role, label: t(gridRoleLabel(role)) }))} />
        </Form.Item>
        <Form.Item name="departmentIds" label={t('team.coveredDepartments')} extra={t('team.coveredDepartmentsHint')}>
          <Select
            mode="multiple"
            showSearch={{ optionFilterProp: 'label' }}
            options={departments.filter((d) => d.status === 'active').map((d) => ({ value: d.id, label: d.name }))}
          />
        </Form.Item>
        <Form.Item name="since" label={t('team.since')}>
          <DatePicker style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="status" label={t('common.status')}>
          <Select style={{ width: 200 }} options={MEMBER_STATUSES.map((status) => ({ value: status, label: t(memberStatusLabel(status)) }))} />
        </Form.Item>
        <Form.Item name="note" label={t('team.note')}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
