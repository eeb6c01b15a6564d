import { parseFeedDate } from './feed-dates.ts';
import { sanitizeFeedHtml } from './feed-html.ts';
import { clean, isAbsoluteHttp, resolveBase, resolveLink, toIso, type FeedBody, type FeedItem, type ReadContext } from './feed-model.ts';
import { attribute, xmlNamespace, type XmlElement, type XmlNode } from './xml-tree.ts';

/** RSS 0.9x/2.0, RSS 0.90/1.0 (RDF) and Atom 0.3/1.0 read from an element tree into the normalised feed. */

const ns = {
  atom10: 'http://www.w3.org/2005/Atom',
  atom03: 'http://purl.org/atom/ns#',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  dc: 'http://purl.org/dc/elements/1.1/',
  dcterms: 'http://purl.org/dc/terms/',
  content: 'http://purl.org/rss/1.0/modules/content/',
  xhtml: 'http://www.w3.org/1999/xhtml',
  itunes: 'http://www.itunes.com/dtds/podcast-1.0.dtd',
};
const rssNamespaces = new Set(['', 'http://my.netscape.com/rdf/simple/0.9/', 'http://purl.org/rss/1.0/', 'http://backend.userland.com/rss', 'http://backend.userland.com/rss2']);
const atomNamespaces = new Set(['', ns.atom10, ns.atom03]);

/** Namespaces written with a prefix the feed forgot to declare (sax gives the prefix as the URI), and old aliases. */
const namespaceAliases: Record<string, string> = {
  dc: ns.dc,
  'http://purl.org/dc/elements/1.0/': ns.dc,
  dcterms: ns.dcterms,
  content: ns.content,
  atom: ns.atom10,
  xhtml: ns.xhtml,
  itunes: ns.itunes,
  'http://www.itunes.com/DTDs/Podcast-1.0.dtd': ns.itunes,
};
const namespaceOf = (element: XmlElement) => namespaceAliases[element.ns] ?? element.ns;

const isElement = (node: XmlNode): node is XmlElement => typeof node !== 'string';
const childElements = (element: XmlElement) => element.children.filter(isElement);

function textOf(element: XmlElement | undefined): string | null {
  if (!element) return null;
  let text = '';
  for (const child of element.children) text += typeof child === 'string' ? child : (textOf(child) ?? '');
  return text;
}

const voidElements = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
const escapeText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttribute = (text: string) => escapeText(text).replace(/"/g, '&quot;');

const urlAttributes = new Set(['href', 'src', 'poster', 'cite']);

function baseOf(element: XmlElement, inherited: string | undefined) {
  return resolveBase(attribute(element, 'base', xmlNamespace)?.trim(), inherited);
}

/**
 * Markup written as XML elements inside a feed element (XHTML content, "naked" HTML in a description) back as HTML.
 * Relative URLs in it are resolved here: the xml:base they depend on does not survive the parse.
 */
function serialize(nodes: XmlNode[], base: string | undefined): string {
  let html = '';
  for (const node of nodes) {
    if (typeof node === 'string') {
      html += escapeText(node);
      continue;
    }
    const nodeBase = baseOf(node, base);
    const attributes = node.attributes
      .filter((a) => !(a.ns === xmlNamespace && a.local === 'base'))
      .map((a) => ` ${a.local}="${escapeAttribute(urlAttributes.has(a.local) ? (resolveBase(a.value.trim(), nodeBase) ?? a.value) : a.value)}"`)
      .join('');
    html += !node.children.length && voidElements.has(node.local) ? `<${node.local}${attributes} />` : `<${node.local}${attributes}>${serialize(node.children, nodeBase)}</${node.local}>`;
  }
  return html;
}

/** The text of an element, or its markup when it holds elements. */
function markupOf(element: XmlElement, base: string | undefined): string {
  return element.children.some(isElement) ? serialize(element.children, baseOf(element, base)) : (textOf(element) ?? '');
}

/** An element that holds HTML (escaped, in CDATA or as elements), sanitised against the base in force where it stands. */
function htmlOf(element: XmlElement | undefined, base: string | undefined): string | null {
  return element ? sanitizeFeedHtml(markupOf(element, base), baseOf(element, base)) : null;
}

/** The first non-empty value, in order of preference. */
function firstOf<T>(...values: (T | null | undefined)[]): T | null {
  return values.find((v) => v !== null && v !== undefined && v !== '') ?? null;
}

type Finder = {
  all(local: string, namespace?: string): XmlElement[];
  first(local: string, namespace?: string): XmlElement | undefined;
  /** The last occurrence: a repeated date element is overwritten, as feed readers have always done. */
  last(local: string, namespace?: string): XmlElement | undefined;
};

/** Children of `element` by local name, in the format's own namespaces (no namespace argument) or in `namespace`. */
function finder(element: XmlElement, coreNamespaces: Set<string>, rootNamespace: string): Finder {
  const children = childElements(element);
  const all = (local: string, namespace?: string) =>
    children.filter((c) => c.local === local && (namespace === undefined ? coreNamespaces.has(c.ns) || c.ns === rootNamespace : namespaceOf(c) === namespace));
  return { all, first: (local, namespace) => all(local, namespace)[0], last: (local, namespace) => all(local, namespace).at(-1) };
}

/** `me@example.com (Example editor)`, `Example editor <me@example.com>` → the name; a bare address stays. */
function personFromRss(text: string | null): string | null {
  if (!text) return null;
  const email = '[^\\s()<>]+@[^\\s()<>]+';
  const nameAfter = text.match(new RegExp(`^${email}\\s*\\((.+)\\)$`));
  if (nameAfter) return nameAfter[1].trim();
  const nameBefore = text.match(new RegExp(`^(.+?)\\s*[(<]${email}[)>]$`));
  return nameBefore ? nameBefore[1].trim() : text;
}

/** Names of Atom person constructs (`<author><name>…</name><email>…</email></author>`), joined. */
function atomPersons(persons: XmlElement[], find: (element: XmlElement) => Finder, context: ReadContext): string | null {
  const names = persons.map((p) => clean(textOf(find(p).first('name')) || textOf(find(p).first('email')), context)).filter((n): n is string => !!n);
  return names.length ? names.join(', ') : null;
}

function joinedText(elements: XmlElement[], context: ReadContext) {
  const texts = elements.map((e) => clean(textOf(e), context)).filter((t): t is string => !!t);
  return texts.length ? texts.join(', ') : null;
}

const date = (element: XmlElement | undefined, context: ReadContext) => {
  const text = textOf(element);
  return text ? parseFeedDate(text, context.assumedUtcOffsetMinutes) : null;
};

// ------------------------------------------------------------------------------------------------------------------
// RSS 0.9x / 2.0 and RDF (RSS 0.90, 1.0)

function readRss(root: XmlElement, context: ReadContext): FeedBody {
  const find = (element: XmlElement) => finder(element, rssNamespaces, root.ns);
  const channel = find(root).first('channel');
  const rootBase = baseOf(root, context.url);
  const channelBase = channel ? baseOf(channel, rootBase) : rootBase;
  const scope = find(channel ?? root);

  const title = clean(htmlOf(scope.first('title'), channelBase) ?? htmlOf(scope.first('title', ns.dc), channelBase), context);
  const link = resolveLink(clean(textOf(scope.first('link')), context) ?? atomAlternate(channel ?? root, channelBase, find, context), channelBase);
  const itemBase = channelBase ?? (isAbsoluteHttp(link) ? link : undefined);
  // RSS 2.0 items live in the channel, RDF items beside it, and some 0.9x feeds put them at the root.
  const itemElements = [...(channel ? find(channel).all('item') : []), ...find(root).all('item')];
  return { feed: { title, link }, items: itemElements.map((item) => readRssItem(item, baseOf(item, itemBase), find, context)) };
}

function readRssItem(item: XmlElement, base: string | undefined, find: (element: XmlElement) => Finder, context: ReadContext): FeedItem {
  const f = find(item);
  const guidElement = f.first('guid');
  const guid = clean(textOf(guidElement), context);
  const permaLink = guidElement && attribute(guidElement, 'isPermaLink')?.trim().toLowerCase();
  // A guid is the item's address unless it says it is not; an implicit one only when it looks like one.
  const guidLink = guid && permaLink !== 'false' && (permaLink === 'true' || isAbsoluteHttp(guid)) ? guid : null;
  const link = resolveLink(firstOf(clean(textOf(f.first('link')), context), atomAlternate(item, base, find, context), guidLink), base);

  // Of two summaries (description and summary) the first is the summary and the second the full text.
  const summaryElements = new Set([...f.all('description'), ...f.all('summary')]);
  const summaries = childElements(item).filter((c) => summaryElements.has(c));
  const published = firstOf(
    ...[f.last('pubDate'), f.last('date', ns.dc), f.last('issued', ns.dcterms), f.last('created', ns.dcterms), f.last('published', ns.atom10), f.last('modified', ns.dcterms), f.last('updated', ns.atom10)].map((e) => date(e, context)),
  );
  const about = attribute(item, 'about', ns.rdf)?.trim();

  return {
    id: firstOf(guid, about, link),
    title: clean(htmlOf(f.first('title'), base) ?? htmlOf(f.first('title', ns.dc), base), context),
    link,
    published_at: toIso(published),
    author: firstOf(
      personFromRss(clean(textOf(f.first('author')), context)),
      joinedText(f.all('creator', ns.dc), context),
      clean(textOf(f.first('author', ns.itunes)), context),
      atomPersons(f.all('author', ns.atom10), find, context),
    ),
    summary: clean(htmlOf(summaries[0], base) ?? htmlOf(f.first('description', ns.dc), base), context),
    content: clean(
      firstOf(
        htmlOf(f.first('encoded', ns.content), base),
        htmlOf(f.first('body', ns.xhtml), base),
        htmlOf(f.first('fullitem'), base),
        atomText(f.first('content', ns.atom10), false, base),
        htmlOf(summaries[1], base),
      ),
      context,
    ),
  };
}

/** `<atom:link rel="alternate" href>` inside RSS, as some generators add. */
function atomAlternate(element: XmlElement, base: string | undefined, find: (element: XmlElement) => Finder, context: ReadContext): string | null {
  const alternate = find(element)
    .all('link', ns.atom10)
    .find((l) => (attribute(l, 'rel') ?? 'alternate') === 'alternate' && attribute(l, 'href'));
  return alternate ? resolveLink(clean(attribute(alternate, 'href'), context), baseOf(alternate, base)) : null;
}

// ------------------------------------------------------------------------------------------------------------------
// Atom 0.3 / 1.0

/** Atom 1.0's and 0.3's names of HTML. */
const htmlTypes = new Set(['html', 'xhtml', 'text/html', 'application/xhtml+xml']);

/**
 * An Atom text construct: text (as given), escaped HTML or XHTML (the wrapping div dropped), sanitised, or base64 for
 * other media types. Elements in a construct that says it is text are markup all the same, and sanitised.
 */
function atomText(element: XmlElement | undefined, atom03: boolean, inheritedBase: string | undefined): string | null {
  if (!element) return null;
  const base = baseOf(element, inheritedBase);
  const type = (attribute(element, 'type') ?? 'text').trim().toLowerCase();
  const base64 = atom03
    ? attribute(element, 'mode')?.trim().toLowerCase() === 'base64'
    : !['text', 'html', 'xhtml'].includes(type) && !type.startsWith('text/') && !/[+/]xml$/.test(type);
  if (base64) {
    const decoded = Buffer.from((textOf(element) ?? '').replace(/\s+/g, ''), 'base64').toString('utf8');
    return htmlTypes.has(type) ? sanitizeFeedHtml(decoded, base) : decoded;
  }
  if (type === 'xhtml') {
    const [div, ...others] = childElements(element);
    const wrapped = div && !others.length && div.local === 'div' && div.ns === ns.xhtml;
    return sanitizeFeedHtml(wrapped ? serialize(div.children, baseOf(div, base)) : serialize(element.children, base), base);
  }
  return htmlTypes.has(type) || element.children.some(isElement) ? htmlOf(element, inheritedBase) : textOf(element);
}

function readAtom(root: XmlElement, context: ReadContext): FeedBody {
  const atom03 = root.ns === ns.atom03 || (root.ns === '' && attribute(root, 'version')?.trim() === '0.3');
  const find = (element: XmlElement) => finder(element, atomNamespaces, root.ns);
  const rootBase = baseOf(root, context.url);
  const feed = find(root);

  const alternate = (element: XmlElement, base: string | undefined) => {
    const link = find(element)
      .all('link')
      .find((l) => (attribute(l, 'rel')?.trim() ?? 'alternate') === 'alternate' && (attribute(l, 'href') || textOf(l)?.trim()));
    return link ? resolveLink(clean(attribute(link, 'href') ?? textOf(link), context), baseOf(link, base)) : null;
  };

  const title = clean(atomText(feed.first('title'), atom03, rootBase), context);
  const link = alternate(root, rootBase);
  const feedAuthor = atomPersons(feed.all('author'), find, context);
  const entryBase = rootBase ?? (isAbsoluteHttp(link) ? link : undefined);

  // RSS's <item> in an Atom feed is read as an entry, as feedparser reads it: a generator's mix-up loses no news.
  const entryElements = new Set([...feed.all('entry'), ...feed.all('item')]);
  const items = childElements(root).filter((c) => entryElements.has(c)).map((entry): FeedItem => {
    const e = find(entry);
    const base = baseOf(entry, entryBase);
    const entryLink = alternate(entry, base);
    const content = e.first('content');
    const source = e.first('source');
    const published = firstOf(...['published', 'issued', 'created', 'updated', 'modified'].map((name) => date(e.last(name), context)), date(e.last('date', ns.dc), context));
    return {
      id: firstOf(clean(textOf(e.first('id')), context), entryLink),
      title: clean(atomText(e.first('title'), atom03, base), context),
      link: entryLink,
      published_at: toIso(published),
      // RFC 4287 §4.2.1: an entry without authors has those of its source, else those of the feed.
      author: firstOf(atomPersons(e.all('author'), find, context), source && atomPersons(find(source).all('author'), find, context), feedAuthor, joinedText(e.all('creator', ns.dc), context)),
      summary: clean(atomText(e.first('summary'), atom03, base), context),
      content: content && attribute(content, 'src') ? null : clean(atomText(content, atom03, base), context),
    };
  });
  return { feed: { title, link }, items };
}

/** The feed in the tree, or null when the root element is no feed's. */
export function readXmlFeed(root: XmlElement, context: ReadContext): FeedBody | null {
  if (root.local === 'rss' || (root.local === 'RDF' && root.ns === ns.rdf)) return readRss(root, context);
  if (root.local === 'feed' && atomNamespaces.has(root.ns)) return readAtom(root, context);
  return null;
}
