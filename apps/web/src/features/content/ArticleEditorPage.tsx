import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { HistoryOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Form, Input, Modal, Row, Select, Space, Typography } from 'antd';
import { ApiError } from '../../app/api';
import { describeError } from '../../app/api-errors';
import { useT } from '../../app/i18n/i18n';
import { PageSpinner } from '../../app/PageSpinner';
import { useSaveHandlers } from '../../app/save-handlers';
import type { Finding } from '../messaging/compliance.api';
import {
  ARTICLE_CATEGORIES,
  CREDIT_ROLE_LABELS,
  CREDIT_ROLES,
  isEditable,
  SENSITIVITIES,
  useArticle,
  useCreateArticle,
  useSubmitArticle,
  useUpdateArticle,
  type Article,
  type ArticleInput,
} from './articles.api';
import { categoryLabel, sensitivityLabel } from './article-labels';
import { ArticleComments, useCommentThreads } from './ArticleComments';
import { ArticleStatusTag } from './ArticleStatusTag';
import { ArticleVersionsDrawer } from './ArticleVersionsDrawer';
import { ComplianceFindings } from './ComplianceFindings';
import { useCanPublish } from './content-roles';
import { PublishPanel } from './PublishPanel';
import { ReviewChain } from './ReviewChain';
import { ReviseArticleButton } from './ReviseArticleButton';
import { RichTextEditor, type AssetInserter } from './RichTextEditor';
import { AssetPickerModal } from './AssetPickerModal';

/** What a submission was refused for: blocked outright, or warnings that need a reason. */
type Refusal = { kind: 'blocked' | 'acknowledge'; findings: Finding[] };

function inputOf(values: ArticleInput): ArticleInput {
  return { ...values, tags: values.tags ?? [], credits: (values.credits ?? []).filter((credit) => credit?.name?.trim()) };
}

function ArticleForm({ article }: { article: Article | null }) {
  const t = useT();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const canPublish = useCanPublish();
  const [form] = Form.useForm<ArticleInput>();
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [reason, setReason] = useState('');
  const [versionsOpen, setVersionsOpen] = useState(false);
  const threads = useCommentThreads(article?.id ?? null);
  const create = useCreateArticle();
  const update = useUpdateArticle(article?.id ?? 0);
  // The editor hands over what to pick and its insert function; kept while the library closes, so its title stays.
  const [picker, setPicker] = useState<AssetInserter | null>(null);
  const [pickerOpen, setPickerOpen] = useState(false);
  const submit = useSubmitArticle(article?.id ?? 0);
  const editable = article === null || isEditable(article.status);
  const saveHandlers = useSaveHandlers<Article>(form, (saved) => {
    if (!article) navigate(`/content/articles/${saved.id}`, { replace: true });
  });

  const save = (values: ArticleInput) => (article ? update : create).mutate(inputOf(values), saveHandlers);

  const runSubmit = (acknowledgement?: { reason: string }) =>
    submit.mutate(acknowledgement, {
      onSuccess: () => {
        setRefusal(null);
        setReason('');
        void message.success(t('article.submitted'));
      },
      onError: (error) => {
        // Both refusals carry the checker's findings, the same shape the check page shows.
        const findings = error instanceof ApiError ? (error.details as unknown as Finding[]) : [];
        if (error instanceof ApiError && error.code === 'compliance_blocked') setRefusal({ kind: 'blocked', findings });
        else if (error instanceof ApiError && error.code === 'compliance_acknowledgement_required') setRefusal({ kind: 'acknowledge', findings });
        else void message.error(describeError(error, t));
      },
    });

  // Unsaved edits are saved first, so what is submitted is what the form shows; an unchanged form is not a new version.
  const saveAndSubmit = async () => {
    if (!article) return;
    const values = await form.validateFields();
    if (!form.isFieldsTouched()) return runSubmit();
    update.mutate(inputOf(values), { onSuccess: () => runSubmit(), onError: saveHandlers.onError });
  };

  const initialValues: Partial<ArticleInput> = article
    ? {
        title: article.title,
        subtitle: article.subtitle ?? undefined,
        summary: article.summary ?? undefined,
        body: article.body,
        category: article.category,
        sensitivity: article.sensitivity,
        tags: article.tags,
        credits: article.credits,
      }
    : { category: 'news', sensitivity: 'normal', tags: [], credits: [{ role: CREDIT_ROLES[0], name: '' }] };

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Row gutter={16} wrap={false} align="top">
        <Col flex="auto" style={{ minWidth: 0 }}>
          <Card
            title={
              <Space>
                {article ? article.title : t('article.create')}
                {article && <ArticleStatusTag status={article.status} />}
                {article && <Typography.Text type="secondary" data-testid="article-version">{t('article.version', { version: article.version })}</Typography.Text>}
              </Space>
            }
            extra={
              article && (
                <Space>
                  <ReviseArticleButton article={article} />
                  <Button icon={<HistoryOutlined />} onClick={() => setVersionsOpen(true)}>
                    {t('version.open')}
                  </Button>
                </Space>
              )
            }
          >
            <Form form={form} layout="vertical" initialValues={initialValues} onFinish={save} disabled={!editable}>
              <Form.Item name="title" label={t('article.title')} rules={[{ required: true, message: t('common.required', { field: t('article.title') }) }]}>
                <Input maxLength={200} />
              </Form.Item>
              <Form.Item name="subtitle" label={t('article.subtitle')}>
                <Input maxLength={200} />
              </Form.Item>
              <Form.Item name="summary" label={t('article.summary')}>
                <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} />
              </Form.Item>
              <Space size="large" wrap>
                <Form.Item name="category" label={t('article.category')} rules={[{ required: true }]}>
                  <Select style={{ width: 160 }} options={ARTICLE_CATEGORIES.map((value) => ({ value, label: t(categoryLabel(value)) }))} />
                </Form.Item>
                <Form.Item name="sensitivity" label={t('article.sensitivity')}>
                  <Select style={{ width: 160 }} options={SENSITIVITIES.map((value) => ({ value, label: t(sensitivityLabel(value)) }))} />
                </Form.Item>
                <Form.Item name="tags" label={t('article.tags')}>
                  <Select mode="tags" style={{ minWidth: 280 }} open={false} />
                </Form.Item>
              </Space>
              <Form.Item label={t('article.credits')}>
                <Form.List name="credits">
                  {(fields, { add, remove }) => (
                    <Space orientation="vertical">
                      {fields.map((field) => (
                        <Space key={field.key}>
                          <Form.Item name={[field.name, 'role']} noStyle>
                            <Select style={{ width: 100 }} aria-label={t('article.creditRole')} options={CREDIT_ROLES.map((role) => ({ value: role, label: t(CREDIT_ROLE_LABELS[role]) }))} />
                          </Form.Item>
                          <Form.Item name={[field.name, 'name']} noStyle>
                            <Input placeholder={t('article.creditName')} aria-label={t('article.creditName')} />
                          </Form.Item>
                          <MinusCircleOutlined aria-label={t('common.delete')} onClick={() => remove(field.name)} />
                        </Space>
                      ))}
                      <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ role: CREDIT_ROLES[0], name: '' })}>
                        {t('article.addCredit')}
                      </Button>
                    </Space>
                  )}
                </Form.List>
              </Form.Item>
              <Form.Item name="body" label={t('article.body')} extra={editable && t('article.bodyHint')} rules={[{ required: true, message: t('common.required', { field: t('article.body') }) }]}>
                <RichTextEditor
                  editable={editable}
                  ariaLabel={t('article.body')}
                  onPickAsset={(inserter) => {
                    setPicker(inserter);
                    setPickerOpen(true);
                  }}
                  passages={threads.passages}
                  activePassage={threads.activeId}
                  onPassageClick={threads.setActiveId}
                  onLocate={threads.onLocate}
                />
              </Form.Item>
              {editable && (
                <Space>
                  <Button htmlType="submit" loading={create.isPending || (update.isPending && !submit.isPending)}>
                    {t('common.save')}
                  </Button>
                  {article && (
                    <Button type="primary" loading={submit.isPending} onClick={() => void saveAndSubmit()}>
                      {t('article.submit')}
                    </Button>
                  )}
                </Space>
              )}
            </Form>
          </Card>
        </Col>
        {article && threads.list.items.length > 0 && (
          <Col flex="360px">
            <ArticleComments article={article} threads={threads} />
          </Col>
        )}
      </Row>
      {refusal?.kind === 'blocked' && (
        <Card title={t('article.findings')}>
          <ComplianceFindings findings={refusal.findings} title={t('article.blocked')} />
        </Card>
      )}
      {article && <ReviewChain steps={article.reviewSteps} />}
      {article?.status === 'approved' && <PublishPanel articleId={article.id} canPublish={canPublish} />}
      {article && <ArticleVersionsDrawer articleId={article.id} currentVersion={article.version} open={versionsOpen} onClose={() => setVersionsOpen(false)} />}
      <AssetPickerModal
        open={pickerOpen}
        kind={picker?.kind}
        onClose={() => setPickerOpen(false)}
        onPick={(picked) => picker?.insert(picked)}
      />
      <Modal
        title={t('article.acknowledgeTitle')}
        open={refusal?.kind === 'acknowledge'}
        okText={t('article.submit')}
        okButtonProps={{ disabled: !reason.trim() }}
        confirmLoading={submit.isPending}
        onOk={() => runSubmit({ reason: reason.trim() })}
        onCancel={() => setRefusal(null)}
        width={720}
      >
        {refusal && <ComplianceFindings findings={refusal.findings} title={t('article.acknowledgeHint')} />}
        <Input.TextArea
          aria-label={t('article.acknowledgeReason')}
          placeholder={t('article.acknowledgeReason')}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          style={{ marginTop: 16 }}
        />
      </Modal>
    </Space>
  );
}

/** 稿件编辑: a new article at /content/articles/new, else the article with its review chain and publications. */
export function ArticleEditorPage() {
  const { id } = useParams();
  const articleId = id === 'new' || id === undefined ? null : Number(id);
  const article = useArticle(articleId);
  if (articleId === null) return <ArticleForm key="new" article={null} />;
  if (!article.data) return <PageSpinner />;
  // Keyed by article, not version: a save keeps the form (it holds what was saved) and a pending submit alive.
  return <ArticleForm key={article.data.id} article={article.data} />;
}
