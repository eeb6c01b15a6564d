import { Form, Input, InputNumber, Select } from 'antd';
import { FormModal } from '../../app/FormModal';
import { useT } from '../../app/i18n/i18n';
import { useSaveHandlers } from '../../app/save-handlers';
import { useCampuses } from './campuses.api';
import {
  DEPARTMENT_KINDS,
  useAllDepartments,
  useCreateDepartment,
  useUpdateDepartment,
  type Department,
  type DepartmentInput,
} from './departments.api';

type DepartmentFormValues = {
  name: string;
  kind: Department['kind'];
  campusId?: number;
  parentId?: number;
  code?: string;
  sortOrder?: number;
};

function toInput(values: DepartmentFormValues, previous: Department | null): DepartmentInput {
  const input: DepartmentInput = { name: values.name, kind: values.kind };
  // A cleared picker is sent as null only where there was a value to clear.
  if (values.campusId !== undefined || previous?.campusId) input.campusId = values.campusId ?? null;
  if (values.parentId !== undefined || previous?.parentId) input.parentId = values.parentId ?? null;
  if (values.code || previous?.code) input.code = values.code || null;
  if (values.sortOrder !== undefined && values.sortOrder !== null) input.sortOrder = values.sortOrder;
  return input;
}

/** Creates a department, or edits `department` when given. */
export function DepartmentFormModal({
  open,
  department,
  onClose,
}: {
  open: boolean;
  department: Department | null;
  onClose: () => void;
}) {
  const t = useT();
  const [form] = Form.useForm<DepartmentFormValues>();
  const { data: campuses = [] } = useCampuses();
  const { data: departments = [] } = useAllDepartments();
  const create = useCreateDepartment();
  const update = useUpdateDepartment();
  const callbacks = useSaveHandlers(form, onClose);

  const save = (values: DepartmentFormValues) => {
    const input = toInput(values, department);
    if (department) update.mutate({ id: department.id, ...input }, callbacks);
    else create.mutate(input, callbacks);
  };

  const initialValues: Partial<DepartmentFormValues> = department
    ? {
        name: department.name,
        kind: department.kind,
        campusId: department.campusId ?? undefined,
        parentId: department.parentId ?? undefined,
        code: department.code ?? undefined,
        sortOrder: department.sortOrder,
      }
    : { kind: 'clinical' };

  return (
    <FormModal
      form={form}
      title={t(department ? 'department.edit' : 'department.create')}
      open={open}
      saving={create.isPending || update.isPending}
      onClose={onClose}
    >
      <Form<DepartmentFormValues> form={form} layout="vertical" preserve={false} initialValues={initialValues} onFinish={save}>
        <Form.Item
          name="name"
          label={t('department.name')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('department.name') }) }]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="kind" label={t('department.kind')} rules={[{ required: true }]}>
          <Select options={DEPARTMENT_KINDS.map((kind) => ({ value: kind, label: t(`deptKind.${kind}`) }))} />
        </Form.Item>
        <Form.Item name="campusId" label={t('department.campus')}>
          <Select
            allowClear
            options={campuses
              .filter((campus) => campus.status === 'active' || campus.id === department?.campusId)
              .map((campus) => ({ value: campus.id, label: campus.name }))}
          />
        </Form.Item>
        <Form.Item name="parentId" label={t('department.parent')}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            options={departments
              .filter((candidate) => candidate.id !== department?.id)
              .filter((candidate) => candidate.status === 'active' || candidate.id === department?.parentId)
              .map((candidate) => ({ value: candidate.id, label: candidate.name }))}
          />
        </Form.Item>
        <Form.Item name="code" label={t('department.code')}>
          <Input />
        </Form.Item>
        <Form.Item name="sortOrder" label={t('department.sortOrder')}>
          <InputNumber min={0} precision={0} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
