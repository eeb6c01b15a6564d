import { decodeFeedBytes } from './charset.ts';
import { chinaStandardTime } from './feed-dates.ts';
import { repairDoubleEncoding, type FeedBody, type FeedItem, type ReadContext } from './feed-model.ts';
import { readJsonFeed } from './json-feed.ts';
import { readXmlFeed } from './feed-xml.ts';
import { parseXmlTree } from './xml-tree.ts';

export type { FeedBody, FeedItem } from './feed-model.ts';

/**
 * The feed parser of the opinion module: bytes as fetched → normalised feed. Pure and synchronous; it never throws.
 * A feed that is ill-formed, oversized, mis-encoded or not a feed at all comes back with `bozo: true` and the
 * reasons, with whatever could be read from it.
 */
export type ParsedFeed = {
  /** The charset the bytes were read in (see `charset.ts`). */
  encoding: string;
  bozo: boolean;
  bozoReason?: string;
} & FeedBody;

export type ParseFeedOptions = {
  /** The HTTP Content-Type header value: its charset comes first; a JSON media type selects JSON Feed. */
  contentType?: string;
  /** The URL the feed was fetched from, the base of relative links (before the feed's own link). */
  url?: string;
  /** Bytes above this are refused unread. Default `defaultMaxFeedBytes`. */
  maxBytes?: number;
  /** The offset of dates written without a zone. Default +08:00 (China Standard Time). */
  assumedUtcOffsetMinutes?: number;
};

/** As much as the guarded HTTP client fetches by default. */
export const defaultMaxFeedBytes = 5 * 1024 * 1024;

const emptyBody = (): FeedBody => ({ feed: { title: null, link: null }, items: [] });

function result(encoding: string, problems: string[], body: FeedBody): ParsedFeed {
  return problems.length ? { encoding, bozo: true, bozoReason: problems.join('; '), ...body } : { encoding, bozo: false, ...body };
}

export function parseFeed(bytes: Buffer, options: ParseFeedOptions = {}): ParsedFeed {
  const maxBytes = options.maxBytes ?? defaultMaxFeedBytes;
  if (bytes.length > maxBytes) {
    // Named from the header and the first bytes only: the body is not read.
    const { encoding } = decodeFeedBytes(bytes.subarray(0, 1024), options.contentType);
    return result(encoding, [`the feed is larger than the ${maxBytes}-byte cap; it was not parsed`], emptyBody());
  }
  const { text, encoding, problems } = decodeFeedBytes(bytes, options.contentType);
  const context: ReadContext = {
    url: options.url,
    assumedUtcOffsetMinutes: options.assumedUtcOffsetMinutes ?? chinaStandardTime,
    repair: encoding === 'utf-8' ? repairDoubleEncoding : (value) => value,
    problems,
  };
  try {
    // The body decides before the header: servers label XML feeds application/json and the reverse.
    const start = text.trimStart()[0];
    if (start === '{' || (start !== '<' && /json/i.test(options.contentType ?? ''))) return result(encoding, problems, readJsonFeed(text, context));
    const tree = parseXmlTree(text);
    problems.push(...tree.problems);
    const body = tree.root && readXmlFeed(tree.root, context);
    if (tree.root && !body) problems.push(`not a feed: the root element is <${tree.root.local}>, not <rss>, <rdf:RDF> or <feed>`);
    return result(encoding, problems, body ?? emptyBody());
  } catch (err) {
    // The poller must survive any input: a reader bug becomes a bozo feed, not a crash.
    problems.push(`the parser failed: ${(err as Error).message}`);
    return result(encoding, problems, emptyBody());
  }
}
