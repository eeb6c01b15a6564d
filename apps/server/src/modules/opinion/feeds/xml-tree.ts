import sax from 'sax';

/**
 * A namespace-aware element tree built with sax in strict mode, resumed after every error: an ill-formed document
 * is read as far as it goes (what loose parsing would give) and each error is reported as a problem.
 *
 * Entities: sax never reads a DTD, so nothing declared in a DOCTYPE is expanded and nothing external is fetched
 * (no billion laughs, no XXE); a DOCTYPE that declares entities is reported, and references to them stay as
 * literal text. HTML's named entities (`&nbsp;`), undefined in XML, are decoded but reported.
 */

export type XmlNode = XmlElement | string;
export type XmlAttribute = { ns: string; local: string; value: string };
export type XmlElement = { ns: string; local: string; attributes: XmlAttribute[]; children: XmlNode[] };
export type XmlTree = { root: XmlElement | null; problems: string[] };

export const xmlNamespace = 'http://www.w3.org/XML/1998/namespace';

/** Limits that keep a hostile document within a few times its size in memory and the recursion of readers safe. */
const maxDepth = 256;
const maxElements = 200_000;
const maxProblems = 5;
/** Past this many errors the input is not XML at all: reading on would only cost time (sax builds an Error for each). */
const maxErrors = 1000;
/**
 * sax has superlinear corners (thousands of attributes on one tag, namespace declarations nested very deep): the
 * input goes in chunks and reading stops past this time. A real 5 MiB feed takes about 100 ms.
 */
const maxMilliseconds = 2000;
const chunkSize = 16 * 1024;

const xmlEntities = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);
const htmlEntities = (sax as unknown as { ENTITIES: Record<string, string> }).ENTITIES;

/**
 * `AT&T</title>`: sax would take the `<` after a broken entity as text and lose the element. Bare ampersands outside
 * CDATA sections are escaped first, as a forgiving reader would read them. One linear pass (no backtracking regex:
 * a document of unterminated `<![CDATA[` would make one quadratic).
 */
function escapeBareAmpersands(text: string): { text: string; escaped: number } {
  const reference = /&(?:[A-Za-z_:][\w.:-]*|#\d+|#x[\da-fA-F]+);/y;
  let out = '';
  let copiedTo = 0;
  let escaped = 0;
  let nextCdata = text.indexOf('<![CDATA[');
  let at = text.indexOf('&');
  while (at !== -1) {
    if (nextCdata !== -1 && nextCdata < at) {
      const end = text.indexOf(']]>', nextCdata + 9);
      if (end === -1) break; // the rest is one unterminated CDATA section
      nextCdata = text.indexOf('<![CDATA[', end + 3);
      if (at < end) at = text.indexOf('&', end + 3);
      continue;
    }
    reference.lastIndex = at;
    if (!reference.test(text)) {
      out += `${text.slice(copiedTo, at)}&amp;`;
      copiedTo = at + 1;
      escaped++;
    }
    at = text.indexOf('&', at + 1);
  }
  return { text: out + text.slice(copiedTo), escaped };
}

export function attribute(element: XmlElement, local: string, ns = ''): string | undefined {
  return element.attributes.find((a) => a.local === local && a.ns === ns)?.value;
}

export function parseXmlTree(text: string): XmlTree {
  const problems: string[] = [];
  const report = (problem: string, always = false) => {
    if ((always || problems.length < maxProblems) && !problems.includes(problem)) problems.push(problem);
  };
  let errors = 0;
  const parser = sax.parser(true, { xmlns: true, position: true });
  const declaredEntities = new Set<string>();

  // Decode HTML entities like a browser would, but note that the XML is not well-formed.
  (parser as unknown as { ENTITIES: object }).ENTITIES = new Proxy(
    {},
    {
      get(_, name) {
        // Own names only: `&constructor;` must not reach Object.prototype.
        if (typeof name !== 'string' || !Object.hasOwn(htmlEntities, name)) return undefined;
        const value = htmlEntities[name];
        if (!xmlEntities.has(name)) report(`undefined entity &${name}; (an HTML entity, not XML)`);
        return value;
      },
    },
  );

  let root: XmlElement | null = null;
  const stack: XmlElement[] = [];
  let skippedDepth = 0;
  let elements = 0;

  parser.onerror = (error) => {
    errors++;
    const [message] = error.message.split('\n');
    const unexpanded = message === 'Invalid character entity' && [...declaredEntities].find((name) => (parser as unknown as { entity: string }).entity === name);
    report(unexpanded ? `entity &${unexpanded}; declared in the DOCTYPE was not expanded` : `not well-formed XML: ${message} (line ${parser.line + 1}, column ${parser.column})`);
    parser.error = null as unknown as Error; // resume: sax goes on as its loose mode would
  };
  parser.ondoctype = (doctype) => {
    for (const m of doctype.matchAll(/<!ENTITY\s+(?:%\s+)?([^\s"'>]+)/g)) declaredEntities.add(m[1]);
    if (declaredEntities.size) report('the DOCTYPE declares entities; they are not expanded (protection against entity-expansion bombs and external entities)');
  };
  parser.onopentag = (tag) => {
    const qualified = tag as sax.QualifiedTag;
    if (skippedDepth || stack.length >= maxDepth || elements >= maxElements) {
      if (!skippedDepth) report(stack.length >= maxDepth ? `elements nested deeper than ${maxDepth} levels were dropped` : `more than ${maxElements} elements; the rest was dropped`);
      skippedDepth++;
      return;
    }
    elements++;
    const element: XmlElement = {
      ns: qualified.uri,
      local: qualified.local,
      attributes: Object.values(qualified.attributes)
        .filter((a) => a.prefix !== 'xmlns' && a.name !== 'xmlns')
        .map((a) => ({ ns: a.uri, local: a.local, value: a.value })),
      children: [],
    };
    const parent = stack.at(-1);
    if (parent) parent.children.push(element);
    else if (!root) root = element;
    else report('more than one root element; the later ones were ignored');
    stack.push(element);
  };
  parser.onclosetag = () => {
    if (skippedDepth) skippedDepth--;
    else stack.pop();
  };
  const onText = (text: string) => {
    const current = stack.at(-1);
    if (skippedDepth || !current) return;
    const last = current.children.length - 1;
    if (typeof current.children[last] === 'string') current.children[last] += text;
    else current.children.push(text);
  };
  parser.ontext = onText;
  parser.oncdata = onText;

  const input = escapeBareAmpersands(text);
  if (input.escaped) report(`not well-formed XML: ${input.escaped} unescaped "&" read as text`);
  const deadline = performance.now() + maxMilliseconds;
  let stopped: string | null = null;
  for (let at = 0; at < input.text.length && !stopped; at += chunkSize) {
    parser.write(input.text.slice(at, at + chunkSize));
    if (errors > maxErrors) stopped = `more than ${maxErrors} XML errors`;
    else if (performance.now() > deadline) stopped = `reading took over ${maxMilliseconds} ms`;
  }
  if (stopped) report(`${stopped}: reading stopped at line ${parser.line + 1}`, true);
  else parser.close();
  if (!root) report('no root element: the document is empty or not XML');
  return { root, problems };
}
