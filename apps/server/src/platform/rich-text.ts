import sanitizeHtml from 'sanitize-html';
import { allowedInlineStyles } from '../../../../packages/text/src/inline-styles.ts';

/**
 * What a stored or published body may contain: structure, emphasis, links, images, videos, attachments (a download
 * link to the asset library), tables and the inline styles WeChat articles are made of — no script, no event
 * handlers, no javascript: or data: links, no positioning. The console's editor writes and keeps all of it.
 */
const policy: sanitizeHtml.IOptions = {
  allowedTags: [
    'p', 'br', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'code', 'ul', 'ol', 'li', 'strong', 'b', 'em', 'i', 'u', 's',
    'sub', 'sup', 'span', 'section', 'figure', 'figcaption', 'a', 'img', 'video', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'caption',
  ],
  allowedAttributes: {
    '*': ['style'],
    a: ['href', 'title', 'target', 'rel', 'download', 'data-asset-id'],
    img: ['src', 'alt', 'title', 'width', 'height', 'data-asset-id'],
    video: ['src', 'poster', 'controls', 'width', 'height', 'data-asset-id'],
    td: ['colspan', 'rowspan'],
    th: ['colspan', 'rowspan'],
  },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesByTag: { img: ['http', 'https'], video: ['http', 'https'] },
  allowProtocolRelative: false,
  allowedStyles: { '*': allowedInlineStyles },
  transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer' }) },
};

export function sanitizeRichText(html: string): string {
  return sanitizeHtml(html, policy);
}
