import * as OpenCC from 'opencc-js';

/**
 * The form every matcher in the platform compares: traditional characters folded to simplified, full-width
 * forms to ASCII, ASCII lower-cased, and the "dodge" separators people put inside a word to slip it past a
 * filter (根*治, 根．治, 治\u200B愈) removed when they sit between two Han characters.
 */
export type NormalizedText = {
  text: string;
  /** toOriginal[i] is the input index of normalized char i; one extra final entry is the input length. */
  toOriginal: Int32Array;
};

const DODGE = 1;
const INVISIBLE = 2;
const HAN = 4;

/** Dropped between two Han characters: punctuation that a reader's eye skips but an exact matcher would not. */
const dodgeSeparators = ' \u00A0\u3000*＊·•・‧∙.．_＿-－‐~～|｜/／\\＼,#＃^+=`';
/** Dropped everywhere: they render as nothing. */
const invisibles = '\u200B\u200C\u200D\u2060\uFEFF\u00AD';

type Tables = { fold: Uint16Array; flags: Uint8Array };
let tables: Tables | undefined;

function isHanCode(c: number) {
  return (c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff) || c === 0x3007;
}

/**
 * The 6,763 Han characters of GB 2312, the simplified standard set, read through the platform's GB 18030
 * decoder. They are never converted: OpenCC's per-character mapping also rewrites some simplified characters
 * that only a phrase context makes traditional (著名 → 着名, 什么 → 什幺).
 */
function gb2312Han(): Set<number> {
  const bytes: number[] = [];
  for (let row = 0xb0; row <= 0xf7; row++) for (let col = 0xa1; col <= 0xfe; col++) bytes.push(row, col);
  const decoded = new TextDecoder('gb18030').decode(new Uint8Array(bytes));
  const set = new Set<number>();
  for (let i = 0; i < decoded.length; i++) set.add(decoded.charCodeAt(i));
  return set;
}

/**
 * One 64K table per code unit, built on first use. Traditional → simplified is taken from OpenCC's character
 * mapping only: its phrase conversion may change lengths, which would break the exact offset map. All
 * candidates go through one OpenCC call, one per line, so no phrase can form across characters.
 */
function buildTables(): Tables {
  const fold = new Uint16Array(0x10000);
  const flags = new Uint8Array(0x10000);
  for (let c = 0; c < 0x10000; c++) fold[c] = c;
  for (let c = 0x41; c <= 0x5a; c++) fold[c] = c + 0x20;
  for (let c = 0xff01; c <= 0xff5e; c++) fold[c] = fold[c - 0xfee0];
  fold[0x3000] = 0x20;
  fold[0x00a0] = 0x20;

  const simplified = gb2312Han();
  const candidates: number[] = [];
  for (let c = 0; c < 0x10000; c++) {
    if (!isHanCode(c)) continue;
    flags[c] |= HAN;
    if (!simplified.has(c)) candidates.push(c);
  }
  const toSimplified = OpenCC.Converter({ from: 'tw', to: 'cn' });
  const converted = toSimplified(candidates.map((c) => String.fromCharCode(c)).join('\n')).split('\n');
  if (converted.length !== candidates.length) throw new Error('OpenCC changed the line structure of the character list');
  for (let i = 0; i < candidates.length; i++) {
    const s = converted[i];
    if (s.length === 1 && isHanCode(s.charCodeAt(0))) fold[candidates[i]] = s.charCodeAt(0);
  }
  for (const ch of dodgeSeparators) flags[ch.charCodeAt(0)] |= DODGE;
  for (const ch of invisibles) flags[ch.charCodeAt(0)] |= INVISIBLE;
  return { fold, flags };
}

const decodeChunk = 8192;

function decode(units: Uint16Array, length: number) {
  let out = '';
  for (let i = 0; i < length; i += decodeChunk) {
    out += String.fromCharCode.apply(null, units.subarray(i, Math.min(length, i + decodeChunk)) as unknown as number[]);
  }
  return out;
}

export function normalizeForMatching(text: string): NormalizedText {
  const { fold, flags } = (tables ??= buildTables());
  const n = text.length;
  const out = new Uint16Array(n);
  const toOriginal = new Int32Array(n + 1);
  let k = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    const f = flags[c];
    if (f & INVISIBLE) continue;
    if (f & DODGE && k > 0 && flags[out[k - 1]] & HAN) {
      let j = i + 1;
      while (j < n && flags[text.charCodeAt(j)] & (DODGE | INVISIBLE)) j++;
      if (j < n && flags[fold[text.charCodeAt(j)]] & HAN) {
        i = j - 1;
        continue;
      }
    }
    out[k] = fold[c];
    toOriginal[k] = i;
    k++;
  }
  toOriginal[k] = n;
  return { text: decode(out, k), toOriginal: toOriginal.slice(0, k + 1) };
}

/** Maps a half-open range of the normalized text back to the input: from its first char to just after its last. */
export function originalRange(normalized: NormalizedText, start: number, end: number): { start: number; end: number } {
  const map = normalized.toOriginal;
  return { start: map[start], end: end > start ? map[end - 1] + 1 : map[start] };
}
