/**
 * The part of a yearly overlay to draw: the latest one when it is of the
 * shown year; while the counties of a newly asked year are still loading,
 * the one drawn so far, so the map never mixes years (and does not change
 * until the counties do).
 */
import { useState } from 'react';

export function useOfShownYear<T extends { year: number }>(latest: T | null, shown: number | null): T | null {
  const [drawn, setDrawn] = useState<T | null>(latest);
  const current = latest != null && (latest.year === shown || drawn == null) ? latest : drawn;
  // React's pattern for state derived from the previous render.
  if (current !== drawn) setDrawn(current);
  return current;
}

/** A yearly overlay's answer: loaded when its part is of the shown year. */
export function yearlyAnswer<T extends { year: number }>(
  part: T | null,
  shown: number | null,
  query: { data?: unknown; error?: Error | null },
): { part: T | null; loaded: boolean; settled: boolean; error: Error | null } {
  return { part, loaded: part != null && part.year === shown, settled: query.data != null || query.error != null, error: query.error ?? null };
}
