import { useState } from 'react';
import { Link } from 'react-router';
import { SendOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Empty, Form, Input, Modal, Select, Space, Tag, Typography } from 'antd';
import { formatDateTime } from '../../app/format';
import { useT } from '../../app/i18n/i18n';
import { useSaveHandlers } from '../../app/save-handlers';
import { ArticleStatusTag } from '../content/ArticleStatusTag';
import { useStatementList, type Statement } from '../messaging/statements.api';
import { useDraftResponse, useStatementSuggestions, useSubmitResponse, type IncidentDetail } from './incidents.api';

type Draft = { statementId: number; title: string; body: string };

/** Approved statements to draft from: the ones the server suggests for the incident first, then the library searched. */
function StatementPicker({ incidentId, value, onPick }: { incidentId: number; value: number | undefined; onPick: (statement: Pick<Statement, 'id' | 'topic' | 'wording' | 'facts' | 'version'>) => void }) {
  const t = useT();
  const [q, setQ] = useState('');
  const suggestions = useStatementSuggestions(incidentId, true);
  const library = useStatementList({ status: 'approved', q: q || undefined });
  const suggested = suggestions.data?.items ?? [];
  const options = [...suggested, ...library.items.filter((s) => !suggested.some((x) => x.id === s.id))];
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {suggested.length > 0 && (
        <Space size={[4, 4]} wrap data-testid="statement-suggestions">
          <Typography.Text type="secondary">{t('incident.response.suggested')}</Typography.Text>
          {suggested.map((s) => (
            <Tag.CheckableTag key={s.id} checked={value === s.id} onChange={() => onPick(s)}>
              {s.topic}
            </Tag.CheckableTag>
          ))}
        </Space>
      )}
      <Select
        showSearch
        aria-label={t('incident.response.statement')}
        placeholder={t('incident.response.pickStatement')}
        value={value}
        filterOption={false}
        onSearch={setQ}
        loading={library.isLoading}
        options={options.map((s) => ({ value: s.id, label: `${s.topic}（v${s.version}）` }))}
        onChange={(id: number) => {
          const picked = options.find((s) => s.id === id);
          if (picked) onPick(picked);
        }}
        style={{ width: '100%' }}
      />
    </Space>
  );
}

/** Submitting asks for nothing but, should the compliance check raise warnings, the reason they are acceptable. */
function SubmitModal({ incidentId, open, onClose }: { incidentId: number; open: boolean; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<{ acknowledgement?: string }>();
  const submit = useSubmitResponse(incidentId);
  const callbacks = useSaveHandlers(form, onClose, 'incident.response.submitted');
  return (
    <Modal title={t('incident.response.submitTitle')} open={open} onCancel={onClose} onOk={() => form.submit()} okText={t('incident.response.submit')} confirmLoading={submit.isPending} destroyOnHidden>
      <Typography.Paragraph>{t('incident.response.submitHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" preserve={false} onFinish={({ acknowledgement }) => submit.mutate(acknowledgement?.trim() || undefined, callbacks)}>
        <Form.Item name="acknowledgement" label={t('incident.response.acknowledgement')} extra={t('incident.response.acknowledgementHint')}>
          <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 4 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * 回应口径: drafted from an approved statement and adapted, then published through the content pipeline — an article
 * of category 通知公告 that goes through the review chain; its status and publications show here.
 */
export function IncidentResponseCard({ incident }: { incident: IncidentDetail }) {
  const t = useT();
  const [form] = Form.useForm<Draft>();
  const draft = useDraftResponse(incident.id);
  const callbacks = useSaveHandlers(form);
  const [facts, setFacts] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const response = incident.response;
  const article = response?.article ?? null;
  const locked = article !== null && (article.status === 'in_review' || article.status === 'approved');
  const editable = incident.permissions.manage && !locked;
  const statementId = Form.useWatch('statementId', form);

  return (
    <Card title={t('incident.response.title')} data-testid="incident-response">
      {article && (
        <Descriptions size="small" column={1} style={{ marginBottom: 16 }}>
          <Descriptions.Item label={t('incident.response.article')}>
            <Space>
              <Link to={`/content/articles/${article.id}`}>{article.title}</Link>
              <span data-testid="response-article-status">
                <ArticleStatusTag status={article.status} />
              </span>
            </Space>
          </Descriptions.Item>
          {article.submittedAt && <Descriptions.Item label={t('incident.response.submittedAt')}>{formatDateTime(article.submittedAt)}</Descriptions.Item>}
          {article.approvedAt && <Descriptions.Item label={t('incident.response.approvedAt')}>{formatDateTime(article.approvedAt)}</Descriptions.Item>}
          <Descriptions.Item label={t('incident.response.publications')}>
            {response!.publications.length === 0
              ? t('incident.response.notPublished')
              : response!.publications.map((p) => (
                  <Tag key={p.id} color={p.live ? 'green' : 'default'}>
                    {p.channelName} {formatDateTime(p.publishedAt)}
                  </Tag>
                ))}
          </Descriptions.Item>
        </Descriptions>
      )}
      {!response && !incident.permissions.manage && <Empty description={t('incident.response.none')} />}
      {(response || incident.permissions.manage) && (
        <Form<Draft>
          form={form}
          layout="vertical"
          disabled={!editable}
          initialValues={response ? { statementId: response.statementId, title: response.title, body: response.body } : undefined}
          onFinish={(values) => draft.mutate(values, callbacks)}
        >
          {response && (
            <Typography.Paragraph type="secondary">
              {t('incident.response.basedOn', { topic: response.statementTopic, version: response.statementVersion })}
            </Typography.Paragraph>
          )}
          {editable && (
            <Form.Item name="statementId" label={t('incident.response.statement')} rules={[{ required: true, message: t('incident.response.pickStatement') }]}>
              <StatementPicker
                incidentId={incident.id}
                value={statementId}
                onPick={(statement) => {
                  // Picking a statement starts the response from its approved wording; the officer adapts it.
                  form.setFieldsValue({ statementId: statement.id, body: statement.wording, title: form.getFieldValue('title') || t('incident.response.defaultTitle', { title: incident.title }) });
                  setFacts(statement.facts || null);
                }}
              />
            </Form.Item>
          )}
          {facts && <Alert type="info" showIcon title={t('incident.response.facts')} description={facts} style={{ marginBottom: 16 }} />}
          <Form.Item name="title" label={t('incident.response.articleTitle')}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="body" label={t('incident.response.body')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('incident.response.body') }) }]}>
            <Input.TextArea autoSize={{ minRows: 5, maxRows: 16 }} maxLength={20_000} />
          </Form.Item>
          {editable && (
            <Space>
              <Button htmlType="submit" loading={draft.isPending}>
                {t('incident.response.save')}
              </Button>
              {response && (
                <Button
                  type="primary"
                  icon={<SendOutlined />}
                  loading={draft.isPending}
                  // What is in the form is what goes to review: it is saved first.
                  onClick={() => void form.validateFields().then((values) => draft.mutate(values, { onSuccess: () => setSubmitting(true), onError: callbacks.onError }))}
                >
                  {t('incident.response.submit')}
                </Button>
              )}
            </Space>
          )}
        </Form>
      )}
      <SubmitModal incidentId={incident.id} open={submitting} onClose={() => setSubmitting(false)} />
    </Card>
  );
}
