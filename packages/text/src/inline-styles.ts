// The inline styles an article body may carry, shared by the server's sanitiser and the console's editor: the editor
// keeps exactly what the server keeps, so what an author sees while editing is what is stored and published.

const colour = [/^#[0-9a-f]{3,8}$/i, /^rgba?\([\d\s.,%]+\)$/i, /^[a-z]+$/i];

/**
 * The properties WeChat articles are laid out with, each with the values it may take: colours, alignment, type,
 * spacing and widths — nothing that positions, hides or loads anything.
 */
export const allowedInlineStyles: Record<string, RegExp[]> = {
  color: colour,
  'background-color': colour,
  'text-align': [/^(left|right|center|justify)$/],
  'font-size': [/^\d+(\.\d+)?(px|em|rem|%)$/],
  'font-weight': [/^(normal|bold|\d{3})$/],
  'line-height': [/^\d+(\.\d+)?(px|em|%)?$/],
  'letter-spacing': [/^-?\d+(\.\d+)?(px|em)$/],
  margin: [/^[\d\s.pxem%auto-]+$/],
  padding: [/^[\d\s.pxem%]+$/],
  'text-indent': [/^\d+(\.\d+)?(px|em)$/],
  width: [/^\d+(\.\d+)?(px|%)$/],
  'max-width': [/^\d+(\.\d+)?(px|%)$/],
};

const important = /\s*!important$/i;

/**
 * The declarations of a style attribute that the policy allows, in their order, each property once (the last one
 * written wins, as in CSS). Names are matched as written, as the sanitiser matches them; `!important` is kept.
 */
export function allowedStyleDeclarations(style: string): [property: string, value: string][] {
  const kept = new Map<string, string>();
  for (const declaration of style.split(';')) {
    const colon = declaration.indexOf(':');
    if (colon < 0) continue;
    const property = declaration.slice(0, colon).trim();
    const value = declaration.slice(colon + 1).trim();
    const patterns = Object.hasOwn(allowedInlineStyles, property) ? allowedInlineStyles[property] : undefined;
    if (!patterns?.some((pattern) => pattern.test(value.replace(important, '')))) continue;
    kept.delete(property);
    kept.set(property, value);
  }
  return [...kept];
}
