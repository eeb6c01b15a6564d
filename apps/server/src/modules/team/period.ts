import { errors } from '../../platform/http/errors.ts';

/** Periods are calendar days in China time (UTC+8, no daylight saving), both ends included, as an office writes them. */
const chinaOffsetMs = 8 * 3_600_000;
const dayMs = 24 * 3_600_000;

export const chinaDate = (moment: Date) => new Date(moment.getTime() + chinaOffsetMs).toISOString().slice(0, 10);
export const chinaYearOf = (moment: Date) => Number(chinaDate(moment).slice(0, 4));
export const chinaDayStart = (day: string) => new Date(`${day}T00:00:00+08:00`);

/** The first moment after the day. */
export const chinaDayEnd = (day: string) => new Date(chinaDayStart(day).getTime() + dayMs);

export type Period = { from: string; to: string; start: Date; end: Date };

/** [start, end) of the days from–to; by default from 1 January of this year to today. */
export function periodOf(given: { from?: string; to?: string }, now = new Date()): Period {
  const from = given.from ?? `${chinaYearOf(now)}-01-01`;
  const to = given.to ?? chinaDate(now);
  if (from > to) throw errors.invalidField('to', '结束日期不能早于开始日期', 'The end date is before the start date');
  return { from, to, start: chinaDayStart(from), end: chinaDayEnd(to) };
}

export const yearPeriod = (year: number) => periodOf({ from: `${year}-01-01`, to: `${year}-12-31` });

/** 2024年1月1日 */
export const chineseDate = (day: string) => `${Number(day.slice(0, 4))}年${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;
