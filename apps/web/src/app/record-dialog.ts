import { useState } from 'react';

/**
 * The state of a dialog that creates a record (`record` null) or edits one. The record stays set while the
 * dialog closes, so its title does not flip during the animation. `key` is new at every opening: given to the
 * dialog, it gives the form a fresh store, since antd's form would otherwise merge what the last opening left
 * behind over the new record's initial values.
 */
export function useRecordDialog<T>() {
  const [state, setState] = useState<{ open: boolean; record: T | null; key: number }>({ open: false, record: null, key: 0 });
  return {
    ...state,
    show: (record: T | null) => setState((previous) => ({ open: true, record, key: previous.key + 1 })),
    close: () => setState((previous) => ({ ...previous, open: false })),
  };
}
