/**
 * The operator's keys, anywhere on the page: Space pauses or resumes the
 * rotation, ← and → (and a presenter remote's Page Up / Page Down) step to
 * the previous or next view. Space and Enter on a focused control are that
 * control's own (the browser clicks it), and a key with a modifier is left
 * to the browser.
 */
import { useEffect, useRef } from 'react';
import type { RotationClock } from './useRotation';

const OWN_ACTIVATION = 'button, a[href], input, select, textarea, summary, [role="button"]';

export function useOperatorKeys(clock: Pick<RotationClock, 'next' | 'previous' | 'togglePause'>): void {
  const current = useRef(clock);
  current.current = clock;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey || event.defaultPrevented) return;
      const target = event.target instanceof Element ? event.target : null;
      const { next, previous, togglePause } = current.current;
      if (event.key === ' ' || event.key === 'Spacebar') {
        if (target?.closest(OWN_ACTIVATION)) return;
        togglePause();
      } else if (event.key === 'ArrowRight' || event.key === 'PageDown') next();
      else if (event.key === 'ArrowLeft' || event.key === 'PageUp') previous();
      else return;
      // Space would scroll, were there anything to scroll.
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
