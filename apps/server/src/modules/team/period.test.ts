import { describe, expect, it } from 'vitest';
import { chinaDate, chineseDate, periodOf, yearPeriod } from './period.ts';

describe('periods in China time', () => {
  it('runs from the first moment of the first day to the first moment after the last, UTC+8', () => {
    const period = periodOf({ from: '2024-01-01', to: '2024-06-30' });
    expect(period.start.toISOString()).toBe('2023-12-31T16:00:00.000Z');
    expect(period.end.toISOString()).toBe('2024-06-30T16:00:00.000Z');
    expect(yearPeriod(2024)).toMatchObject({ from: '2024-01-01', to: '2024-12-31' });
  });

  it('defaults to this year up to today, as a Beijing office counts it', () => {
    const lateOnNewYearsEveUtc = new Date('2024-12-31T17:30:00Z');
    expect(chinaDate(lateOnNewYearsEveUtc)).toBe('2025-01-01');
    expect(periodOf({}, lateOnNewYearsEveUtc)).toMatchObject({ from: '2025-01-01', to: '2025-01-01' });
  });

  it('refuses an end before the start, naming the field', () => {
    expect(() => periodOf({ from: '2024-02-01', to: '2024-01-31' })).toThrow(expect.objectContaining({ status: 400, details: [expect.objectContaining({ field: 'to' })] }));
  });

  it('writes dates the way an official document does', () => {
    expect(chineseDate('2024-06-09')).toBe('2024年6月9日');
  });
});
