/**
 * The data behind a map view, from its view state: the prefecture and its
 * counties, the year's classification of the chosen metric, the overlays,
 * assembled into the `AtlasView` the map draws. One hook for the atlas page
 * and the embedded view, so both show the same thing for the same link.
 */
import { useMemo, useState } from 'react';
import { useQuery } from '@apollo/client/react';
import { ATLAS, ATLAS_CHOROPLETH, type AtlasQuery, type CountyFigures } from '../graphql/documents';
import { fromChoropleth } from '../map/classes';
import type { AtlasView } from '../map/layers/types';
import type { MapMessages } from '../map/messages';
import { OVERLAYS, type ViewState } from '../state/view-state';
import { useOverlays } from './useOverlays';

export interface AtlasViewData {
  /** the prefecture and counties (null until loaded) */
  atlas: AtlasQuery | null;
  /** years with figures, ascending */
  years: readonly number[];
  /** the year asked for: the state's, or the latest with data (known from the first answer) */
  year: number | null;
  /** what the map draws (null until the first year's figures are in) */
  view: AtlasView | null;
  /** the year's figures are loading */
  busy: boolean;
  /** the metric's policy line in the server's classification (null: none) */
  threshold: number | null;
  /** the county exit line (incidence, %) */
  exitLine: number;
  error: Error | null;
  /** call at the map's first 'idle': the overlays that wait for it are then asked for */
  onFirstDraw(): void;
}

export function useAtlasView(state: Omit<ViewState, 'locale'>, messages: MapMessages): AtlasViewData {
  // The two big answers skip Apollo's normalised cache: at national scale
  // (2,974 counties) writing them into it and reading them back held the page
  // for longer than the map takes to draw. Nothing else reads them from the
  // cache; a year asked for again is answered by the hub's own answer cache.
  const atlas = useQuery(ATLAS, { fetchPolicy: 'no-cache' });
  const years = useMemo(() => [...(atlas.data?.prefecture.years ?? [])].sort((a, b) => a - b), [atlas.data]);
  // Default: the latest year with data, the state leaders ask about (and the
  // years before the first pairing and alliance would show neither). A link's
  // year without data falls back to it too. The figures are asked for at once,
  // with the link's year or none (the server's default is the latest), not
  // after the region's years arrive: the first map needs both answers.
  const linkYear = state.year != null && (years.length === 0 || years.includes(state.year)) ? state.year : null;
  const { metric, method, classes, scope, breaks, cause } = state;
  const shading = useMemo(() => ({ metric, method, classes, scope, breaks: breaks ? [...breaks] : null, cause }), [metric, method, classes, scope, breaks, cause]);
  const figures = useQuery(ATLAS_CHOROPLETH, { variables: { year: linkYear, ...shading }, fetchPolicy: 'no-cache' });
  // While another year loads, keep showing the last one rather than blanking the map.
  const figuresData = figures.data ?? figures.previousData;
  const year = linkYear ?? years[years.length - 1] ?? figuresData?.choropleth.year ?? null;
  const [drawn, setDrawn] = useState(false);
  const overlays = useOverlays(
    { requested: year, shown: figuresData?.choropleth.year ?? null },
    drawn,
    shading,
    state.layers,
  );

  const countyView = useMemo(() => {
    if (!atlas.data || !figuresData) return null;
    const { choropleth } = figuresData;
    const byCode = new Map<string, CountyFigures | null>(choropleth.areas.map((a) => [a.code, a.figures ?? null]));
    return {
      atlas: atlas.data,
      year: choropleth.year,
      figures: byCode,
      classification: fromChoropleth({ ...choropleth, level: 'COUNTY' }),
      method: choropleth.method,
      metric: choropleth.metric,
      cause: choropleth.cause,
      unit: choropleth.unit,
      scope: choropleth.scope,
      polarity: choropleth.polarity,
      decimals: choropleth.decimals,
      requestedClasses: choropleth.requestedClasses,
      classesNote: choropleth.classesNote ?? null,
    };
  }, [atlas.data, figuresData]);

  const hidden = useMemo(() => new Set(OVERLAYS.filter((o) => !state.layers.has(o))), [state.layers]);
  const view = useMemo<AtlasView | null>(() => {
    if (!countyView) return null;
    const loaded = new Set<string>(['prefecture', 'counties', ...overlays.loaded]);
    return {
      ...countyView,
      messages,
      overlays: overlays.overlays,
      hidden,
      loaded,
      filters: state.filters,
      selection: state.selection,
    };
  }, [countyView, messages, overlays.overlays, overlays.loaded, hidden, state.filters, state.selection]);

  return {
    atlas: atlas.data ?? null,
    years,
    year,
    view,
    busy: figures.loading,
    threshold: figuresData?.choropleth.threshold ?? null,
    exitLine: atlas.data?.prefecture.thresholds.countyExitIncidence ?? 3,
    error: atlas.error ?? figures.error ?? overlays.error ?? null,
    onFirstDraw: () => setDrawn(true),
  };
}
