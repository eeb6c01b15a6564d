import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { Alert, Button, Drawer, Flex, Form, Input, Space, Spin, Typography } from 'antd';
import dayjs from 'dayjs';
import {
  composeWeiboStatus,
  normaliseSafeDomain,
  weiboLength,
  weiboMaxLength,
} from '../../../../server/src/modules/channels/adapters/weibo-text.ts';
import { ApiError } from '../../app/api';
import { applyFieldErrors, describeError } from '../../app/api-errors';
import { formatDate, formatDateTime } from '../../app/format';
import { useLocale, useT, type MessageKey } from '../../app/i18n/i18n';
import type { Channel } from '../channels/channels.api';
import { usePublicationPreview, usePublish, type PublicationVariant, type VariantChanges, type VariantProblem } from './publications.api';
import { isWeChat, variantFormatOf } from './publishing-channels';
import { WebhookPreview, WeChatPreview, WeiboPreview } from './VariantPreview';

/** The channel the editor publishes to, its column if one was chosen, and when (absent: now). */
export type VariantEditorTarget = { channel: Channel; columnId?: number; scheduledAt?: string };

type VariantFields = { title: string; author: string; summary: string; html: string; text: string };
type VariantValues = { variant: VariantFields };

const PREVIEW_DELAY_MS = 500;

const FIELD_LABELS: Record<keyof VariantFields, MessageKey> = {
  title: 'publication.variant.title',
  author: 'publication.variant.author',
  summary: 'publication.variant.summary',
  html: 'publication.variant.html',
  text: 'publication.variant.text',
};

function isVariantField(name: string): name is keyof VariantFields {
  return name in FIELD_LABELS;
}

/** `value`, once it has stayed the same for `ms`; a string, so an equal value never restarts the wait. */
function useSettled(value: string, ms: number): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/**
 * What the editor changed from the server's default variant; only those are sent, so the WeChat styles the server
 * adds to an untouched body are kept (sending the body back would put it through the stricter sanitiser).
 */
function changesOf(fields: Partial<VariantFields> | undefined, base: PublicationVariant, format: 'html' | 'text'): VariantChanges | null {
  if (!fields) return null;
  const changes: VariantChanges = {};
  if (format === 'html') {
    if (fields.title !== undefined && fields.title.trim() !== base.title) changes.title = fields.title.trim();
    if (fields.author !== undefined && fields.author.trim() !== (base.author ?? '')) changes.author = fields.author.trim() || null;
    if (fields.summary !== undefined && fields.summary.trim() !== (base.summary ?? '')) changes.summary = fields.summary.trim() || null;
    if (fields.html !== undefined && fields.html !== base.html) changes.html = fields.html;
  } else if (fields.text !== undefined && fields.text.trim() !== base.text) {
    changes.text = fields.text.trim();
  }
  return Object.keys(changes).length > 0 ? changes : null;
}

function initialValues(base: PublicationVariant): VariantValues {
  return { variant: { title: base.title, author: base.author ?? '', summary: base.summary ?? '', html: base.html, text: base.text } };
}

function ProblemList({ problems }: { problems: readonly VariantProblem[] }) {
  const t = useT();
  const { locale } = useLocale();
  const labelOf = (field: string) => {
    const name = field.replace(/^variant\./, '');
    return isVariantField(name) ? t(FIELD_LABELS[name]) : t('publication.variant.channelSettings');
  };
  return (
    <Alert
      type="error"
      showIcon
      title={t('publication.problems')}
      description={
        <ul style={{ margin: 0, paddingLeft: 20 }} data-testid="variant-problems">
          {problems.map((problem, index) => (
            <li key={index}>{`${labelOf(problem.field)}${t('publication.separator')}${problem.messages[locale]}`}</li>
          ))}
        </ul>
      }
    />
  );
}

/** Why a preview could not be made: an unconfigured channel is fixed in the registry, so the editor links there. */
function PreviewError({ error }: { error: unknown }) {
  const t = useT();
  const unconfigured = error instanceof ApiError && error.code === 'channel_not_configured';
  return (
    <Alert
      type="error"
      showIcon
      title={describeError(error, t)}
      description={error instanceof ApiError && error.details.length > 0 ? error.details.map((detail) => detail.message).join(t('publication.joiner')) : undefined}
      action={unconfigured ? <Link to="/channels/registry">{t('publication.configureChannel')}</Link> : undefined}
    />
  );
}

/**
 * 渠道版本: the article as one platform will carry it, edited on the left and previewed live on the right (the server
 * makes the preview and says what the platform would refuse). Publishing waits until the preview is current and clean.
 */
export function VariantEditorDrawer({
  open,
  articleId,
  target,
  onClose,
  onPublished,
}: {
  open: boolean;
  articleId: number;
  target: VariantEditorTarget | null;
  onClose: () => void;
  onPublished: (target: VariantEditorTarget) => void;
}) {
  const t = useT();
  const [form] = Form.useForm<VariantValues>();
  const [publishError, setPublishError] = useState<unknown>(null);
  const channel = target?.channel;
  const format = channel ? variantFormatOf(channel) : 'html';
  const enabled = open && channel !== undefined;
  const base = usePublicationPreview(articleId, channel?.id ?? 0, undefined, enabled);
  const fields = Form.useWatch('variant', form);
  const changes = base.data ? changesOf(fields, base.data.variant, format) : null;
  const changesKey = JSON.stringify(changes);
  const settledKey = useSettled(changesKey, PREVIEW_DELAY_MS);
  const settled = useMemo(() => JSON.parse(settledKey) as VariantChanges | null, [settledKey]);
  const live = usePublicationPreview(articleId, channel?.id ?? 0, settled ?? undefined, enabled && base.isSuccess);
  const publish = usePublish();

  const preview = live.data ?? base.data;
  const updating = changesKey !== settledKey || live.isFetching;
  const problems = live.data?.problems ?? [];
  const ready = base.isSuccess && !updating && live.isSuccess && problems.length === 0;

  const submit = async () => {
    if (!target) return;
    await form.validateFields();
    setPublishError(null);
    publish.mutate(
      { articleId, channelId: target.channel.id, columnId: target.columnId, scheduledAt: target.scheduledAt, variant: changes ?? undefined },
      {
        onSuccess: () => onPublished(target),
        onError: (error) => {
          applyFieldErrors(form, error);
          setPublishError(error);
        },
      },
    );
  };

  // Weibo counts the post as it will go out, with the link the server appends when the text has none in the safe domain.
  const safeDomain = normaliseSafeDomain(channel?.settings.safeDomain);
  const weiboStatus = (text: string) => (safeDomain ? composeWeiboStatus(text, preview?.variant.sourceUrl ?? null, safeDomain) : { status: text.trim(), appended: false });

  const previewPane = () => {
    if (!channel || !preview) return null;
    if (isWeChat(channel)) return <WeChatPreview variant={preview.variant} channelName={channel.name} date={formatDate(target?.scheduledAt ?? dayjs().toISOString())} />;
    if (format === 'text') {
      const { status, appended } = weiboStatus(preview.variant.text);
      return <WeiboPreview status={status} channelName={channel.name} appended={appended} />;
    }
    return <WebhookPreview variant={preview.variant} />;
  };

  const editorPane = () =>
    base.data && (
      <Form<VariantValues> form={form} layout="vertical" initialValues={initialValues(base.data.variant)} data-testid="variant-form">
        {format === 'html' ? (
          <>
            <Form.Item name={['variant', 'title']} label={t(FIELD_LABELS.title)} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t(FIELD_LABELS.title) }) }]}>
              <Input maxLength={64} showCount />
            </Form.Item>
            <Form.Item name={['variant', 'author']} label={t(FIELD_LABELS.author)}>
              <Input maxLength={60} />
            </Form.Item>
            <Form.Item name={['variant', 'summary']} label={t(FIELD_LABELS.summary)}>
              <Input.TextArea maxLength={500} showCount autoSize={{ minRows: 2, maxRows: 4 }} />
            </Form.Item>
            <Form.Item name={['variant', 'html']} label={t(FIELD_LABELS.html)} extra={t('publication.htmlHint')}>
              <Input.TextArea autoSize={{ minRows: 14, maxRows: 28 }} spellCheck={false} style={{ fontFamily: 'Menlo, Consolas, monospace', fontSize: 13 }} />
            </Form.Item>
          </>
        ) : (
          <Form.Item
            name={['variant', 'text']}
            label={t(FIELD_LABELS.text)}
            extra={t('publication.weiboRule', { max: weiboMaxLength })}
            rules={[{ required: true, whitespace: true, message: t('common.required', { field: t(FIELD_LABELS.text) }) }]}
          >
            <Input.TextArea
              autoSize={{ minRows: 6, maxRows: 16 }}
              count={{ show: true, max: weiboMaxLength, strategy: (text) => weiboLength(weiboStatus(text).status) }}
            />
          </Form.Item>
        )}
      </Form>
    );

  const statusLine = () => {
    if (live.isError) return <PreviewError error={live.error} />;
    if (updating) {
      return (
        <Space>
          <Spin size="small" />
          <Typography.Text type="secondary">{t('publication.previewUpdating')}</Typography.Text>
        </Space>
      );
    }
    if (problems.length > 0) return <ProblemList problems={problems} />;
    return <Alert type="success" showIcon title={t('publication.previewClean')} />;
  };

  return (
    <Drawer
      title={channel ? t('publication.variantTitle', { channel: channel.name }) : undefined}
      open={open}
      onClose={onClose}
      size="min(1280px, 96vw)"
      destroyOnHidden
      footer={
        <Flex justify="space-between" align="center">
          <Typography.Text type="secondary">
            {target?.scheduledAt ? t('publication.goesOutAt', { time: formatDateTime(target.scheduledAt) }) : t('publication.goesOutNow')}
          </Typography.Text>
          <Space>
            <Button onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="primary" disabled={!ready} loading={publish.isPending} onClick={() => void submit()}>
              {t(target?.scheduledAt ? 'publication.schedule' : 'publication.publish')}
            </Button>
          </Space>
        </Flex>
      }
    >
      {base.isPending && <Spin />}
      {base.isError && <PreviewError error={base.error} />}
      {base.isSuccess && (
        <Flex gap={24} align="start">
          <div style={{ flex: 1, minWidth: 0 }}>{editorPane()}</div>
          <Space orientation="vertical" size="middle" style={{ width: 460, flex: 'none' }} data-testid="variant-preview">
            {statusLine()}
            {publishError !== null && <PreviewError error={publishError} />}
            {previewPane()}
          </Space>
        </Flex>
      )}
    </Drawer>
  );
}
