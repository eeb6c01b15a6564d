import { getSchema } from '@tiptap/core';
import type { DOMOutputSpec, Mark, Node as PmNode } from '@tiptap/pm/model';
import { articleExtensions } from './editor-extensions';

/** For the editor's unit tests, under node without a DOM: the article schema, documents built from it, and its HTML. */

export const schema = getSchema(articleExtensions);

type Child = PmNode | string;
const content = (children: Child[]) => children.map((child) => (typeof child === 'string' ? schema.text(child) : child));

export const doc = (...children: PmNode[]) => schema.node('doc', null, children);
export const p = (...children: Child[]) => schema.node('paragraph', null, content(children));
export const h = (level: number, ...children: Child[]) => schema.node('heading', { level }, content(children));
export const quote = (...children: PmNode[]) => schema.node('blockquote', null, children);
export const ul = (...items: PmNode[]) => schema.node('bulletList', null, items);
export const ol = (...items: PmNode[]) => schema.node('orderedList', null, items);
export const li = (...children: PmNode[]) => schema.node('listItem', null, children);
export const pre = (code: string) => schema.node('codeBlock', null, code ? [schema.text(code)] : []);
export const br = () => schema.node('hardBreak');
export const hr = () => schema.node('horizontalRule');
export const img = (src: string) => schema.node('image', { src });
export const video = (src: string) => schema.node('video', { src });
export const section = (...children: PmNode[]) => schema.node('section', null, children);
export const table = (...rows: PmNode[]) => schema.node('table', null, rows);
export const tr = (...cells: PmNode[]) => schema.node('tableRow', null, cells);
export const th = (...children: PmNode[]) => schema.node('tableHeader', null, children);
export const td = (...children: PmNode[]) => schema.node('tableCell', null, children);
export const bold = (text: string) => schema.text(text, [schema.marks.bold.create()]);
export const italic = (text: string) => schema.text(text, [schema.marks.italic.create()]);
export const code = (text: string) => schema.text(text, [schema.marks.code.create()]);
export const link = (text: string, href: string) => schema.text(text, [schema.marks.link.create({ href })]);

const voidElements = new Set(['br', 'hr', 'img', 'col']);
const escapeText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\u00a0/g, '&nbsp;');
const escapeAttribute = (value: string) => escapeText(value).replace(/"/g, '&quot;');

/** An output spec as HTML, with `hole` for its content hole (0). */
function render(spec: DOMOutputSpec, hole: () => string): string {
  if (typeof spec === 'string') return escapeText(spec);
  if (!Array.isArray(spec)) throw new Error('the article schema writes every node as an array spec');
  const [tag, ...rest] = spec as readonly unknown[];
  const hasAttributes = rest.length > 0 && typeof rest[0] === 'object' && rest[0] !== null && !Array.isArray(rest[0]);
  const attributes = hasAttributes
    ? Object.entries(rest[0] as Record<string, unknown>)
        .filter(([, value]) => value !== null && value !== undefined)
        .map(([name, value]) => ` ${name}="${escapeAttribute(String(value))}"`)
        .join('')
    : '';
  if (voidElements.has(String(tag))) return `<${String(tag)}${attributes}>`;
  const children = (hasAttributes ? rest.slice(1) : rest).map((child) => (child === 0 ? hole() : render(child as DOMOutputSpec, hole))).join('');
  return `<${String(tag)}${attributes}>${children}</${String(tag)}>`;
}

const markHtml = (mark: Mark, inner: string) => render(mark.type.spec.toDOM!(mark, true), () => inner);

/** The HTML the editor's getHTML writes for a document (ProseMirror's DOMSerializer, as innerHTML), built without a DOM. */
export function htmlOf(node: PmNode): string {
  if (node.isText) return node.marks.reduceRight((inner, mark) => markHtml(mark, inner), escapeText(node.text ?? ''));
  const children = () => {
    let html = '';
    node.forEach((child) => (html += htmlOf(child)));
    return html;
  };
  if (node.type.name === 'doc') return children();
  return render(node.type.spec.toDOM!(node), children);
}
