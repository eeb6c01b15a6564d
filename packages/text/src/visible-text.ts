import { Parser } from 'htmlparser2';
import { blockElements, cellElements, collapsibleWhitespace, hiddenElements, lineBreaks } from './html-layout.ts';

const whitespaceRun = new RegExp(`${collapsibleWhitespace.source}+`, 'g');

/**
 * The text a reader sees: tags stripped, entities decoded (&nbsp; stays U+00A0, which browsers never collapse),
 * hidden elements skipped, each block ending with '\n', and whitespace runs in inline text collapsed to one
 * space, none at the start or end of a line. Inside <pre> the whitespace is kept as written.
 */
export function visibleText(html: string): string {
  let out = '';
  let hiddenDepth = 0;
  let preDepth = 0;
  /** A collapsed space waits here until it is known not to end a line. */
  let pendingSpace = false;

  const atLineStart = () => out.length === 0 || out.endsWith('\n');
  const newline = () => {
    pendingSpace = false;
    out += '\n';
  };
  const requestSpace = () => {
    pendingSpace = !atLineStart() && !out.endsWith('\t');
  };
  const endLine = () => {
    if (out.endsWith('\t')) out = out.slice(0, -1);
    if (!atLineStart()) newline();
    pendingSpace = false;
  };

  const parser = new Parser(
    {
      onopentag(name) {
        if (hiddenElements.has(name)) hiddenDepth++;
        if (hiddenDepth > 0) return;
        if (name === 'pre') preDepth++;
        if (lineBreaks.has(name)) newline();
        else if (blockElements.has(name)) endLine();
      },
      onclosetag(name) {
        if (hiddenElements.has(name)) {
          hiddenDepth = Math.max(0, hiddenDepth - 1);
          return;
        }
        if (hiddenDepth > 0) return;
        if (name === 'pre') preDepth = Math.max(0, preDepth - 1);
        if (blockElements.has(name)) endLine();
        else if (cellElements.has(name)) {
          pendingSpace = false;
          out += '\t';
        }
      },
      ontext(data) {
        if (hiddenDepth > 0) return;
        if (preDepth > 0) {
          out += data;
          return;
        }
        const collapsed = data.replace(whitespaceRun, ' ');
        if (!collapsed) return;
        const leading = collapsed.charCodeAt(0) === 0x20;
        const trailing = collapsed.length > 1 && collapsed.charCodeAt(collapsed.length - 1) === 0x20;
        const words = collapsed.slice(leading ? 1 : 0, trailing ? -1 : collapsed.length);
        if (leading) requestSpace();
        if (words) {
          if (pendingSpace) out += ' ';
          pendingSpace = false;
          out += words;
        }
        if (trailing) requestSpace();
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  return out;
}
