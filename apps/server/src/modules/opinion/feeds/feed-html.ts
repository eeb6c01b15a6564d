import { Parser } from 'htmlparser2';
import sax from 'sax';

/**
 * The HTML of a feed (descriptions, content, Atom text of type html/xhtml) made safe and normal, as feedparser's
 * sanitiser does: elements and attributes from an allow-list, what a reader never sees (script, style, iframe …)
 * dropped with its content, other elements dropped with their content kept, event handlers and javascript: URLs
 * gone, inline CSS reduced to harmless properties, relative URLs resolved. The result is re-serialised: text
 * escaped (its character references kept as written: they can only ever be text), attributes decoded, checked and
 * escaped whole, void elements written `<br />`, every element closed.
 *
 * A value without markup is returned as given: there is nothing to sanitise, and escaping its `&` would make it
 * read differently downstream, where a value is taken as HTML only when it has tags.
 */

const allowedElements = new Set([
  'a', 'abbr', 'acronym', 'address', 'area', 'article', 'aside', 'audio', 'b', 'bdi', 'bdo', 'big', 'blockquote', 'br',
  'caption', 'center', 'cite', 'code', 'col', 'colgroup', 'dd', 'del', 'details', 'dfn', 'dir', 'div', 'dl', 'dt', 'em',
  'figcaption', 'figure', 'font', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'i', 'img', 'ins', 'kbd',
  'li', 'main', 'map', 'mark', 'nav', 'ol', 'p', 'picture', 'pre', 'q', 'rp', 'rt', 'ruby', 's', 'samp', 'section',
  'small', 'source', 'span', 'strike', 'strong', 'sub', 'summary', 'sup', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead',
  'time', 'tr', 'track', 'tt', 'u', 'ul', 'var', 'video', 'wbr',
]);

/**
 * Dropped with everything inside: active content, what a reader never sees (every element visibleText hides is here),
 * form controls, and the raw-text and foreign (SVG, MathML) elements a browser would parse differently from us.
 */
const droppedWithContent = new Set([
  'applet', 'button', 'embed', 'frame', 'frameset', 'head', 'iframe', 'math', 'noembed', 'noframes', 'noscript', 'object',
  'option', 'plaintext', 'script', 'select', 'style', 'svg', 'template', 'textarea', 'title', 'xmp',
]);

const voidElements = new Set(['area', 'br', 'col', 'hr', 'img', 'source', 'track', 'wbr']);

const allowedAttributes = new Set([
  'abbr', 'align', 'alt', 'axis', 'bgcolor', 'border', 'cellpadding', 'cellspacing', 'char', 'charoff', 'cite', 'class',
  'clear', 'color', 'cols', 'colspan', 'compact', 'controls', 'coords', 'datetime', 'dir', 'face', 'headers', 'height',
  'href', 'hreflang', 'hspace', 'kind', 'label', 'lang', 'loop', 'muted', 'nowrap', 'poster', 'preload', 'rel', 'rev',
  'rowspan', 'rules', 'scope', 'shape', 'size', 'span', 'src', 'srclang', 'start', 'style', 'summary', 'title', 'type',
  'valign', 'vspace', 'width',
]);
const urlAttributes = new Set(['href', 'src', 'cite', 'poster']);
const allowedSchemes = new Set(['http:', 'https:', 'ftp:', 'mailto:', 'tel:']);

/**
 * A URL as the browser would follow it (tabs and newlines removed, as the URL parser does: `java&#9;script:`),
 * resolved against `base`; null when its scheme could run or load something other than a page or a file.
 */
export function safeUrl(value: string, base: string | undefined): string | null {
  const url = value.replace(/[\t\n\r]/g, '').replace(/^[\x00-\x20]+|[\x00-\x20]+$/g, '');
  const scheme = url.match(/^([a-z][a-z0-9+.-]*):/i)?.[1];
  if (scheme !== undefined && !allowedSchemes.has(`${scheme.toLowerCase()}:`)) return null;
  if (scheme !== undefined || !base) return url;
  try {
    const resolved = new URL(url, base);
    return allowedSchemes.has(resolved.protocol) ? resolved.href : null;
  } catch {
    return url;
  }
}

// Inline CSS: feedparser's rules. Properties that cannot move, cover or load anything, with any value; the background,
// border, margin and padding families with keywords, colours and lengths only.
const allowedCssProperties = new Set([
  'background-color', 'border-bottom-color', 'border-collapse', 'border-color', 'border-left-color', 'border-right-color',
  'border-top-color', 'clear', 'color', 'direction', 'display', 'float', 'font', 'font-family', 'font-size', 'font-style',
  'font-variant', 'font-weight', 'height', 'letter-spacing', 'line-height', 'overflow', 'text-align', 'text-decoration',
  'text-indent', 'unicode-bidi', 'vertical-align', 'white-space', 'width',
]);
const cssFamilies = new Set(['background', 'border', 'margin', 'padding']);
const cssKeywords = new Set([
  'auto', 'aqua', 'black', 'block', 'blue', 'bold', 'both', 'bottom', 'brown', 'center', 'collapse', 'dashed', 'dotted',
  'fuchsia', 'gray', 'green', '!important', 'italic', 'left', 'lime', 'maroon', 'medium', 'none', 'navy', 'normal', 'nowrap',
  'olive', 'pointer', 'purple', 'red', 'right', 'solid', 'silver', 'teal', 'top', 'transparent', 'underline', 'white', 'yellow',
]);
const cssValue = /^(#[0-9a-f]+|rgb\(\d+%?,\d*%?,?\d*%?\)?|\d{0,2}\.?\d{0,2}(cm|em|ex|in|mm|pc|pt|px|%|,|\))?)$/i;
/** Only these characters get through: no escapes, no comments, no functions but rgb() of numbers. */
const cssGauntlet = /^(?:[:,;#%.\s\p{L}\p{N}_!]|[\p{L}\p{N}_]-[\p{L}\p{N}_]|'[\s\p{L}\p{N}_]+'|"[\s\p{L}\p{N}_]+"|\([\d,\s]+\))*$/u;
const cssDeclarations = /^\s*([-\w]+\s*:[^:;]*(;\s*|$))*$/;

export function safeCss(style: string): string {
  const text = style.replace(/url\s*\(\s*[^\s)]+?\s*\)\s*/gi, ' ');
  if (!cssGauntlet.test(text) || !cssDeclarations.test(text)) return '';
  const kept: string[] = [];
  for (const declaration of text.split(';')) {
    const colon = declaration.indexOf(':');
    if (colon === -1) continue;
    const property = declaration.slice(0, colon).trim().toLowerCase();
    const value = declaration.slice(colon + 1).trim();
    if (!property || !value) continue;
    const family = cssFamilies.has(property.split('-')[0]);
    if (allowedCssProperties.has(property) || (family && value.split(/\s+/).every((word) => cssKeywords.has(word.toLowerCase()) || cssValue.test(word)))) {
      kept.push(`${property}: ${value};`);
    }
  }
  return kept.join(' ');
}

/** `&` that starts no character reference, `<` and `>`. */
const escapeText = (text: string) =>
  /[&<>]/.test(text) ? text.replace(/&(?!#\d+;|#x[\da-f]+;|[a-z][a-z\d]*;)/gi, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;') : text;
// Every & (the value is decoded first), and < and > though a quoted value needs neither: no reader can take an
// attribute for a tag however it parses.
const escapeAttribute = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const namedReferences = (sax as unknown as { ENTITIES: Record<string, string> }).ENTITIES;

/**
 * An attribute value as a browser reads it, so that its URL is checked as it will be followed (`&#106;avascript:`):
 * numeric references with or without `;`, HTML 4's named ones. A reference left undecoded is harmless: the value is
 * escaped whole, so the browser reads exactly the string that was checked.
 */
function decodeAttribute(value: string): string {
  if (!value.includes('&')) return value;
  return value.replace(/&(?:#(\d+)|#x([\da-f]+));?|&([a-z][a-z\d]*);/gi, (reference, decimal: string | undefined, hex: string | undefined, name: string | undefined) => {
    if (name !== undefined) return Object.hasOwn(namedReferences, name) ? namedReferences[name] : reference;
    const code = decimal !== undefined ? parseInt(decimal, 10) : parseInt(hex!, 16);
    return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : '\uFFFD';
  });
}

function attributesOf(attributes: Record<string, string>, base: string | undefined): string {
  let out = '';
  for (const name in attributes) {
    if (!allowedAttributes.has(name)) continue;
    const raw = decodeAttribute(attributes[name]);
    const value = urlAttributes.has(name) ? safeUrl(raw, base) : name === 'style' ? safeCss(raw) || null : raw;
    if (value !== null) out += ` ${name}="${escapeAttribute(value)}"`;
  }
  return out;
}

/** What a browser could read as the start of a tag, a comment or a declaration. */
const markupStart = /<[a-z!/?]/i;

/** How an opened element was handled, so that its end tag is handled alike. */
type Kept = 'element' | 'content only' | 'nothing';

export function sanitizeFeedHtml(html: string, base: string | undefined): string {
  if (!markupStart.test(html)) return html;
  let out = '';
  let droppedDepth = 0;
  const open: Kept[] = [];
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        let kept: Kept;
        if (droppedDepth || droppedWithContent.has(name)) {
          droppedDepth++;
          kept = 'nothing';
        } else if (allowedElements.has(name)) {
          out += voidElements.has(name) ? `<${name}${attributesOf(attributes, base)} />` : `<${name}${attributesOf(attributes, base)}>`;
          kept = 'element';
        } else kept = 'content only';
        open.push(kept);
      },
      onclosetag(name) {
        const kept = open.pop();
        if (kept === 'nothing') droppedDepth--;
        else if (kept === 'element' && !voidElements.has(name)) out += `</${name}>`;
      },
      ontext(text) {
        if (!droppedDepth) out += escapeText(text);
      },
    },
    // Entities are read here, not by the tokenizer: it then skips through text to the next `<` (twice as fast).
    { decodeEntities: false },
  );
  parser.write(html);
  parser.end();
  return out;
}
