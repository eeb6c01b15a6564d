import { describe, expect, it } from 'vitest';
import { ranked } from './points.service.ts';

describe('ranking', () => {
  it('puts most points first; equal points share a rank and the next rank skips, names in pinyin order', () => {
    const rows = [
      { name: '赵护士', points: 5 },
      { name: '李医生', points: 8 },
      { name: '王通讯', points: 5 },
      { name: '陈主任', points: 2 },
    ];
    expect(ranked(rows, (r) => r.name).map((r) => [r.rank, r.name])).toEqual([
      [1, '李医生'],
      [2, '王通讯'],
      [2, '赵护士'],
      [4, '陈主任'],
    ]);
  });
});
