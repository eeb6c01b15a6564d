import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, pageOf } from './pagination.ts';

describe('cursors', () => {
  it('round-trip a key', () => {
    expect(decodeCursor(encodeCursor(12345))).toBe(12345);
    expect(decodeCursor(undefined)).toBeUndefined();
  });
  it.each(['%%%', '', 'bm90LWEtbnVtYmVy', '-1'])('reject %j', (cursor) => {
    expect(() => decodeCursor(cursor)).toThrow(/cursor/i);
  });
});

describe('pageOf', () => {
  it('uses the extra row only to say there is a next page', () => {
    const rows = [{ id: 1 }, { id: 2 }, { id: 3 }];
    expect(pageOf(rows, 2, (r) => r.id)).toEqual({ items: [1, 2], nextCursor: encodeCursor(2) });
    expect(pageOf(rows, 3, (r) => r.id)).toEqual({ items: [1, 2, 3], nextCursor: null });
  });
});
