import dayjs from 'dayjs';

/** The office's convention: 2026-03-05 14:07, 24-hour, local time; date-time pickers show the same. */
export const DATE_TIME_FORMAT = 'YYYY-MM-DD HH:mm';

export function formatDateTime(iso: string | null | undefined): string {
  return iso ? dayjs(iso).format(DATE_TIME_FORMAT) : '—';
}

/** A calendar day as the office writes it: 2026-03-05. */
export function formatDate(value: string | null | undefined): string {
  return value ? dayjs(value).format('YYYY-MM-DD') : '—';
}

/** A file size as readers are used to it: KB below a megabyte, MB with one decimal above. */
export function formatFileSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}
