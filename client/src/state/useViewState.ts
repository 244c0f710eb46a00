/**
 * The atlas's view state, kept in the URL (`view-state.ts` is the format):
 * read once when the page opens, written back whenever it changes.
 *
 * Each change of the selection or of the region is a new history entry, so
 * Back and Forward walk the drill-down (county → township → village) and its
 * panels, and back to the region shown before; every other change (a pan or
 * zoom, the year, a layer) replaces the current entry, so Back does not step
 * through every pan. Back and Forward restore the region and selection of the
 * entry they reach and keep the rest of the view as it is now (the year, the
 * layers, the camera — fitted anew when the region changes): the history is
 * of what was shown and selected. The language is owned by the i18n provider and only written
 * here, so the link has one writer.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { formatView, parseView, type Selection, type ViewParam, type ViewState, type ViewLocale } from './view-state';

export type ViewPatch = Partial<Omit<ViewState, 'locale'>>;

export interface ViewStateHandle {
  view: Omit<ViewState, 'locale'>;
  update(patch: ViewPatch | ((current: Omit<ViewState, 'locale'>) => ViewPatch)): void;
  /** parameters of the opening link that were not valid and were ignored */
  rejected: readonly ViewParam[];
}

/** What makes a view another history entry: its region and its selection. */
function entryKey({ region, selection }: { region: string | null; selection: Selection | null }): string {
  return `${region ?? ''}|${selection ? `${selection.kind}:${selection.id}` : ''}`;
}

export function useViewState(locale: ViewLocale): ViewStateHandle {
  const [opening] = useState(() => parseView(window.location.search));
  const [view, setView] = useState<Omit<ViewState, 'locale'>>(() => opening.state);
  // The region and selection the current history entry holds: a view with others is a new entry.
  const entrySelection = useRef(entryKey(opening.state));
  // Back/Forward count, and the count each view was made at: a view made before the latest Back/Forward
  // whose write comes after it (effects run after paint) would push over the entries Forward needs.
  const pops = useRef(0);
  const madeAt = useRef(new WeakMap<object, number>());
  const made = useCallback((next: Omit<ViewState, 'locale'>) => {
    madeAt.current.set(next, pops.current);
    return next;
  }, []);
  const update = useCallback<ViewStateHandle['update']>(
    (patch) => setView((current) => made({ ...current, ...(typeof patch === 'function' ? patch(current) : patch) })),
    [made],
  );
  useEffect(() => {
    if ((madeAt.current.get(view) ?? 0) < pops.current) return;
    const query = formatView({ ...view, locale });
    const url = `${window.location.pathname}${query ? `?${query}` : ''}${window.location.hash}`;
    const key = entryKey(view);
    if (key !== entrySelection.current) {
      entrySelection.current = key;
      window.history.pushState(null, '', url);
    } else if (url !== `${window.location.pathname}${window.location.search}${window.location.hash}`) {
      window.history.replaceState(window.history.state, '', url);
    }
  }, [view, locale]);
  // Back / Forward: the entry's region and selection (a link's invalid one reads as none).
  useEffect(() => {
    const onPopState = () => {
      const { selection, region } = parseView(window.location.search).state;
      entrySelection.current = entryKey({ region, selection });
      pops.current += 1;
      // A new object even for the same selection: the entry's URL is then rewritten to the view as it is.
      // Another region opens fitted to it, as choosing it did.
      setView((current) => made({ ...current, selection, region, ...(region !== current.region ? { camera: null } : {}) }));
    };
    window.addEventListener('popstate', onPopState);
    return () => window.removeEventListener('popstate', onPopState);
  }, [made]);
  return useMemo(() => ({ view, update, rejected: opening.rejected }), [view, update, opening.rejected]);
}
