import type { EvaluationKind } from './targets.tables.ts';

/** Plans run on the hospital's calendar year in China time (UTC+8, no daylight saving). */
const chinaOffsetMs = 8 * 3_600_000;

/** The first moment of month `month` (0-based, may run past 11) of `year`, China time. */
export function chinaMonthStart(year: number, month = 0): Date {
  return new Date(Date.UTC(year, month, 1) - chinaOffsetMs);
}

export function chinaYearOf(moment: Date): number {
  return new Date(moment.getTime() + chinaOffsetMs).getUTCFullYear();
}

/** A calendar day as the office writes it (2024-06-30), China time. */
export function chinaDate(moment: Date): string {
  return new Date(moment.getTime() + chinaOffsetMs).toISOString().slice(0, 10);
}

export type YearProgress = { from: Date; to: Date; asOf: Date; elapsed: number };

/** How far into the plan's year `now` is: counting runs from 1 January to now (or the year's end), elapsed is 0–1. */
export function yearProgress(year: number, now: Date): YearProgress {
  const from = chinaMonthStart(year);
  const to = chinaMonthStart(year, 12);
  const asOf = new Date(Math.min(Math.max(now.getTime(), from.getTime()), to.getTime()));
  return { from, to, asOf, elapsed: (asOf.getTime() - from.getTime()) / (to.getTime() - from.getTime()) };
}

/** The half (January–June) or the whole year an evaluation covers, and the share of a year's target due by its end. */
export function evaluationWindow(year: number, kind: EvaluationKind, now: Date) {
  const months = kind === 'half_year' ? 6 : 12;
  const from = chinaMonthStart(year);
  const to = chinaMonthStart(year, months);
  return { from, to, asOf: new Date(Math.min(now.getTime(), to.getTime())), share: months / 12 };
}

/** A year's worth of a target: twelve months of a monthly one. */
export const yearTarget = (target: number, period: 'year' | 'month') => (period === 'month' ? target * 12 : target);
