/**
 * The app's only entry to maplibre-gl. We use its CSP build: the worker is a
 * separate file served from our own origin (Vite emits it as an asset), not a
 * `blob:` URL, so the page runs under `worker-src 'self'`. The CSS is bundled
 * by Vite as well: nothing is fetched from a CDN.
 */
import 'maplibre-gl/dist/maplibre-gl.css';
import * as maplibregl from 'maplibre-gl/dist/maplibre-gl-csp.js';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-csp-worker.js?url';

maplibregl.setWorkerUrl(workerUrl);
// Start the map's workers now, while the page asks for its data: a worker
// boots by parsing a half-megabyte script, and the map cannot load its style,
// so neither draw nor ask for a tile, before one is up.
maplibregl.prewarm();

export { maplibregl };
export type * from 'maplibre-gl';
