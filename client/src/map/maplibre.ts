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

export { maplibregl };
export type * from 'maplibre-gl';
