/**
 * Whether the warnings list is open: one small store, so the KPI bar's
 * warnings figure opens the list without threading a callback through the
 * bar, and the list closes itself.
 */
import { useSyncExternalStore } from 'react';

let open = false;
const listeners = new Set<() => void>();

export function setWarningsOpen(next: boolean): void {
  if (next === open) return;
  open = next;
  for (const l of listeners) l();
}

export function useWarningsOpen(): boolean {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => open,
  );
}
