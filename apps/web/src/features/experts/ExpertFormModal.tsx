import { useEffect, useMemo, useState } from 'react';
import { DeleteOutlined, UploadOutlined } from '@ant-design/icons';
import { App, AutoComplete, Button, Checkbox, Form, Image, Input, InputNumber, Select, Space, Switch, Typography, Upload } from 'antd';
import { applyFieldErrors } from '../../app/api-errors';
import { FormModal } from '../../app/FormModal';
import { useT } from '../../app/i18n/i18n';
import { useAllDepartments } from '../org/departments.api';
import { useAllUsers } from '../org/users.api';
import { EXPERT_GRID_ROLES, useRemoveExpertPhoto, useSaveExpert, useUploadExpertPhoto, type Expert, type ExpertGridRole, type ExpertInput } from './experts.api';

const PHOTO_TYPES = ['image/png', 'image/jpeg', 'image/webp'];
const PHOTO_MAX_BYTES = 2 * 1024 * 1024;

/** The professional titles (职称) of Chinese hospitals, offered while typing; any other title may be typed. */
const TITLE_SUGGESTIONS = ['主任医师', '副主任医师', '主治医师', '住院医师', '主任护师', '副主任护师', '主管护师', '主任药师', '副主任药师', '主任技师', '副主任技师', '研究员'];

type ExpertFormValues = {
  name: string;
  title: string;
  departmentId: number;
  specialties?: string;
  clinicHours?: string;
  bio?: string;
  userId?: number;
  gridRoles: ExpertGridRole[];
  publicOnSite: boolean;
  sortOrder: number;
  status: Expert['status'];
};

const textOrNull = (value: string | undefined) => value?.trim() || null;

/** The photo picked in the dialog, uploaded once the record is saved; shown from a local URL until then. */
function usePickedPhoto() {
  const [file, setFile] = useState<File | null>(null);
  const preview = useMemo(() => (file ? URL.createObjectURL(file) : null), [file]);
  useEffect(() => () => {
    if (preview) URL.revokeObjectURL(preview);
  }, [preview]);
  return { file, preview, setFile };
}

/** Adds an expert, or edits `expert` when given, with the photo for the website. */
export function ExpertFormModal({ open, expert, onClose }: { open: boolean; expert: Expert | null; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<ExpertFormValues>();
  const { data: departments = [] } = useAllDepartments();
  const { data: users = [] } = useAllUsers();
  const save = useSaveExpert();
  const upload = useUploadExpertPhoto();
  const removePhoto = useRemoveExpertPhoto();
  const photo = usePickedPhoto();
  const [currentPhoto, setCurrentPhoto] = useState(expert?.photoUrl ?? null);

  const pickPhoto = (file: File) => {
    if (!PHOTO_TYPES.includes(file.type)) void message.error(t('expert.photoWrongType'));
    else if (file.size > PHOTO_MAX_BYTES) void message.error(t('expert.photoTooLarge'));
    else photo.setFile(file);
    // The photo goes up after the record is saved; antd's own upload machinery stays unused.
    return Upload.LIST_IGNORE;
  };

  const submit = async (values: ExpertFormValues) => {
    const input: ExpertInput = {
      name: values.name,
      title: values.title,
      departmentId: values.departmentId,
      specialties: textOrNull(values.specialties),
      clinicHours: textOrNull(values.clinicHours),
      bio: textOrNull(values.bio),
      userId: values.userId ?? null,
      gridRoles: values.gridRoles,
      publicOnSite: values.publicOnSite,
      sortOrder: values.sortOrder,
      ...(expert ? { status: values.status } : {}),
    };
    let saved: Expert;
    try {
      saved = await save.mutateAsync({ id: expert?.id ?? null, input });
    } catch (error) {
      applyFieldErrors(form, error);
      return;
    }
    // The record is saved either way; a refused photo is reported (by the API error toast) and can be chosen again in edit.
    const photoSaved = photo.file ? await upload.mutateAsync({ id: saved.id, file: photo.file }).then(() => true, () => false) : true;
    if (photoSaved) void message.success(t('common.saved'));
    onClose();
  };

  const initialValues: Partial<ExpertFormValues> = expert
    ? {
        name: expert.name,
        title: expert.title,
        departmentId: expert.departmentId,
        specialties: expert.specialties ?? undefined,
        clinicHours: expert.clinicHours ?? undefined,
        bio: expert.bio ?? undefined,
        userId: expert.userId ?? undefined,
        gridRoles: expert.gridRoles,
        publicOnSite: expert.publicOnSite,
        sortOrder: expert.sortOrder,
        status: expert.status,
      }
    : { gridRoles: [], publicOnSite: false, sortOrder: 0 };

  const required = (field: string) => [{ required: true, whitespace: true, message: t('common.required', { field }) }];
  const shownPhoto = photo.preview ?? currentPhoto;

  return (
    <FormModal form={form} title={t(expert ? 'expert.edit' : 'expert.create')} open={open} saving={save.isPending || upload.isPending} onClose={onClose}>
      <Form<ExpertFormValues> form={form} layout="vertical" preserve={false} initialValues={initialValues} onFinish={(values) => void submit(values)}>
        <Form.Item name="name" label={t('expert.name')} rules={required(t('expert.name'))}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="title" label={t('expert.titleField')} rules={required(t('expert.titleField'))}>
          <AutoComplete
            maxLength={40}
            options={TITLE_SUGGESTIONS.map((value) => ({ value }))}
            showSearch={{ filterOption: (input, option) => option?.value.includes(input) ?? false }}
          />
        </Form.Item>
        <Form.Item name="departmentId" label={t('expert.department')} rules={[{ required: true, message: t('common.required', { field: t('expert.department') }) }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={departments
              .filter((department) => department.status === 'active' || department.id === expert?.departmentId)
              .map((department) => ({ value: department.id, label: department.name }))}
          />
        </Form.Item>
        <Form.Item label={t('expert.photo')} extra={t('expert.photoHint')}>
          <Space align="start">
            {shownPhoto ? (
              <Image src={shownPhoto} alt={t('expert.photo')} width={72} height={96} style={{ objectFit: 'cover' }} />
            ) : (
              <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
            )}
            <Upload accept={PHOTO_TYPES.join(',')} showUploadList={false} beforeUpload={pickPhoto}>
              <Button icon={<UploadOutlined />}>{t('expert.photoChoose')}</Button>
            </Upload>
            {expert && currentPhoto && !photo.file && (
              <Button
                icon={<DeleteOutlined />}
                danger
                loading={removePhoto.isPending}
                onClick={() => removePhoto.mutate(expert.id, { onSuccess: () => setCurrentPhoto(null) })}
              >
                {t('expert.photoRemove')}
              </Button>
            )}
          </Space>
        </Form.Item>
        <Form.Item name="specialties" label={t('expert.specialties')}>
          <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 4 }} />
        </Form.Item>
        <Form.Item name="clinicHours" label={t('expert.clinicHours')} extra={t('expert.clinicHoursHint')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="bio" label={t('expert.bio')}>
          <Input.TextArea maxLength={5000} autoSize={{ minRows: 3, maxRows: 8 }} />
        </Form.Item>
        <Form.Item name="gridRoles" label={t('expert.gridRoles')}>
          <Checkbox.Group options={EXPERT_GRID_ROLES.map((role) => ({ value: role, label: t(`expertRole.${role}`) }))} />
        </Form.Item>
        <Form.Item name="userId" label={t('expert.user')} extra={t('expert.userHint')}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            options={users
              .filter((candidate) => candidate.status === 'active' || candidate.id === expert?.userId)
              .map((candidate) => ({ value: candidate.id, label: `${candidate.displayName}（${candidate.username}）` }))}
          />
        </Form.Item>
        <Space size="large" wrap>
          <Form.Item name="publicOnSite" label={t('expert.publicOnSite')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item name="sortOrder" label={t('expert.sortOrder')} extra={t('expert.sortOrderHint')}>
            <InputNumber min={0} max={100000} precision={0} />
          </Form.Item>
          {expert && (
            <Form.Item name="status" label={t('common.status')}>
              <Select
                style={{ width: 120 }}
                options={[
                  { value: 'active', label: t('common.active') },
                  { value: 'disabled', label: t('common.disabled') },
                ]}
              />
            </Form.Item>
          )}
        </Space>
      </Form>
    </FormModal>
  );
}
