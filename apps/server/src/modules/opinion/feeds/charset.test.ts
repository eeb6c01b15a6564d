import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { canonicalEncoding, charsetFromContentType, decodeFeedBytes } from './charset.ts';

const xml = (declaration: string, body = '<rss><channel><title>国家卫生健康委员会 醫院</title></channel></rss>') => `${declaration}${body}`;

describe('charsetFromContentType', () => {
  it.each([
    ['application/rss+xml; charset=GBK', 'GBK'],
    ["application/atom+xml;charset='gb2312'", 'gb2312'],
    ["application/rss+xml;charset= 'us-ascii'", 'us-ascii'],
    ['text/xml;charset= "us-ascii"', 'us-ascii'],
    ['text/xml; Charset=UTF-8; format=flowed', 'UTF-8'],
    ['text/xml', null],
  ])('%s → %s', (header, charset) => expect(charsetFromContentType(header)).toBe(charset));
});

describe('canonicalEncoding', () => {
  it('reads GB2312 and GBK as GB18030, keeps other known charsets, refuses unknown ones', () => {
    expect(['GB2312', 'gbk', 'x-gbk', 'CP936', 'gb18030'].map(canonicalEncoding)).toEqual(Array(5).fill('gb18030'));
    expect(['Big5', 'cp950'].map(canonicalEncoding)).toEqual(['big5', 'big5']);
    expect(['UTF8', 'us-ascii', 'Latin1', 'Shift_JIS'].map(canonicalEncoding)).toEqual(['utf-8', 'us-ascii', 'iso-8859-1', 'shift_jis']);
    expect(canonicalEncoding('bogus')).toBeNull();
  });
});

describe('decodeFeedBytes', () => {
  it('prefers the header charset, then the BOM, then the XML declaration', () => {
    const gbk = iconv.encode(xml('<?xml version="1.0" encoding="utf-8"?>'), 'gbk');
    expect(decodeFeedBytes(gbk, 'text/xml; charset=gb2312')).toMatchObject({ encoding: 'gb18030', problems: [] });

    const bomUtf8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(xml('<?xml version="1.0" encoding="big5"?>'))]);
    const decoded = decodeFeedBytes(bomUtf8);
    expect(decoded).toMatchObject({ encoding: 'utf-8', problems: [] });
    expect(decoded.text.startsWith('<?xml')).toBe(true); // the BOM is not part of the text

    const big5 = iconv.encode(xml('<?xml version="1.0" encoding="big5"?>', '<rss><channel><title>國家衛生健康委員會 醫院</title></channel></rss>'), 'big5');
    expect(decodeFeedBytes(big5)).toMatchObject({ encoding: 'big5', problems: [] });
    expect(decodeFeedBytes(big5).text).toContain('國家衛生健康委員會 醫院');
  });

  it('falls back to the declaration when the header names an unknown charset', () => {
    const gbk = iconv.encode(xml('<?xml version="1.0" encoding="GB2312"?>'), 'gbk');
    const decoded = decodeFeedBytes(gbk, 'text/xml; charset=klingon');
    expect(decoded.encoding).toBe('gb18030');
    expect(decoded.text).toContain('国家卫生健康委员会 醫院');
    expect(decoded.problems).toEqual(['unknown charset "klingon" in the Content-Type header']);
  });

  it('detects UTF-16 without a BOM from its first bytes', () => {
    const text = xml('<?xml version="1.0" encoding="utf-16"?>');
    expect(decodeFeedBytes(Buffer.from(text, 'utf16le'))).toMatchObject({ encoding: 'utf-16le', text, problems: [] });
    expect(decodeFeedBytes(Buffer.from(text, 'utf16le').swap16())).toMatchObject({ encoding: 'utf-16be', text, problems: [] });
  });

  it('keeps UTF-8 with a stray bad byte, but re-reads mostly-invalid "UTF-8" as a legacy charset', () => {
    const stray = Buffer.concat([Buffer.from('<?xml version="1.0" encoding="utf-8"?><rss><channel><title>国家卫生健康委员会 醫院'), Buffer.from([0xff]), Buffer.from('</title></channel></rss>')]);
    const kept = decodeFeedBytes(stray);
    expect(kept.encoding).toBe('utf-8');
    expect(kept.text).toContain('国家卫生健康委员会 醫院\uFFFD');
    expect(kept.problems).toEqual(['invalid UTF-8 byte sequences were replaced by U+FFFD']);

    const gbkLabelledUtf8 = iconv.encode(xml('<?xml version="1.0" encoding="utf-8"?>'), 'gbk');
    const reread = decodeFeedBytes(gbkLabelledUtf8);
    expect(reread.encoding).toBe('gb18030');
    expect(reread.text).toContain('国家卫生健康委员会 醫院');
  });

  it('reads undeclared Latin text as windows-1252 and says so', () => {
    const latin = iconv.encode('<rss><channel><title>Últimas Notícias: ação, “saúde”</title></channel></rss>', 'windows-1252');
    const decoded = decodeFeedBytes(latin);
    expect(decoded.encoding).toBe('windows-1252');
    expect(decoded.text).toContain('Últimas Notícias: ação, “saúde”');
    expect(decoded.problems).toEqual(['no charset declared and the bytes are not UTF-8; read as windows-1252']);
  });

  it('reads ISO-8859-1 as windows-1252, as browsers do', () => {
    const bytes = Buffer.concat([Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><t>'), Buffer.from([0x93, 0x41, 0x94, 0xe9]), Buffer.from('</t>')]);
    expect(decodeFeedBytes(bytes)).toMatchObject({ encoding: 'iso-8859-1', problems: [] });
    expect(decodeFeedBytes(bytes).text).toContain('“A”é');
  });
});
