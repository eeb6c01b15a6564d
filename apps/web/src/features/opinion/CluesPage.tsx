import { useMemo, useState } from 'react';
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Form, Image, Input, Popconfirm, Select, Space, Tag, Tooltip, Typography, Upload, type UploadFile } from 'antd';
import type { Dayjs } from 'dayjs';
import { Link } from 'react-router';
import { CursorTable } from '../../app/CursorTable';
import { FormModal } from '../../app/FormModal';
import { DATE_TIME_FORMAT, formatDateTime } from '../../app/format';
import { useT } from '../../app/i18n/i18n';
import { useRecordDialog } from '../../app/record-dialog';
import { useSaveHandlers } from '../../app/save-handlers';
import { useAllUsers } from '../org/users.api';
import {
  CLUE_STATUSES,
  SCREENSHOT_MAX_BYTES,
  SCREENSHOT_MAX_COUNT,
  SCREENSHOT_TYPES,
  useClueList,
  useConfirmClue,
  useDismissClue,
  useManagesOpinion,
  useReportClue,
  useSeesOpinion,
  type Clue,
  type ClueStatus,
} from './opinion.api';

const STATUS_COLORS: Record<ClueStatus, string> = { new: 'processing', confirmed: 'success', dismissed: 'default' };

type ClueValues = { title: string; description: string; url?: string; platform?: string; seenAt?: Dayjs | null };

/** 舆情线索上报: what was seen, where, when, and screenshots (人人都是宣传员: any staff member). */
function ReportClueModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<ClueValues>();
  const [screenshots, setScreenshots] = useState<UploadFile[]>([]);
  const report = useReportClue();
  const callbacks = useSaveHandlers<{ failedScreenshots: number }>(
    form,
    ({ failedScreenshots }) => {
      if (failedScreenshots > 0) void message.warning(t('opinion.clue.screenshotsFailed', { count: failedScreenshots }));
      onClose();
    },
    'opinion.clue.reported',
  );
  const keep = (file: File) => {
    if (!SCREENSHOT_TYPES.includes(file.type)) void message.error(t('opinion.clue.screenshotWrongType'));
    else if (file.size > SCREENSHOT_MAX_BYTES) void message.error(t('opinion.clue.screenshotTooLarge'));
    else return false; // kept in the list, uploaded after the clue is saved
    return Upload.LIST_IGNORE;
  };
  const save = (values: ClueValues) =>
    report.mutate(
      {
        input: {
          title: values.title,
          description: values.description,
          url: values.url?.trim() || null,
          platform: values.platform?.trim() || null,
          seenAt: values.seenAt ? values.seenAt.toISOString() : null,
        },
        screenshots: screenshots.flatMap((s) => (s.originFileObj ? [s.originFileObj] : [])),
      },
      callbacks,
    );
  return (
    <FormModal form={form} title={t('opinion.clue.report')} open={open} okText={t('opinion.clue.submit')} saving={report.isPending} onClose={onClose}>
      <Form<ClueValues> form={form} layout="vertical" preserve={false} onFinish={save}>
        <Form.Item name="title" label={t('opinion.clue.titleField')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('opinion.clue.titleField') }) }]}>
          <Input maxLength={200} placeholder={t('opinion.clue.titleHint')} />
        </Form.Item>
        <Form.Item name="description" label={t('opinion.clue.description')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('opinion.clue.description') }) }]}>
          <Input.TextArea maxLength={5000} autoSize={{ minRows: 3, maxRows: 8 }} placeholder={t('opinion.clue.descriptionHint')} />
        </Form.Item>
        <Space size="middle" wrap>
          <Form.Item name="platform" label={t('opinion.clue.platform')}>
            <Input maxLength={60} style={{ width: 180 }} placeholder={t('opinion.clue.platformHint')} />
          </Form.Item>
          <Form.Item name="seenAt" label={t('opinion.clue.seenAt')}>
            <DatePicker showTime={{ format: 'HH:mm' }} format={DATE_TIME_FORMAT} />
          </Form.Item>
        </Space>
        <Form.Item name="url" label={t('opinion.clue.url')} rules={[{ type: 'url', message: t('opinion.source.urlInvalid') }]}>
          <Input maxLength={2000} placeholder="https://" />
        </Form.Item>
        <Form.Item label={t('opinion.clue.screenshots')} extra={t('opinion.clue.screenshotsHint')}>
          <Upload listType="picture-card" multiple accept={SCREENSHOT_TYPES.join(',')} fileList={screenshots} beforeUpload={keep} onChange={({ fileList }) => setScreenshots(fileList.slice(0, SCREENSHOT_MAX_COUNT))}>
            {screenshots.length < SCREENSHOT_MAX_COUNT && (
              <button type="button" style={{ border: 0, background: 'none' }}>
                <PlusOutlined />
                <div>{t('opinion.clue.addScreenshot')}</div>
              </button>
            )}
          </Upload>
        </Form.Item>
      </Form>
    </FormModal>
  );
}

function DismissModal({ clue, open, onClose }: { clue: Clue | null; open: boolean; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<{ reason: string }>();
  const dismiss = useDismissClue();
  const callbacks = useSaveHandlers(form, onClose);
  return (
    <FormModal form={form} title={t('opinion.clue.dismiss')} open={open} okText={t('opinion.clue.dismiss')} saving={dismiss.isPending} onClose={onClose}>
      {clue && (
        <Form<{ reason: string }> form={form} layout="vertical" preserve={false} onFinish={({ reason }) => dismiss.mutate({ id: clue.id, reason }, callbacks)}>
          <Form.Item name="reason" label={t('opinion.clue.dismissReason')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('opinion.clue.dismissReason') }) }]}>
            <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 4 }} />
          </Form.Item>
        </Form>
      )}
    </FormModal>
  );
}

/** 舆情线索: staff report what they saw; officers confirm a clue into a mention of the desk, or dismiss it. */
export function CluesPage() {
  const t = useT();
  const { message } = App.useApp();
  const sees = useSeesOpinion();
  const canDecide = useManagesOpinion();
  const [status, setStatus] = useState<ClueStatus | undefined>();
  const list = useClueList({ status });
  const reporting = useRecordDialog<null>();
  const dismissing = useRecordDialog<Clue>();
  const confirm = useConfirmClue();
  const { data: users = [] } = useAllUsers();
  const userNames = useMemo(() => new Map(users.map((u) => [u.id, u.displayName])), [users]);

  return (
    <Card
      title={sees ? t('opinion.clue.title') : t('opinion.clue.mine')}
      extra={
        <Space>
          <Select<ClueStatus>
            allowClear
            aria-label={t('common.status')}
            placeholder={t('opinion.clue.allStatuses')}
            style={{ width: 130 }}
            value={status}
            onChange={setStatus}
            options={CLUE_STATUSES.map((s) => ({ value: s, label: t(`opinion.clue.status.${s}`) }))}
          />
          <Button type="primary" icon={<PlusOutlined />} onClick={() => reporting.show(null)}>
            {t('opinion.clue.report')}
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t('opinion.clue.intro')}</Typography.Paragraph>
      <CursorTable<Clue>
        list={list}
        columns={[
          {
            title: t('opinion.clue.titleField'),
            dataIndex: 'title',
            render: (title: string, clue) => (
              <Space orientation="vertical" size={0}>
                <Space size={6}>
                  <Typography.Text strong>{title}</Typography.Text>
                  {clue.platform && <Tag>{clue.platform}</Tag>}
                </Space>
                <Typography.Paragraph type="secondary" ellipsis={{ rows: 2, expandable: true }} style={{ marginBottom: 0 }}>
                  {clue.description}
                </Typography.Paragraph>
                {clue.url && (
                  <Typography.Link href={clue.url} target="_blank" rel="noreferrer noopener" style={{ fontSize: 12 }}>
                    {clue.url}
                  </Typography.Link>
                )}
              </Space>
            ),
          },
          {
            title: t('opinion.clue.screenshots'),
            dataIndex: 'screenshots',
            width: 170,
            render: (shots: Clue['screenshots']) => (
              <Image.PreviewGroup>
                <Space size={4} wrap>
                  {shots.map((s) => (
                    <Image key={s.id} src={s.url} alt={t('opinion.clue.screenshots')} width={48} height={48} style={{ objectFit: 'cover' }} />
                  ))}
                </Space>
              </Image.PreviewGroup>
            ),
          },
          { title: t('opinion.clue.reportedBy'), dataIndex: 'reportedBy', width: 110, render: (id: number) => userNames.get(id) ?? `#${id}` },
          { title: t('opinion.clue.reportedAt'), dataIndex: 'createdAt', width: 150, render: (v: string) => formatDateTime(v) },
          {
            title: t('common.status'),
            dataIndex: 'status',
            width: 100,
            render: (s: ClueStatus, clue) => (
              <Tooltip title={clue.dismissReason}>
                <Tag color={STATUS_COLORS[s]}>{t(`opinion.clue.status.${s}`)}</Tag>
              </Tooltip>
            ),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 160,
            render: (_: unknown, clue) => {
              if (clue.status === 'confirmed' && sees && clue.mentionId !== null) return <Link to="/opinion/desk">{t('opinion.clue.onDesk')}</Link>;
              if (clue.status !== 'new' || !canDecide) return null;
              return (
                <Space size={0}>
                  <Popconfirm
                    title={t('opinion.clue.confirmPrompt')}
                    onConfirm={() => confirm.mutate(clue.id, { onSuccess: () => void message.success(t('opinion.clue.confirmed')) })}
                  >
                    <Button type="link" size="small">
                      {t('opinion.clue.confirm')}
                    </Button>
                  </Popconfirm>
                  <Button type="link" size="small" danger onClick={() => dismissing.show(clue)}>
                    {t('opinion.clue.dismiss')}
                  </Button>
                </Space>
              );
            },
          },
        ]}
      />
      <ReportClueModal key={`report-${reporting.key}`} open={reporting.open} onClose={reporting.close} />
      <DismissModal key={`dismiss-${dismissing.key}`} clue={dismissing.record} open={dismissing.open} onClose={dismissing.close} />
    </Card>
  );
}
