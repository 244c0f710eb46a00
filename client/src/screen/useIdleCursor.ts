/**
 * A wall display shows no pointer: it disappears after a few seconds without
 * movement (and from the start) and comes back while the mouse moves, for an
 * operator who reaches for it.
 */
import { useEffect, useState } from 'react';

export const CURSOR_IDLE_MS = 3000;

/** True while the pointer should be hidden. */
export function useIdleCursor(idleMs = CURSOR_IDLE_MS): boolean {
  const [idle, setIdle] = useState(false);
  useEffect(() => {
    let timer = window.setTimeout(() => setIdle(true), idleMs);
    const onMove = () => {
      setIdle(false);
      window.clearTimeout(timer);
      timer = window.setTimeout(() => setIdle(true), idleMs);
    };
    window.addEventListener('pointermove', onMove, { passive: true });
    window.addEventListener('pointerdown', onMove, { passive: true });
    return () => {
      window.clearTimeout(timer);
      window.removeEventListener('pointermove', onMove);
      window.removeEventListener('pointerdown', onMove);
    };
  }, [idleMs]);
  return idle;
}
