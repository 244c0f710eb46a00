/**
 * The embedded map (`/embed`): the atlas's map alone, configured by the link
 * (the atlas's view parameters plus `embed-options.ts`), with an optional
 * title, legend and year slider, and driven by the host page's messages
 * (`bridge.ts`). It never rewrites its own address: the host owns the link.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { CombinedGraphQLErrors, ServerError } from '@apollo/client';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { useI18n } from '../app/i18n';
import { useAtlasView } from '../app/useAtlasView';
import { Legend } from '../map/legend';
import { MapView } from '../map/MapView';
import { selectedFeature, tileFeatureLookup } from '../map/selected-feature';
import { YearSlider } from '../panels/YearSlider';
import { formatView, parseView, PARAMS, type ViewParam, type ViewState } from '../state/view-state';
import { startBridge, type Bridge } from './bridge';
import { parseEmbedOptions, tokenProblem, type EmbedOptions } from './embed-options';

type State = Omit<ViewState, 'locale'>;

function errorText(error: Error): string {
  const parts = [error.message];
  if (ServerError.is(error)) parts.push(String(error.statusCode), error.bodyText);
  if (CombinedGraphQLErrors.is(error)) parts.push(JSON.stringify(error.errors));
  return parts.join(' ');
}

export function EmbedApp({ options }: { options: EmbedOptions }) {
  const { locale, messages, setLocale } = useI18n();
  const [state, setState] = useState<State>(() => parseView(window.location.search).state);
  const { atlas, years, year, view, busy, threshold, error, onFirstDraw } = useAtlasView(state, messages);
  const mapRef = useRef<MapLibreMap | null>(null);
  const bridgeRef = useRef<Bridge | null>(null);
  const [ready, setReady] = useState(false);
  const query = formatView({ ...state, locale });
  const current = useRef({ query, state });
  current.current = { query, state };

  useEffect(() => {
    const bridge = startBridge((message) => {
      const unknown = Object.keys(message.params).filter((k) => !(PARAMS as readonly string[]).includes(k));
      if (unknown.length > 0) return { ok: false, error: `unknown parameters: ${unknown.join(', ')}` };
      const merged = new URLSearchParams(current.current.query);
      for (const [key, value] of Object.entries(message.params)) {
        if (value === '' && key !== 'layers') merged.delete(key);
        else merged.set(key, value);
      }
      const parsed = parseView(merged.toString());
      const bad = parsed.rejected.filter((p: ViewParam) => p in message.params);
      if (bad.length > 0) return { ok: false, error: `not valid: ${bad.join(', ')}` };
      const { locale: nextLocale, ...next } = parsed.state;
      setState(next);
      setLocale(nextLocale);
      const camera = next.camera;
      if ('at' in message.params && camera) mapRef.current?.jumpTo({ center: [camera.lon, camera.lat], zoom: camera.zoom });
      return { ok: true };
    });
    bridgeRef.current = bridge;
    return () => bridge.stop();
  }, [setLocale]);

  // The host hears of every change of the view once the map is ready.
  useEffect(() => {
    if (ready) bridgeRef.current?.post({ type: 'viewChanged', view: query });
  }, [ready, query]);

  // …and of the selection, with the figures the map holds for it (again when the year changes them).
  const selection = useMemo(
    () => (view && state.selection ? selectedFeature(view, state.selection, tileFeatureLookup(mapRef.current)) : null),
    [view, state.selection],
  );
  const selectionKey = JSON.stringify(selection);
  const sentSelection = useRef<string | null>(null);
  useEffect(() => {
    if (!ready || sentSelection.current === selectionKey) return;
    sentSelection.current = selectionKey;
    bridgeRef.current?.post({ type: 'selectionChanged', selection });
  }, [ready, selectionKey, selection]);

  const problem = error ? tokenProblem(errorText(error), options.token !== null) : null;

  return (
    <div className={`embed${options.title ? ' with-title' : ''}`}>
      <MapView
        view={view}
        region={atlas?.prefecture.boundary ?? null}
        readToken={options.token}
        ariaLabel={messages.mapLabel(state.metric)}
        onHover={() => {}}
        onFirstDraw={() => {
          onFirstDraw();
          setReady(true);
          sentSelection.current = null;
          bridgeRef.current?.post({ type: 'ready', view: current.current.query });
        }}
        initialCamera={state.camera}
        onCameraChange={(camera) => setState((s) => ({ ...s, camera }))}
        onSelect={(next) => setState((s) => ({ ...s, selection: next }))}
        onMap={(map) => {
          mapRef.current = map;
        }}
      />
      {options.title && (
        <h1 className="embed-title" data-testid="embed-title">
          {options.title}
        </h1>
      )}
      {options.yearControl && year != null && years.length > 0 && (
        <div className="embed-year">
          <YearSlider years={years} year={year} busy={busy} messages={messages} onChange={(y) => setState((s) => ({ ...s, year: y }))} />
        </div>
      )}
      {options.legend && view && (
        <Legend view={view} threshold={threshold} messages={messages} />
      )}
      {error && (
        <div className="notice error card" role="alert" data-testid="embed-error">
          {problem ? messages.embedToken[problem] : messages.loadError(error.message)}
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
