import { LinkOutlined } from '@ant-design/icons';
import { Card, List, Typography } from 'antd';
import { useT } from '../../app/i18n/i18n';
import type { MessageKey } from '../../app/i18n/i18n';

/** The public site's sections, as a reader reaches them; the site itself is rendered by the server at /site/. */
const SECTIONS: readonly { path: string; label: MessageKey }[] = [
  { path: '/site/', label: 'portal.section.home' },
  { path: '/site/news', label: 'portal.section.news' },
  { path: '/site/science', label: 'portal.section.science' },
  { path: '/site/party', label: 'portal.section.party' },
  { path: '/site/departments', label: 'portal.section.departments' },
  { path: '/site/experts', label: 'portal.section.experts' },
  { path: '/site/search', label: 'portal.section.search' },
  { path: '/site/rss.xml', label: 'portal.section.rss' },
  { path: '/site/sitemap.xml', label: 'portal.section.sitemap' },
];

/** 门户网站: where the hospital's website is and what it shows; articles reach it by publishing to a website channel. */
export function PortalPage() {
  const t = useT();
  return (
    <Card title={t('menu.portalSite')}>
      <Typography.Paragraph type="secondary">{t('portal.intro')}</Typography.Paragraph>
      <List
        bordered
        dataSource={SECTIONS}
        renderItem={(section) => (
          <List.Item actions={[<LinkOutlined key="open" />]}>
            <a href={section.path} target="_blank" rel="noreferrer">
              {t(section.label)}
            </a>
            <Typography.Text type="secondary" code>
              {section.path}
            </Typography.Text>
          </List.Item>
        )}
      />
    </Card>
  );
}
