import { describe, expect, it } from 'vitest';
import { pager } from './portal-layout.ts';

const numbers = (html: string) => [...html.matchAll(/>(\d+|…|上一页|下一页)</g)].map((m) => m[1]);
const link = (n: number) => (n > 1 ? `/site/news?page=${n}` : '/site/news');

describe('page numbers', () => {
  it('shows the first, the last and two either side of the current page, with ellipses for the gaps', () => {
    expect(numbers(pager(link, 10, 20))).toEqual(['上一页', '1', '…', '8', '9', '10', '11', '12', '…', '20', '下一页']);
    expect(numbers(pager(link, 1, 20))).toEqual(['1', '2', '3', '…', '20', '下一页']);
    expect(numbers(pager(link, 20, 20))).toEqual(['上一页', '1', '…', '18', '19', '20']);
    expect(numbers(pager(link, 3, 5))).toEqual(['上一页', '1', '2', '3', '4', '5', '下一页']);
  });

  it('marks the current page, links the others, and shows nothing for a single page', () => {
    const html = pager(link, 2, 3);
    expect(html).toContain('<span aria-current="page">2</span>');
    expect(html).toContain('<a href="/site/news" rel="prev">上一页</a>');
    expect(html).toContain('<a href="/site/news?page=3">3</a>');
    expect(pager(link, 1, 1)).toBe('');
  });

  it('escapes the links it is given', () => {
    expect(pager((n) => `/site/search?q=a"b&page=${n}`, 1, 2)).toContain('href="/site/search?q=a&quot;b&amp;page=2"');
  });
});
