import type { FormInstance } from 'antd';
import { ApiError, NETWORK_ERROR, UNEXPECTED_RESPONSE } from './api';
import type { Translate } from './i18n/i18n';

/** The sentence to show for any thrown error: the server's own message when it sent one. */
export function describeError(error: unknown, t: Translate): string {
  if (error instanceof ApiError) {
    if (error.code === NETWORK_ERROR) return t('error.network');
    if (error.code === UNEXPECTED_RESPONSE) return t('error.unexpected', { status: error.status });
    return error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

/** Puts a validation error's details onto the form's fields (field paths like `roles.0` included). */
export function applyFieldErrors(form: FormInstance, error: unknown): void {
  if (!(error instanceof ApiError) || error.details.length === 0) return;
  const byField = new Map<string, string[]>();
  for (const detail of error.details) {
    byField.set(detail.field, [...(byField.get(detail.field) ?? []), detail.message]);
  }
  form.setFields(
    [...byField].map(([field, errors]) => ({
      name: field.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part)),
      errors,
    })),
  );
}
