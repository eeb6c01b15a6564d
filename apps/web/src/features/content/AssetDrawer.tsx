import { useMemo, useState } from 'react';
import { UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, DatePicker, Descriptions, Drawer, Form, Image, Input, Popconfirm, Select, Space, Spin, Switch, Typography, Upload, type UploadFile } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCurrentUser } from '../../app/auth/session';
import { FormModal } from '../../app/FormModal';
import { formatDate, formatDateTime, formatFileSize } from '../../app/format';
import { useT } from '../../app/i18n/i18n';
import { useSaveHandlers } from '../../app/save-handlers';
import { useAllDepartments } from '../org/departments.api';
import { useAllUsers } from '../org/users.api';
import { checkScanFile, SCAN_EXTENSIONS, useArchiveAsset, useAsset, useMayEditAsset, useRecordConsent, useUpdateAsset, type Asset, type AssetChanges } from './assets.api';
import { ConsentMissingTag } from './AssetTile';
import './assets.css';

type ConsentValues = { consentObtainedBy: string; consentDate: Dayjs };

/** 登记知情同意: who obtained the patient's consent, on which day, and the scanned form if there is one. */
function ConsentModal({ asset, open, onClose }: { asset: Asset; open: boolean; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<ConsentValues>();
  const [scan, setScan] = useState<UploadFile[]>([]);
  const record = useRecordConsent();
  const callbacks = useSaveHandlers(form, onClose, 'asset.consentRecorded');

  const keepScan = (file: File) => {
    const problem = checkScanFile(file);
    if (problem === 'ok') return false; // kept, sent with the form
    void message.error(t(problem === 'type' ? 'asset.scanWrongType' : 'asset.tooLarge', { name: file.name }));
    return Upload.LIST_IGNORE;
  };

  const save = (values: ConsentValues) =>
    record.mutate(
      {
        id: asset.id,
        input: { consent: 'obtained', consentObtainedBy: values.consentObtainedBy, consentDate: values.consentDate.format('YYYY-MM-DD'), scan: scan[0]?.originFileObj },
      },
      callbacks,
    );

  return (
    <FormModal form={form} title={t('asset.recordConsent')} open={open} saving={record.isPending} onClose={onClose}>
      <Form<ConsentValues>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ consentObtainedBy: asset.consentObtainedBy ?? '', consentDate: asset.consentDate ? dayjs(asset.consentDate) : undefined }}
        onFinish={save}
      >
        <Form.Item name="consentObtainedBy" label={t('asset.consentObtainedBy')} extra={t('asset.consentObtainedByHint')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('asset.consentObtainedBy') }) }]}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="consentDate" label={t('asset.consentDate')} rules={[{ required: true, message: t('common.required', { field: t('asset.consentDate') }) }]}>
          <DatePicker disabledDate={(day) => day.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item label={t('asset.consentScan')} extra={t('asset.consentScanHint')}>
          <Upload accept={SCAN_EXTENSIONS.map((e) => `.${e}`).join(',')} maxCount={1} fileList={scan} beforeUpload={keepScan} onChange={({ fileList }) => setScan(fileList)}>
            <Button icon={<UploadOutlined />}>{t('asset.chooseScan')}</Button>
          </Upload>
        </Form.Item>
      </Form>
    </FormModal>
  );
}

/** The consent section: what is recorded, and the moves the caller may make. */
function ConsentSection({ asset, mayEdit }: { asset: Asset; mayEdit: boolean }) {
  const t = useT();
  const { message } = App.useApp();
  const [recording, setRecording] = useState(false);
  const record = useRecordConsent();
  const withdraw = () =>
    record.mutate({ id: asset.id, input: { consent: 'none' } }, { onSuccess: () => void message.success(t('asset.consentWithdrawn')) });

  return (
    <Card size="small" title={t('asset.consent')} data-testid="asset-consent">
      {asset.consentMissing && <Alert type="error" showIcon title={t('asset.consentMissingHint')} style={{ marginBottom: 12 }} />}
      <Descriptions column={1} size="small">
        <Descriptions.Item label={t('common.status')}>{asset.consentMissing ? <ConsentMissingTag /> : t(`asset.consent.${asset.consent}`)}</Descriptions.Item>
        {asset.consent === 'obtained' && (
          <>
            <Descriptions.Item label={t('asset.consentObtainedBy')}>{asset.consentObtainedBy}</Descriptions.Item>
            <Descriptions.Item label={t('asset.consentDate')}>{formatDate(asset.consentDate)}</Descriptions.Item>
            <Descriptions.Item label={t('asset.consentScan')}>
              {asset.consentScanUrl && mayEdit ? (
                <a href={asset.consentScanUrl} target="_blank" rel="noreferrer">
                  {t('asset.viewScan')}
                </a>
              ) : (
                t('common.none')
              )}
            </Descriptions.Item>
          </>
        )}
      </Descriptions>
      {mayEdit && (
        <Space style={{ marginTop: 8 }}>
          <Button type={asset.consentMissing ? 'primary' : 'default'} onClick={() => setRecording(true)}>
            {t('asset.recordConsent')}
          </Button>
          {asset.consent === 'obtained' && (
            <Popconfirm title={t('asset.withdrawConfirm')} onConfirm={withdraw}>
              <Button danger loading={record.isPending}>
                {t('asset.withdrawConsent')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      )}
      {recording && <ConsentModal asset={asset} open={recording} onClose={() => setRecording(false)} />}
    </Card>
  );
}

type DetailValues = { title: string; caption: string; credit: string; tags: string[]; showsPatient: boolean; departmentId: number };

/** Title, caption, credit, tags and 含患者影像, edited by the uploader and the publicity department. */
function DetailForm({ asset, mayEdit }: { asset: Asset; mayEdit: boolean }) {
  const t = useT();
  const user = useCurrentUser();
  const [form] = Form.useForm<DetailValues>();
  const update = useUpdateAsset();
  const callbacks = useSaveHandlers(form);
  const { data: departments = [] } = useAllDepartments();
  // Others may only file under their own department.
  const choosesDepartment = user.roles.some((role) => role === 'admin' || role === 'editor' || role === 'leader');

  const save = (values: DetailValues) => {
    const changes: AssetChanges = { title: values.title, caption: values.caption, credit: values.credit, tags: values.tags, showsPatient: values.showsPatient };
    update.mutate({ id: asset.id, ...changes, ...(choosesDepartment ? { departmentId: values.departmentId } : {}) }, callbacks);
  };

  return (
    <Form<DetailValues>
      form={form}
      layout="vertical"
      disabled={!mayEdit}
      initialValues={{ title: asset.title, caption: asset.caption ?? '', credit: asset.credit ?? '', tags: asset.tags, showsPatient: asset.showsPatient, departmentId: asset.departmentId }}
      onFinish={save}
    >
      <Form.Item name="title" label={t('asset.title')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('asset.title') }) }]}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="caption" label={t('asset.caption')}>
        <Input.TextArea maxLength={2000} autoSize={{ minRows: 2, maxRows: 5 }} />
      </Form.Item>
      <Space size="large" wrap align="start">
        <Form.Item name="credit" label={t('asset.credit')}>
          <Input maxLength={100} style={{ width: 220 }} />
        </Form.Item>
        {choosesDepartment && (
          <Form.Item name="departmentId" label={t('asset.department')}>
            <Select style={{ width: 200 }} showSearch={{ optionFilterProp: 'label' }} options={departments.map((d) => ({ value: d.id, label: d.name }))} />
          </Form.Item>
        )}
      </Space>
      <Form.Item name="tags" label={t('asset.tags')}>
        <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[',', '，', '、']} maxCount={20} />
      </Form.Item>
      <Form.Item name="showsPatient" label={t('asset.showsPatient')} valuePropName="checked" extra={t('asset.showsPatientHint')}>
        <Switch />
      </Form.Item>
      {mayEdit && (
        <Button type="primary" htmlType="submit" loading={update.isPending}>
          {t('common.save')}
        </Button>
      )}
    </Form>
  );
}

function Preview({ asset }: { asset: Asset }) {
  const t = useT();
  if (asset.kind === 'image') return <Image src={asset.url} alt={asset.title} className="asset-preview" />;
  if (asset.kind === 'video') return <video src={asset.url} controls preload="metadata" className="asset-preview" />;
  return (
    <a href={asset.url} download={asset.originalFilename}>
      {t('asset.download')} {asset.originalFilename}
    </a>
  );
}

/** An asset's preview, its facts, the editable description and the patient-consent record; archiving from the top. */
export function AssetDrawer({ assetId, onClose }: { assetId: number | null; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const { data: asset } = useAsset(assetId);
  const mayEdit = useMayEditAsset(asset);
  const archive = useArchiveAsset();
  const { data: departments = [] } = useAllDepartments();
  const { data: users = [] } = useAllUsers();
  const departmentNames = useMemo(() => new Map(departments.map((d) => [d.id, d.name])), [departments]);
  const userNames = useMemo(() => new Map(users.map((u) => [u.id, u.displayName])), [users]);

  return (
    <Drawer
      open={assetId !== null}
      onClose={onClose}
      size={640}
      destroyOnHidden
      title={asset?.title ?? t('app.loading')}
      extra={
        asset &&
        mayEdit &&
        asset.status === 'active' && (
          <Popconfirm title={t('asset.archiveConfirm')} onConfirm={() => archive.mutate(asset.id, { onSuccess: () => void message.success(t('asset.archived')) })}>
            <Button loading={archive.isPending}>{t('asset.archive')}</Button>
          </Popconfirm>
        )
      }
    >
      {!asset ? (
        <Spin />
      ) : (
        <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="asset-detail">
          <Preview asset={asset} />
          <Descriptions column={2} size="small" bordered>
            <Descriptions.Item label={t('asset.file')} span={2}>
              {asset.originalFilename}
            </Descriptions.Item>
            <Descriptions.Item label={t('asset.type')}>{t(`asset.kind.${asset.kind}`)}</Descriptions.Item>
            <Descriptions.Item label={t('asset.size')}>
              {formatFileSize(asset.bytes)}
              {asset.width !== null && ` · ${asset.width}×${asset.height}`}
            </Descriptions.Item>
            <Descriptions.Item label={t('asset.department')}>{departmentNames.get(asset.departmentId) ?? `#${asset.departmentId}`}</Descriptions.Item>
            <Descriptions.Item label={t('asset.uploadedBy')}>{userNames.get(asset.uploadedBy) ?? `#${asset.uploadedBy}`}</Descriptions.Item>
            <Descriptions.Item label={t('asset.uploadedAt')}>{formatDateTime(asset.createdAt)}</Descriptions.Item>
            <Descriptions.Item label={t('common.status')}>{t(`asset.status.${asset.status}`)}</Descriptions.Item>
          </Descriptions>
          {!mayEdit && <Typography.Text type="secondary">{t('asset.readOnly')}</Typography.Text>}
          <DetailForm key={asset.updatedAt} asset={asset} mayEdit={mayEdit} />
          {(asset.showsPatient || asset.consent === 'obtained') && <ConsentSection asset={asset} mayEdit={mayEdit} />}
        </Space>
      )}
    </Drawer>
  );
}
