import { describe, expect, it } from 'vitest';
import { chinaDate, evaluationWindow, yearProgress } from './plan-calendar.ts';

describe('the plan year, in China time', () => {
  it('starts at midnight in Beijing and runs to the end of December', () => {
    const { from, to } = yearProgress(2024, new Date('2024-07-01T00:00:00+08:00'));
    expect(from.toISOString()).toBe('2023-12-31T16:00:00.000Z');
    expect(to.toISOString()).toBe('2024-12-31T16:00:00.000Z');
    expect(chinaDate(new Date('2024-06-30T20:00:00Z'))).toBe('2024-07-01');
  });

  it('is as far gone as the clock says, and never less than nothing or more than all', () => {
    expect(yearProgress(2024, new Date('2024-07-02T00:00:00+08:00')).elapsed).toBeCloseTo(183 / 366, 6);
    expect(yearProgress(2024, new Date('2023-05-01T00:00:00+08:00')).elapsed).toBe(0);
    expect(yearProgress(2024, new Date('2026-05-01T00:00:00+08:00')).elapsed).toBe(1);
  });

  it('evaluates January–June at half the year’s target, and counts up to now when taken early', () => {
    const now = new Date('2024-06-20T10:00:00+08:00');
    const half = evaluationWindow(2024, 'half_year', now);
    expect(half.to.toISOString()).toBe('2024-06-30T16:00:00.000Z');
    expect(half.asOf).toEqual(now);
    expect(half.share).toBe(0.5);
    expect(evaluationWindow(2024, 'year_end', new Date('2025-01-10T00:00:00+08:00')).asOf.toISOString()).toBe('2024-12-31T16:00:00.000Z');
  });
});
