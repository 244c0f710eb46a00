/**
 * The atlas page: title bar with the year slider, KPI bar, full-window
 * choropleth of the chosen metric by county for one year (classified by the
 * server's `choropleth` query), legend (bottom-left), hover tooltip, the
 * layer panel (thematic choices, overlays with their legends and filters),
 * and the selected feature outlined. Everything a link should restore lives
 * in the view state (`state/useViewState.ts`), which is the URL.
 *
 * The region (prefecture) read is part of it: every request of the page
 * names it (graphql/read-scope.ts), through a client of its own, and the
 * atlas under it is built anew for another region, so nothing of one region
 * is shown in another.
 */
import { useCallback, useMemo, useRef, useState } from 'react';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { ApolloProvider, skipToken, useQuery } from '@apollo/client/react';
import { ATLAS_SUMMARY } from '../graphql/documents';
import type { OverlayKey } from '../map/layers/types';
import { Legend } from '../map/legend';
import { TOWNSHIP_MIN_ZOOM } from '../map/layers/zoom';
import { MapView, type HoveredArea } from '../map/MapView';
import { Tooltip } from '../map/Tooltip';
import { AssessmentRanking } from '../assessment/AssessmentRanking';
import { WarningsList } from '../warnings/WarningsList';
import { ExportMenu } from '../panels/ExportMenu';
import { FeatureList } from '../panels/FeatureList';
import { KpiBar } from '../panels/KpiBar';
import { LanguageSwitch } from '../panels/LanguageSwitch';
import { LayerPanel } from '../panels/LayerPanel';
import { LinkNotice } from '../panels/LinkNotice';
import { ShareDialog } from '../panels/ShareDialog';
import { DetailPanel, type BBox, type FeatureShape } from '../panels/detail/DetailPanel';
import { SearchBox } from '../panels/SearchBox';
import { TitleBar } from '../panels/TitleBar';
import { YearSlider } from '../panels/YearSlider';
import { formatView, type ViewFilters } from '../state/view-state';
import { useViewState, type ViewStateHandle } from '../state/useViewState';
import { RegionSwitch } from '../region/RegionSwitch';
import { chooseRegion } from '../region/region-choice';
import { useRegionClient } from '../region/useRegionClient';
import { LOCALES, useI18n } from './i18n';
import { useCompactLayout } from './layout';
import { useAtlasView } from './useAtlasView';
import { withCauseNames } from '../causes/causes';
// The desktop layout, then the phone and tablet one over it.
import './app.css';
import './compact.css';

export function App() {
  const { locale } = useI18n();
  const viewState = useViewState(locale);
  const { region } = viewState.view;
  const client = useRegionClient(region);
  // After a switch the atlas is built anew: the switcher keeps the focus it had.
  const [switched, setSwitched] = useState(false);
  const { update } = viewState;
  const onRegion = useCallback(
    (code: string, regions: readonly { code: string }[]) => {
      setSwitched(true);
      update((current) => chooseRegion(current, code, regions));
    },
    [update],
  );
  return (
    <ApolloProvider client={client}>
      <Atlas key={region ?? ''} viewState={viewState} switched={switched} onRegion={onRegion} />
    </ApolloProvider>
  );
}

interface AtlasProps {
  viewState: ViewStateHandle;
  /** the region was just chosen here (the switcher takes the focus) */
  switched: boolean;
  onRegion(code: string, regions: readonly { code: string }[]): void;
}

function Atlas({ viewState, switched, onRegion }: AtlasProps) {
  const { locale, messages: localeMessages, setLocale } = useI18n();
  const { view: state, update, rejected } = viewState;
  // A map of CAUSE_SHARE is named by its cause (因病致贫占比) in the title, legend, tooltip and exports.
  const messages = useMemo(() => withCauseNames(localeMessages, localeMessages.causes, state.metric, state.cause), [localeMessages, state.metric, state.cause]);
  const { atlas, years, year, view, busy, exitLine, error, onFirstDraw } = useAtlasView(state, messages);
  const compact = useCompactLayout();
  const summary = useQuery(ATLAS_SUMMARY, year == null ? skipToken : { variables: { year } });
  const [hovered, setHovered] = useState<HoveredArea | null>(null);
  // Where the map should fly: a place found by search, a feature opened from a panel.
  const [focus, setFocus] = useState<BBox | null>(null);
  // A link with both a selection and a camera opens where it says: the panel of
  // that selection must not fly the map away from the link's camera.
  const linkSelection = useRef(state.camera ? state.selection : null);
  // The selected feature's shape, from its panel: marked on the map while it is the selection.
  const [shape, setShape] = useState<FeatureShape | null>(null);
  const showFromPanel = useCallback((next: FeatureShape) => {
    setShape(next);
    const opening = linkSelection.current;
    linkSelection.current = null;
    if (opening && opening.kind === next.selection.kind && opening.id === next.selection.id) return;
    setFocus(next.bbox);
  }, []);
  const mark = shape && shape.selection.kind === state.selection?.kind && shape.selection.id === state.selection.id ? shape : null;
  const [map, setMap] = useState<MapLibreMap | null>(null);
  const { metric, method, classes, scope, breaks, cause } = state;
  // The legend describes what is drawn: the townships' classes once they take over from the counties.
  const townshipClasses = view?.overlays.townships?.classification ?? null;
  const legendClasses =
    view && townshipClasses && state.layers.has('townships') && (state.camera?.zoom ?? 0) >= TOWNSHIP_MIN_ZOOM ? townshipClasses : view?.classification ?? null;

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

  const prefecture = atlas?.prefecture;
  // A region imported without an English name is named in Chinese on the English page too.
  const prefectureName = prefecture ? (messages.nameField === 'nameEn' ? prefecture.nameEn || prefecture.name : prefecture.name) : null;
  const shownError = error ?? summary.error ?? null;

  return (
    <div className="app">
      <MapView
        view={view}
        region={atlas?.prefecture.boundary ?? null}
        ariaLabel={messages.mapLabel(metric)}
        onHover={setHovered}
        onFirstDraw={onFirstDraw}
        initialCamera={state.camera}
        onCameraChange={(camera) => update({ camera })}
        onSelect={(selection) => update({ selection })}
        focus={focus}
        mark={mark}
        onMap={setMap}
        readPrefecture={state.region}
        openClearOfPanels={compact}
      />
      <TitleBar
        title={messages.appTitle}
        shortTitle={messages.appShortTitle}
        subtitle={prefectureName ? messages.appSubtitle(prefectureName, metric) : null}
        toolsLabel={messages.toolsLabel}
        year={year != null && years.length > 0 ? <YearSlider years={years} year={year} busy={busy} messages={messages} onChange={(next) => update({ year: next })} /> : null}
      >
        <SearchBox messages={messages.detail} onSelect={(selection) => update({ selection })} onFocus={setFocus} />
        <ShareDialog
          view={formatView({ ...state, locale })}
          heading={prefectureName ? messages.appSubtitle(prefectureName, metric) : messages.appTitle}
          messages={messages}
        />
        {view && map && (
          <ExportMenu
            map={map}
            view={view}
            messages={messages.export.menu}
            title={messages.appTitle}
            prefecture={prefectureName ?? ''}
          />
        )}
        <RegionSwitch shown={prefecture?.code ?? state.region} locale={locale} autoFocus={switched} onChoose={onRegion} />
        <LanguageSwitch options={LOCALES} locale={locale} label={messages.languageLabel} onChange={setLocale} />
      </TitleBar>
      {year != null && <KpiBar year={year} summary={summary.data?.summary} loading={summary.loading} messages={messages} />}
      {view && (
        <Legend classification={legendClasses ?? view.classification} messages={messages} selected={state.selection != null} collapsible={compact} />
      )}
      {view && (
        <LayerPanel
          view={view}
          messages={messages}
          shading={{ metric, method, classes, scope, breaks, cause }}
          metrics={atlas?.metrics ?? []}
          onShading={(shading) => update(shading)}
          onToggle={toggleLayer}
          onFilter={setFilter}
          compact={compact}
        />
      )}
      {state.selection && year != null && (
        <DetailPanel
          selection={state.selection}
          year={year}
          messages={messages.detail}
          onSelect={(selection) => update({ selection })}
          onShow={showFromPanel}
        />
      )}
      {view && map && (
        <FeatureList map={map} view={view} messages={messages.export.list} selected={state.selection} onSelect={(selection) => update({ selection })} />
      )}
      {year != null && (
        <AssessmentRanking year={year} messages={messages.assessment} nameField={messages.detail.nameField} selected={state.selection} onSelect={(selection) => update({ selection })} />
      )}
      {year != null && (
        <WarningsList year={year} nameField={messages.detail.nameField} numberLocale={messages.numberLocale} selected={state.selection} onSelect={(selection) => update({ selection })} brand={messages.appTitle} prefecture={prefectureName ?? ''} />
      )}
      <Tooltip hovered={hovered} view={view} threshold={exitLine} messages={messages} />
      <LinkNotice rejected={rejected} messages={messages} />
      {shownError && (
        <div className="notice error card" role="alert">
          {messages.loadError(shownError.message)}
        </div>
      )}
      {!shownError && !view && (
        <div className="notice card" role="status">
          {messages.loading}
        </div>
      )}
    </div>
  );
}
