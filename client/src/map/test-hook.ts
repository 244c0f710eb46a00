/**
 * The handle browser tests (tests/e2e) use to wait for the map, instead of
 * sleeping: `window.__lingyan = { map, ready, settled }`.
 *
 * - `ready` resolves at the first MapLibre 'idle' event after the county
 *   geometry *and* the year's figures have been put on the map (so the
 *   choropleth is fully drawn and `queryRenderedFeatures` sees it).
 * - `syncs` counts the data changes put on the map (year, language, layer
 *   toggles, overlays arriving), and `settled()` resolves at the first 'idle'
 *   after the latest one: a test that changes the view waits for `syncs` to
 *   grow, then for `settled()`.
 * - `loaded` lists the layers (registry keys) whose data for the view's year
 *   is on the map: overlays arrive after the counties, and a test waits for
 *   the ones it reads.
 * - `framings` counts the flights to a selected feature that have ended: a
 *   test that selects a feature waits for it to grow before reading where the
 *   feature is on screen.
 *
 * It is always installed (not only in tests): it holds nothing that the page
 * does not already show, and keeping one build for tests and users means the
 * tests exercise what users get.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';

export interface LingyanHandle {
  map: MapLibreMap;
  ready: Promise<void>;
  syncs: number;
  loaded: readonly string[];
  framings: number;
  settled(): Promise<void>;
}

declare global {
  interface Window {
    __lingyan?: LingyanHandle;
  }
}

export interface TestHook {
  /** call right after new data was put on the map, with the layers whose data is complete */
  dataSynced(loaded: Iterable<string>): void;
  /** call when a flight to a selected feature has ended */
  framed(): void;
}

export function installTestHook(map: MapLibreMap): TestHook {
  let resolveReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    resolveReady = resolve;
  });
  // For the load-time report of the browser tests (and anyone's DevTools).
  void ready.then(() => performance.mark('lingyan:ready'));
  let latest: Promise<void> = ready;
  const handle: LingyanHandle = { map, ready, syncs: 0, loaded: [], framings: 0, settled: () => latest };
  window.__lingyan = handle;
  return {
    dataSynced(loaded) {
      if (handle.syncs === 0) performance.mark('lingyan:first-sync');
      handle.syncs += 1;
      handle.loaded = [...loaded];
      // setData is processed in a worker, so the map is not idle again until
      // the new data is drawn: the next 'idle' is the one we want.
      latest = new Promise<void>((resolve) => map.once('idle', () => resolve()));
      // A change that alters no pixel (e.g. data for a hidden layer) would
      // otherwise leave the map without a frame, and so without an 'idle'.
      map.triggerRepaint();
      void latest.then(resolveReady);
    },
    framed() {
      handle.framings += 1;
    },
  };
}
