/**
 * The handle browser tests (tests/e2e) use to wait for the map, instead of
 * sleeping: `window.__lingyan = { map, ready, settled }`.
 *
 * - `ready` resolves at the first MapLibre 'idle' event after the county
 *   geometry *and* the year's figures have been put on the map (so the
 *   choropleth is fully drawn and `queryRenderedFeatures` sees it).
 * - `syncs` counts the data changes put on the map (year, language), and
 *   `settled()` resolves at the first 'idle' after the latest one: a test
 *   that changes the view waits for `syncs` to grow, then for `settled()`.
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
  settled(): Promise<void>;
}

declare global {
  interface Window {
    __lingyan?: LingyanHandle;
  }
}

export interface TestHook {
  /** call right after new data was put on the map */
  dataSynced(): void;
}

export function installTestHook(map: MapLibreMap): TestHook {
  let resolveReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    resolveReady = resolve;
  });
  let latest: Promise<void> = ready;
  const handle: LingyanHandle = { map, ready, syncs: 0, settled: () => latest };
  window.__lingyan = handle;
  return {
    dataSynced() {
      handle.syncs += 1;
      // setData is processed in a worker, so the map is not idle again until
      // the new data is drawn: the next 'idle' is the one we want.
      latest = new Promise<void>((resolve) => map.once('idle', () => resolve()));
      void latest.then(resolveReady);
    },
  };
}
