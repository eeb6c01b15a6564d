import { DeleteOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Image, Input, Select, Space, Typography, Upload } from 'antd';
import { useIsAdmin } from '../../app/auth/session';
import { useT } from '../../app/i18n/i18n';
import { PageSpinner } from '../../app/PageSpinner';
import { useSaveHandlers } from '../../app/save-handlers';
import {
  useHospital,
  useRemoveHospitalLogo,
  useUpdateHospital,
  useUploadHospitalLogo,
  type Hospital,
  type HospitalChanges,
} from './hospital.api';

const LOGO_TYPES = ['image/png', 'image/jpeg', 'image/webp'];
const LOGO_MAX_BYTES = 2 * 1024 * 1024;

function HospitalNamesForm({ hospital, editable }: { hospital: Hospital; editable: boolean }) {
  const t = useT();
  const [form] = Form.useForm<HospitalChanges>();
  const update = useUpdateHospital();
  const callbacks = useSaveHandlers(form);

  const save = (changes: HospitalChanges) => update.mutate(changes, callbacks);

  return (
    <Form<HospitalChanges>
      form={form}
      layout="vertical"
      style={{ maxWidth: 640 }}
      disabled={!editable}
      initialValues={{
        fullName: hospital.fullName,
        shortNames: hospital.shortNames,
        formerNames: hospital.formerNames,
        publicPhones: hospital.publicPhones,
      }}
      onFinish={save}
      // The lists have no rules of their own to re-validate, so a server error on one is cleared by editing it.
      onValuesChange={(changed: HospitalChanges) =>
        form.setFields((Object.keys(changed) as (keyof HospitalChanges)[]).map((name) => ({ name, errors: [] })))
      }
    >
      <Form.Item
        name="fullName"
        label={t('hospital.fullName')}
        rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('hospital.fullName') }) }]}
      >
        <Input />
      </Form.Item>
      <Form.Item name="shortNames" label={t('hospital.shortNames')} extra={t('hospital.shortNamesHint')}>
        <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[',', '，']} />
      </Form.Item>
      <Form.Item name="formerNames" label={t('hospital.formerNames')} extra={t('hospital.formerNamesHint')}>
        <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[',', '，']} />
      </Form.Item>
      <Form.Item name="publicPhones" label={t('hospital.publicPhones')} extra={t('hospital.publicPhonesHint')}>
        <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[',', '，', '、', ';', '；']} />
      </Form.Item>
      {editable && (
        <Button type="primary" htmlType="submit" loading={update.isPending}>
          {t('common.save')}
        </Button>
      )}
    </Form>
  );
}

function HospitalLogo({ hospital, editable }: { hospital: Hospital; editable: boolean }) {
  const t = useT();
  const { message } = App.useApp();
  const upload = useUploadHospitalLogo();
  const remove = useRemoveHospitalLogo();

  const uploadLogo = (file: File) => {
    if (!LOGO_TYPES.includes(file.type)) void message.error(t('hospital.logoWrongType'));
    else if (file.size > LOGO_MAX_BYTES) void message.error(t('hospital.logoTooLarge'));
    else upload.mutate(file, { onSuccess: () => void message.success(t('hospital.logoUpdated')) });
    // The mutation uploads it; antd's own upload machinery stays unused.
    return Upload.LIST_IGNORE;
  };

  return (
    <Space orientation="vertical">
      {hospital.logoUrl ? (
        <Image src={hospital.logoUrl} alt={t('hospital.logo')} height={96} style={{ objectFit: 'contain' }} />
      ) : (
        <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
      )}
      {editable && (
        <Space>
          <Upload accept={LOGO_TYPES.join(',')} showUploadList={false} beforeUpload={uploadLogo}>
            <Button icon={<UploadOutlined />} loading={upload.isPending}>
              {t('hospital.logoUpload')}
            </Button>
          </Upload>
          {hospital.logoUrl && (
            <Button icon={<DeleteOutlined />} danger loading={remove.isPending} onClick={() => remove.mutate()}>
              {t('hospital.logoRemove')}
            </Button>
          )}
        </Space>
      )}
      <Typography.Text type="secondary">{t('hospital.logoHint')}</Typography.Text>
    </Space>
  );
}

export function HospitalProfilePage() {
  const t = useT();
  const editable = useIsAdmin();
  const { data: hospital } = useHospital();
  if (!hospital) return <PageSpinner />;
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card title={t('hospital.title')}>
        <HospitalNamesForm hospital={hospital} editable={editable} />
      </Card>
      <Card title={t('hospital.logo')}>
        <HospitalLogo hospital={hospital} editable={editable} />
      </Card>
    </Space>
  );
}
