import { describe, expect, it } from 'vitest';
import { parseLexiconFile } from './lexicon-file.ts';

const defaults = { category: 'sensitive' as const, severity: 'warn' as const };

describe('parseLexiconFile', () => {
  it('reads plain text one term a line, skipping a BOM, blank lines and # comments, and counts duplicates', () => {
    const parsed = parseLexiconFile('words.txt', '\uFEFF号贩子\n医闹\n\n# 注释\n  号贩子  \n红包\r\n', defaults);
    expect(parsed.entries.map((e) => e.term)).toEqual(['号贩子', '医闹', '红包']);
    expect(parsed.entries[0]).toEqual({ term: '号贩子', category: 'sensitive', severity: 'warn', rule: '词库：words.txt', suggestion: null, note: null });
    expect(parsed).toMatchObject({ duplicates: 1, rejected: [] });
  });

  it('counts spellings that normalize alike as duplicates', () => {
    expect(parseLexiconFile('w.txt', 'QQ\nqq\n醫鬧\n医闹\n', defaults)).toMatchObject({ duplicates: 2 });
  });

  it('rejects empty, over-long and single-ASCII terms, naming the line', () => {
    const parsed = parseLexiconFile('w.csv', `,sensitive\n${'长'.repeat(51)}\n!\n${'长'.repeat(50)}\n`, defaults);
    expect(parsed.rejected).toEqual([
      { line: 1, text: ',sensitive', reason: 'empty_term' },
      { line: 2, text: '长'.repeat(51), reason: 'term_too_long' },
      { line: 3, text: '!', reason: 'single_ascii_char' },
    ]);
    expect(parsed.entries.map((e) => e.term)).toEqual(['长'.repeat(50)]);
  });

  it('reads CSV with a header, rejecting unknown categories and severities', () => {
    const parsed = parseLexiconFile('rules.csv', 'term,category,severity\n包治百病,medical_claim,block\n神药,unknown_category,warn\n特效,sensitive,loud\n最佳,AD_ABSOLUTE,\n', defaults);
    expect(parsed.entries).toMatchObject([
      { term: '包治百病', category: 'medical_claim', severity: 'block' },
      { term: '最佳', category: 'ad_absolute', severity: 'warn' },
    ]);
    expect(parsed.rejected).toEqual([
      { line: 3, text: '神药,unknown_category,warn', reason: 'unknown_category' },
      { line: 4, text: '特效,sensitive,loud', reason: 'unknown_severity' },
    ]);
  });

  it('reads CSV without a header by position, with quoted fields and named columns in any order', () => {
    expect(parseLexiconFile('r.csv', '根治,medical_claim,block,《广告法》第十六条,"有效控制, 缓解"\n', defaults).entries).toEqual([
      { term: '根治', category: 'medical_claim', severity: 'block', rule: '《广告法》第十六条', suggestion: '有效控制, 缓解', note: null },
    ]);
    expect(parseLexiconFile('r.csv', '级别,词条,备注\ninfo,首例,需注明出处\n', defaults).entries).toEqual([
      { term: '首例', category: 'sensitive', severity: 'info', rule: '词库：r.csv', suggestion: null, note: '需注明出处' },
    ]);
  });

  it('reads a text file whose lines end in commas as CSV', () => {
    expect(parseLexiconFile('political.txt', '某词,\n另一词,\n', defaults).entries.map((e) => e.term)).toEqual(['某词', '另一词']);
  });

  it('reads the houbb tag format as sensitive words, naming numeric tags', () => {
    const parsed = parseLexiconFile('tags.txt', '某词甲 0\n某词乙 1,4\n五星红旗 政治,国家\n', { category: 'ad_absolute', severity: 'info' });
    expect(parsed.entries).toMatchObject([
      { term: '某词甲', category: 'sensitive', note: '标签：政治' },
      { term: '某词乙', category: 'sensitive', note: '标签：毒品、违法' },
      { term: '五星红旗', category: 'sensitive', note: '标签：政治、国家' },
    ]);
  });

  it('keeps terms with a space whole in a plain list', () => {
    expect(parseLexiconFile('w.txt', '出售炸药 电话\n甲词\n乙词\n', defaults).entries.map((e) => e.term)).toEqual(['出售炸药 电话', '甲词', '乙词']);
  });

  it('reads JSON arrays of strings or objects, and an object holding a words list', () => {
    expect(parseLexiconFile('a.json', '["根治", " 神药 ", ""]', defaults)).toMatchObject({ entries: [{ term: '根治' }, { term: '神药' }], rejected: [{ line: 3, reason: 'empty_term' }] });
    expect(parseLexiconFile('b.json', '[{"word":"根治","category":"medical_claim","severity":"block","suggestion":"有效控制"},{"code":"X1"}]', defaults)).toMatchObject({
      entries: [{ term: '根治', category: 'medical_claim', severity: 'block', suggestion: '有效控制' }],
      rejected: [{ line: 2, reason: 'no_term' }],
    });
    expect(parseLexiconFile('c.json', '{"lastUpdateDate":"2025/07/25","words":["甲词","乙词","甲词"]}', defaults)).toMatchObject({ entries: [{ term: '甲词' }, { term: '乙词' }], duplicates: 1 });
  });

  it('rejects malformed JSON as a whole', () => {
    expect(parseLexiconFile('bad.json', '["根治",', defaults)).toMatchObject({ entries: [], rejected: [{ line: 1, reason: 'invalid_json' }] });
    expect(parseLexiconFile('obj.json', '{"a":1}', defaults)).toMatchObject({ entries: [], rejected: [{ line: 1, reason: 'no_term' }] });
  });
});
