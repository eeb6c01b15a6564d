import { visibleText } from '../../../../../packages/text/src/index.ts';
import type { PublicationVariant } from './adapters/channel-adapter.ts';
import { toWeChatHtml } from './adapters/wechat-html.ts';
import type { ChannelKind } from './channel-kinds.ts';

export type VariantSource = { id: number; title: string; summary: string | null; bodyHtml: string; credits: { role: string; name: string }[] };

/** Short text platforms (Weibo, captions) get a lead of this many characters before the link. */
const shortTextLead = 100;

/** The article's website page, when the site has a public address configured. */
export const articlePageUrl = (publicBaseUrl: string | null, articleId: number) =>
  publicBaseUrl ? new URL(`/site/articles/${articleId}`, publicBaseUrl).toString() : null;

/**
 * What a channel gets of an article before an editor adjusts it: WeChat gets the body with inline styles,
 * short-text platforms a 【title】lead and the link to the full piece on the website.
 */
export function defaultVariant(kind: ChannelKind, article: VariantSource, publicBaseUrl: string | null): PublicationVariant {
  const sourceUrl = articlePageUrl(publicBaseUrl, article.id);
  const plain = visibleText(article.bodyHtml).replace(/\s+/g, ' ').trim();
  const lead = article.summary?.trim() || plain;
  const shortLead = lead.length > shortTextLead ? `${lead.slice(0, shortTextLead - 1)}…` : lead;
  const isWeChat = kind === 'wechat_service' || kind === 'wechat_subscription';
  return {
    title: article.title,
    author: article.credits.map((c) => c.name).filter(Boolean).join(' ') || null,
    summary: article.summary ?? (plain.length > 120 ? `${plain.slice(0, 119)}…` : plain),
    html: isWeChat ? toWeChatHtml(article.bodyHtml) : article.bodyHtml,
    text: kind === 'webhook' ? plain : `【${article.title}】${shortLead}${sourceUrl ? ` ${sourceUrl}` : ''}`,
    sourceUrl,
  };
}
