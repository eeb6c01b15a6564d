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

type NamePath = (string | number)[];

/**
 * The form field a detail's path belongs to: the path itself when the form has that field, else its longest
 * registered prefix, so `publicPhones.1` lands on the tags input that holds all the numbers.
 */
function fieldOf(form: FormInstance, path: string): NamePath {
  const name: NamePath = path.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
  const registered = new Set(form.getFieldsError().map((field) => JSON.stringify(field.name)));
  for (let length = name.length; length > 0; length -= 1) {
    if (registered.has(JSON.stringify(name.slice(0, length)))) return name.slice(0, length);
  }
  return name;
}

/** Puts a validation error's details onto the form's fields (field paths like `roles.0` included). */
export function applyFieldErrors(form: FormInstance, error: unknown): void {
  if (!(error instanceof ApiError) || error.details.length === 0) return;
  const byField = new Map<string, { name: NamePath; errors: string[] }>();
  for (const detail of error.details) {
    const name = fieldOf(form, detail.field);
    const key = JSON.stringify(name);
    byField.set(key, { name, errors: [...(byField.get(key)?.errors ?? []), detail.message] });
  }
  form.setFields([...byField.values()]);
}
