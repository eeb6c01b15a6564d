import Image from '@tiptap/extension-image';
import Link from '@tiptap/extension-link';
import { TableKit } from '@tiptap/extension-table';
import { TextAlign } from '@tiptap/extension-text-align';
import { BackgroundColor, Color, TextStyle } from '@tiptap/extension-text-style';
import StarterKit from '@tiptap/starter-kit';
import { AssetReferences, Video } from './editor-media';
import { InlineStyles, Section, Subscript, Superscript } from './editor-styles';

/**
 * What an article body is made of in the editor: all of it survives the server's sanitiser
 * (apps/server/src/platform/rich-text.ts), and all the sanitiser keeps survives the editor — a body written elsewhere
 * (a WeChat layout, a Word table) and saved again from the console loses nothing (editor-round-trip.test.ts).
 * Headings go to level 6 because imported bodies have them; the toolbar offers three. Links open only from the
 * published page, not on a click while editing. Images sit in paragraphs, as WeChat places them, so a paragraph's
 * alignment centres its image. Tables are not resized by dragging: the column widths that writes are not kept.
 */
export const articleExtensions = [
  StarterKit.configure({ heading: { levels: [1, 2, 3, 4, 5, 6] }, link: false }),
  // Text typed at the end of a link is not part of it: an attachment's name and size stay what they were.
  Link.extend({ inclusive: false }).configure({ openOnClick: false }),
  Image.configure({ inline: true }),
  Video,
  Section,
  Subscript,
  Superscript,
  TableKit.configure({ table: { resizable: false } }),
  TextStyle,
  Color,
  BackgroundColor,
  TextAlign.configure({ types: ['heading', 'paragraph'] }),
  AssetReferences,
  InlineStyles,
];
