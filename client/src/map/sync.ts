/**
 * Puts an `AtlasView` on a map: sets each module's source data and adds or
 * updates its layers in place (paint / layout properties only where they
 * changed), so changing the year or the language does not rebuild the style.
 */
import type { Geometry } from 'geojson';
import type { GeoJSONSource, LayerSpecification, Map as MapLibreMap } from 'maplibre-gl';
import { LAYER_ORDER } from './layers/registry';
import type { AtlasView } from './layers/types';

type Props = Record<string, unknown>;

function syncProps(map: MapLibreMap, layerId: string, kind: 'paint' | 'layout', next: Props | undefined): void {
  for (const [name, value] of Object.entries(next ?? {})) {
    const current = kind === 'paint' ? map.getPaintProperty(layerId, name) : map.getLayoutProperty(layerId, name);
    if (JSON.stringify(current) === JSON.stringify(value)) continue;
    if (kind === 'paint') map.setPaintProperty(layerId, name, value);
    else map.setLayoutProperty(layerId, name, value);
  }
}

function syncLayer(map: MapLibreMap, spec: LayerSpecification): void {
  if (!map.getLayer(spec.id)) {
    map.addLayer(spec);
    return;
  }
  syncProps(map, spec.id, 'paint', 'paint' in spec ? (spec.paint as Props | undefined) : undefined);
  syncProps(map, spec.id, 'layout', 'layout' in spec ? (spec.layout as Props | undefined) : undefined);
}

export function syncAtlas(map: MapLibreMap, view: AtlasView): void {
  for (const module of LAYER_ORDER) {
    const source = map.getSource<GeoJSONSource>(module.key);
    if (!source) throw new Error(`The base style has no source "${module.key}".`);
    source.setData(module.toGeoJSON(view));
    for (const spec of module.layers(view)) syncLayer(map, spec);
  }
}

/** [west, south, east, north] of a GeoJSON geometry's coordinates. */
export function geometryBounds(geometry: Geometry): [number, number, number, number] {
  const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  const visit = (value: unknown): void => {
    if (Array.isArray(value) && typeof value[0] === 'number' && typeof value[1] === 'number') {
      box[0] = Math.min(box[0], value[0]);
      box[1] = Math.min(box[1], value[1]);
      box[2] = Math.max(box[2], value[0]);
      box[3] = Math.max(box[3], value[1]);
    } else if (Array.isArray(value)) {
      value.forEach(visit);
    }
  };
  if (geometry.type === 'GeometryCollection') geometry.geometries.forEach((g) => {
      const [w, s, e, n] = geometryBounds(g);
      visit([[w, s], [e, n]]);
    });
  else visit(geometry.coordinates);
  return box;
}
