/**
 * What an export holds: the features each shown layer puts on the map and
 * its table, both the layer module's own (`export` of each: the files equal
 * the map, filters included), as CSV tables and as one GeoJSON
 * FeatureCollection.
 */
import type { Feature, FeatureCollection } from 'geojson';
import { LAYER_ORDER } from '../map/layers/registry';
import type { AtlasView, LayerExport, LayerModule, OverlayKey } from '../map/layers/types';
import type { CsvValue } from './csv';
import type { ExportLayerKey, ExportMessages } from './messages';
import { props, type ExportData } from './table-parts';

export { FIGURE_FORMATS, unitText, type ExportData, type FigureKey } from './table-parts';

export interface ExportTable {
  key: ExportLayerKey;
  header: string[];
  rows: CsvValue[][];
}

interface ExportedLayer {
  key: ExportLayerKey;
  module: LayerModule;
  spec: LayerExport;
}

/** The exported layers: each module with an `export`, in its order. */
const EXPORTED: readonly ExportedLayer[] = LAYER_ORDER.flatMap((module) =>
  module.export ? [{ key: module.key as ExportLayerKey, module, spec: module.export }] : [],
).sort((a, b) => a.spec.order - b.spec.order);

const byKey = new Map(EXPORTED.map((layer) => [layer.key, layer]));
function exported(key: ExportLayerKey): ExportedLayer {
  const layer = byKey.get(key);
  if (!layer) throw new Error(`no layer module exports ${JSON.stringify(key)}`);
  return layer;
}

/** The exported layers, in the order of the menu and of the GeoJSON's features. */
export const EXPORT_LAYERS: readonly ExportLayerKey[] = EXPORTED.map((layer) => layer.key);

/** A layer is shown when it is switched on and its data of the view's year is on the map. */
export function isShown(view: AtlasView, key: ExportLayerKey): boolean {
  return view.loaded.has(key) && !view.hidden.has(key as OverlayKey);
}

function sourceFeatures(view: AtlasView, { module, spec }: ExportedLayer, data: ExportData): FeatureCollection {
  if (spec.features) return spec.features(view, data);
  if (module.tiles) throw new Error(`the tiled layer ${module.key} exports without its own features`);
  return module.toGeoJSON(view);
}

/** The data features of one layer as the map has them, each tagged with its layer and the view's year. */
export function layerFeatures(view: AtlasView, key: ExportLayerKey, data: ExportData): Feature[] {
  return sourceFeatures(view, exported(key), data).features.map((f) => ({ ...f, properties: { layer: key, year: view.year, ...props(f) } }));
}

/** How many rows a layer's table has (the export menu says it). */
export function exportCount(view: AtlasView, key: ExportLayerKey, data: ExportData): number {
  const features = layerFeatures(view, key, data);
  return exported(key).spec.count?.(features) ?? features.length;
}

/** Every shown layer's data features in one collection. */
export function exportFeatureCollection(view: AtlasView, data: ExportData): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: EXPORT_LAYERS.filter((key) => isShown(view, key)).flatMap((key) => layerFeatures(view, key, data)),
  };
}

export function exportTable(view: AtlasView, key: ExportLayerKey, messages: ExportMessages, data: ExportData): ExportTable {
  return { key, ...exported(key).spec.table(view, messages, layerFeatures(view, key, data), data) };
}
