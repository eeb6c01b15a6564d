import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { normalizeForMatching } from './normalize.ts';

/** Words of hospital life that jieba's default dictionary splits (号贩子 → 号 / 贩子, 专家号 → 专家 / 号). */
export const defaultUserWords = ['号贩子', '专家号', '挂号', '医闹', '医患'];

/**
 * High enough that a user word wins over any split of it that the default dictionary knows
 * (号 alone is among jieba's most frequent words).
 */
const userWordFrequency = 2_000_000;

const hasLetterOrDigit = /[\p{L}\p{N}]/u;

export type Segmenter = {
  /** jieba's words of the text as written, punctuation and spaces included. */
  cut(text: string): string[];
  /**
   * Dictionary words only: a run jieba does not know stays single characters instead of an HMM-guessed word,
   * so a lexicon entry is never swallowed by a guess (这事怪 / 不到 instead of 这事 / 怪 / 不到).
   */
  cutDictionaryWords(text: string): string[];
  /** Each word with jieba's part-of-speech tag (ns: a place name); the hospital's own words have an empty tag. */
  tag(text: string): { word: string; tag: string }[];
  /**
   * The text as search tokens for to_tsvector('simple', …): the text normalized (jieba's dictionary is
   * simplified and half-width), cut in jieba's search mode (a long word and the shorter words inside it),
   * punctuation dropped, joined by spaces. Index and query both go through it, so 醫院 finds 医院, ＣＴ finds ct.
   */
  tokensForSearch(text: string): string;
};

/** A jieba instance with the default dictionary and the hospital's own words; loading it takes ~200 ms. */
export function createSegmenter(userWords: string[]): Segmenter {
  const jieba = Jieba.withDict(dict);
  const words = [...new Set([...defaultUserWords, ...userWords].map((w) => w.trim()).filter((w) => w && !/\s/.test(w)))];
  jieba.loadDict(Buffer.from(words.map((w) => `${w} ${userWordFrequency}\n`).join('')));
  return {
    cut: (text) => jieba.cut(text, true),
    cutDictionaryWords: (text) => jieba.cut(text, false),
    tag: (text) => jieba.tag(text, false),
    tokensForSearch: (text) =>
      jieba
        .cutForSearch(normalizeForMatching(text).text, true)
        .filter((token) => hasLetterOrDigit.test(token))
        .join(' '),
  };
}

/**
 * The words of jieba's default dictionary used at least minFrequency times in its corpus (3,000: about 2,900
 * words such as 医院, 我们, 检查): the words nearly every text shares, which say little about which text it is.
 * Read from the dictionary's bytes (lines of "word frequency tag"): decoding its 5 MB to search it as text
 * would cost every worker that starts several times as long.
 */
export function frequentWords(minFrequency: number): Set<string> {
  const words = new Set<string>();
  const bytes = dict;
  const decoder = new TextDecoder();
  let line = 0;
  while (line < bytes.length) {
    let space = line;
    while (space < bytes.length && bytes[space] !== 0x20 && bytes[space] !== 0x0a) space++;
    let end = space + 1;
    let frequency = 0;
    while (end < bytes.length && bytes[end] >= 0x30 && bytes[end] <= 0x39) frequency = frequency * 10 + bytes[end++] - 0x30;
    if (bytes[space] === 0x20 && frequency >= minFrequency) words.add(decoder.decode(bytes.subarray(line, space)));
    while (end < bytes.length && bytes[end] !== 0x0a) end++;
    line = end + 1;
  }
  return words;
}
