/**
 * The atlas's view state, kept in the URL (`view-state.ts` is the format):
 * read once when the page opens, written back (replacing the history entry,
 * so Back leaves the page rather than stepping through every pan) whenever
 * it changes. The language is owned by the i18n provider and only written
 * here, so the link has one writer.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { formatView, parseView, type ViewParam, type ViewState, type ViewLocale } from './view-state';

export type ViewPatch = Partial<Omit<ViewState, 'locale'>>;

export interface ViewStateHandle {
  view: Omit<ViewState, 'locale'>;
  update(patch: ViewPatch | ((current: Omit<ViewState, 'locale'>) => ViewPatch)): void;
  /** parameters of the opening link that were not valid and were ignored */
  rejected: readonly ViewParam[];
}

export function useViewState(locale: ViewLocale): ViewStateHandle {
  const [opening] = useState(() => parseView(window.location.search));
  const [view, setView] = useState<Omit<ViewState, 'locale'>>(() => opening.state);
  const update = useCallback<ViewStateHandle['update']>(
    (patch) => setView((current) => ({ ...current, ...(typeof patch === 'function' ? patch(current) : patch) })),
    [],
  );
  useEffect(() => {
    const query = formatView({ ...view, locale });
    const url = `${window.location.pathname}${query ? `?${query}` : ''}${window.location.hash}`;
    if (url !== `${window.location.pathname}${window.location.search}${window.location.hash}`) {
      window.history.replaceState(window.history.state, '', url);
    }
  }, [view, locale]);
  return useMemo(() => ({ view, update, rejected: opening.rejected }), [view, update, opening.rejected]);
}
