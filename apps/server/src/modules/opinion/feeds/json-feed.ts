import { parseFeedDate } from './feed-dates.ts';
import { sanitizeFeedHtml } from './feed-html.ts';
import { clean, isAbsoluteHttp, resolveLink, toIso, type FeedBody, type FeedItem, type ReadContext } from './feed-model.ts';

/** JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1) read into the normalised feed. */

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown) => (typeof value === 'string' ? value : null);

/** 1.1's `authors` array, or 1.0's single `author`. */
function authorNames(owner: Json, context: ReadContext): string | null {
  const authors = Array.isArray(owner.authors) ? owner.authors : [owner.author];
  const names = authors.map((a) => (isObject(a) ? clean(text(a.name), context) : null)).filter((n): n is string => !!n);
  return names.length ? names.join(', ') : null;
}

export function readJsonFeed(source: string, context: ReadContext): FeedBody {
  const empty: FeedBody = { feed: { title: null, link: null }, items: [] };
  let document: unknown;
  try {
    document = JSON.parse(source);
  } catch (err) {
    context.problems.push(`not valid JSON: ${(err as Error).message}`);
    return empty;
  }
  if (!isObject(document)) {
    context.problems.push('not a JSON Feed: the document is not an object');
    return empty;
  }
  if (!text(document.version)?.startsWith('https://jsonfeed.org/version/')) context.problems.push('not a JSON Feed: no "version" of https://jsonfeed.org/version/…');

  const link = resolveLink(clean(text(document.home_page_url), context), context.url);
  const base = context.url ?? (isAbsoluteHttp(link) ? link : undefined);
  const feedAuthor = authorNames(document, context);
  if (!Array.isArray(document.items)) context.problems.push('"items" is not an array');
  const entries = Array.isArray(document.items) ? document.items : [];
  if (entries.some((entry) => !isObject(entry))) context.problems.push('items that are not objects were skipped');

  const items = entries.filter(isObject).map((entry): FeedItem => {
    const itemLink = resolveLink(clean(text(entry.url) ?? text(entry.external_url), context), base);
    // 1.0 feeds in the wild give numeric ids; the spec says strings.
    const id = typeof entry.id === 'number' ? String(entry.id) : clean(text(entry.id), context);
    const contentHtml = text(entry.content_html);
    return {
      id: id ?? itemLink,
      title: clean(text(entry.title), context),
      link: itemLink,
      published_at: toIso(parseFeedDate(text(entry.date_published) ?? text(entry.date_modified), context.assumedUtcOffsetMinutes)),
      author: authorNames(entry, context) ?? feedAuthor,
      summary: clean(text(entry.summary), context),
      content: clean(contentHtml === null ? text(entry.content_text) : sanitizeFeedHtml(contentHtml, base), context),
    };
  });
  return { feed: { title: clean(text(document.title), context), link }, items };
}
