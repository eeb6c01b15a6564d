import { describe, expect, it } from 'vitest';
import { createSegmenter, frequentWords } from './segment.ts';

describe('createSegmenter', () => {
  const segmenter = createSegmenter(['达芬奇机器人']);

  it('keeps the hospital words the default dictionary would split', () => {
    expect(segmenter.cut('严厉打击号贩子倒卖专家号')).toEqual(expect.arrayContaining(['号贩子', '专家号']));
    expect(segmenter.cut('医闹影响医患关系，网上挂号')).toEqual(expect.arrayContaining(['医闹', '医患', '挂号']));
  });

  it('adds the hospital own words', () => {
    expect(segmenter.cut('引进达芬奇机器人')).toContain('达芬奇机器人');
  });

  it('cuts dictionary words without guessing unknown ones', () => {
    expect(segmenter.cut('这事怪不到护士头上')).toContain('这事怪');
    expect(segmenter.cutDictionaryWords('这事怪不到护士头上')).toEqual(['这', '事', '怪', '不到', '护士', '头上']);
    expect(segmenter.cutDictionaryWords('引进达芬奇机器人').join('')).toBe('引进达芬奇机器人');
  });

  it('tags place names and leaves the hospital words untagged', () => {
    expect(segmenter.tag('绵阳达芬奇机器人')).toEqual([{ word: '绵阳', tag: 'ns' }, { word: '达芬奇机器人', tag: '' }]);
  });

  it('lists the words of the dictionary that nearly every text shares', () => {
    const frequent = frequentWords(3000);
    expect(frequent.size).toBeGreaterThan(1000);
    for (const w of ['医院', '我们', '检查']) expect(frequent.has(w)).toBe(true);
    for (const w of ['胸痛', '呵斥', '号贩子']) expect(frequent.has(w)).toBe(false);
  });

  it('gives normalized search tokens joined by spaces, without punctuation', () => {
    const tokens = segmenter.tokensForSearch('醫院嚴厲打擊號販子，ＣＴ檢查。').split(' ');
    expect(tokens).toEqual(expect.arrayContaining(['医院', '号贩子', 'ct', '检查']));
    expect(tokens.some((t) => /^[，。,.\s]*$/.test(t))).toBe(false);
  });

  it('gives the same tokens for a query as for the text that contains it', () => {
    const doc = segmenter.tokensForSearch('异地就医直接结算已覆盖全部住院费用。').split(' ');
    for (const token of segmenter.tokensForSearch('异地就医').split(' ')) expect(doc).toContain(token);
  });
});
