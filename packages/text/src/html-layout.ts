// How a browser lays out HTML, as far as the text a reader sees goes: shared by visibleText and the console's editor.

/** Elements whose content a reader never sees on the page. */
export const hiddenElements = new Set(['script', 'style', 'noscript', 'template', 'head', 'title', 'iframe', 'object', 'svg', 'math']);

/** Elements that start on a new line and end one, as a browser lays them out. */
export const blockElements = new Set([
  'address', 'article', 'aside', 'blockquote', 'caption', 'dd', 'details', 'dialog', 'div', 'dl', 'dt', 'fieldset',
  'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'li', 'main',
  'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'tfoot', 'thead', 'tr', 'ul',
]);

/** Elements that break the line where they stand. */
export const lineBreaks = new Set(['br', 'hr']);

/** Table cells are separated by a tab, as innerText does. */
export const cellElements = new Set(['td', 'th']);

/** Whitespace a browser collapses outside <pre> (U+00A0 is not). */
export const collapsibleWhitespace = /[ \t\n\r\f]/;
