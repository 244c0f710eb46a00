/**
 * The atlas page: title bar with the year slider, KPI bar, full-window
 * choropleth of the chosen metric by county for one year (classified by the
 * server's `choropleth` query), legend (bottom-left), hover tooltip, the
 * layer panel (thematic choices, overlays with their legends and filters),
 * and the selected feature outlined. Everything a link should restore lives
 * in the view state (`state/useViewState.ts`), which is the URL.
 */
import { useCallback, useMemo, useState } from 'react';
import { skipToken, useQuery } from '@apollo/client/react';
import { ATLAS, ATLAS_CHOROPLETH, ATLAS_SUMMARY, type CountyFigures } from '../graphql/documents';
import { fromChoropleth } from '../map/classes';
import type { AtlasView, OverlayKey } from '../map/layers/types';
import { Legend } from '../map/legend';
import { MapView, type HoveredArea } from '../map/MapView';
import { Tooltip } from '../map/Tooltip';
import { KpiBar } from '../panels/KpiBar';
import { LanguageSwitch } from '../panels/LanguageSwitch';
import { LayerPanel } from '../panels/LayerPanel';
import { LinkNotice } from '../panels/LinkNotice';
import { TitleBar } from '../panels/TitleBar';
import { YearSlider } from '../panels/YearSlider';
import { OVERLAYS, type ViewFilters } from '../state/view-state';
import { useViewState } from '../state/useViewState';
import { LOCALES, useI18n } from './i18n';
import { useOverlays } from './useOverlays';

export function App() {
  const { locale, messages, setLocale } = useI18n();
  const { view: state, update, rejected } = useViewState(locale);
  const atlas = useQuery(ATLAS);
  const years = useMemo(() => [...(atlas.data?.prefecture.years ?? [])].sort((a, b) => a - b), [atlas.data]);
  // Default: the latest year with data, the state leaders ask about (and the
  // years before the first pairing and alliance would show neither). A link's
  // year without data falls back to it too.
  const year = state.year != null && years.includes(state.year) ? state.year : (years[years.length - 1] ?? null);
  const { metric, method, classes } = state;
  const figures = useQuery(ATLAS_CHOROPLETH, year == null ? skipToken : { variables: { year, metric, method, classes } });
  const summary = useQuery(ATLAS_SUMMARY, year == null ? skipToken : { variables: { year } });
  // While another year loads, keep showing the last one rather than blanking the map.
  const figuresData = figures.data ?? figures.previousData;
  const [hovered, setHovered] = useState<HoveredArea | null>(null);
  const [drawn, setDrawn] = useState(false);
  const overlays = useOverlays(
    { requested: year, shown: figuresData?.choropleth.year ?? null },
    drawn,
    { metric, method, classes },
    state.layers,
  );

  const countyView = useMemo(() => {
    if (!atlas.data || !figuresData) return null;
    const byCode = new Map<string, CountyFigures | null>(figuresData.counties.map((c) => [c.code, c.figures]));
    const { choropleth } = figuresData;
    return {
      atlas: atlas.data,
      year: choropleth.year,
      figures: byCode,
      classification: fromChoropleth(choropleth),
      method: choropleth.method,
      metric: choropleth.metric,
      unit: choropleth.unit,
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

  const toggleLayer = useCallback(
    (key: OverlayKey, visible: boolean) =>
      update(({ layers }) => {
        const next = new Set(layers);
        if (visible) next.add(key);
        else next.delete(key);
        return { layers: next };
      }),
    [update],
  );
  const setFilter = useCallback(
    (key: keyof ViewFilters, values: readonly string[]) =>
      update(({ filters }) => ({ filters: { ...filters, [key]: values } as ViewFilters })),
    [update],
  );

  const prefecture = atlas.data?.prefecture;
  const exitLine = prefecture?.thresholds.countyExitIncidence ?? 3;
  const error = atlas.error ?? figures.error ?? summary.error ?? overlays.error;
  const prefectureName = prefecture ? (messages.nameField === 'nameEn' ? prefecture.nameEn : prefecture.name) : null;

  return (
    <div className="app">
      <MapView
        view={view}
        ariaLabel={messages.mapLabel(metric)}
        onHover={setHovered}
        onFirstDraw={() => setDrawn(true)}
        initialCamera={state.camera}
        onCameraChange={(camera) => update({ camera })}
        onSelect={(selection) => update({ selection })}
      />
      <TitleBar title={messages.appTitle} subtitle={prefectureName ? messages.appSubtitle(prefectureName, metric) : null}>
        {year != null && years.length > 0 && (
          <YearSlider
            years={years}
            year={year}
            busy={figures.loading}
            messages={messages}
            onChange={(next) => update({ year: next })}
          />
        )}
        <LanguageSwitch options={LOCALES} locale={locale} label={messages.languageLabel} onChange={setLocale} />
      </TitleBar>
      {year != null && <KpiBar year={year} summary={summary.data?.summary} loading={summary.loading} messages={messages} />}
      {view && (
        <Legend
          classification={view.classification}
          year={view.year}
          method={view.method}
          metric={view.metric}
          unit={view.unit}
          threshold={figuresData?.choropleth.threshold ?? null}
          messages={messages}
        />
      )}
      {view && (
        <LayerPanel
          view={view}
          messages={messages}
          shading={{ metric, method, classes }}
          onShading={(shading) => update(shading)}
          onToggle={toggleLayer}
          onFilter={setFilter}
        />
      )}
      <Tooltip hovered={hovered} view={view} threshold={exitLine} messages={messages} />
      <LinkNotice rejected={rejected} messages={messages} />
      {error && (
        <div className="notice error card" role="alert">
          {messages.loadError(error.message)}
        </div>
      )}
      {!error && !view && (
        <div className="notice card" role="status">
          {messages.loading}
        </div>
      )}
    </div>
  );
}
