/**
 * The rotation's clock: which view is on, and when the next one comes. A
 * view's time counts only while it is shown (its figures drawn) and the
 * rotation is not paused, so a slow answer or a pause never shortens the
 * time a view is seen; pausing keeps what was left of it.
 */
import { useCallback, useEffect, useRef, useState } from 'react';

export interface RotationClock {
  /** the view on, 0-based */
  index: number;
  paused: boolean;
  /** the view's time is running now (shown, not paused, more than one view) */
  running: boolean;
  next(): void;
  previous(): void;
  togglePause(): void;
}

export function useRotation(count: number, intervalMs: number, shown: boolean): RotationClock {
  const [index, setIndex] = useState(0);
  const [paused, setPaused] = useState(false);
  const running = shown && !paused && count > 1;
  // What is left of the current view's time; a new view starts with the whole interval.
  const left = useRef({ index, ms: intervalMs });

  useEffect(() => {
    left.current = { index, ms: intervalMs };
  }, [index, intervalMs]);
  useEffect(() => {
    if (!running) return;
    const started = performance.now();
    const timer = window.setTimeout(() => setIndex((i) => (i + 1) % count), left.current.ms);
    return () => {
      window.clearTimeout(timer);
      if (left.current.index === index) left.current.ms = Math.max(0, left.current.ms - (performance.now() - started));
    };
  }, [running, index, count, intervalMs]);

  const next = useCallback(() => setIndex((i) => (i + 1) % count), [count]);
  const previous = useCallback(() => setIndex((i) => (i - 1 + count) % count), [count]);
  const togglePause = useCallback(() => setPaused((p) => !p), []);
  return { index, paused, running, next, previous, togglePause };
}
