import { describe, expect, it } from 'vitest';
import { normalizeForMatching } from './normalize.ts';
import { TermMatcher } from './term-matcher.ts';

const naive = (terms: string[], text: string) => {
  const found: string[] = [];
  terms.forEach((term, value) => {
    for (let at = text.indexOf(term); at >= 0; at = text.indexOf(term, at + 1)) found.push(`${at}-${at + term.length}:${value}`);
  });
  return found.sort();
};

describe('TermMatcher', () => {
  it('finds every occurrence, overlapping ones included, with UTF-16 offsets in the normalized text', () => {
    const matcher = new TermMatcher([
      { term: '最好', value: 'a' },
      { term: '全国最好', value: 'b' },
      { term: '好的', value: 'c' },
    ]);
    expect(matcher.findAll('全国最好的医院')).toEqual([
      { start: 0, end: 4, value: 'b' },
      { start: 2, end: 4, value: 'a' },
      { start: 3, end: 5, value: 'c' },
    ]);
  });

  it('normalizes terms like text, so traditional, full-width and dodged spellings of a term all find it', () => {
    const matcher = new TermMatcher([{ term: '治癒', value: 1 }, { term: 'ＮＯ．１', value: 2 }, { term: '根 治', value: 3 }]);
    const text = normalizeForMatching('治愈 No.1 根*治').text;
    expect(matcher.findAll(text).map((m) => m.value)).toEqual([1, 2, 3]);
  });

  it('returns one match per value when several entries share a term', () => {
    const matcher = new TermMatcher([{ term: '根治', value: 'lexicon A' }, { term: '根治', value: 'lexicon B' }]);
    expect(matcher.size).toBe(1);
    expect(matcher.findAll('根治').map((m) => m.value)).toEqual(['lexicon A', 'lexicon B']);
  });

  it('ignores terms that normalize to nothing, and an empty dictionary finds nothing', () => {
    expect(new TermMatcher([{ term: '\u200B', value: 1 }]).size).toBe(0);
    expect(new TermMatcher<number>([]).findAll('任何文字')).toEqual([]);
  });

  it('agrees with a naive search on random text with surrogate pairs and repeated characters', () => {
    const alphabet = ['根', '治', '愈', 'a', 'b', '𠮷', '。', '最', '好'];
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 48271) % 2147483647;
      return seed % n;
    };
    const word = (max: number) => Array.from({ length: 1 + random(max) }, () => alphabet[random(alphabet.length)]).join('');
    for (let round = 0; round < 50; round++) {
      const terms = [...new Set(Array.from({ length: 12 }, () => word(3)))];
      const text = word(200);
      const matcher = new TermMatcher(terms.map((term, value) => ({ term, value })));
      expect(matcher.findAll(text).map((m) => `${m.start}-${m.end}:${m.value}`).sort()).toEqual(naive(terms, text));
    }
  });
});
