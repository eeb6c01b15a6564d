import { reanchor } from '../../../../../packages/text/src/text-anchor.ts';
import { rangeOfSpan, type TextIndex } from './text-positions';

/** A comment thread's quote and where it stood in the visible text of the version it was made on. */
export type QuotedPassage = { id: number; quote: string; anchor: { start: number; end: number } };

/**
 * Where each thread's quote stands in the document now: at its old offsets, else at the occurrence of the quote
 * nearest to them (text before it changed); null once the quote is gone, so the thread is listed without a mark.
 */
export function locatePassages(index: TextIndex, passages: readonly QuotedPassage[]): Map<number, { from: number; to: number } | null> {
  return new Map(
    passages.map((passage) => {
      const span = reanchor(index.text, passage.quote, passage.anchor.start);
      return [passage.id, span && rangeOfSpan(index, span.start, span.end)];
    }),
  );
}
