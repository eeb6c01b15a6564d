import sax from 'sax';

/**
 * A namespace-aware element tree built with sax in strict mode, resumed after every error: an ill-formed document
 * is read as far as it goes (what loose parsing would give) and each error is reported as a problem.
 *
 * Entities: sax reads no DTD; `doctypeEntities` reads the internal subset, and only entities whose replacement is
 * plain text are expanded (see there), up to `maxExpandedChars` in all: no billion laughs, no quadratic blowup, no
 * XXE. A reference to any other entity stays as literal text and is reported. HTML's named entities (`&nbsp;`),
 * undefined in XML, are decoded but reported.
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

/** Text that declared entities may add to a document, in all: a flat entity referenced a million times stops here. */
const maxExpandedChars = 1_000_000;

/** A general entity of the DOCTYPE: its replacement text, or why it is not expanded. */
export type DeclaredEntity = { text: string } | { refused: string };

const entityDeclaration = /^<!ENTITY\s+(%\s*)?([^\s"'%;>]+)\s+(?:"([^"]*)"|'([^']*)'|([\s\S]*))>$/;

/** Where the declaration starting at `at` (`<!…`) ends, past its `>`: quoted `>` does not end it. -1 if it never does. */
function declarationEnd(subset: string, at: number): number {
  for (let i = at + 2, quote = ''; i < subset.length; i++) {
    const c = subset[i];
    if (quote) quote = c === quote ? '' : quote;
    else if (c === '"' || c === "'") quote = c;
    else if (c === '>') return i + 1;
  }
  return -1;
}

/**
 * The general entities declared in a DOCTYPE's internal subset (sax's `ondoctype` text). An entity is expanded only
 * when its replacement text, character references read, holds neither `&` nor `<` (nor `%`, a parameter entity
 * reference the internal subset does not allow there): it then refers to no other entity and contains no markup,
 * so inserting it as text is exactly what XML means by it, and one reference adds at most its own length. External entities (SYSTEM, PUBLIC) are never read. As XML 1.0 §5.1 asks of a processor
 * that does not read external parameter entities, declarations after a reference to one are not processed.
 * The first declaration of a name wins; the predefined five cannot be redeclared.
 */
export function doctypeEntities(doctype: string): Map<string, DeclaredEntity> {
  const entities = new Map<string, DeclaredEntity>();
  const open = doctype.indexOf('[');
  const close = doctype.lastIndexOf(']');
  if (open === -1 || close < open) return entities;
  const subset = doctype.slice(open + 1, close);
  let unreadParameterEntity = false;
  for (let at = 0; at < subset.length; ) {
    if (subset.startsWith('<!--', at) || subset.startsWith('<?', at)) {
      const end = subset.indexOf(subset[at + 1] === '?' ? '?>' : '-->', at + 2);
      if (end === -1) break;
      at = end + 2;
    } else if (subset.startsWith('<!', at)) {
      const end = declarationEnd(subset, at);
      if (end === -1) break;
      const match = subset.slice(at, end).match(entityDeclaration);
      at = end;
      if (!match || match[1] !== undefined || entities.has(match[2]) || xmlEntities.has(match[2])) continue;
      const [, , name, double, single] = match;
      const literal = double ?? single;
      if (unreadParameterEntity) entities.set(name, { refused: 'it is declared after a parameter entity that was not read' });
      else if (literal === undefined) entities.set(name, { refused: 'it is external (SYSTEM or PUBLIC), and external entities are never read' });
      else {
        const text = literal.includes('%') ? null : replacementText(literal);
        entities.set(name, text === null ? { refused: 'its replacement text is not plain text (it refers to other entities, or holds markup or a character XML forbids)' } : { text });
      }
    } else {
      if (subset[at] === '%') unreadParameterEntity = true;
      at++;
    }
  }
  return entities;
}

/** XML 1.0's Char production: what a character reference may stand for. */
const isXmlChar = (code: number) =>
  code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);

/** A literal's character references read; null when the result is not plain text (see `doctypeEntities`). */
function replacementText(literal: string): string | null {
  let invalid = false;
  const text = literal.replace(/&#(x[0-9a-fA-F]+|[0-9]+);/g, (_, digits: string) => {
    const code = digits[0] === 'x' ? parseInt(digits.slice(1), 16) : parseInt(digits, 10);
    if (!isXmlChar(code)) invalid = true;
    return invalid ? '' : String.fromCodePoint(code);
  });
  return invalid || /[&<]/.test(text) ? null : text;
}

/** Where `&` is literal text in XML: CDATA sections, comments and processing instructions, by what ends each. */
const literalSection = /<!\[CDATA\[|<!--|<\?/g;
const literalSectionEnd: Record<string, string> = { '<![CDATA[': ']]>', '<!--': '-->', '<?': '?>' };

/**
 * `AT&T</title>`: sax would take the `<` after a broken entity as text and lose the element. Bare ampersands outside
 * CDATA sections, comments and processing instructions are escaped first, as a forgiving reader would read them.
 * One linear pass (no backtracking regex: a document of unterminated `<![CDATA[` would make one quadratic).
 */
function escapeBareAmpersands(text: string): { text: string; escaped: number } {
  const reference = /&(?:[A-Za-z_:][\w.:-]*|#\d+|#x[\da-fA-F]+);/y;
  /** The next literal section at or after `from`: its start, and its end (-1 when it never ends). */
  const sectionFrom = (from: number) => {
    literalSection.lastIndex = from;
    const start = literalSection.exec(text);
    if (!start) return null;
    const terminator = literalSectionEnd[start[0]];
    const end = text.indexOf(terminator, start.index + start[0].length);
    return { start: start.index, end: end === -1 ? -1 : end + terminator.length };
  };
  let out = '';
  let copiedTo = 0;
  let escaped = 0;
  let section = sectionFrom(0);
  let at = text.indexOf('&');
  while (at !== -1) {
    if (section && section.start < at) {
      if (section.end === -1) break; // the rest is one unterminated section
      if (at < section.end) at = text.indexOf('&', section.end);
      section = sectionFrom(section.end);
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
  const saxState = parser as unknown as { entity: string };
  let declaredEntities = new Map<string, DeclaredEntity>();
  let expandedChars = 0;
  let countedAt = -1;

  // Entities declared in the DOCTYPE as `doctypeEntities` allows; HTML's decoded like a browser would, but noted:
  // the XML is not well-formed.
  (parser as unknown as { ENTITIES: object }).ENTITIES = new Proxy(
    {},
    {
      get(_, name) {
        if (typeof name !== 'string') return undefined;
        const declared = declaredEntities.get(name);
        // sax asks again in lower case: a name declared in the DOCTYPE matches only as written.
        if (declared && name === saxState.entity) {
          if (!('text' in declared)) return undefined;
          // sax looks a value up twice (a test, then the read): a reference is counted once, by where it ends.
          if (countedAt !== parser.position) {
            if (expandedChars + declared.text.length > maxExpandedChars) return undefined;
            expandedChars += declared.text.length;
            countedAt = parser.position;
          }
          return declared.text;
        }
        // Own names only: `&constructor;` must not reach Object.prototype.
        if (!Object.hasOwn(htmlEntities, name)) return undefined;
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
    const declared = message === 'Invalid character entity' ? declaredEntities.get(saxState.entity) : undefined;
    if (!declared) report(`not well-formed XML: ${message} (line ${parser.line + 1}, column ${parser.column})`);
    else if ('refused' in declared) report(`entity &${saxState.entity}; declared in the DOCTYPE was not expanded: ${declared.refused}`);
    else report(`entity &${saxState.entity}; was not expanded: declared entities may add at most ${maxExpandedChars} characters to a document`);
    parser.error = null as unknown as Error; // resume: sax goes on as its loose mode would
  };
  parser.ondoctype = (doctype) => {
    declaredEntities = doctypeEntities(doctype);
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
