import { describe, expect, it } from 'vitest';
import { channelsTaken, publicationOrdinals, republishable } from './publication-history';

const website = 1;
const wechat = 2;
const board = 3;

describe('an article’s publications as history', () => {
  // Newest first, as the API lists them: the website re-published once, WeChat failed, the board withdrawn twice.
  const publications = [
    { id: 9, channelId: board, status: 'withdrawn' as const },
    { id: 8, channelId: website, status: 'published' as const },
    { id: 7, channelId: wechat, status: 'failed' as const },
    { id: 5, channelId: board, status: 'withdrawn' as const },
    { id: 3, channelId: website, status: 'withdrawn' as const },
  ];

  it('takes a channel while a publication there is not withdrawn, a failed one included', () => {
    expect([...channelsTaken(publications)].sort()).toEqual([website, wechat]);
  });

  it('offers to publish again only the latest withdrawn publication of a channel with nothing open', () => {
    expect([...republishable(publications)]).toEqual([9]);
    expect([...republishable([...publications].reverse())]).toEqual([9]);
  });

  it('numbers the publications of channels the article went to more than once', () => {
    expect(Object.fromEntries(publicationOrdinals(publications))).toEqual({ 3: 1, 8: 2, 5: 1, 9: 2 });
  });
});
