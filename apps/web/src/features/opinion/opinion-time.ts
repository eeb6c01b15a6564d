import { useEffect, useState } from 'react';
import dayjs from 'dayjs';

/** A trend's window: the chosen range (hours up to three days, days beyond), else the last 24 hours. */
export function trendWindow(from: string | undefined, to: string | undefined) {
  const end = to ? dayjs(to) : dayjs().add(1, 'hour').startOf('hour');
  const start = from ? dayjs(from) : end.subtract(24, 'hour');
  return { from: start.toISOString(), to: end.toISOString(), bucket: end.diff(start, 'hour') > 72 ? ('day' as const) : ('hour' as const) };
}

/** Changes every minute, so a window ending "now" moves on while a page stays open. */
export function useMinuteTick() {
  const [minute, setMinute] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setMinute((m) => m + 1), 60_000);
    return () => clearInterval(timer);
  }, []);
  return minute;
}
