/**
 * The atlas's view state, kept in the URL (`view-state.ts` is the format):
 * read once when the page opens, written back whenever it changes.
 *
 * Each change of the selection is a new history entry, so Back and Forward
 * walk the drill-down (county → township → village) and its panels; every
 * other change (a pan or zoom, the year, a layer) replaces the current entry,
 * so Back does not step through every pan. Back and Forward restore the
 * selection of the entry they reach and keep the rest of the view as it is
 * now (the year, the layers, the camera): the history is of what was
 * selected. The language is owned by the i18n provider and only written
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

function selectionKey(selection: Selection | null): string {
  return selection ? `${selection.kind}:${selection.id}` : '';
}

export function useViewState(locale: ViewLocale): ViewStateHandle {
  const [opening] = useState(() => parseView(window.location.search));
  const [view, setView] = useState<Omit<ViewState, 'locale'>>(() => opening.state);
  // The selection the current history entry holds: a view with another one is a new entry.
  const entrySelection = useRef(selectionKey(opening.state.selection));
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
    const key = selectionKey(view.selection);
    if (key !== entrySelection.current) {
      entrySelection.current = key;
      window.history.pushState(null, '', url);
    } else if (url !== `${window.location.pathname}${window.location.search}${window.location.hash}`) {
      window.history.replaceState(window.history.state, '', url);
    }
  }, [view, locale]);
  // Back / Forward: the entry's selection (a link's invalid selection reads as none).
  useEffect(() => {
    const onPopState = () => {
      const { selection } = parseView(window.location.search).state;
      entrySelection.current = selectionKey(selection);
      pops.current += 1;
      // A new object even for the same selection: the entry's URL is then rewritten to the view as it is.
      setView((current) => made({ ...current, selection }));
    };
    window.addEventListener('popstate', onPopState);
    return () => window.removeEventListener('popstate', onPopState);
  }, [made]);
  return useMemo(() => ({ view, update, rejected: opening.rejected }), [view, update, opening.rejected]);
}
