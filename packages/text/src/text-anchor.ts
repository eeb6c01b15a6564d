export type TextSpan = { start: number; end: number };

/**
 * Where a quoted passage stands in `text` now: at `start` when it is still there, else at its occurrence nearest to
 * `start` (edits elsewhere shift it only a little), or null when the passage is gone. Offsets are UTF-16 code units.
 */
export function reanchor(text: string, quote: string, start: number): TextSpan | null {
  if (!quote) return null;
  if (text.startsWith(quote, start)) return { start, end: start + quote.length };
  let best: number | null = null;
  for (let at = text.indexOf(quote); at !== -1; at = text.indexOf(quote, at + 1)) {
    if (best === null || Math.abs(at - start) < Math.abs(best - start)) best = at;
    else break; // occurrences come in order: once they move away from `start`, none comes closer
  }
  return best === null ? null : { start: best, end: best + quote.length };
}
