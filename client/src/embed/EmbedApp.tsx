/**
 * The embedded map (`/embed`): the atlas's map alone, configured by the link
 * (the atlas's view parameters plus `embed-options.ts`), with an optional
 * title, legend and year slider, the year always shown, and driven by the
 * host page's messages (`bridge.ts`). It never rewrites its own address: the
 * host owns the link.
 *
 * What it tells the host describes what it shows: an event or a command's
 * answer is sent only once the map shows the state it names, that is the
 * figures of the state's year (not the last year's, kept on screen while the
 * next one loads), the overlays of that year, and the map idle with them
 * drawn (a village's figures are read from the drawn tiles). A problem that
 * keeps it from getting there (token, hub, data) is sent instead.
 *
 * With an embed token limited to counties (限定旗县) it opens on those
 * counties and outlines them, not the prefecture: the hub gives it nothing
 * outside them (lists, maps, tiles) and no figure above county level.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { skipToken, useQuery } from '@apollo/client/react';
import { ATLAS_COUNTY_BOUNDARIES } from '../graphql/documents';
import { useI18n } from '../app/i18n';
import { useAtlasView } from '../app/useAtlasView';
import { withCauseNames } from '../causes/causes';
import type { AtlasView } from '../map/layers/types';
import { Legend } from '../map/legend';
import { MapView } from '../map/MapView';
import { selectedFeature, tileFeatureLookup } from '../map/selected-feature';
import { YearSlider } from '../panels/YearSlider';
import { formatView, OVERLAYS, parseView, PARAMS, type Overlay, type ViewParam, type ViewState } from '../state/view-state';
import { hostOrigin, startBridge, type Bridge } from './bridge';
import type { EmbedOptions } from './embed-options';
import { embedMessages } from './messages';
import { errorText, problemOf } from './problems';
import { countiesOutline, tokenCounties } from './token-counties';

type State = Omit<ViewState, 'locale'>;

/**
 * The overlays are of the view's year: every one switched on has its data of
 * that year, and a switched-off one holds none of another year (its data is
 * still read, e.g. a selected township's class).
 */
function overlaysOfTheYear(view: AtlasView, layers: ReadonlySet<Overlay>): boolean {
  return OVERLAYS.every((key) => view.loaded.has(key) || (!layers.has(key) && view.overlays[key] == null));
}

export function EmbedApp({ options }: { options: EmbedOptions }) {
  const { locale, messages: localeMessages, setLocale } = useI18n();
  const embed = embedMessages(locale);
  const [state, setState] = useState<State>(() => parseView(window.location.search).state);
  // As in the atlas: a map of CAUSE_SHARE is named by its cause in the legend and map label.
  const messages = useMemo(() => withCauseNames(localeMessages, localeMessages.causes, state.metric, state.cause), [localeMessages, state.metric, state.cause]);
  const { atlas, years, year, view: atlasView, busy, error: viewError, onFirstDraw } = useAtlasView(state, messages);
  // A token limited to counties: the map opens on them and outlines them (the view waits for their outline).
  const limited = useMemo(() => tokenCounties(options.token), [options.token]);
  const boundaries = useQuery(ATLAS_COUNTY_BOUNDARIES, limited ? {} : skipToken);
  const outline = useMemo(() => (boundaries.data ? countiesOutline(boundaries.data.counties.map((c) => c.boundary)) : null), [boundaries.data]);
  const view = useMemo<AtlasView | null>(() => {
    if (!atlasView || !limited) return atlasView;
    return outline ? { ...atlasView, atlas: { ...atlasView.atlas, prefecture: { ...atlasView.atlas.prefecture, boundary: outline } } } : null;
  }, [atlasView, limited, outline]);
  const error = viewError ?? boundaries.error ?? null;
  const mapRef = useRef<MapLibreMap | null>(null);
  const bridgeRef = useRef<Bridge | null>(null);
  const [ready, setReady] = useState(false);
  // Bumped by every command taken, so one that changes nothing is answered too.
  const [commands, setCommands] = useState(0);
  // Ids of the commands taken, answered once the map shows their state (or cannot).
  const waiting = useRef<string[]>([]);
  const query = formatView({ ...state, locale });
  const current = useRef({ query, years });
  current.current = { query, years };
  const problem = error ? problemOf(error, options.token !== null) : null;

  useEffect(() => {
    const bridge = startBridge((message) => {
      const refuse = (reason: string) => bridge.answer(message.id, { ok: false, code: 'invalid', error: reason });
      const unknown = Object.keys(message.params).filter((k) => !(PARAMS as readonly string[]).includes(k));
      if (unknown.length > 0) return refuse(`unknown parameters: ${unknown.join(', ')}`);
      // Every request of the frame reads the link's region; another region is another link.
      if ('region' in message.params) return refuse('not valid: region (set the element\'s view attribute instead)');
      const merged = new URLSearchParams(current.current.query);
      for (const [key, value] of Object.entries(message.params)) {
        if (value === '' && key !== 'layers') merged.delete(key);
        else merged.set(key, value);
      }
      const parsed = parseView(merged.toString());
      const bad = parsed.rejected.filter((p: ViewParam) => p in message.params);
      if (bad.length > 0) return refuse(`not valid: ${bad.join(', ')}`);
      const { locale: nextLocale, ...next } = parsed.state;
      // A year without figures would show the latest instead: say so rather than answer for another year.
      const { years: known } = current.current;
      if ('year' in message.params && next.year != null && known.length > 0 && !known.includes(next.year)) {
        return refuse(`not valid: year (no figures for ${next.year}; years ${known[0]}–${known[known.length - 1]})`);
      }
      waiting.current.push(message.id);
      // The next command (often in the same task, before React renders) builds on this one's state.
      current.current.query = formatView(parsed.state);
      setState(next);
      setLocale(nextLocale);
      setCommands((n) => n + 1);
      const camera = next.camera;
      if ('at' in message.params && camera) mapRef.current?.jumpTo({ center: [camera.lon, camera.lat], zoom: camera.zoom });
    });
    bridgeRef.current = bridge;
    return () => bridge.stop();
  }, [setLocale]);

  // What the host last heard (the view's parameters, the selection), so each is sent when it changes.
  const sent = useRef({ view: '', selection: 'null' });
  const shows =
    ready && view !== null && !busy && error === null && view.year === year && view.metric === state.metric && overlaysOfTheYear(view, state.layers);
  useEffect(() => {
    const map = mapRef.current;
    const bridge = bridgeRef.current;
    if (!shows || !map || !view || !bridge) return;
    const selectionOfView = state.selection;
    const report = () => {
      // A command taken since this view was put on the map asks for another: its answer waits for that view's report.
      if (current.current.query !== query) return;
      const selection = selectionOfView ? selectedFeature(view, selectionOfView, tileFeatureLookup(map)) : null;
      const selectionKey = JSON.stringify(selection);
      if (sent.current.view !== query) bridge.post({ type: 'viewChanged', view: query });
      if (sent.current.selection !== selectionKey) bridge.post({ type: 'selectionChanged', selection });
      sent.current = { view: query, selection: selectionKey };
      for (const id of waiting.current.splice(0)) bridge.answer(id, { ok: true });
    };
    // The view was just put on the map (MapView's effect runs first): its next 'idle' has it drawn.
    // A change that alters no pixel would leave the map without a frame, and so without an 'idle'.
    map.once('idle', report);
    map.triggerRepaint();
    return () => {
      map.off('idle', report);
    };
  }, [shows, view, query, state.selection, commands]);

  // …or why it cannot show them: the host hears of each problem once, until the map shows a view again.
  // Not when the error merely clears: a retried query clears it while it runs, and fails again alike.
  const sentError = useRef('');
  useEffect(() => {
    const bridge = bridgeRef.current;
    if (shows) sentError.current = '';
    if (!bridge || !error || !problem || busy) return;
    const reason = errorText(error).slice(0, 500);
    for (const id of waiting.current.splice(0)) bridge.answer(id, { ok: false, code: problem, error: reason });
    // By its code alone: with the hub gone, each query fails with a wording of its own, yet it is one problem.
    if (sentError.current !== problem) bridge.post({ type: 'error', code: problem, message: reason });
    sentError.current = problem;
  }, [error, problem, busy, commands, shows]);

  const problemText =
    error && problem && problem !== 'load-failed'
      ? embed.problems[problem]({ origin: hostOrigin() ?? '', hub: window.location.origin, seconds: 0, reason: error.message })
      : error
        ? messages.loadError(error.message)
        : null;

  return (
    // The map and what labels it are the page's main content (a landmark for screen readers).
    <main className={`embed${options.title ? ' with-title' : ''}`}>
      <MapView
        view={view}
        region={limited ? outline : (atlas?.prefecture.boundary ?? null)}
        readToken={options.token}
        readPrefecture={state.region}
        ariaLabel={messages.mapLabel(state.metric)}
        onHover={() => {}}
        onFirstDraw={() => {
          onFirstDraw();
          setReady(true);
          sent.current.view = current.current.query;
          bridgeRef.current?.post({ type: 'ready', view: current.current.query });
        }}
        initialCamera={state.camera}
        onCameraChange={(camera) => setState((s) => ({ ...s, camera }))}
        onSelect={(next) => setState((s) => ({ ...s, selection: next }))}
        onMap={(map) => {
          mapRef.current = map;
        }}
      />
      <div className="embed-head">
        {options.title && (
          <h1 className="embed-title" data-testid="embed-title">
            {options.title}
          </h1>
        )}
        {view && (
          <span className="embed-year-badge" data-testid="embed-year" aria-label={embed.yearLabel(view.year)} aria-busy={busy}>
            {embed.yearBadge(view.year)}
          </span>
        )}
      </div>
      {options.yearControl && year != null && years.length > 0 && (
        <div className="embed-year">
          <YearSlider years={years} year={year} busy={busy} messages={messages} onChange={(y) => setState((s) => ({ ...s, year: y }))} />
        </div>
      )}
      {options.legend && view && <Legend classification={view.classification} messages={messages} />}
      {problemText && (
        <div className="notice error card" role="alert" data-testid="embed-error">
          {problemText}
        </div>
      )}
      {!error && !view && (
        <div className="notice card" role="status">
          {messages.loading}
        </div>
      )}
    </main>
  );
}
