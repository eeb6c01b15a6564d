import { useMemo, useRef } from 'react';
import { App, Button, Card, DatePicker, Flex, Form, Radio, Select, Typography, type FormInstance } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { describeError } from '../../app/api-errors';
import { DATE_TIME_FORMAT, formatDateTime } from '../../app/format';
import { useT } from '../../app/i18n/i18n';
import { useRecordDialog } from '../../app/record-dialog';
import { useChannelColumns, useChannelKinds, type Channel } from '../channels/channels.api';
import { placementOf, placementRowsOf, suggestedPlacementRows, type PlacementRow } from './placement';
import { PlacementRows } from './PlacementRows';
import { PublicationsTable } from './PublicationsTable';
import { channelsTaken } from './publication-history';
import { useArticlePublications, usePublish, type Publication } from './publications.api';
import { channelGroupOf, channelOptions, useAllChannels } from './publishing-channels';
import { VariantEditorDrawer, type VariantEditorTarget } from './VariantEditorDrawer';

type Timing = 'now' | 'at';
type PublishValues = { channelId?: number; columnId?: number; timing: Timing; scheduledAt?: Dayjs; placement?: PlacementRow[] };

/** What went out, in one line: recorded offline, scheduled, queued for a platform, or on the website now. */
function publishedMessageKey(channel: Channel, scheduledAt: string | undefined) {
  const group = channelGroupOf(channel);
  if (group === 'offline') return 'publication.recordedOn';
  if (scheduledAt) return 'publication.scheduledTo';
  return group === 'platform' ? 'publication.queuedTo' : 'publication.publishedTo';
}

/** The column (栏目) picker: shown when the chosen channel has columns; a column disabled since is named but refused. */
function ColumnField({ channelId }: { channelId: number | undefined }) {
  const t = useT();
  const { data: columns } = useChannelColumns(channelId ?? null);
  if (!channelId || !columns?.some((column) => column.status === 'active')) return null;
  const options = columns.map((column) => ({ value: column.id, label: column.name, disabled: column.status !== 'active' }));
  return (
    <Form.Item
      name="columnId"
      label={t('publication.column')}
      extra={t('publication.columnHint')}
      rules={[
        {
          validator: (_, value: number | undefined) =>
            value !== undefined && columns.find((column) => column.id === value)?.status !== 'active' ? Promise.reject(new Error(t('publication.columnDisabled'))) : Promise.resolve(),
        },
      ]}
      style={{ width: 240 }}
    >
      <Select<number> aria-label={t('publication.column')} placeholder={t('publication.columnPlaceholder')} allowClear options={options} />
    </Form.Item>
  );
}

/**
 * Picks a channel, its column and a time. The website and offline channels are published from here (offline ones
 * with their placement); a platform channel opens the variant editor, which publishes once its preview has no problems.
 */
function PublishForm({ form, articleId, channels, publications }: { form: FormInstance<PublishValues>; articleId: number; channels: readonly Channel[]; publications: readonly Publication[] }) {
  const t = useT();
  const { message } = App.useApp();
  const { data: kinds } = useChannelKinds();
  const publish = usePublish();
  const editing = useRecordDialog<VariantEditorTarget>();
  const channelId = Form.useWatch('channelId', form);
  const timing = Form.useWatch('timing', form);
  const channel = channels.find((candidate) => candidate.id === channelId);
  const group = channel ? channelGroupOf(channel) : undefined;
  const options = useMemo(
    () => channelOptions(channels, kinds, { taken: channelsTaken(publications), withdrawn: new Set(publications.map((p) => p.channelId)) }, t),
    [channels, kinds, publications, t],
  );

  const announce = (target: Channel, scheduledAt: string | undefined) => {
    form.resetFields();
    void message.success(t(publishedMessageKey(target, scheduledAt), { channel: target.name, time: formatDateTime(scheduledAt) }));
  };

  const submit = (values: PublishValues) => {
    if (!channel) return;
    const scheduledAt = values.timing === 'at' ? values.scheduledAt?.second(0).toISOString() : undefined;
    const columnId = values.columnId ?? undefined;
    if (group === 'platform') {
      editing.show({ channel, scheduledAt, columnId });
      return;
    }
    publish.mutate(
      { articleId, channelId: channel.id, columnId, scheduledAt, placement: group === 'offline' ? placementOf(values.placement, t) : undefined },
      { onSuccess: () => announce(channel, scheduledAt), onError: (error) => void message.error(describeError(error, t)) },
    );
  };

  const chooseChannel = (id: number) => {
    const next = channels.find((candidate) => candidate.id === id);
    form.setFieldsValue({ columnId: undefined, placement: next && channelGroupOf(next) === 'offline' ? suggestedPlacementRows(next.kind, t) : [] });
  };

  // Offline placements may be recorded after the fact; anything the server sends out goes at a time to come.
  const mustBeFuture = group !== 'offline';
  const submitLabel = group === 'platform' ? 'publication.editVariant' : group === 'offline' ? 'publication.record' : timing === 'at' ? 'publication.schedule' : 'publication.publish';

  return (
    <>
      <Form<PublishValues> form={form} layout="vertical" initialValues={{ timing: 'now' }} onFinish={submit} style={{ marginBottom: 16 }} data-testid="publish-form">
        <Flex gap={24} wrap align="start">
          <Form.Item
            name="channelId"
            label={t('publication.channel')}
            rules={[{ required: true, message: t('publication.channelRequired') }]}
            extra={group === 'platform' ? t('publication.platformHint') : undefined}
            style={{ width: 360 }}
          >
            <Select<number>
              aria-label={t('publication.channel')}
              placeholder={t('publication.channelPlaceholder')}
              showSearch={{ optionFilterProp: 'label' }}
              options={options}
              onChange={chooseChannel}
              optionRender={(option) => (
                <Flex justify="space-between" gap={8}>
                  <span>{option.data.label}</span>
                  <Typography.Text type="secondary">{option.data.note}</Typography.Text>
                </Flex>
              )}
            />
          </Form.Item>
          <ColumnField channelId={channelId} />
          <Form.Item label={group === 'offline' ? t('publication.placedAt') : t('publication.time')} required>
            <Flex gap={8} wrap>
              <Form.Item name="timing" noStyle>
                <Radio.Group
                  optionType="button"
                  options={[
                    { value: 'now', label: t('publication.timing.now') },
                    { value: 'at', label: t('publication.timing.at') },
                  ]}
                />
              </Form.Item>
              {timing === 'at' && (
                <Form.Item
                  name="scheduledAt"
                  noStyle
                  rules={[
                    { required: true, message: t('publication.timeRequired') },
                    {
                      validator: (_, value: Dayjs | undefined) =>
                        mustBeFuture && value?.isBefore(dayjs()) ? Promise.reject(new Error(t('publication.timeInPast'))) : Promise.resolve(),
                    },
                  ]}
                >
                  <DatePicker
                    showTime={{ format: 'HH:mm' }}
                    format={DATE_TIME_FORMAT}
                    aria-label={t('publication.timePicker')}
                    placeholder={t('publication.timePicker')}
                    disabledDate={mustBeFuture ? (date) => date.isBefore(dayjs(), 'day') : undefined}
                  />
                </Form.Item>
              )}
            </Flex>
          </Form.Item>
        </Flex>
        {group === 'offline' && (
          <Form.Item label={t('publication.placement')} style={{ maxWidth: 640 }}>
            <PlacementRows />
          </Form.Item>
        )}
        <Button type="primary" htmlType="submit" loading={publish.isPending}>
          {t(submitLabel)}
        </Button>
      </Form>
      {/* Outside the form: React events bubble through portals, and the editor's own form must not submit this one. */}
      <VariantEditorDrawer
        key={editing.key}
        open={editing.open}
        articleId={articleId}
        target={editing.record}
        onClose={editing.close}
        onPublished={(target) => {
          editing.close();
          announce(target.channel, target.scheduledAt);
        }}
      />
    </>
  );
}

/**
 * 发布: an approved article goes to any channel; its publications follow their delivery until they settle. A withdrawn
 * one is kept as history and can be published again (撤稿后重发): the form takes its channel, column and placement.
 */
export function PublishPanel({ articleId, canPublish }: { articleId: number; canPublish: boolean }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<PublishValues>();
  const formArea = useRef<HTMLDivElement>(null);
  const channels = useAllChannels();
  const publications = useArticlePublications(articleId);

  const republish = (publication: Publication) => {
    const channel = channels.data?.find((candidate) => candidate.id === publication.channelId);
    if (!channel) return;
    const offline = channelGroupOf(channel) === 'offline';
    form.setFieldsValue({
      channelId: channel.id,
      columnId: publication.columnId ?? undefined,
      timing: 'now',
      scheduledAt: undefined,
      placement: offline ? (publication.placement ? placementRowsOf(publication.placement, t) : suggestedPlacementRows(channel.kind, t)) : [],
    });
    formArea.current?.scrollIntoView({ behavior: 'smooth', block: 'center' });
    void message.info(t('publication.republishReady', { channel: channel.name }));
  };

  return (
    <Card title={t('article.publications')}>
      {canPublish && (
        <div ref={formArea}>
          <PublishForm form={form} articleId={articleId} channels={channels.data ?? []} publications={publications.data ?? []} />
        </div>
      )}
      <PublicationsTable
        publications={publications.data ?? []}
        loading={publications.isPending}
        channels={channels.data ?? []}
        canManage={canPublish}
        onRepublish={republish}
      />
    </Card>
  );
}
