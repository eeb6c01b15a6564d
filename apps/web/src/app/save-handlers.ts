import { App, type FormInstance } from 'antd';
import { applyFieldErrors } from './api-errors';
import { useT, type MessageKey } from './i18n/i18n';

/**
 * The mutation callbacks of a form's save: on success a toast (`successMessage`), then `onSaved`;
 * on failure the server's validation details go onto the form's fields.
 */
export function useSaveHandlers<TResult = unknown>(
  form: FormInstance,
  onSaved?: (result: TResult) => void,
  successMessage: MessageKey = 'common.saved',
) {
  const t = useT();
  const { message } = App.useApp();
  return {
    onSuccess: (result: TResult) => {
      void message.success(t(successMessage));
      onSaved?.(result);
    },
    onError: (error: unknown) => applyFieldErrors(form, error),
  };
}
