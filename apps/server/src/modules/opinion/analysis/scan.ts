import { repostMark } from './prepare.ts';
import type { NormalizedText } from '../../../../../../packages/text/src/normalize.ts';
import type { TermTrie, TrieHit } from './term-trie.ts';
import { foundInsideWords, needsWordEnd, type Entry } from './vocabulary.ts';

/** One mention's normalized text cut into words, with every dictionary hit that starts and ends properly. */
export type Scan = {
  text: string;
  words: string[];
  /** starts[i] is where word i starts; starts[words.length] is the text length. */
  starts: Int32Array;
  /** wordAt[offset] is the index of the word starting at offset, or -1. */
  wordAt: Int32Array;
  /** clauseBreak[i]: a clause ends before word i (punctuation, or separators that normalization dropped). */
  clauseBreak: Uint8Array;
  /** sentenceBreak[i]: a sentence ends before word i (。！？ and line breaks). */
  sentenceBreak: Uint8Array;
  hits: TrieHit<Entry>[];
};

const CLAUSE = 1;
const SENTENCE = 2;
/** Punctuation by UTF-16 code unit: 1 ends a clause, 3 also a sentence. */
const punctuation = new Uint8Array(65536);
// Quotation marks are not here: they set words apart (效率可真"高") without ending the clause.
for (const c of ',，、;；:：()（）【】[]《》<>|｜-—_~～ \t\u3000') punctuation[c.charCodeAt(0)] = CLAUSE;
for (const c of `。.!！?？…\n\r${repostMark}`) punctuation[c.charCodeAt(0)] = CLAUSE | SENTENCE;

const innerScratch = new Int32Array(4096);

function buffers(size: number) {
  return { starts: new Int32Array(size + 1), wordAt: new Int32Array(size + 1), clauseBreak: new Uint8Array(size + 1), sentenceBreak: new Uint8Array(size + 1) };
}

/** Reused from one scan to the next: a scan is read to the end before the next one starts. */
let scratch = buffers(4096);

/** The words and hits of one text; the arrays are shared with the next call, so a Scan is valid until then. */
export function scan(normalized: NormalizedText, words: string[], vocabulary: TermTrie<Entry>): Scan {
  const text = normalized.text;
  const count = words.length;
  if (scratch.wordAt.length <= text.length || scratch.starts.length <= count) scratch = buffers(Math.max(text.length, count) * 2);
  const { starts, wordAt, clauseBreak, sentenceBreak } = scratch;
  wordAt.fill(-1, 0, text.length + 1);
  clauseBreak.fill(0, 0, count + 1);
  sentenceBreak.fill(0, 0, count + 1);
  const map = normalized.toOriginal;
  let offset = 0;
  for (let i = 0; i < count; i++) {
    starts[i] = offset;
    wordAt[offset] = i;
    const word = words[i];
    const c = word.charCodeAt(0);
    // Han words, the most of them, skip the table.
    const p = c >= 0x3400 && c < 0xff00 ? 0 : punctuation[c];
    if (p) {
      clauseBreak[i] = 1;
      clauseBreak[i + 1] = 1;
      if (p & SENTENCE) sentenceBreak[i + 1] = 1;
    } else if (offset > 0 && map[offset] - map[offset - 1] > 1) {
      // Normalization dropped something between two Han characters here (a comma, a space): a clause ends.
      clauseBreak[i] = 1;
    }
    offset += word.length;
  }
  starts[count] = offset;
  wordAt[offset] = count;
  clauseBreak[count] = 1;
  sentenceBreak[count] = 1;

  const found = vocabulary.findAt(text, starts, count);
  const hits: TrieHit<Entry>[] = [];
  for (const hit of found) if (wordAt[hit.end] >= 0 || !needsWordEnd(hit.value)) hits.push(hit);
  // Category and marker terms inside long words: 基金 in 自然科学基金.
  const inside = text.length <= innerScratch.length ? innerScratch : new Int32Array(text.length);
  let inner = 0;
  for (let i = 0; i < count; i++) {
    if (words[i].length < 3) continue;
    for (let at = starts[i] + 1; at < starts[i + 1] - 1; at++) inside[inner++] = at;
  }
  if (inner) {
    for (const hit of vocabulary.findAt(text, inside, inner)) {
      if (foundInsideWords(hit.value) && hit.end - hit.start >= 2 && (wordAt[hit.end] >= 0 || !needsWordEnd(hit.value))) hits.push(hit);
    }
  }
  return { text, words, starts, wordAt, clauseBreak, sentenceBreak, hits };
}
