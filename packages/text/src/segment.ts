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
    tokensForSearch: (text) =>
      jieba
        .cutForSearch(normalizeForMatching(text).text, true)
        .filter((token) => hasLetterOrDigit.test(token))
        .join(' '),
  };
}
