import dayjs from 'dayjs';
import type { Translate } from '../i18n/i18n';
import { formatDateTime } from '../format';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** How long ago, the way a Chinese inbox says it: 刚刚, 5 分钟前, 3 小时前, 昨天 18:20, 4 天前, then the date and time. */
export function relativeTime(iso: string, now: Date, t: Translate): string {
  const then = dayjs(iso);
  const elapsed = now.getTime() - then.valueOf();
  if (elapsed < MINUTE) return t('notice.time.justNow');
  if (elapsed < HOUR) return t('notice.time.minutes', { n: Math.floor(elapsed / MINUTE) });
  const today = dayjs(now).startOf('day');
  if (elapsed < DAY && !then.isBefore(today)) return t('notice.time.hours', { n: Math.floor(elapsed / HOUR) });
  if (!then.isBefore(today.subtract(1, 'day'))) return t('notice.time.yesterday', { time: then.format('HH:mm') });
  if (elapsed < 7 * DAY) return t('notice.time.days', { n: Math.max(2, today.diff(then.startOf('day'), 'day')) });
  return formatDateTime(iso);
}
