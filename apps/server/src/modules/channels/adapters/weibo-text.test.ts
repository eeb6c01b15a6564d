import { domainToASCII } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  composeWeiboStatus, findLinks, formatWeiboDate, hasSafeLink, hostInSafeDomain, normaliseSafeDomain, parseWeiboDate, parseWeiboError, parseWeiboJson,
  parseWeiboStatus, weiboLength, weiboStatusUrl,
} from './weibo-text.ts';

describe('weiboLength', () => {
  it.each([
    ['', 0],
    ['你好', 2],
    ['ab', 1],
    ['abc', 2], // half characters round up
    ['你好ab', 3],
    ['，。！', 3], // full-width punctuation is a whole character
    ['←→', 2], // so are arrows, although narrow in some fonts
    ['😀', 1], // one code point, not two UTF-16 units
    ['ｱｲ', 1], // half-width katakana
    ['1月2日', 3],
    ['https://www.hospital.example.cn/site/articles/42', 12],
    ['https://a.cn/x?' + 'q'.repeat(300), 12], // a link is 12 whatever its length
    ['详见https://a.cn/x。', 15],
    ['a https://a.cn b', 14], // 'a ' + ' b' = 4 half = 2, link 12
  ])('%j is %i characters', (text, expected) => expect(weiboLength(text)).toBe(expected));

  it('puts the limit of 140 at 140 Chinese or 280 ASCII characters', () => {
    expect(weiboLength('院'.repeat(140))).toBe(140);
    expect(weiboLength('a'.repeat(280))).toBe(140);
    expect(weiboLength('a'.repeat(281))).toBe(141);
  });
});

describe('findLinks', () => {
  it('finds http(s) links, ending at spaces, Chinese text and trailing punctuation', () => {
    const text = '活动详情见https://www.hospital.cn/a?id=1&x=2。另见 http://news.hospital.cn/b, 以及(https://x.cn/c)';
    expect(findLinks(text).map((l) => [l.url, l.host])).toEqual([
      ['https://www.hospital.cn/a?id=1&x=2', 'www.hospital.cn'],
      ['http://news.hospital.cn/b', 'news.hospital.cn'],
      ['https://x.cn/c', 'x.cn'],
    ]);
    const [first] = findLinks(text);
    expect(text.slice(first.start, first.end)).toBe(first.url);
  });

  it('ignores a scheme with no host and other schemes', () => {
    expect(findLinks('http:// 与 ftp://files.hospital.cn/a 及 javascript:alert(1)')).toEqual([]);
  });
});

describe('safe domain', () => {
  it.each([
    ['hospital.example.cn', 'hospital.example.cn'],
    [' https://WWW.Hospital.example.cn/path ', 'www.hospital.example.cn'],
    ['*.hospital.example.cn', 'hospital.example.cn'],
    ['.hospital.example.cn', 'hospital.example.cn'],
    ['医院.中国', domainToASCII('医院.中国')], // compared in ASCII (punycode) form, as URL hosts are
    ['', null],
    [undefined, null],
    ['http://', null],
  ])('normalises %j to %j', (input, expected) => expect(normaliseSafeDomain(input)).toBe(expected));

  it('takes the domain and its subdomains, nothing that merely looks alike', () => {
    expect(hostInSafeDomain('hospital.cn', 'hospital.cn')).toBe(true);
    expect(hostInSafeDomain('news.hospital.cn', 'hospital.cn')).toBe(true);
    expect(hostInSafeDomain('NEWS.Hospital.cn.', 'hospital.cn')).toBe(true);
    expect(hostInSafeDomain('evilhospital.cn', 'hospital.cn')).toBe(false);
    expect(hostInSafeDomain('hospital.cn.evil.com', 'hospital.cn')).toBe(false);
    expect(hasSafeLink('见 https://hospital.cn.evil.com/x', 'hospital.cn')).toBe(false);
    expect(hasSafeLink('见 https://m.hospital.cn/x', 'hospital.cn')).toBe(true);
    expect(normaliseSafeDomain('医院.中国')).toMatch(/^xn--[a-z0-9]+\.xn--fiqs8s$/);
    expect(hasSafeLink(`见 https://www.${normaliseSafeDomain('医院.中国')}/x`, normaliseSafeDomain('医院.中国')!)).toBe(true);
  });

  it('appends the source URL only when the text has no safe link and the source is in the domain', () => {
    const source = 'https://www.hospital.cn/site/articles/42';
    expect(composeWeiboStatus('  义诊活动  ', source, 'hospital.cn')).toEqual({ status: `义诊活动 ${source}`, safeLink: true, appended: true });
    expect(composeWeiboStatus(`义诊 ${source}`, 'https://www.hospital.cn/other', 'hospital.cn')).toEqual({ status: `义诊 ${source}`, safeLink: true, appended: false });
    expect(composeWeiboStatus('义诊 https://elsewhere.cn/x', source, 'hospital.cn').status).toBe(`义诊 https://elsewhere.cn/x ${source}`);
    expect(composeWeiboStatus('', source, 'hospital.cn').status).toBe(source);
    expect(composeWeiboStatus('义诊', null, 'hospital.cn')).toEqual({ status: '义诊', safeLink: false, appended: false });
    expect(composeWeiboStatus('义诊', 'https://elsewhere.cn/a', 'hospital.cn').safeLink).toBe(false);
    expect(composeWeiboStatus('义诊', 'https://www.hospital.cn/a 注释', 'hospital.cn').safeLink).toBe(false);
  });
});

describe('reading API answers', () => {
  it('keeps ids above 2^53 exact and leaves strings alone', () => {
    const raw = '{"id": 9007199254740993123, "idstr": "9007199254740993123", "text": "he said \\"id\\": 12345678901234567890", "user": {"id":1234567890123456789}, "in_reply_to_status_id": "", "reposts_count": 8}';
    const parsed = parseWeiboJson(raw) as Record<string, unknown>;
    expect(parsed.id).toBe('9007199254740993123');
    expect((parsed.user as Record<string, unknown>).id).toBe('1234567890123456789');
    expect(parsed.text).toBe('he said "id": 12345678901234567890');
    expect(parsed.reposts_count).toBe(8);
    expect(parsed.in_reply_to_status_id).toBe('');
  });

  it('reads a status: idstr first, else id; the author id; the date', () => {
    const status = parseWeiboStatus({ id: 4_980_000_000_000_001, idstr: '4980000000000001', text: 't', created_at: 'Tue May 31 17:46:55 +0800 2011', user: { id: 42, idstr: '42' } });
    expect(status).toEqual({ id: '4980000000000001', userId: '42', text: 't', createdAt: new Date('2011-05-31T09:46:55Z') });
    expect(weiboStatusUrl(status)).toBe('https://weibo.com/42/4980000000000001');
    expect(parseWeiboStatus({ id: 11488058246, user: { id: 1404376560 } })).toMatchObject({ id: '11488058246', userId: '1404376560' });
    expect(weiboStatusUrl(parseWeiboStatus({ id: 7 }))).toBeNull();
    expect(() => parseWeiboStatus({ text: 'no id' })).toThrow(/no id/);
    expect(() => parseWeiboStatus({ id: 2 ** 60 })).toThrow(/no id/); // a rounded number is no id
    expect(() => parseWeiboStatus(null)).toThrow();
  });

  it('reads an error answer, its code as a number or a string', () => {
    expect(parseWeiboError({ error: 'expired_token', error_code: 21327, request: '/2/statuses/share.json' })).toEqual({ code: 21327, message: 'expired_token', request: '/2/statuses/share.json' });
    expect(parseWeiboError({ error: 'x', error_code: '10023' })).toEqual({ code: 10023, message: 'x', request: null });
    expect(parseWeiboError({ id: 1, text: 'a status' })).toBeNull();
    expect(parseWeiboError('nope')).toBeNull();
  });

  it('parses and formats created_at in China time', () => {
    expect(parseWeiboDate('Fri Aug 28 00:00:00 +0800 2009')).toEqual(new Date('2009-08-27T16:00:00Z'));
    expect(parseWeiboDate('Mon Jan 05 10:00:00 -0130 2015')).toEqual(new Date('2015-01-05T11:30:00Z'));
    expect(parseWeiboDate('2011-05-31T17:46:55+08:00')).toBeNull();
    expect(formatWeiboDate(new Date('2024-12-31T16:30:05Z'))).toBe('Wed Jan 01 00:30:05 +0800 2025');
    const now = new Date(Math.floor(Date.now() / 1000) * 1000);
    expect(parseWeiboDate(formatWeiboDate(now))).toEqual(now);
  });
});
