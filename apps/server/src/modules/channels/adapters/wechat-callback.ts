import { createHash, timingSafeEqual } from 'node:crypto';
import { DomUtils, parseDocument } from 'htmlparser2';

/**
 * WeChat signs every push to the account's server URL (and the GET that verifies the URL) with
 * sha1(sort([token, timestamp, nonce]).join('')), hex. Compared in constant time so the signature cannot be guessed byte by byte.
 */
export function verifyWeChatSignature(token: string, query: { signature?: string | null; timestamp?: string | null; nonce?: string | null }): boolean {
  const { signature, timestamp, nonce } = query;
  if (!token || !signature || !timestamp || !nonce) return false;
  const expected = createHash('sha1').update([token, timestamp, nonce].sort().join('')).digest('hex');
  const given = signature.trim().toLowerCase();
  if (given.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(given, 'utf8'), Buffer.from(expected, 'utf8'));
}

export type PublishJobFinish = {
  publishId: string;
  /** freepublish publish_status: 0 success, 2 original-check failed, 3 general failure, 4 review rejected, 5 deleted, 6 banned. */
  status: number;
  articleId?: string;
  /** In article order (idx). */
  articleUrls: string[];
  /** 1-based indexes of the articles that failed (statuses 2 and 4). */
  failIndexes: number[];
  /** The account (gh_…) the event is about, and when WeChat sent it (unix seconds). */
  toUserName?: string;
  createTime?: number;
};

/**
 * Reads a PUBLISHJOBFINISH event pushed in plain-text mode (the encrypted mode wraps the same XML in <Encrypt>, which
 * must be decrypted first). Returns null for any other message or event; throws when a PUBLISHJOBFINISH lacks its id or status.
 */
export function parsePublishJobFinish(xml: string): PublishJobFinish | null {
  const doc = parseDocument(xml, { xmlMode: true });
  const root = DomUtils.findOne((e) => e.name === 'xml', doc.children);
  if (!root) return null;
  const text = (parent: Element | null, name: string) => {
    const el = parent && DomUtils.findOne((e) => e.name === name, parent.children, false);
    return el ? DomUtils.textContent(el).trim() : undefined;
  };
  if (text(root, 'MsgType') !== 'event' || text(root, 'Event') !== 'PUBLISHJOBFINISH') return null;

  const info = DomUtils.findOne((e) => e.name === 'PublishEventInfo', root.children, false);
  const publishId = text(info, 'publish_id');
  const statusText = text(info, 'publish_status');
  if (!info || !publishId || !statusText || !/^\d+$/.test(statusText)) {
    throw new Error('PUBLISHJOBFINISH event without publish_id or publish_status');
  }

  const detail = DomUtils.findOne((e) => e.name === 'article_detail', info.children, false);
  const items = detail ? DomUtils.findAll((e) => e.name === 'item', detail.children) : [];
  const articleUrls = items
    .map((item) => ({ idx: Number(text(item, 'idx') ?? Number.NaN), url: text(item, 'article_url') ?? '' }))
    .filter((item) => item.url !== '')
    .sort((a, b) => (Number.isNaN(a.idx) || Number.isNaN(b.idx) ? 0 : a.idx - b.idx))
    .map((item) => item.url);
  // fail_idx repeats once per failed article.
  const failIndexes = DomUtils.findAll((e) => e.name === 'fail_idx', info.children)
    .map((e) => Number(DomUtils.textContent(e).trim()))
    .filter((n) => Number.isInteger(n));

  const articleId = text(info, 'article_id');
  const createTime = Number(text(root, 'CreateTime'));
  return {
    publishId,
    status: Number(statusText),
    ...(articleId ? { articleId } : {}),
    articleUrls,
    failIndexes,
    toUserName: text(root, 'ToUserName'),
    ...(Number.isFinite(createTime) && createTime > 0 ? { createTime } : {}),
  };
}

type Element = ReturnType<typeof DomUtils.getElementsByTagName>[number];
