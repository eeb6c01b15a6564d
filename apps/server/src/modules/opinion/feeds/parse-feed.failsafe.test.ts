import { describe, expect, it, vi } from 'vitest';
import { parseFeed } from './parse-feed.ts';

// A reader bug, simulated: the poller must get a bozo feed back, not an exception.
vi.mock('./feed-xml.ts', () => ({
  readXmlFeed: () => {
    throw new TypeError("Cannot read properties of undefined (reading 'children')");
  },
}));

describe('parseFeed when a reader fails', () => {
  it('returns a bozo feed with the reason instead of throwing', () => {
    const feed = parseFeed(Buffer.from('<rss><channel><title>x</title></channel></rss>'));
    expect(feed).toEqual({
      encoding: 'utf-8',
      bozo: true,
      bozoReason: "the parser failed: Cannot read properties of undefined (reading 'children')",
      feed: { title: null, link: null },
      items: [],
    });
  });
});
