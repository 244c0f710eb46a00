/**
 * The mark of the selected feature (the one whose panel is open): drawn from
 * its own source, above every other layer, whether or not the feature's
 * overlay is shown: a project selected with the projects overlay off is still
 * marked. Its geometry comes with the panel's answer (boundary, point, line),
 * not from the overlays' data, which a hidden or filtered overlay may lack.
 *
 * The mark looks like no data symbol (cartography.md rule 8): a cyan ring or
 * outline on a near-black halo, hollow and apart from the symbol it encloses,
 * where data symbols are filled circles with thin rings, coloured lines and
 * fills (no layer draws cyan, and the dark halo keeps the ring readable on the
 * palest and the darkest class colours alike). Lines get two rails either
 * side, so the pairing's own colour stays visible between them.
 */
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { ExpressionSpecification, FilterSpecification, GeoJSONSource, LayerSpecification, Map as MapLibreMap } from 'maplibre-gl';
import type { Selection } from '../state/view-state';
import { perFeatureColor } from './layers/expressions';

/** The selected feature's geometries, as its panel's answer gives them. */
export interface SelectionMark {
  selection: Selection;
  geometries: readonly Geometry[];
}

export const SELECTION_MARK_SOURCE = 'selection-mark';
/** The ring's colour: used by no data layer. */
export const SELECTION_MARK_COLOR = '#00e5ff';
/** The halo under the ring. */
export const SELECTION_MARK_HALO = '#111111';

export const SELECTION_MARK_LAYER_IDS = {
  areaHalo: 'selection-mark-area-halo',
  area: 'selection-mark-area',
  lineHalo: 'selection-mark-line-halo',
  line: 'selection-mark-line',
  pointHalo: 'selection-mark-point-halo',
  point: 'selection-mark-point',
} as const;

type Shape = 'area' | 'line' | 'point';

function shapeOf(geometry: Geometry): Shape | null {
  switch (geometry.type) {
    case 'Polygon':
    case 'MultiPolygon':
      return 'area';
    case 'LineString':
    case 'MultiLineString':
      return 'line';
    case 'Point':
    case 'MultiPoint':
      return 'point';
    default:
      return null;
  }
}

/** The mark's features: each geometry with the selection it marks and its shape (which layer draws it). */
export function selectionMarkFeatures(mark: SelectionMark | null): FeatureCollection {
  const features: Feature[] = [];
  for (const geometry of mark?.geometries ?? []) {
    if (geometry.type === 'GeometryCollection') continue;
    const shape = shapeOf(geometry);
    if (shape) features.push({ type: 'Feature', properties: { kind: mark!.selection.kind, id: mark!.selection.id, shape }, geometry });
  }
  return { type: 'FeatureCollection', features };
}

const isShape = (shape: Shape): FilterSpecification => ['==', ['get', 'shape'], shape];

/**
 * The ring's radius by zoom: wider than the largest village circle and
 * project circle (with its offset) at that zoom, so it encloses them apart.
 */
function ringRadius(extra = 0): ExpressionSpecification {
  return ['interpolate', ['linear'], ['zoom'], 6, 10 + extra, 10, 18 + extra, 14, 30 + extra];
}
const HALO_WIDTH = 5;
const RING_WIDTH = 2.5;

export function selectionMarkLayers(): LayerSpecification[] {
  const source = SELECTION_MARK_SOURCE;
  const ids = SELECTION_MARK_LAYER_IDS;
  return [
    {
      id: ids.areaHalo,
      type: 'line',
      source,
      filter: isShape('area'),
      layout: { 'line-join': 'round' },
      paint: { 'line-color': perFeatureColor(SELECTION_MARK_HALO), 'line-width': 6.5 },
    },
    {
      id: ids.area,
      type: 'line',
      source,
      filter: isShape('area'),
      layout: { 'line-join': 'round' },
      paint: { 'line-color': perFeatureColor(SELECTION_MARK_COLOR), 'line-width': 3 },
    },
    {
      // Two rails 3–8 px either side of the line's centre…
      id: ids.lineHalo,
      type: 'line',
      source,
      filter: isShape('line'),
      layout: { 'line-join': 'round', 'line-cap': 'round' },
      paint: { 'line-color': perFeatureColor(SELECTION_MARK_HALO), 'line-width': 5, 'line-gap-width': 6 },
    },
    {
      // …and their cyan core, 4–6.5 px out.
      id: ids.line,
      type: 'line',
      source,
      filter: isShape('line'),
      layout: { 'line-join': 'round', 'line-cap': 'round' },
      paint: { 'line-color': perFeatureColor(SELECTION_MARK_COLOR), 'line-width': 2.5, 'line-gap-width': 8 },
    },
    {
      // A circle's stroke lies outside its radius: the halo from the radius out…
      id: ids.pointHalo,
      type: 'circle',
      source,
      filter: isShape('point'),
      paint: {
        'circle-radius': ringRadius(),
        'circle-color': 'rgba(0,0,0,0)',
        'circle-stroke-color': SELECTION_MARK_HALO,
        'circle-stroke-width': HALO_WIDTH,
      },
    },
    {
      // …and the cyan ring in its middle.
      id: ids.point,
      type: 'circle',
      source,
      filter: isShape('point'),
      paint: {
        'circle-radius': ringRadius((HALO_WIDTH - RING_WIDTH) / 2),
        'circle-color': 'rgba(0,0,0,0)',
        'circle-stroke-color': SELECTION_MARK_COLOR,
        'circle-stroke-width': RING_WIDTH,
      },
    },
  ];
}

const LAYER_IDS: readonly string[] = Object.values(SELECTION_MARK_LAYER_IDS);

/** The mark each map's source was last given (its data is sent to the map's worker only when it changes). */
const shown = new WeakMap<MapLibreMap, SelectionMark | null>();

/**
 * Puts the mark on the map (null: none). Its source and layers are added with
 * the first mark (a map that never has one compiles none of their shaders) and
 * kept on top: layers added after them (the atlas's first sync) are moved under.
 */
export function syncSelectionMark(map: MapLibreMap, mark: SelectionMark | null): void {
  const source = map.getSource<GeoJSONSource>(SELECTION_MARK_SOURCE);
  if (!source) {
    if (!mark) return;
    map.addSource(SELECTION_MARK_SOURCE, { type: 'geojson', data: selectionMarkFeatures(mark) });
    for (const layer of selectionMarkLayers()) map.addLayer(layer);
    shown.set(map, mark);
    return;
  }
  if (shown.get(map) !== mark) source.setData(selectionMarkFeatures(mark));
  shown.set(map, mark);
  const order = map.getLayersOrder();
  if (order.slice(-LAYER_IDS.length).join() !== LAYER_IDS.join()) for (const id of LAYER_IDS) map.moveLayer(id);
}
