/** The normalised feed every format is read into, and the helpers the format readers share. */

export type FeedItem = {
  /** guid / atom:id / rdf:about / JSON Feed id, else the link: what ingestion de-duplicates on. */
  id: string | null;
  title: string | null;
  /** Absolute http(s) URL once resolved against xml:base, the document URL or the feed link; relative when nothing resolves it. */
  link: string | null;
  /** ISO 8601 UTC, or null when the feed gives no readable date. */
  published_at: string | null;
  author: string | null;
  /**
   * HTML, sanitised and re-serialised (see `feed-html.ts`), or text as the feed gave it: a value without tags is
   * kept as given, whether the feed meant it as text or as HTML.
   */
  summary: string | null;
  content: string | null;
};

export type FeedBody = { feed: { title: string | null; link: string | null }; items: FeedItem[] };

export type ReadContext = {
  /** The URL the document was fetched from: the base of relative links. */
  url?: string;
  /** Offset of dates written without a zone. */
  assumedUtcOffsetMinutes: number;
  /** Applied to every text value (see `repairDoubleEncoding`). */
  repair: (text: string) => string;
  problems: string[];
};

const fatalUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * UTF-8 text that was read as ISO-8859-1 and re-encoded (`â€¦` for `…`), a common CMS fault: when every character of
 * a value fits in one byte and those bytes are valid UTF-8, the UTF-8 reading is the intended one.
 */
export function repairDoubleEncoding(text: string): string {
  if (!/[\x80-\xff]/.test(text) || /[^\x00-\xff]/.test(text)) return text;
  try {
    return fatalUtf8.decode(Buffer.from(text, 'latin1'));
  } catch {
    return text;
  }
}

/** Trimmed text, or null when empty. */
export function clean(text: string | null | undefined, context: ReadContext): string | null {
  const trimmed = text?.trim();
  return trimmed ? context.repair(trimmed) : null;
}

const hasScheme = /^[a-z][a-z0-9+.-]*:/i;

/** Resolves a base (xml:base) against the one in force; stays relative when nothing absolute is known. */
export function resolveBase(reference: string | undefined, base: string | undefined): string | undefined {
  if (!reference) return base;
  if (hasScheme.test(reference) || !base) return reference;
  try {
    return new URL(reference, base).href;
  } catch {
    return reference;
  }
}

/**
 * A link as an item's reader can follow it: absolute http(s) URLs as given, relative ones resolved against `base`
 * (kept as given when there is no usable base); other schemes (javascript:, data:) are dropped.
 */
export function resolveLink(reference: string | null, base: string | undefined): string | null {
  if (!reference) return null;
  if (hasScheme.test(reference)) return /^https?:/i.test(reference) ? reference : null;
  if (!base) return reference;
  try {
    const url = new URL(reference, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : reference;
  } catch {
    return reference;
  }
}

export const isAbsoluteHttp = (url: string | null | undefined): url is string => !!url && /^https?:\/\//i.test(url);

export function toIso(date: Date | null) {
  return date ? date.toISOString() : null;
}
