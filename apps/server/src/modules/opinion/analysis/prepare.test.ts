import { describe, expect, it } from 'vitest';
import { handleReplacer, prepareMention, sourceWeight } from './prepare.ts';
import type { MentionInput } from './types.ts';

const keepNone = handleReplacer(() => false);
const prepare = (text: string, extra: Partial<MentionInput> = {}, handles = keepNone) => prepareMention({ id: 1, source: 'weibo', title: '', text, ...extra }, handles);

describe('prepareMention', () => {
  it('strips the //@ repost chain for matching but counts its links for reach', () => {
    const p = prepare('太过分了//@路人甲:同样遇到过//@维权小王:滨江一院乱收费', { reposts: 10, comments: 5 });
    expect(p.text).toContain('太过分了');
    expect(p.text).toContain('同样遇到过');
    expect(p.text).toContain('滨江一院乱收费');
    expect(p.text).not.toMatch(/路人甲|维权小王|@|\/\//);
    expect(p.repostHops).toBe(2);
    expect(p.reach).toBe(17);
  });

  it('reads full-width chains, reply prefixes and repost boilerplate', () => {
    const p = prepare('转发微博／／＠张三：排队太久了 回复@李四:同感');
    expect(p.repostHops).toBe(1);
    expect(p.text).not.toMatch(/张三|李四|转发微博/);
    expect(p.text).toContain('排队太久了');
    expect(p.text).toContain('同感');
  });

  it('keeps an @handle that names the hospital and drops other account names', () => {
    const p = prepare('@滨江市第一人民医院 你们管不管？@开心果 @维权小王', {}, handleReplacer((h) => h.includes('滨江')));
    expect(p.text).toContain('滨江市第一人民医院');
    expect(p.text).not.toMatch(/开心果|维权小王/);
  });

  it('drops links, keeps hashtag words, and takes emoticons and emoji out as opinion marks', () => {
    const p = prepare('#滨江一院排队# 气死了[怒][怒] 😡 详见 https://t.cn/A6x9 网页链接 [不存在的表情]');
    expect(p.text).toContain('滨江一院排队');
    expect(p.text).not.toMatch(/https|t\.cn|网页链接|#|\[怒\]|😡/);
    expect(p.emoticons.map((e) => e.symbol)).toEqual(['[怒]', '[怒]', '😡']);
    expect(p.emoticons.every((e) => e.weight < 0)).toBe(true);
  });

  it('puts the title before the text unless the text already starts with it', () => {
    expect(prepare('正文', { title: '标题' }).text).toBe('标题\n正文');
    expect(prepare('标题：正文', { title: '标题' }).text).toBe('标题：正文');
  });

  it('reads the publication time and weighs sources', () => {
    expect(prepare('x', { published_at: '2026-05-01T08:00:00+08:00' }).publishedAt).toBe(Date.parse('2026-05-01T00:00:00Z'));
    expect(prepare('x').publishedAt).toBeUndefined();
    expect(sourceWeight('weibo', '人民日报')).toBe(3);
    expect(sourceWeight('news', '滨江晚报')).toBe(2);
    expect(sourceWeight('weibo', '小雨')).toBe(1);
  });
});
