/**
 * The atlas page: title bar, full-window choropleth of poverty incidence by
 * county for one year (classified by the server's `choropleth` query),
 * legend (bottom-left), hover tooltip, and the overlays (pairings, villages,
 * alliances, townships) with their toggles and legends (right).
 */
import { useMemo, useState } from 'react';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { skipToken, useQuery } from '@apollo/client/react';
import { ATLAS, ATLAS_CHOROPLETH, type ClassificationMethod, type CountyFigures } from '../graphql/documents';
import { fromChoropleth } from '../map/classes';
import type { AtlasView, OverlayKey } from '../map/layers/types';
import { Legend } from '../map/legend';
import { MapView, type HoveredArea } from '../map/MapView';
import { Tooltip } from '../map/Tooltip';
import { ExportMenu } from '../panels/ExportMenu';
import { FeatureList } from '../panels/FeatureList';
import { LanguageSwitch } from '../panels/LanguageSwitch';
import { LayerPanel } from '../panels/LayerPanel';
import { TitleBar } from '../panels/TitleBar';
import { YearControl } from '../panels/YearControl';
import type { Selection } from '../state/view-state';
import { LOCALES, useI18n } from './i18n';
import { useOverlays } from './useOverlays';

/** The server classifies (one implementation for the API and the map); these are our choices. */
const CLASS_COUNT = 5;
const METHOD: ClassificationMethod = 'QUANTILE';

export function App() {
  const { locale, messages, setLocale } = useI18n();
  const atlas = useQuery(ATLAS);
  const years = useMemo(() => [...(atlas.data?.prefecture.years ?? [])].sort((a, b) => a - b), [atlas.data]);
  const [chosenYear, setChosenYear] = useState<number | null>(null);
  // Default: the latest year with data, the state leaders ask about (and the
  // years before the first pairing and alliance would show neither).
  const year = chosenYear ?? years[years.length - 1] ?? null;
  const figures = useQuery(
    ATLAS_CHOROPLETH,
    year == null ? skipToken : { variables: { year, method: METHOD, classes: CLASS_COUNT } },
  );
  // While another year loads, keep showing the last one rather than blanking the map.
  const figuresData = figures.data ?? figures.previousData;
  const [hovered, setHovered] = useState<HoveredArea | null>(null);
  const [hidden, setHidden] = useState<ReadonlySet<OverlayKey>>(() => new Set());
  const [drawn, setDrawn] = useState(false);
  const [map, setMap] = useState<MapLibreMap | null>(null);
  const [selection, setSelection] = useState<Selection | null>(null);
  const overlays = useOverlays({ requested: year, shown: figuresData?.choropleth.year ?? null }, drawn, METHOD, CLASS_COUNT);

  const countyView = useMemo(() => {
    if (!atlas.data || !figuresData) return null;
    const byCode = new Map<string, CountyFigures | null>(figuresData.counties.map((c) => [c.code, c.figures]));
    const { choropleth } = figuresData;
    const classification = fromChoropleth(choropleth);
    return { atlas: atlas.data, year: choropleth.year, figures: byCode, classification, method: choropleth.method };
  }, [atlas.data, figuresData]);

  const view = useMemo<AtlasView | null>(() => {
    if (!countyView) return null;
    const loaded = new Set<string>(['prefecture', 'counties', ...overlays.loaded]);
    return { ...countyView, messages, overlays: overlays.overlays, hidden, loaded };
  }, [countyView, messages, overlays.overlays, overlays.loaded, hidden]);

  const toggleLayer = (key: OverlayKey, visible: boolean) =>
    setHidden((current) => {
      const next = new Set(current);
      if (visible) next.delete(key);
      else next.add(key);
      return next;
    });

  const prefecture = atlas.data?.prefecture;
  // The exit line the server classified against; the prefecture's own setting before the first year arrives.
  const threshold = figuresData?.choropleth.threshold ?? prefecture?.thresholds.countyExitIncidence ?? 3;
  const error = atlas.error ?? figures.error ?? overlays.error;
  const prefectureName = prefecture ? (messages.nameField === 'nameEn' ? prefecture.nameEn : prefecture.name) : null;

  return (
    <div className="app">
      <MapView view={view} ariaLabel={messages.mapLabel} onHover={setHovered} onFirstDraw={() => setDrawn(true)} onMap={setMap} />
      <TitleBar title={messages.appTitle} subtitle={prefectureName ? messages.appSubtitle(prefectureName) : null}>
        {year != null && years.length > 0 && (
          <YearControl
            years={years}
            year={year}
            label={messages.yearLabel}
            busy={figures.loading}
            onChange={setChosenYear}
          />
        )}
        {view && map && (
          <ExportMenu
            map={map}
            view={view}
            messages={messages.export.menu}
            title={messages.appTitle}
            prefecture={prefectureName ?? ''}
            threshold={threshold}
          />
        )}
        <LanguageSwitch options={LOCALES} locale={locale} label={messages.languageLabel} onChange={setLocale} />
      </TitleBar>
      {view && (
        <Legend
          classification={view.classification}
          year={view.year}
          method={view.method}
          threshold={threshold}
          messages={messages}
        />
      )}
      {view && <LayerPanel view={view} onToggle={toggleLayer} />}
      {view && map && <FeatureList map={map} view={view} messages={messages.export.list} selected={selection} onSelect={setSelection} />}
      <Tooltip hovered={hovered} view={view} threshold={threshold} messages={messages} />
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
