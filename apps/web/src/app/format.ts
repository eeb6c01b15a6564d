import dayjs from 'dayjs';

/** The office's convention: 2026-03-05 14:07, 24-hour, local time. */
export function formatDateTime(iso: string | null | undefined): string {
  return iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—';
}
