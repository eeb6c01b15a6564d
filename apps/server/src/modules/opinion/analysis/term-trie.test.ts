import { describe, expect, it } from 'vitest';
import { TermTrie } from './term-trie.ts';

describe('TermTrie', () => {
  const trie = new TermTrie<string>();
  for (const term of ['满意', '不满意', '医院', '医院门口', '醫療事故']) trie.add(term, term);

  it('finds every term starting at one of the given word starts, shorter before longer', () => {
    const text = '很不满意这家医院门口';
    expect(trie.findAt(text, [0, 1, 6]).map((h) => [h.start, h.end, h.value])).toEqual([
      [1, 4, '不满意'],
      [6, 8, '医院'],
      [6, 10, '医院门口'],
    ]);
  });

  it('walks only from the given starts: a term starting inside a word is not found', () => {
    expect(trie.findAt('不满意', [0]).map((h) => h.value)).toEqual(['不满意']);
    expect(trie.findAt('不满意', [1]).map((h) => h.value)).toEqual(['满意']);
  });

  it('normalizes its terms like the text (traditional, full-width)', () => {
    expect(trie.findAt('发生医疗事故', [2]).map((h) => h.value)).toEqual(['醫療事故']);
  });
});
