import { describe, expect, it } from 'vitest';
import { backoffMinutes, mentionOfFeedItem } from './feed-poller.ts';
import { parseCsv, suggestMapping } from './mention-import.service.ts';
import { contentId, normaliseMention } from './mention-input.ts';
import { signPushBody, verifyPushSignature } from './push-signature.ts';

describe('normaliseMention', () => {
  it('cleans a mention: HTML to text, whitespace tidied, counts and dates read', () => {
    const result = normaliseMention({ id: 42, title: ' 标题 ', text: '<p>第一段&nbsp;内容</p><p>第二段</p>', url: 'https://weibo.example.cn/1', published_at: '2024年5月6日 10:20', reposts: '1,200', comments: 3 });
    expect(result).toEqual({
      mention: expect.objectContaining({ externalId: '42', title: '标题', url: 'https://weibo.example.cn/1', reposts: 1200, comments: 3, likes: 0, author: null }),
    });
    if (!('mention' in result)) throw new Error('unreachable');
    expect(result.mention.text).toBe('第一段\u00a0内容\n第二段');
    expect(result.mention.publishedAt?.toISOString()).toBe('2024-05-06T02:20:00.000Z');
    // Unix seconds and milliseconds both read as the same time.
    const seconds = normaliseMention({ id: 'a', text: 'x', published_at: 1_714_962_000 });
    const millis = normaliseMention({ id: 'a', text: 'x', published_at: 1_714_962_000_000 });
    expect('mention' in seconds && 'mention' in millis && seconds.mention.publishedAt?.getTime() === millis.mention.publishedAt?.getTime()).toBe(true);
  });

  it('names what is wrong with a row, in both languages', () => {
    const problem = (input: unknown) => {
      const result = normaliseMention(input);
      return 'problem' in result ? result.problem.en : null;
    };
    expect(problem({ text: '没有编号' })).toMatch(/id/);
    expect(problem({ id: 'x'.repeat(600), text: 'a' })).toMatch(/at most 512/);
    expect(problem({ id: '1', title: '', text: '' })).toMatch(/both be empty/);
    expect(problem({ id: '1', text: 'a', url: 'ftp://x' })).toMatch(/url/);
    expect(problem({ id: '1', text: 'a', likes: 1.5 })).toMatch(/likes/);
    expect(problem({ id: '1', text: 'a', published_at: {} })).toMatch(/published_at/);
    expect(problem([1, 2])).toMatch(/JSON object/);
    expect(problem({ id: '1', text: 'a' })).toBeNull();
  });

  it('derives the same id from the same content', () => {
    expect(contentId(['a', null, 'b'])).toBe(contentId(['a', '', 'b']));
    expect(contentId(['a', 'b'])).not.toBe(contentId(['ab', '']));
  });
});

describe('push signatures', () => {
  const body = Buffer.from(JSON.stringify({ mentions: [{ id: '1', text: '滨江一院' }] }));
  const now = Date.parse('2026-05-06T10:00:00Z');
  const timestamp = String(now / 1000);

  it('accept the secret’s HMAC of "timestamp.body" within five minutes', () => {
    const signature = signPushBody('rms_secret', timestamp, body);
    expect(signature).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(() => verifyPushSignature('rms_secret', timestamp, signature, body, now + 299_000)).not.toThrow();
    expect(() => verifyPushSignature('rms_secret', timestamp, signature.toUpperCase().replace('SHA256', 'sha256'), body, now)).not.toThrow();
  });

  it('refuse another secret, another body, another time and a stale or missing timestamp', () => {
    const signature = signPushBody('rms_secret', timestamp, body);
    const code = (fn: () => void) => {
      try {
        fn();
        return null;
      } catch (err) {
        return (err as { code: string }).code;
      }
    };
    expect(code(() => verifyPushSignature('rms_other', timestamp, signature, body, now))).toBe('signature_invalid');
    expect(code(() => verifyPushSignature('rms_secret', timestamp, signature, Buffer.concat([body, Buffer.from(' ')]), now))).toBe('signature_invalid');
    expect(code(() => verifyPushSignature('rms_secret', String(Number(timestamp) + 1), signature, body, now))).toBe('signature_invalid');
    expect(code(() => verifyPushSignature('rms_secret', timestamp, signature, body, now + 301_000))).toBe('signature_expired');
    expect(code(() => verifyPushSignature('rms_secret', '1e9', signature, body, now))).toBe('signature_expired');
    expect(code(() => verifyPushSignature('rms_secret', undefined, signature, body, now))).toBe('signature_missing');
  });
});

describe('feed polling', () => {
  it('backs off exponentially from the interval, at most a day', () => {
    expect([1, 2, 3].map((n) => backoffMinutes(15, n))).toEqual([30, 60, 120]);
    expect(backoffMinutes(15, 12)).toBe(24 * 60);
    expect(backoffMinutes(60, 1000)).toBe(24 * 60);
  });

  it('dedupes a feed item by its guid, else its link, else its content', () => {
    const item = { id: 'guid-1', title: 't', link: 'https://a.example.cn/1', published_at: null, author: null, summary: 's', content: '<p>c</p>' };
    expect(mentionOfFeedItem(item)).toMatchObject({ id: 'guid-1', text: '<p>c</p>', url: 'https://a.example.cn/1' });
    expect(mentionOfFeedItem({ ...item, id: null }).id).toBe('https://a.example.cn/1');
    const byContent = mentionOfFeedItem({ ...item, id: null, link: null });
    expect(byContent.id).toBe(mentionOfFeedItem({ ...item, id: null, link: null }).id);
    expect(byContent.id).not.toBe(mentionOfFeedItem({ ...item, id: null, link: null, title: 'other' }).id);
  });
});

describe('spreadsheet import', () => {
  it('suggests each field’s column from the headings vendors and officers write', () => {
    expect(suggestMapping(['序号', '发布时间', '标题', '正文内容', '原文链接', '作者', '转发数', '评论数', '点赞数'])).toEqual({
      id: 0, published_at: 1, title: 2, text: 3, url: 4, author: 5, reposts: 6, comments: 7, likes: 8,
    });
    expect(suggestMapping(['Title', 'Content', 'URL', 'Date'])).toEqual({ title: 0, text: 1, url: 2, published_at: 3 });
    // One column is never mapped twice, and unknown headings stay unmapped.
    expect(suggestMapping(['内容', '备注', '时间'])).toEqual({ text: 0, published_at: 2 });
  });

  it('reads RFC 4180 CSV and tab-separated exports', () => {
    expect(parseCsv('a,b\r\n"x, y","he said ""hi""\nnext line"\r\n')).toEqual([
      ['a', 'b'],
      ['x, y', 'he said "hi"\nnext line'],
    ]);
    expect(parseCsv('标题\t正文\n滨江一院\t排队, 太久')).toEqual([
      ['标题', '正文'],
      ['滨江一院', '排队, 太久'],
    ]);
  });
});
