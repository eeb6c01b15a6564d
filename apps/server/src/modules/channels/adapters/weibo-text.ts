/**
 * Pure helpers for Weibo posts (statuses/share): the length rule, links and the safe domain, and reading status
 * objects without losing their 16-digit ids.
 *
 * Length rule (ours, documented): a post may be at most 140 characters, counted as Weibo's publisher does:
 * - a character in ASCII (U+0000–U+007F) or a half-width form (U+FF61–U+FFDC, U+FFE8–U+FFEE) is half a character;
 * - every other code point (Chinese, full-width punctuation such as ，。, arrows, emoji) is one character;
 * - a link (http:// or https://, up to the first character that cannot be in a URL) counts 12 characters whatever
 *   its length: Weibo replaces it with a t.cn short link counted as about 11.5 characters; we round that up so a
 *   post we accept is never refused by Weibo for its links;
 * - the total is rounded up (three ASCII letters are two characters).
 */

export const weiboMaxLength = 140;
/** Half-width units one link counts for (12 characters). */
export const weiboLinkUnits = 24;

export type FoundLink = { url: string; host: string; start: number; end: number };

// The characters a URL can contain (RFC 3986); anything else (space, Chinese, full-width punctuation) ends the link.
const linkPattern = /https?:\/\/[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]+/gi;

/** The http(s) links of a text, with their hosts; trailing sentence punctuation is not part of a link. */
export function findLinks(text: string): FoundLink[] {
  const links: FoundLink[] = [];
  for (const match of text.matchAll(linkPattern)) {
    let url = match[0];
    while (/[.,;:!?'"]$/.test(url) || (url.endsWith(')') && !url.includes('('))) url = url.slice(0, -1);
    let host: string;
    try {
      host = new URL(url).hostname.toLowerCase();
    } catch {
      continue;
    }
    if (!host) continue;
    links.push({ url, host, start: match.index, end: match.index + url.length });
  }
  return links;
}

const isHalfWidth = (codePoint: number) =>
  codePoint <= 0x7f || (codePoint >= 0xff61 && codePoint <= 0xffdc) || (codePoint >= 0xffe8 && codePoint <= 0xffee);

/** The length of a post by the rule above, in characters. */
export function weiboLength(text: string): number {
  let units = 0;
  let at = 0;
  const count = (segment: string) => {
    for (const ch of segment) units += isHalfWidth(ch.codePointAt(0)!) ? 1 : 2;
  };
  for (const link of findLinks(text)) {
    count(text.slice(at, link.start));
    units += weiboLinkUnits;
    at = link.end;
  }
  count(text.slice(at));
  return Math.ceil(units / 2);
}

/**
 * The safe domain as a bare host name: the setting may be typed as `hospital.cn`, `www.hospital.cn`,
 * `https://www.hospital.cn/` or `*.hospital.cn`. Internationalised names are compared in their ASCII form.
 */
export function normaliseSafeDomain(value: string | undefined | null): string | null {
  const text = (value ?? '').trim().replace(/^\*?\./, '');
  if (!text) return null;
  try {
    const host = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`).hostname.toLowerCase();
    return host && !host.includes('*') ? host : null;
  } catch {
    return null;
  }
}

/** Whether a host is the safe domain or one of its subdomains (`news.hospital.cn` under `hospital.cn`). */
export function hostInSafeDomain(host: string, safeDomain: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  return h === safeDomain || h.endsWith(`.${safeDomain}`);
}

export const hasSafeLink = (text: string, safeDomain: string) => findLinks(text).some((l) => hostInSafeDomain(l.host, safeDomain));

/**
 * The status text to post: the editor's text, with the article's source URL appended (after a space) when the
 * text has no link in the safe domain and the source URL is one. `safeLink` tells whether the result has one.
 */
export function composeWeiboStatus(text: string, sourceUrl: string | null, safeDomain: string): { status: string; safeLink: boolean; appended: boolean } {
  const trimmed = text.trim();
  if (hasSafeLink(trimmed, safeDomain)) return { status: trimmed, safeLink: true, appended: false };
  if (sourceUrl && hasSafeLink(sourceUrl, safeDomain) && findLinks(sourceUrl)[0]?.url === sourceUrl) {
    return { status: trimmed ? `${trimmed} ${sourceUrl}` : sourceUrl, safeLink: true, appended: true };
  }
  return { status: trimmed, safeLink: false, appended: false };
}

// ---------------------------------------------------------------------------------------------------------------
// Reading API answers

/**
 * JSON.parse that keeps integer ids exact: Weibo ids have 16+ digits, and a number above 2^53 would be rounded.
 * Every integer value of a key named `id` (or ending in `_id`) becomes a string. Inside a JSON string a quote is
 * escaped, so the pattern can only meet real keys.
 */
export function parseWeiboJson(raw: string): unknown {
  return JSON.parse(raw.replace(/("(?:id|[a-z_]+_id)"\s*:\s*)(-?\d+)(?=\s*[,}\]])/g, '$1"$2"'));
}

export type WeiboStatus = { id: string; userId: string | null; text: string; createdAt: Date | null };

const idOf = (value: unknown): string | null => {
  if (typeof value === 'string' && /^\d+$/.test(value)) return value;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) return String(value);
  return null;
};

/** The parts of a status object we use; throws when it has no usable id (then it is not a status). */
export function parseWeiboStatus(value: unknown): WeiboStatus {
  if (!value || typeof value !== 'object') throw new TypeError('Not a Weibo status object');
  const record = value as Record<string, unknown>;
  const id = idOf(record.idstr) ?? idOf(record.id);
  if (!id) throw new TypeError('The Weibo status has no id');
  const user = record.user && typeof record.user === 'object' ? (record.user as Record<string, unknown>) : null;
  return {
    id,
    userId: user ? (idOf(user.idstr) ?? idOf(user.id)) : null,
    text: typeof record.text === 'string' ? record.text : '',
    createdAt: typeof record.created_at === 'string' ? parseWeiboDate(record.created_at) : null,
  };
}

/**
 * The public page of a status: `https://weibo.com/<user id>/<status id>` (weibo.com accepts the numeric id as
 * well as the base62 mid form). Without the author's id there is no stable page, so null.
 */
export function weiboStatusUrl(status: WeiboStatus): string | null {
  return status.userId ? `https://weibo.com/${status.userId}/${status.id}` : null;
}

export type WeiboApiError = { code: number; message: string; request: string | null };

/** `{"error":"…","error_code":N,"request":"/2/…"}` (error_code may come as a string), or null. */
export function parseWeiboError(value: unknown): WeiboApiError | null {
  if (!value || typeof value !== 'object') return null;
  const record = value as Record<string, unknown>;
  const code = typeof record.error_code === 'number' ? record.error_code : typeof record.error_code === 'string' ? Number(record.error_code) : NaN;
  if (!Number.isInteger(code)) return null;
  return { code, message: typeof record.error === 'string' ? record.error : '', request: typeof record.request === 'string' ? record.request : null };
}

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const datePattern = /^(Sun|Mon|Tue|Wed|Thu|Fri|Sat) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{2}) (\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2}) (\d{4})$/;

/** Weibo's `created_at`, e.g. "Tue May 31 17:46:55 +0800 2011"; null when it is not in that form. */
export function parseWeiboDate(text: string): Date | null {
  const m = datePattern.exec(text);
  if (!m) return null;
  const offsetMinutes = (m[7] === '-' ? -1 : 1) * (Number(m[8]) * 60 + Number(m[9]));
  const utc = Date.UTC(Number(m[10]), months.indexOf(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])) - offsetMinutes * 60_000;
  return new Date(utc);
}

/** Formats a date the way Weibo does, in China time (+0800). */
export function formatWeiboDate(date: Date): string {
  const local = new Date(date.getTime() + 8 * 3_600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${weekdays[local.getUTCDay()]} ${months[local.getUTCMonth()]} ${pad(local.getUTCDate())} ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())} +0800 ${local.getUTCFullYear()}`;
}
