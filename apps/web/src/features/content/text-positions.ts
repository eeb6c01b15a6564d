import type { Node as PmNode } from '@tiptap/pm/model';
import { blockElements, cellElements, collapsibleWhitespace, hiddenElements, lineBreaks } from '../../../../../packages/text/src/html-layout.ts';

/**
 * The visible text of a document exactly as the server's visibleText reads the editor's HTML (the text compliance
 * findings and comment anchors count in), and for each of its UTF-16 units the document range it stands for.
 * A collapsed run of spaces stands for the whole run; a line end for the place where its block ends.
 */
export type TextIndex = { text: string; starts: number[]; ends: number[] };

/** The element a node is written as in HTML, from its schema's toDOM: p, h2, li, pre, br, img… */
function tagOf(node: PmNode): string | null {
  const spec = node.type.spec.toDOM?.(node);
  return Array.isArray(spec) && typeof spec[0] === 'string' ? spec[0].toLowerCase() : null;
}

/** Walks the document's nodes in order, laying lines and table cells out as visible-text.ts does. */
export function textIndexOf(doc: PmNode): TextIndex {
  let text = '';
  const starts: number[] = [];
  const ends: number[] = [];
  /** Where a run of whitespace began, while its one space waits to be known not to end the line. */
  let pendingSpace: number | null = null;

  const emit = (unit: string, start: number, end: number) => {
    text += unit;
    starts.push(start);
    ends.push(end);
  };
  const atLineStart = () => text.length === 0 || text.endsWith('\n');
  const endLine = (pos: number) => {
    pendingSpace = null;
    // A cell's tab before the end of a line is dropped, as innerText drops it.
    if (text.endsWith('\t')) {
      text = text.slice(0, -1);
      starts.pop();
      ends.pop();
    }
    if (!atLineStart()) emit('\n', pos, pos);
  };

  const walkText = (value: string, pos: number, preformatted: boolean) => {
    for (let i = 0; i < value.length; i += 1) {
      const unit = value[i];
      if (preformatted) emit(unit, pos + i, pos + i + 1);
      else if (collapsibleWhitespace.test(unit)) {
        if (pendingSpace === null && !atLineStart() && !text.endsWith('\t')) pendingSpace = pos + i;
      } else {
        if (pendingSpace !== null) emit(' ', pendingSpace, pos + i);
        pendingSpace = null;
        emit(unit, pos + i, pos + i + 1);
      }
    }
  };

  /** `pos` is the position just before `node`. */
  const walk = (node: PmNode, pos: number, preformatted: boolean) => {
    if (node.isText) return walkText(node.text ?? '', pos, preformatted);
    const tag = tagOf(node);
    if (tag !== null && hiddenElements.has(tag)) return;
    if (tag !== null && lineBreaks.has(tag)) {
      pendingSpace = null;
      emit('\n', pos, pos + node.nodeSize);
      return;
    }
    const block = tag !== null && blockElements.has(tag);
    if (block) endLine(pos);
    node.forEach((child, offset) => walk(child, pos + 1 + offset, preformatted || tag === 'pre'));
    if (block) endLine(pos + node.nodeSize - 1);
    else if (tag !== null && cellElements.has(tag)) {
      pendingSpace = null;
      emit('\t', pos + node.nodeSize - 1, pos + node.nodeSize - 1);
    }
  };

  doc.forEach((child, offset) => walk(child, offset, false));
  return { text, starts, ends };
}

/** The document range of visible text [start, end), or null when the span is empty or outside the text. */
export function rangeOfSpan(index: TextIndex, start: number, end: number): { from: number; to: number } | null {
  if (start < 0 || end > index.text.length || start >= end) return null;
  return { from: index.starts[start], to: index.ends[end - 1] };
}

/** The first i with values[i] >= target, for values in ascending order. */
function firstAtLeast(values: readonly number[], target: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (values[middle] < target) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * The visible text a document range (a selection) covers, without whitespace at either end, as offsets and the
 * quoted text; null when it covers no visible character.
 */
export function spanOfRange(index: TextIndex, from: number, to: number): { start: number; end: number; quote: string } | null {
  let start = firstAtLeast(index.ends, from + 1);
  let end = firstAtLeast(index.starts, to);
  while (start < end && /\s/.test(index.text[start])) start += 1;
  while (end > start && /\s/.test(index.text[end - 1])) end -= 1;
  return start < end ? { start, end, quote: index.text.slice(start, end) } : null;
}
