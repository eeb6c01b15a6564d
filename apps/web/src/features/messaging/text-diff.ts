export type DiffPart = { kind: 'same' | 'added' | 'removed'; text: string };

/** Past this many cells the middle is shown as removed-then-added: wordings are short, so it is rare. */
const MAX_TABLE_CELLS = 4_000_000;

function push(parts: DiffPart[], kind: DiffPart['kind'], text: string): void {
  if (!text) return;
  const last = parts.at(-1);
  if (last?.kind === kind) last.text += text;
  else parts.push({ kind, text });
}

/**
 * A character-level diff (Chinese has no spaces to split words on) by longest common subsequence,
 * after the common prefix and suffix are set aside. Code points, not UTF-16 units, so no emoji is split.
 */
export function diffText(before: string, after: string): DiffPart[] {
  const a = [...before];
  const b = [...after];
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix += 1;
  let suffix = 0;
  while (suffix < a.length - prefix && suffix < b.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix += 1;
  const oldMiddle = a.slice(prefix, a.length - suffix);
  const newMiddle = b.slice(prefix, b.length - suffix);

  const parts: DiffPart[] = [];
  push(parts, 'same', a.slice(0, prefix).join(''));
  const rows = oldMiddle.length;
  const cols = newMiddle.length;
  if (rows * cols > MAX_TABLE_CELLS) {
    push(parts, 'removed', oldMiddle.join(''));
    push(parts, 'added', newMiddle.join(''));
  } else {
    // lengths[i][j]: the LCS length of oldMiddle[i..] and newMiddle[j..], in one flat array.
    const width = cols + 1;
    const lengths = new Uint32Array((rows + 1) * width);
    for (let i = rows - 1; i >= 0; i -= 1) {
      for (let j = cols - 1; j >= 0; j -= 1) {
        lengths[i * width + j] =
          oldMiddle[i] === newMiddle[j]
            ? lengths[(i + 1) * width + j + 1] + 1
            : Math.max(lengths[(i + 1) * width + j], lengths[i * width + j + 1]);
      }
    }
    let i = 0;
    let j = 0;
    while (i < rows && j < cols) {
      if (oldMiddle[i] === newMiddle[j]) {
        push(parts, 'same', oldMiddle[i]);
        i += 1;
        j += 1;
      } else if (lengths[(i + 1) * width + j] >= lengths[i * width + j + 1]) {
        push(parts, 'removed', oldMiddle[i]);
        i += 1;
      } else {
        push(parts, 'added', newMiddle[j]);
        j += 1;
      }
    }
    push(parts, 'removed', oldMiddle.slice(i).join(''));
    push(parts, 'added', newMiddle.slice(j).join(''));
  }
  push(parts, 'same', a.slice(a.length - suffix).join(''));
  return parts;
}
