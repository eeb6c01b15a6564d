import { describe, expect, it } from 'vitest';
import { scoreDepartments } from './scoring.ts';

const line = (departmentId: number, expected: number, done: number, counted = true) => ({
  itemId: 0, departmentId, departmentName: `科${departmentId}`, metric: 'info' as const, period: 'year' as const, target: expected, note: null, expected, done, counted,
});

describe('scoring departments', () => {
  it('averages capped completion, so over-fulfilling one target does not hide another, and ranks ties together', () => {
    const scored = scoreDepartments([line(1, 10, 20), line(1, 10, 0), line(2, 4, 2), line(3, 2, 1), line(4, 10, 10), line(4, 20, 0, false)]);
    expect(scored.map((d) => [d.departmentId, d.score, d.rate, d.rank, d.counted, d.items])).toEqual([
      [4, 100, 1, 1, 1, 2],
      [1, 50, 1, 2, 2, 2],
      [2, 50, 0.5, 2, 1, 1],
      [3, 50, 0.5, 2, 1, 1],
    ]);
  });

  it('does not rank a department with nothing that can be counted', () => {
    const [department] = scoreDepartments([line(5, 20, 0, false)]);
    expect(department).toMatchObject({ score: null, rate: null, rank: null, counted: 0 });
  });
});
