import { Extension, Mark, Node } from '@tiptap/core';
import { allowedStyleDeclarations } from '../../../../../packages/text/src/inline-styles.ts';

/** The nodes and marks that keep the inline styles they are written with. */
const STYLED_TYPES = [
  'paragraph', 'heading', 'blockquote', 'bulletList', 'orderedList', 'listItem', 'codeBlock', 'horizontalRule', 'image', 'video',
  'section', 'table', 'tableRow', 'tableHeader', 'tableCell',
  'textStyle', 'bold', 'italic', 'underline', 'strike', 'code', 'link', 'subscript', 'superscript',
];

const CELL_ALIGNMENTS = new Set(['left', 'right', 'center']);

/**
 * Properties another attribute of the node already reads and writes, which would otherwise be written twice:
 * alignment of paragraphs and headings (TextAlign), of table cells (their `align`, which knows no `justify`), and the
 * colour and highlight of text (Color, BackgroundColor).
 */
function ownedElsewhere(type: string, property: string, value: string): boolean {
  if (property === 'text-align') return type === 'paragraph' || type === 'heading' || ((type === 'tableCell' || type === 'tableHeader') && CELL_ALIGNMENTS.has(value));
  return type === 'textStyle' && (property === 'color' || property === 'background-color');
}

/** A style attribute as the node keeps it: the declarations the server allows, written as the server writes them. */
export function keptStyle(type: string, style: string | null): string | null {
  const kept = allowedStyleDeclarations(style ?? '')
    .filter(([property, value]) => !ownedElsewhere(type, property, value))
    .map(([property, value]) => `${property}:${value}`);
  return kept.length ? kept.join(';') : null;
}

/**
 * The inline styles of a body — WeChat articles are laid out with them: spacing and type on paragraphs, widths on
 * images and tables, colours on cells — kept on every node and mark that is written with them, as far as the server
 * keeps them (packages/text/src/inline-styles.ts), so a body read into the editor and saved again loses none.
 */
export const InlineStyles = Extension.create({
  name: 'inlineStyles',

  addGlobalAttributes() {
    return STYLED_TYPES.map((type) => ({
      types: [type],
      attributes: {
        style: {
          default: null,
          parseHTML: (element: HTMLElement) => keptStyle(type, element.getAttribute('style')),
          renderHTML: ({ style }: { style?: string | null }) => (style ? { style } : {}),
        },
      },
    }));
  },
});

/** `<section>`, the box WeChat layouts are built of (a styled frame around paragraphs and images). */
export const Section = Node.create({
  name: 'section',
  group: 'block',
  content: 'block+',

  parseHTML() {
    return [{ tag: 'section' }];
  },

  renderHTML({ HTMLAttributes }) {
    return ['section', HTMLAttributes, 0];
  },
});

/** `<sub>`: H₂O, SpO₂ in a medical article. */
export const Subscript = Mark.create({
  name: 'subscript',
  excludes: 'superscript',

  parseHTML() {
    return [{ tag: 'sub' }];
  },

  renderHTML({ HTMLAttributes }) {
    return ['sub', HTMLAttributes, 0];
  },
});

/** `<sup>`: m², 10⁹/L, a footnote's number. */
export const Superscript = Mark.create({
  name: 'superscript',
  excludes: 'subscript',

  parseHTML() {
    return [{ tag: 'sup' }];
  },

  renderHTML({ HTMLAttributes }) {
    return ['sup', HTMLAttributes, 0];
  },
});
