import { describe, expect, it } from 'vitest';
import { normalizeForMatching, originalRange } from './normalize.ts';

const n = (s: string) => normalizeForMatching(s).text;

describe('normalizeForMatching', () => {
  it('folds traditional characters to simplified one character at a time', () => {
    expect(n('治癒率')).toBe('治愈率');
    expect(n('醫院頭髮永不復發')).toBe('医院头发永不复发');
  });

  it('leaves characters of the simplified standard set alone, even where OpenCC would rewrite them', () => {
    expect(n('著名专家说什么')).toBe('著名专家说什么');
    expect(n('乾隆')).toBe('乾隆');
  });

  it('folds full-width forms to ASCII and lower-cases ASCII', () => {
    expect(n('ＮＯ．１')).toBe('no.1');
    expect(n('１３８００１３８０００')).toBe('13800138000');
    expect(n('TOP1 ＣＴ')).toBe('top1 ct');
    expect(n('A\u3000B')).toBe('a b');
  });

  it('drops separators slipped between two Han characters, whatever their number', () => {
    for (const dodged of ['根*治', '根＊治', '根．治', '根.治', '根 治', '根\u3000治', '根·治', '根•治', '根_治', '根-治', '根~治', '根|治', '根/治', '根\\治', '根,治', '根 * 治', '根\u00A0治']) {
      expect(n(dodged), dodged).toBe('根治');
    }
    expect(n('治\u200B愈')).toBe('治愈');
  });

  it('keeps punctuation that is not between two Han characters, and Chinese punctuation everywhere', () => {
    expect(n('no.1')).toBe('no.1');
    expect(n('a-b 1,2')).toBe('a-b 1,2');
    expect(n('高血压，糖尿病。')).toBe('高血压,糖尿病。');
    expect(n('根\n治')).toBe('根\n治');
    expect(n('心脑血管——注意')).toBe('心脑血管——注意');
  });

  it('drops zero-width characters everywhere', () => {
    expect(n('138\u200B00138000')).toBe('13800138000');
  });

  it('maps every normalized character back to its input index, with the input length as the last entry', () => {
    const input = '我院 ＮＯ．１，根*治';
    const result = normalizeForMatching(input);
    expect(result.text).toBe('我院 no.1,根治');
    expect(Array.from(result.toOriginal)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 11]);
    const at = result.text.indexOf('根治');
    const range = originalRange(result, at, at + 2);
    expect(input.slice(range.start, range.end)).toBe('根*治');
  });

  it('keeps surrogate pairs and their offsets', () => {
    const result = normalizeForMatching('𠮷野家A');
    expect(result.text).toBe('𠮷野家a');
    expect(Array.from(result.toOriginal)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('normalizes 10,000 characters in well under a millisecond once warm', () => {
    const text = '我院心血管內科成功開展ＴＡＶＲ手術，患者術後恢復良好。專家提醒：高血壓患者應規律服藥！'.repeat(250).slice(0, 10_000);
    for (let i = 0; i < 50; i++) normalizeForMatching(text);
    const runs: number[] = [];
    for (let i = 0; i < 50; i++) {
      const t0 = performance.now();
      normalizeForMatching(text);
      runs.push(performance.now() - t0);
    }
    runs.sort((a, b) => a - b);
    expect(runs[25]).toBeLessThan(1);
  });
});
