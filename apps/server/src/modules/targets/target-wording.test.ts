import { describe, expect, it } from 'vitest';
import { formatTarget, parseMetric, parsePeriod, parseTarget } from './target-wording.ts';
import { targetMetrics, targetPeriods } from './targets.tables.ts';

describe('the seed table’s 目标数 cells', () => {
  it.each([
    ['22篇信息', { metric: 'info', target: 22, period: 'year', note: null }],
    ['20（报刊新闻报道）', { metric: 'newspaper_report', target: 20, period: 'year', note: null }],
    ['16（县电视台新闻报道，12篇新闻，4篇专题）', { metric: 'tv_report', target: 16, period: 'year', note: '县电视台新闻报道，12篇新闻，4篇专题' }],
    ['微博每月10条', { metric: 'weibo', target: 10, period: 'month', note: null }],
    ['12篇信息（其中5次群众宣传活动）', { metric: 'info', target: 12, period: 'year', note: '其中5次群众宣传活动' }],
    ['4篇信息（健康知识宣讲）', { metric: 'info', target: 4, period: 'year', note: '健康知识宣讲' }],
    [' ２２ 篇 信息 ', { metric: 'info', target: 22, period: 'year', note: null }],
    ['4篇科普信息', { metric: 'science', target: 4, period: 'year', note: null }],
    ['12篇信息(含微博转发)', { metric: 'info', target: 12, period: 'year', note: '含微博转发' }],
  ])('reads %s', (text, expected) => {
    expect(parseTarget(text)).toEqual(expected);
  });

  it.each(['22篇信息', '20（报刊新闻报道）', '16（县电视台新闻报道，12篇新闻，4篇专题）', '微博每月10条', '12篇信息（其中5次群众宣传活动）'])('writes %s back as the seed does', (text) => {
    const parsed = parseTarget(text);
    if ('error' in parsed) throw new Error(parsed.error.en);
    expect(formatTarget(parsed)).toBe(text);
  });

  it('reads back everything it writes', () => {
    for (const metric of targetMetrics) {
      for (const period of targetPeriods) {
        for (const note of [null, '其中5次群众宣传活动']) {
          const written = formatTarget({ metric, period, target: 7, note });
          const read = parseTarget(written);
          expect(read, written).toMatchObject({ metric, period, target: 7 });
          expect(formatTarget(read as never)).toBe(written);
        }
      }
    }
  });

  it('says what is wrong with a cell it cannot read', () => {
    expect(parseTarget('若干篇信息')).toMatchObject({ error: { 'zh-CN': expect.stringContaining('没有数字') } });
    expect(parseTarget('10次义诊')).toMatchObject({ error: { 'zh-CN': expect.stringContaining('无法识别') } });
    expect(parseTarget('0篇信息')).toMatchObject({ error: { en: expect.stringContaining('1 to 100000') } });
  });

  it('reads the structured template’s 指标 and 周期 cells', () => {
    expect(parseMetric('info')).toBe('info');
    expect(parseMetric('电视台新闻报道')).toBe('tv_report');
    expect(parseMetric('官方微博')).toBe('weibo');
    expect(parseMetric('义诊')).toBeUndefined();
    expect(parsePeriod('')).toBe('year');
    expect(parsePeriod('每月')).toBe('month');
    expect(parsePeriod('季')).toBeUndefined();
  });
});
