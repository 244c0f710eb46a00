/**
 * Which layout the atlas takes on this screen. The layouts themselves are CSS
 * (app.css for the desktop, compact.css for phones and tablets); React only
 * needs to know for the state a layout starts from: the layer drawer starts
 * closed and the legend folded on a compact screen, open on a desktop.
 *
 * COMPACT_QUERY is repeated in the `@media` rules of compact.css (CSS cannot
 * import it); tests/unit/client/layout.test.ts checks that they agree.
 */
import { useEffect, useState } from 'react';

/**
 * Phones (either orientation), tablets in portrait, narrow or low windows, and
 * touch tablets in landscape up to 1279 px wide (a 1024×768 iPad): the map
 * takes the screen, the panels fold. A desktop window of 1024×720 driven by a
 * mouse keeps the desktop layout.
 */
export const COMPACT_QUERY = '(max-width: 1023px), (max-height: 600px), (pointer: coarse) and (max-width: 1279px)';

/** Whether a media query matches now, following its changes (a rotated phone, a resized window). */
export function useMediaQuery(query: string): boolean {
  const [matches, setMatches] = useState(() => window.matchMedia(query).matches);
  useEffect(() => {
    const list = window.matchMedia(query);
    const update = () => setMatches(list.matches);
    update();
    list.addEventListener('change', update);
    return () => list.removeEventListener('change', update);
  }, [query]);
  return matches;
}

/** True on a phone or tablet layout (COMPACT_QUERY). */
export function useCompactLayout(): boolean {
  return useMediaQuery(COMPACT_QUERY);
}
