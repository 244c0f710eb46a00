/**
 * The base style, built in code. Self-contained on purpose (architecture.md,
 * "Offline"): no `glyphs` URL, no `sprite`, no basemap; our own polygons are
 * the base layer over a plain background colour. That colour is the map
 * container's (MapView), under a canvas MapLibre clears to transparent, not
 * a `background` layer: in a browser without a GPU that layer's shader
 * program and its pass over the whole canvas on every frame cost the first
 * picture time for a flat colour. GeoJSON sources start empty
 * and are filled by `sync.ts` once the GraphQL data is in; vector tiles come
 * from this hub only.
 */
import type { StyleSpecification } from 'maplibre-gl';
import { LAYER_ORDER } from './layers/registry';

export const BACKGROUND_COLOR = '#e9edf1';

export function baseStyle(): StyleSpecification {
  const sources: StyleSpecification['sources'] = {};
  // Tiled layers get their source at the first sync, when the year is known (sync.ts).
  for (const module of LAYER_ORDER.filter((m) => !m.tiles)) {
    sources[module.key] = {
      type: 'geojson',
      data: { type: 'FeatureCollection', features: [] },
      // Feature ids = division codes, for `feature-state` (hover).
      promoteId: 'code',
    };
  }
  return {
    version: 8,
    sources,
    layers: [],
  };
}
