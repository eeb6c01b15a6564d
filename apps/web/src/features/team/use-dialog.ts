import { useState } from 'react';

/** A dialog's subject (null: a new one) and a fresh key per opening, so its form starts from the subject's values. */
export function useDialog<T>() {
  const [state, setState] = useState<{ open: boolean; subject: T | null; key: number }>({ open: false, subject: null, key: 0 });
  return {
    ...state,
    show: (subject: T | null) => setState((s) => ({ open: true, subject, key: s.key + 1 })),
    close: () => setState((s) => ({ ...s, open: false })),
  };
}
