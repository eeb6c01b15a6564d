import { Descriptions, Typography } from 'antd';
import { findLinks } from '../../../../server/src/modules/channels/adapters/weibo-text.ts';
import { useT } from '../../app/i18n/i18n';
import type { PublicationVariant } from './publications.api';
import './publishing.css';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/**
 * A document for a sandboxed iframe: the variant's HTML (sanitised by the server) after a header built from escaped
 * text. The iframe has no permissions (no scripts, an opaque origin), and the CSP lets nothing but images load.
 */
function previewDocument(html: string, header: string): string {
  return `<!doctype html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src http: https: data:; style-src 'unsafe-inline'">
<style>body{margin:0;padding:20px 16px;font-family:-apple-system,BlinkMacSystemFont,"PingFang SC","Microsoft YaHei",sans-serif;color:#333;background:#fff;word-wrap:break-word}
img{max-width:100%;height:auto}.title{margin:0 0 12px;font-size:22px;line-height:1.4;font-weight:bold;color:#1f1f1f}
.meta{margin-bottom:20px;font-size:15px;color:#888}.meta .account{color:#576b95;margin:0 6px}</style>
</head><body>${header}${html}</body></html>`;
}

/** 微信图文 as a reader's phone shows it: the title, author, account and date, then the inline-styled body. */
export function WeChatPreview({ variant, channelName, date }: { variant: PublicationVariant; channelName: string; date: string }) {
  const t = useT();
  const header =
    `<h1 class="title">${escapeHtml(variant.title)}</h1>` +
    `<div class="meta">${variant.author ? escapeHtml(variant.author) : ''}<span class="account">${escapeHtml(channelName)}</span>${escapeHtml(date)}</div>`;
  return (
    <div className="phone-frame" data-testid="wechat-preview">
      <div className="phone-frame-bar">{channelName}</div>
      <iframe className="phone-frame-screen" title={t('publication.previewTitle')} sandbox="" srcDoc={previewDocument(variant.html, header)} />
    </div>
  );
}

/** The HTML a webhook receiver gets, in a sandboxed frame, with the fields it gets beside it. */
export function WebhookPreview({ variant }: { variant: PublicationVariant }) {
  const t = useT();
  return (
    <>
      <Descriptions size="small" column={1} style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t('publication.variant.title')}>{variant.title}</Descriptions.Item>
        <Descriptions.Item label={t('publication.variant.author')}>{variant.author ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('publication.variant.summary')}>{variant.summary ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('publication.sourceUrl')}>{variant.sourceUrl ?? '—'}</Descriptions.Item>
      </Descriptions>
      <iframe className="html-preview" title={t('publication.previewTitle')} sandbox="" srcDoc={previewDocument(variant.html, '')} />
    </>
  );
}

/** Text with its links marked, as Weibo shows them; React escapes every piece. */
function linkedText(text: string) {
  const parts: (string | { link: string })[] = [];
  let at = 0;
  for (const link of findLinks(text)) {
    parts.push(text.slice(at, link.start), { link: link.url });
    at = link.end;
  }
  parts.push(text.slice(at));
  return parts.map((part, index) =>
    typeof part === 'string' ? part : (
      <span key={index} className="weibo-link">
        {part.link}
      </span>
    ),
  );
}

/** 微博 as it will be posted: the text with the link the server appends when the editor's text lacks one. */
export function WeiboPreview({ status, channelName, appended }: { status: string; channelName: string; appended: boolean }) {
  const t = useT();
  return (
    <div className="weibo-card" data-testid="weibo-preview">
      <div className="weibo-card-head">
        <span className="weibo-avatar">{[...channelName][0]}</span>
        <div>
          <div className="weibo-name">{channelName}</div>
          <Typography.Text type="secondary">{t('publication.justNow')}</Typography.Text>
        </div>
      </div>
      <div className="weibo-text">{linkedText(status)}</div>
      {appended && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('publication.linkAppended')}
        </Typography.Text>
      )}
    </div>
  );
}
