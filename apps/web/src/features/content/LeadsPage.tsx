import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Form, Image, Input, Select, Space, Tag, Tooltip, Typography, Upload, type UploadFile } from 'antd';
import type { Dayjs } from 'dayjs';
import { useCurrentUser } from '../../app/auth/session';
import { CursorTable } from '../../app/CursorTable';
import { FormModal } from '../../app/FormModal';
import { formatDate, formatDateTime } from '../../app/format';
import { useT, type MessageKey } from '../../app/i18n/i18n';
import { useRecordDialog } from '../../app/record-dialog';
import { useSaveHandlers } from '../../app/save-handlers';
import { useAllDepartments } from '../org/departments.api';
import { useAllUsers } from '../org/users.api';
import {
  LEAD_STATUSES,
  PHOTO_MAX_BYTES,
  PHOTO_MAX_COUNT,
  PHOTO_TYPES,
  useAcceptLead,
  useDeclineLead,
  useLeadList,
  useSubmitLead,
  type Lead,
  type LeadStatus,
} from './leads.api';
import { useCanPlanTopics } from './topics.api';
import { planOf, TopicPlanFields, type TopicPlanValues } from './TopicPlanFields';

const STATUS_COLORS: Record<LeadStatus, string> = { new: 'processing', accepted: 'success', declined: 'default' };
const leadStatusLabel = (status: LeadStatus): MessageKey => `lead.status.${status}`;

type LeadFormValues = { title: string; description: string; departmentId?: number; suggestedDate?: Dayjs | null };

/** 报送线索: what happened, when it might run, and photos, for one's own department (any department for hospital-wide roles). */
function SubmitLeadModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const [form] = Form.useForm<LeadFormValues>();
  const [photos, setPhotos] = useState<UploadFile[]>([]);
  const { data: departments = [] } = useAllDepartments();
  const submit = useSubmitLead();
  const callbacks = useSaveHandlers<{ failedPhotos: number }>(
    form,
    ({ failedPhotos }) => {
      if (failedPhotos > 0) void message.warning(t('lead.photosFailed', { count: failedPhotos }));
      onClose();
    },
    'lead.submitted',
  );
  // Everyone else may only submit for their own department, which the server then takes by default.
  const choosesDepartment = user.roles.some((role) => role === 'admin' || role === 'editor' || role === 'leader');

  const keepPhoto = (file: File) => {
    if (!PHOTO_TYPES.includes(file.type)) void message.error(t('lead.photoWrongType'));
    else if (file.size > PHOTO_MAX_BYTES) void message.error(t('lead.photoTooLarge'));
    else return false; // kept in the list, uploaded after the lead is saved
    return Upload.LIST_IGNORE;
  };

  const save = (values: LeadFormValues) =>
    submit.mutate(
      {
        input: {
          title: values.title,
          description: values.description,
          suggestedDate: values.suggestedDate ? values.suggestedDate.format('YYYY-MM-DD') : null,
          ...(values.departmentId === undefined ? {} : { departmentId: values.departmentId }),
        },
        photos: photos.flatMap((photo) => (photo.originFileObj ? [photo.originFileObj] : [])),
      },
      callbacks,
    );

  const required = (field: string) => ({ required: true, whitespace: true, message: t('common.required', { field }) });
  return (
    <FormModal form={form} title={t('lead.submit')} open={open} okText={t('lead.submit')} saving={submit.isPending} onClose={onClose}>
      <Form<LeadFormValues> form={form} layout="vertical" preserve={false} initialValues={{ departmentId: choosesDepartment ? user.departmentId : undefined }} onFinish={save}>
        <Form.Item name="title" label={t('lead.title')} rules={[required(t('lead.title'))]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="description" label={t('lead.description')} extra={t('lead.descriptionHint')} rules={[required(t('lead.description'))]}>
          <Input.TextArea maxLength={5000} autoSize={{ minRows: 3, maxRows: 8 }} />
        </Form.Item>
        <Space size="large" wrap>
          {choosesDepartment && (
            <Form.Item name="departmentId" label={t('lead.department')}>
              <Select style={{ width: 220 }} showSearch={{ optionFilterProp: 'label' }} options={departments.map((d) => ({ value: d.id, label: d.name }))} />
            </Form.Item>
          )}
          <Form.Item name="suggestedDate" label={t('lead.suggestedDate')}>
            <DatePicker />
          </Form.Item>
        </Space>
        <Form.Item label={t('lead.photos')} extra={t('lead.photosHint')}>
          <Upload
            listType="picture-card"
            multiple
            accept={PHOTO_TYPES.join(',')}
            fileList={photos}
            beforeUpload={keepPhoto}
            onChange={({ fileList }) => setPhotos(fileList.slice(0, PHOTO_MAX_COUNT))}
          >
            {photos.length < PHOTO_MAX_COUNT && (
              <button type="button" style={{ border: 0, background: 'none' }}>
                <PlusOutlined />
                <div>{t('lead.addPhoto')}</div>
              </button>
            )}
          </Upload>
        </Form.Item>
      </Form>
    </FormModal>
  );
}

type AcceptValues = TopicPlanValues & { title: string };

/** 采纳为选题: the editor gives the topic its assignee, due date and target channels. */
function AcceptLeadModal({ lead, open, onClose }: { lead: Lead | null; open: boolean; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<AcceptValues>();
  const accept = useAcceptLead();
  const callbacks = useSaveHandlers(form, onClose, 'lead.accepted');
  return (
    <FormModal form={form} title={t('lead.acceptTitle', { title: lead?.title ?? '' })} open={open} okText={t('lead.accept')} saving={accept.isPending} onClose={onClose}>
      {lead && (
        <Form<AcceptValues>
          form={form}
          layout="vertical"
          preserve={false}
          initialValues={{ title: lead.title, channelIds: [] }}
          onFinish={(values) => accept.mutate({ id: lead.id, title: values.title, ...planOf(values) }, callbacks)}
        >
          <Form.Item name="title" label={t('topic.title')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('topic.title') }) }]}>
            <Input maxLength={200} />
          </Form.Item>
          <TopicPlanFields departmentId={lead.departmentId} />
        </Form>
      )}
    </FormModal>
  );
}

function DeclineLeadModal({ lead, open, onClose }: { lead: Lead | null; open: boolean; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<{ reason: string }>();
  const decline = useDeclineLead();
  const callbacks = useSaveHandlers(form, onClose, 'lead.declined');
  return (
    <FormModal form={form} title={t('lead.declineTitle', { title: lead?.title ?? '' })} open={open} okText={t('lead.decline')} saving={decline.isPending} onClose={onClose}>
      {lead && (
        <Form<{ reason: string }> form={form} layout="vertical" preserve={false} onFinish={({ reason }) => decline.mutate({ id: lead.id, reason }, callbacks)}>
          <Form.Item name="reason" label={t('lead.declineReason')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('lead.declineReason') }) }]}>
            <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 4 }} />
          </Form.Item>
        </Form>
      )}
    </FormModal>
  );
}

/** 线索: leads of my department (all of them for hospital-wide roles); editors accept them into topics or decline them. */
export function LeadsPage() {
  const t = useT();
  const canPlan = useCanPlanTopics();
  const [status, setStatus] = useState<LeadStatus | undefined>();
  const submitting = useRecordDialog<null>();
  const accepting = useRecordDialog<Lead>();
  const declining = useRecordDialog<Lead>();
  const list = useLeadList({ status });
  const { data: departments = [] } = useAllDepartments();
  const { data: users = [] } = useAllUsers();
  const departmentNames = useMemo(() => new Map(departments.map((d) => [d.id, d.name])), [departments]);
  const userNames = useMemo(() => new Map(users.map((u) => [u.id, u.displayName])), [users]);

  return (
    <Card
      title={t('menu.leads')}
      extra={
        <Space>
          <Select<LeadStatus>
            allowClear
            aria-label={t('common.status')}
            placeholder={t('lead.allStatuses')}
            style={{ width: 140 }}
            value={status}
            onChange={setStatus}
            options={LEAD_STATUSES.map((value) => ({ value, label: t(leadStatusLabel(value)) }))}
          />
          <Button type="primary" icon={<PlusOutlined />} onClick={() => submitting.show(null)}>
            {t('lead.submit')}
          </Button>
        </Space>
      }
    >
      <CursorTable<Lead>
        list={list}
        columns={[
          {
            title: t('lead.title'),
            dataIndex: 'title',
            render: (title: string, lead) => (
              <Space orientation="vertical" size={0}>
                <Typography.Text strong>{title}</Typography.Text>
                <Typography.Paragraph type="secondary" ellipsis={{ rows: 2, expandable: true }} style={{ marginBottom: 0 }}>
                  {lead.description}
                </Typography.Paragraph>
              </Space>
            ),
          },
          {
            title: t('lead.photos'),
            dataIndex: 'photos',
            width: 180,
            render: (photos: Lead['photos']) => (
              <Image.PreviewGroup>
                <Space size={4} wrap>
                  {photos.map((photo) => (
                    <Image key={photo.id} src={photo.url} alt={t('lead.photos')} width={48} height={48} style={{ objectFit: 'cover' }} />
                  ))}
                </Space>
              </Image.PreviewGroup>
            ),
          },
          { title: t('lead.department'), dataIndex: 'departmentId', width: 130, render: (id: number) => departmentNames.get(id) ?? `#${id}` },
          { title: t('lead.suggestedDate'), dataIndex: 'suggestedDate', width: 120, render: (value: string | null) => formatDate(value) },
          { title: t('lead.submittedBy'), dataIndex: 'submittedBy', width: 100, render: (id: number) => userNames.get(id) ?? `#${id}` },
          { title: t('lead.submittedAt'), dataIndex: 'createdAt', width: 150, render: (value: string) => formatDateTime(value) },
          {
            title: t('common.status'),
            dataIndex: 'status',
            width: 100,
            render: (value: LeadStatus, lead) => (
              <Tooltip title={lead.declineReason}>
                <Tag color={STATUS_COLORS[value]}>{t(leadStatusLabel(value))}</Tag>
              </Tooltip>
            ),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 170,
            render: (_: unknown, lead) => {
              if (lead.status === 'accepted') return <Link to="/content/topics">{t('lead.viewTopic')}</Link>;
              if (lead.status !== 'new' || !canPlan) return null;
              return (
                <Space size={0}>
                  <Button type="link" size="small" onClick={() => accepting.show(lead)}>
                    {t('lead.accept')}
                  </Button>
                  <Button type="link" size="small" danger onClick={() => declining.show(lead)}>
                    {t('lead.decline')}
                  </Button>
                </Space>
              );
            },
          },
        ]}
      />
      <SubmitLeadModal key={`submit-${submitting.key}`} open={submitting.open} onClose={submitting.close} />
      <AcceptLeadModal key={`accept-${accepting.key}`} lead={accepting.record} open={accepting.open} onClose={accepting.close} />
      <DeclineLeadModal key={`decline-${declining.key}`} lead={declining.record} open={declining.open} onClose={declining.close} />
    </Card>
  );
}
