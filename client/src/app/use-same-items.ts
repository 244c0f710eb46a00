/**
 * A list whose identity changes only when one of its items does: the last
 * render's list while every item is the same (`Object.is`) as now. Fit to be
 * a hook's dependency where the items themselves are the inputs (a list
 * built each render, a number of parts known only at run time), which a
 * dependency array cannot name item by item.
 */
import { useRef } from 'react';

export function useSameItems<T extends readonly unknown[] | null>(items: T): T {
  const kept = useRef(items);
  const last = kept.current;
  const same = last === items || (last != null && items != null && last.length === items.length && last.every((v, i) => Object.is(v, items[i])));
  // A cache, as useMemo keeps one: what it holds depends only on the items.
  if (!same) kept.current = items;
  return kept.current;
}
