import { describe, expect, it } from 'vitest';
import type { ParsedFeed } from '../parse-feed.ts';
import { checkExpectation, parseExpression } from './feedparser-expect.ts';

const result: ParsedFeed = {
  encoding: 'gb18030',
  bozo: false,
  feed: { title: 'Example <b>Atom</b>', link: 'http://example.com/' },
  items: [
    {
      id: 'tag:example.com,2006:1',
      title: 'Freiräume …',
      link: null,
      published_at: '2004-01-01T19:48:21.000Z',
      author: 'Example editor',
      summary: '…',
      content: '<p>Example content</p>',
    },
  ],
};

const outcome = (expression: string, on = result) => checkExpectation(expression, on).outcome;

describe('feedparser Expect: evaluator', () => {
  it('maps feedparser names onto the normalised feed', () => {
    expect(outcome("not bozo and feed['title'] == 'Example <b>Atom</b>' and feed.link == 'http://example.com/'")).toBe('pass');
    expect(outcome("entries[0]['guid'] == 'tag:example.com,2006:1' and entries[0].id == u'tag:example.com,2006:1'")).toBe('pass');
    expect(outcome("entries[0]['content'][0]['value'] == '<p>Example content</p>' and entries[0]['description'] == entries[0].summary")).toBe('pass');
    expect(outcome("entries[0]['author_detail']['name'] == 'Example editor' and len(entries) == 1")).toBe('pass');
    expect(outcome('entries[0]["published_parsed"] == (2004, 1, 1, 19, 48, 21, 3, 1, 0)')).toBe('pass');
    expect(outcome('entries[0]["updated_parsed"] == (2004, 1, 1, 19, 48, 21, 3, 2, 0)')).toBe('fail');
  });

  it('reads Python string literals: escapes, unicode and triple quotes', () => {
    expect(outcome("entries[0]['title'] == u'Freir\\xe4ume \\u2026'")).toBe('pass');
    expect(outcome('ord(entries[0][\'description\']) == 8230')).toBe('pass');
    expect(outcome('entries[0][\'title\'] == """Freiräume …"""')).toBe('pass');
    expect(outcome("feed['title'] == 'Example ' '<b>Atom</b>'")).toBe('pass');
  });

  it('compares charsets as charsets', () => {
    expect(outcome("encoding == 'GB2312'")).toBe('pass');
    expect(outcome("encoding == 'gbk' and not bozo")).toBe('pass');
    expect(outcome("encoding == 'Big5'")).toBe('fail');
  });

  it('is three-valued over names we do not produce', () => {
    expect(outcome("not bozo and version == 'rss20'")).toBe('n/a');
    expect(outcome("not bozo and version == 'rss20'", { ...result, bozo: true })).toBe('fail');
    expect(outcome("version == 'rss20' or not bozo")).toBe('pass');
    expect(outcome("entries[0]['tags'][0]['term'] == 'x' and feed.title == 'nope'")).toBe('fail');
    expect(outcome("entries[0].get('where') == {}")).toBe('n/a');
  });

  it('fails on what would raise in Python: missing keys and indexes', () => {
    expect(checkExpectation("entries[0]['link'] == 'http://example.com/'", result)).toEqual({ outcome: 'fail', error: 'KeyError: link' });
    expect(checkExpectation("entries[1]['title'] == 'x'", result)).toEqual({ outcome: 'fail', error: 'IndexError: 1' });
    expect(outcome("not entries[0].has_key('link') and entries[0].has_key('title')")).toBe('pass');
    expect(outcome('1')).toBe('pass');
  });

  it('refuses syntax outside the subset instead of guessing', () => {
    expect(() => parseExpression('__import__("os").system("true") if x else y')).toThrow(SyntaxError);
    expect(() => parseExpression('a + b')).toThrow(SyntaxError);
  });
});
