import { useMemo, useState, type ReactNode } from 'react';
import { Alert, Drawer, Empty, Select, Space, Table, Typography } from 'antd';
import { formatDateTime } from '../../app/format';
import { useT, type MessageKey, type Translate } from '../../app/i18n/i18n';
import { LoadMoreButton } from '../../app/LoadMoreButton';
import { PageSpinner } from '../../app/PageSpinner';
import { useAllDepartments } from '../org/departments.api';
import { WordingDiff } from '../messaging/WordingDiff';
import { useArticleVersion, useArticleVersions, type ArticleSnapshot, type ArticleVersion } from './article-versions.api';
import { categoryLabel, sensitivityLabel } from './article-labels';

/** The fields read as text, compared word by word (character by character: Chinese has no spaces). */
const TEXT_FIELDS: { label: MessageKey; text: (v: ArticleVersion) => string }[] = [
  { label: 'article.title', text: (v) => v.snapshot.title },
  { label: 'article.subtitle', text: (v) => v.snapshot.subtitle ?? '' },
  { label: 'article.summary', text: (v) => v.snapshot.summary ?? '' },
  { label: 'article.body', text: (v) => v.bodyText },
];

/** The other fields, each shown as a reader of the console knows it. */
function otherFields(t: Translate, departmentName: (id: number) => string): { label: MessageKey; show: (s: ArticleSnapshot) => string }[] {
  return [
    { label: 'article.category', show: (s) => t(categoryLabel(s.category)) },
    { label: 'article.sensitivity', show: (s) => t(sensitivityLabel(s.sensitivity)) },
    { label: 'version.department', show: (s) => departmentName(s.departmentId) },
    { label: 'article.tags', show: (s) => s.tags.join('、') },
    { label: 'article.credits', show: (s) => s.credits.map((credit) => `${credit.role}：${credit.name}`).join('　') },
  ];
}

function Comparison({ before, after }: { before: ArticleVersion; after: ArticleVersion }) {
  const t = useT();
  const { data: departments = [] } = useAllDepartments();
  const names = useMemo(() => new Map(departments.map((d) => [d.id, d.name])), [departments]);
  const texts = TEXT_FIELDS.map((field) => ({ label: field.label, before: field.text(before), after: field.text(after) }));
  const others = otherFields(t, (id) => names.get(id) ?? `#${id}`)
    .map((field) => ({ key: field.label, field: t(field.label), before: field.show(before.snapshot), after: field.show(after.snapshot) }))
    .filter((row) => row.before !== row.after);
  if (others.length === 0 && texts.every((field) => field.before === field.after)) return <Alert type="info" showIcon title={t('version.same')} />;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="version-diff">
      {texts.map((field) => (
        <section key={field.label}>
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t(field.label)}
          </Typography.Title>
          {field.before === field.after ? (
            <Typography.Text type="secondary">{t('version.unchanged')}</Typography.Text>
          ) : (
            <WordingDiff before={field.before} after={field.after} />
          )}
        </section>
      ))}
      {others.length > 0 && (
        <section>
          <Typography.Title level={5}>{t('version.other')}</Typography.Title>
          <Table
            size="small"
            pagination={false}
            dataSource={others}
            columns={[
              { title: t('version.field'), dataIndex: 'field', width: 120 },
              { title: t('version.before'), dataIndex: 'before', render: (text: string) => <del>{text}</del> },
              { title: t('version.after'), dataIndex: 'after', render: (text: string) => <ins>{text}</ins> },
            ]}
          />
        </section>
      )}
    </Space>
  );
}

function Versions({ articleId, currentVersion }: { articleId: number; currentVersion: number }) {
  const t = useT();
  const list = useArticleVersions(articleId, currentVersion);
  const [from, setFrom] = useState(Math.max(1, currentVersion - 1));
  const [to, setTo] = useState(currentVersion);
  const before = useArticleVersion(articleId, from);
  const after = useArticleVersion(articleId, to);
  if (currentVersion === 1) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('version.single')} />;
  const options = list.items.map((v) => ({ value: v.version, label: t('version.option', { version: v.version, name: v.savedByName ?? `#${v.savedBy}`, time: formatDateTime(v.savedAt) }) }));
  const picker = (label: MessageKey, value: number, onChange: (version: number) => void): ReactNode => (
    <Space orientation="vertical" size={2}>
      <Typography.Text type="secondary">{t(label)}</Typography.Text>
      <Select
        aria-label={t(label)}
        style={{ width: 320 }}
        value={value}
        onChange={onChange}
        options={options}
        loading={list.isLoading}
        popupRender={(menu) => (
          <>
            {menu}
            {list.hasMore && <LoadMoreButton hasMore loading={list.isLoadingMore} onLoadMore={list.loadMore} />}
          </>
        )}
      />
    </Space>
  );
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Space wrap>
        {picker('version.from', from, setFrom)}
        {picker('version.to', to, setTo)}
      </Space>
      {before.data && after.data ? <Comparison before={before.data} after={after.data} /> : <PageSpinner />}
    </Space>
  );
}

/** 版本: any two saved versions of an article side by side — title, summary and body text diffed, other changes listed. */
export function ArticleVersionsDrawer({ articleId, currentVersion, open, onClose }: { articleId: number; currentVersion: number; open: boolean; onClose: () => void }) {
  const t = useT();
  return (
    <Drawer title={t('version.title')} open={open} onClose={onClose} size={760} destroyOnHidden>
      {open && <Versions articleId={articleId} currentVersion={currentVersion} />}
    </Drawer>
  );
}
