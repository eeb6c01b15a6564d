import { DomUtils, parseDocument } from 'htmlparser2';

type ChildNode = ReturnType<typeof parseDocument>['children'][number];
type Element = ReturnType<typeof DomUtils.getElementsByTagName>[number];

/**
 * Turns sanitised article HTML into what a WeChat article keeps: WeChat drops <style>, classes and ids, so every
 * element that needs a look carries it inline. The editor's own inline styles (alignment, colour …) win over these
 * defaults, except the few that keep images inside the phone screen.
 */
const defaultStyles: Record<string, string> = {
  p: 'margin:0 0 1em;font-size:16px;line-height:1.75;word-wrap:break-word',
  h1: 'margin:1.2em 0 0.6em;font-size:22px;font-weight:bold;line-height:1.4',
  h2: 'margin:1.2em 0 0.6em;font-size:20px;font-weight:bold;line-height:1.4',
  h3: 'margin:1.2em 0 0.6em;font-size:18px;font-weight:bold;line-height:1.4',
  h4: 'margin:1em 0 0.5em;font-size:17px;font-weight:bold;line-height:1.4',
  h5: 'margin:1em 0 0.5em;font-size:16px;font-weight:bold;line-height:1.4',
  h6: 'margin:1em 0 0.5em;font-size:16px;font-weight:bold;line-height:1.4',
  ul: 'margin:0 0 1em;padding-left:2em;list-style-type:disc',
  ol: 'margin:0 0 1em;padding-left:2em;list-style-type:decimal',
  li: 'margin:0 0 0.4em;font-size:16px;line-height:1.75',
  blockquote: 'margin:0 0 1em;padding:8px 16px;border-left:4px solid #d0d7de;background-color:#f6f8fa;color:#555555',
  figure: 'margin:0 0 1em;text-align:center',
  figcaption: 'margin-top:6px;font-size:14px;color:#888888;text-align:center',
  table: 'width:100%;border-collapse:collapse;margin:0 0 1em;font-size:15px',
  caption: 'padding:4px 0;font-size:14px;color:#888888',
  th: 'border:1px solid #dfe2e5;padding:6px 8px;background-color:#f6f8fa;font-weight:bold;text-align:left',
  td: 'border:1px solid #dfe2e5;padding:6px 8px',
  pre: 'margin:0 0 1em;padding:12px;background-color:#f6f8fa;font-size:14px;line-height:1.6;white-space:pre-wrap;word-break:break-all',
  code: 'font-family:Menlo,Consolas,monospace;font-size:14px;background-color:#f6f8fa;padding:2px 4px;border-radius:3px',
  hr: 'border:0;border-top:1px solid #e5e5e5;margin:1.5em 0',
  a: 'color:#576b95;text-decoration:none',
  strong: 'font-weight:bold',
  b: 'font-weight:bold',
  em: 'font-style:italic',
  i: 'font-style:italic',
};

/** Applied after the editor's styles: an image wider than the screen, or stretched by a fixed height, is broken on a phone. */
const forcedStyles: Record<string, string> = {
  img: 'max-width:100%;height:auto;box-sizing:border-box',
};

/** Elements WeChat removes or cannot play; dropped with their content rather than left to be mangled. */
const droppedElements = new Set(['script', 'style', 'noscript', 'template', 'iframe', 'object', 'embed', 'video', 'audio', 'form', 'input', 'button', 'link', 'meta']);

/** Attributes kept per element (plus `style` everywhere); class, id, data-* and event handlers are meaningless to WeChat. */
const keptAttributes: Record<string, readonly string[]> = {
  a: ['href', 'title'],
  img: ['src', 'alt', 'title', 'width', 'height'],
  td: ['colspan', 'rowspan'],
  th: ['colspan', 'rowspan'],
};

export type WeChatHtmlOptions = {
  /** Replacement for each body image src (the URL `media/uploadimg` returned); a src not in it is left as written. */
  imageUrls?: Readonly<Record<string, string>>;
};

/** The distinct <img src> of a body, in document order. */
export function collectImageSources(html: string): string[] {
  const doc = parseDocument(html);
  const sources = new Set<string>();
  for (const img of DomUtils.getElementsByTagName('img', doc.children, true)) {
    if (img.attribs.src) sources.add(img.attribs.src);
  }
  return [...sources];
}

/** Whether a body holds elements WeChat articles cannot carry (validate() reports them instead of losing them silently). */
export function unsupportedElements(html: string): string[] {
  const doc = parseDocument(html);
  const found = new Set<string>();
  for (const el of DomUtils.findAll((e) => droppedElements.has(e.name), doc.children)) found.add(el.name);
  return [...found];
}

export function toWeChatHtml(html: string, options: WeChatHtmlOptions = {}): string {
  const doc = parseDocument(html);
  transform(doc.children, options);
  return DomUtils.getOuterHTML(doc.children, { encodeEntities: 'utf8' });
}

function transform(nodes: ChildNode[], options: WeChatHtmlOptions) {
  for (const node of [...nodes]) {
    if (node.type === 'comment' || node.type === 'directive') {
      DomUtils.removeElement(node);
      continue;
    }
    if (!isElement(node)) continue;
    if (droppedElements.has(node.name)) {
      DomUtils.removeElement(node);
      continue;
    }
    restyle(node, options);
    transform(node.children, options);
    // A wide table scrolls sideways inside its own box instead of widening the whole article (once: the
    // conversion runs again on an already converted variant when the adapter swaps in the image URLs).
    if (node.name === 'table' && !isScrollBox(node.parent)) {
      const wrapper = parseDocument(`<section style="${scrollBoxStyle}"></section>`).children[0] as Element;
      DomUtils.replaceElement(node, wrapper);
      node.prev = null; // replaceElement hands these links to the wrapper; appendChild would otherwise unlink them again
      node.next = null;
      DomUtils.appendChild(wrapper, node);
    }
  }
}

const scrollBoxStyle = 'overflow-x:auto;margin:0 0 1em';

const isElement = (node: unknown): node is Element => typeof node === 'object' && node !== null && 'attribs' in node;

function isScrollBox(node: unknown): boolean {
  return isElement(node) && node.name === 'section' && node.attribs.style === scrollBoxStyle;
}

function restyle(el: Element, options: WeChatHtmlOptions) {
  const kept = keptAttributes[el.name] ?? [];
  const attribs: Record<string, string> = {};
  for (const [name, value] of Object.entries(el.attribs)) {
    if (kept.includes(name)) attribs[name] = value;
  }
  if (el.name === 'img' && attribs.src && options.imageUrls && Object.hasOwn(options.imageUrls, attribs.src)) {
    attribs.src = options.imageUrls[attribs.src];
  }
  const style = mergeStyles(defaultStyles[el.name], el.attribs.style, forcedStyles[el.name]);
  if (style) attribs.style = style;
  el.attribs = attribs;
}

/** Later declarations win, property by property; the result is one `a:b;c:d` string. */
export function mergeStyles(...layers: (string | undefined)[]): string {
  const merged = new Map<string, string>();
  for (const layer of layers) {
    for (const [property, value] of parseStyle(layer ?? '')) {
      merged.delete(property); // keep the winner's position last, as a browser reads it
      merged.set(property, value);
    }
  }
  return [...merged].map(([property, value]) => `${property}:${value}`).join(';');
}

/** Splits declarations on `;` outside parentheses (rgb(…) holds commas, a url(…) could hold `;`). */
function parseStyle(style: string): [string, string][] {
  const declarations: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < style.length; i++) {
    const c = style[i];
    if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if (c === ';' && depth === 0) {
      declarations.push(style.slice(start, i));
      start = i + 1;
    }
  }
  declarations.push(style.slice(start));
  const out: [string, string][] = [];
  for (const declaration of declarations) {
    const colon = declaration.indexOf(':');
    if (colon <= 0) continue;
    const property = declaration.slice(0, colon).trim().toLowerCase();
    const value = declaration.slice(colon + 1).trim();
    if (property && value) out.push([property, value]);
  }
  return out;
}
