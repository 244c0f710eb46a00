/**
 * The big screen (`/screen`): the command centre's wall display. Large KPIs
 * of the year, the choropleth with its legend, the counties ranked as bars
 * in their class colours (linked to the map both ways), and a rotation of
 * views (`rotation.ts`) that needs no hand: no cursor, no scroll bars, and
 * for an operator, Space / ← / → or the controls in the footer. Everything
 * scales with the display (screen.css; the map through `useScreenScale`).
 *
 * The data are the atlas's (`useAtlasView`, the KPI bar's summary), through
 * the app's Apollo client, so the screen shows what the atlas shows for the
 * same year, metric and method.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { skipToken, useQuery } from '@apollo/client/react';
import { useSameItems } from '../app/use-same-items';
import { useI18n } from '../app/i18n';
import { withCauseNames } from '../causes/causes';
import { useAtlasView } from '../app/useAtlasView';
import { ATLAS_COUNTY_BOUNDARIES, ATLAS_SUMMARY, type Geometry } from '../graphql/documents';
import { paddingClearOfPanels } from '../map/framing';
import { countyLayer } from '../map/layers/county-layer';
import { Legend } from '../map/legend';
import { MapView, type HoveredArea } from '../map/MapView';
import type { SelectionMark } from '../map/selection-mark';
import { geometryBounds } from '../map/sync';
import { DEFAULT_VIEW, type Overlay, type ViewState } from '../state/view-state';
import { screenMessages } from './messages';
import { RankedBars } from './RankedBars';
import type { Rotation, ScreenView } from './rotation';
import { RotationStatus } from './RotationStatus';
import { ScreenKpis } from './ScreenKpis';
import { useIdleCursor } from './useIdleCursor';
import { useOperatorKeys } from './useOperatorKeys';
import { useRotation } from './useRotation';
import { MAP_ENLARGEMENT, useScreenScale } from './useScreenScale';

/** The choropleth alone: no overlay hides the shading the bars rank, and the counties stay shaded at every zoom. */
const NO_OVERLAYS: ReadonlySet<Overlay> = new Set();

type Extent = [number, number, number, number];
/** Room between a framed view and the map's edges, CSS pixels of the map. */
const FRAME_MARGIN = 24;
const FLIGHT_MS = 800;

/** The atlas's view state of a screen view. */
function viewState(view: ScreenView): Omit<ViewState, 'locale'> {
  return {
    ...DEFAULT_VIEW,
    year: view.year,
    metric: view.metric,
    // The policy bands are the default method of every metric that has them; asked for by
    // name, a metric without bands would be an error instead (the screen says so instead).
    method: view.method === 'POLICY' ? null : view.method,
    classes: view.classes,
    scope: view.scope,
    layers: NO_OVERLAYS,
  };
}

function extentOf(geometries: readonly Geometry[]): Extent | null {
  if (geometries.length === 0) return null;
  return geometries.map(geometryBounds).reduce((a, b) => [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])]);
}

/** A wall display is looked at, not handled: the map does not move under an accidental drag, wheel or key. */
function holdStill(map: MapLibreMap): void {
  for (const handler of [map.dragPan, map.scrollZoom, map.boxZoom, map.dragRotate, map.keyboard, map.doubleClickZoom, map.touchZoomRotate, map.touchPitch]) {
    handler.disable();
  }
}

/** `readPrefecture`: the region the screen shows (its link's `region=`, as the atlas's); null: the hub's default. */
export function ScreenApp({ rotation, readPrefecture = null }: { rotation: Rotation; readPrefecture?: string | null }) {
  const { locale, messages: localeMessages } = useI18n();
  // The screen's views map the default cause: a CAUSE_SHARE view is named by it (因病致贫占比).
  const messages = useMemo(() => withCauseNames(localeMessages, localeMessages.causes, 'CAUSE_SHARE', DEFAULT_VIEW.cause), [localeMessages]);
  const screen = screenMessages(locale);
  const { views, intervalSeconds } = rotation;
  const [shown, setShown] = useState(false);
  const clock = useRotation(views.length, intervalSeconds * 1000, shown);
  useOperatorKeys(clock);
  const idle = useIdleCursor();
  // The map's labels and lines, read across the room: a quarter larger than the atlas draws them on a 1920×1080 display.
  const mapScale = useScreenScale() * MAP_ENLARGEMENT;
  const screenView = views[clock.index] ?? views[0]!;

  const state = useMemo(() => viewState(screenView), [screenView]);
  const { atlas, years, year, view, busy, error, onFirstDraw } = useAtlasView(state, messages);
  const summary = useQuery(ATLAS_SUMMARY, year == null ? skipToken : { variables: { year } });
  // While the next view's year loads, the figures on the wall stay (with their own year) rather than blank out.
  const shownSummary = summary.loading ? (summary.data ?? summary.previousData)?.summary : summary.data?.summary;
  // The view's time on the wall counts once its figures are drawn (or it has failed: the rotation goes on, and asks again next time round).
  const shownNow = (view != null && !busy && view.year === year && view.metric === screenView.metric) || error != null;
  useEffect(() => setShown(shownNow), [shownNow]);

  const [map, setMap] = useState<MapLibreMap | null>(null);
  const onMap = useCallback((next: MapLibreMap | null) => {
    if (next) holdStill(next);
    setMap(next);
  }, []);
  // Drawn smaller and scaled up: with as many device pixels as the display has, so nothing blurs.
  useEffect(() => map?.setPixelRatio(window.devicePixelRatio * mapScale), [map, mapScale]);

  // The county lit on the map and among the bars, whichever was pointed at.
  const [highlighted, setHighlighted] = useState<string | null>(null);
  const onHover = useCallback((area: HoveredArea | null) => setHighlighted(area && area.source === countyLayer.key ? area.code : null), []);
  useEffect(() => {
    if (!map || !highlighted || !map.getSource(countyLayer.key)) return;
    const county = { source: countyLayer.key, sourceLayer: countyLayer.tiles.layer, id: highlighted };
    map.setFeatureState(county, { hover: true });
    return () => {
      if (map.getSource(countyLayer.key)) map.setFeatureState(county, { hover: false });
    };
  }, [map, highlighted]);

  // The counties a view focuses on: framed and marked. Their outlines are asked for only when some view has any.
  const wantsOutlines = views.some((v) => v.focus.length > 0);
  const outlines = useQuery(ATLAS_COUNTY_BOUNDARIES, wantsOutlines ? {} : skipToken);
  const countyCodes = useMemo(() => new Set(atlas?.counties.map((c) => c.code) ?? []), [atlas]);
  const focus = useMemo(() => new Set(screenView.focus.filter((code) => countyCodes.has(code))), [screenView, countyCodes]);
  const mark = useMemo<SelectionMark | null>(() => {
    const geometries = (outlines.data?.counties ?? []).filter((c) => focus.has(c.code)).map((c) => c.boundary as Geometry);
    return geometries.length > 0 ? { selection: { kind: 'county', id: [...focus][0]! }, geometries } : null;
  }, [outlines.data, focus]);
  const region = atlas?.prefecture.boundary ?? null;
  // The same bounds computed again are the same extent: a flight only when they change.
  const extent = useSameItems(useMemo(() => extentOf(mark?.geometries ?? []) ?? (region ? extentOf([region]) : null), [mark, region]));
  // Each view is framed (the region, or its counties in focus): at the first idle (MapView has opened
  // the map by then), with a flight on every later view, and at once when the display's size changes.
  // `framings` counts the frames made, for the browser tests.
  const [framings, setFramings] = useState(0);
  const opened = useRef(false);
  const frameKey = view && extent ? `${view.year} ${view.metric} ${view.method} ${extent.join()}` : null;
  useEffect(() => {
    if (!map || !extent || !frameKey) return;
    let current = true;
    const frame = (duration: number) => {
      if (!current) return;
      map.once('moveend', () => current && setFramings((n) => n + 1));
      map.fitBounds(extent, { padding: paddingClearOfPanels(map.getContainer()) ?? FRAME_MARGIN, maxZoom: 11, duration });
    };
    const first = () => {
      opened.current = true;
      frame(0);
    };
    const resized = () => frame(0);
    if (opened.current) frame(FLIGHT_MS);
    else map.once('idle', first);
    map.on('resize', resized);
    return () => {
      current = false;
      map.off('idle', first);
      map.off('resize', resized);
    };
  }, [map, frameKey, extent]);
  // The legend keys the focus mark in the screen's words.
  const legendMessages = useMemo(() => ({ ...messages, legendSelected: screen.focusKey }), [messages, screen]);

  const metricName = (metric: ScreenView['metric']) => messages.metricNames[metric];
  const names = useMemo(() => views.map((v) => screen.viewName(v.year, messages.metricNames[v.metric])), [views, screen, messages]);
  const prefecture = atlas ? atlas.prefecture[messages.nameField] : null;
  const title = view && prefecture ? screen.title(prefecture, metricName(view.metric), view.year) : messages.appTitle;

  const notes = [
    ...rotation.problems.map((p) => screen.problem(p)),
    ...(screenView.year != null && years.length > 0 && !years.includes(screenView.year) && year != null ? [screen.yearWithoutFigures(screenView.year, year)] : []),
    ...(atlas ? screenView.focus.filter((code) => !countyCodes.has(code)).map((code) => screen.unknownCounty(code)) : []),
    ...(screenView.method === 'POLICY' && atlas?.metrics.some((m) => m.metric === screenView.metric && m.policyBands == null) ? [screen.noPolicyBands(metricName(screenView.metric))] : []),
  ];
  const failure = error ?? summary.error ?? outlines.error ?? null;
  // The tab's name, for an operator's desktop (the app's title until the figures are in).
  useEffect(() => {
    if (view && prefecture) document.title = `${title} · ${messages.appShortTitle}`;
  }, [view, prefecture, title, messages]);

  return (
    <div
      className={`screen${idle ? ' screen-idle' : ''}`}
      data-testid="screen"
      data-view={clock.index}
      data-year={view?.year}
      data-metric={view?.metric}
      data-paused={clock.paused}
      data-shown={shown}
      data-framings={framings}
      style={{ ['--map-scale' as string]: mapScale }}
    >
      <header className="screen-head">
        <p className="screen-brand">{messages.appShortTitle}</p>
        <h1 className="screen-title" data-testid="screen-title">
          {title}
        </h1>
      </header>
      <main className="screen-main">
        {year != null && <ScreenKpis year={shownSummary?.year ?? year} summary={shownSummary} loading={summary.loading} messages={messages} />}
        <div className="screen-map-cell">
          {/*
            The key column, beside the map rather than over it (the region is framed in the whole map, and
            nothing hides it): the legend at its foot; the room above it is for the year's warnings, once the
            hub has them (a panel placed before the legend takes it).
          */}
          <div className="screen-map-key">
            <div className="screen-legend">{view && <Legend classification={view.classification} messages={legendMessages} selected={mark != null} />}</div>
          </div>
          <div className="screen-map-frame">
            <div className="screen-map-stage">
              <MapView
                view={view}
                region={region}
                readPrefecture={readPrefecture}
                ariaLabel={messages.mapLabel(screenView.metric)}
                onHover={onHover}
                onFirstDraw={onFirstDraw}
                initialCamera={null}
                onCameraChange={() => {}}
                onSelect={() => {}}
                onMap={onMap}
                mark={mark}
              />
            </div>
          </div>
          {(notes.length > 0 || failure || !view) && (
            <div className="screen-notices">
              {failure && (
                <p className="screen-notice error" role="alert">
                  {messages.loadError(failure.message)}
                </p>
              )}
              {!failure && !view && (
                <p className="screen-notice" role="status">
                  {messages.loading}
                </p>
              )}
              {notes.length > 0 && (
                <ul className="screen-notice" role="status" data-testid="screen-problems">
                  {notes.map((note, i) => (
                    <li key={i}>{note}</li>
                  ))}
                </ul>
              )}
            </div>
          )}
        </div>
        <aside className="screen-side" aria-label={screen.sideLabel}>
          {view && (
            <RankedBars view={view} messages={messages} screen={screen} highlighted={highlighted} focus={focus} onHighlight={setHighlighted} />
          )}
        </aside>
      </main>
      <footer className="screen-foot">
        <RotationStatus clock={clock} names={names} intervalSeconds={intervalSeconds} screen={screen} />
      </footer>
    </div>
  );
}
