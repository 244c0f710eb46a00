/**
 * Puts an `AtlasView` on a map: sets each module's source data (only when its
 * inputs changed) and adds or updates its layers in place (paint / layout
 * properties only where they changed, visibility from the layer toggles), so
 * changing the year, the language or a toggle does not rebuild the style.
 */
import type { GeoJSONSource, LayerSpecification, Map as MapLibreMap, MapSourceDataEvent, VectorSourceSpecification } from 'maplibre-gl';
import { CLASS_STATE } from './layers/county-layer';
import { LAYER_ORDER } from './layers/registry';
import { ABOVE_OVERLAYS, type AtlasView, type GeoJsonLayerModule, type LayerModule, type OverlayKey, type TiledLayerModule } from './layers/types';
import { tileSourceSpec } from './tiles';

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
  const filter = 'filter' in spec ? spec.filter : undefined;
  if (JSON.stringify(map.getFilter(spec.id) ?? null) !== JSON.stringify(filter ?? null)) map.setFilter(spec.id, filter ?? null);
  syncProps(map, spec.id, 'paint', 'paint' in spec ? (spec.paint as Props | undefined) : undefined);
  syncProps(map, spec.id, 'layout', 'layout' in spec ? (spec.layout as Props | undefined) : undefined);
}

/** The inputs each source's data was last made from, per map. */
const lastInputs = new WeakMap<MapLibreMap, Map<string, readonly unknown[]>>();

function inputsChanged(map: MapLibreMap, module: GeoJsonLayerModule, view: AtlasView): boolean {
  const byKey = lastInputs.get(map) ?? new Map<string, readonly unknown[]>();
  lastInputs.set(map, byKey);
  const next = module.dataInputs(view);
  const previous = byKey.get(module.key);
  byKey.set(module.key, next);
  return !previous || previous.length !== next.length || next.some((input, i) => input !== previous[i]);
}

/** Hidden overlays keep their layers (and data): only `visibility` changes, so switching back is instant. */
function withVisibility(spec: LayerSpecification, visible: boolean): LayerSpecification {
  if (spec.type === 'background' || !('source' in spec)) return spec;
  return { ...spec, layout: { ...spec.layout, visibility: visible ? 'visible' : 'none' } } as LayerSpecification;
}

function addImages(map: MapLibreMap, module: LayerModule): void {
  for (const image of module.images ?? []) {
    if (!map.hasImage(image.id)) map.addImage(image.id, image.draw(), { pixelRatio: image.pixelRatio });
  }
}

function isAboveOverlays(spec: LayerSpecification): boolean {
  return (spec.metadata as Record<string, unknown> | undefined)?.[ABOVE_OVERLAYS] === true;
}

function syncGeoJson(map: MapLibreMap, module: GeoJsonLayerModule, view: AtlasView): void {
  const source = map.getSource<GeoJSONSource>(module.key);
  if (!source) throw new Error(`The base style has no source "${module.key}".`);
  if (inputsChanged(map, module, view)) source.setData(module.toGeoJSON(view));
}

/** The tile URL each tiled source was last given, per map. */
const tileUrls = new WeakMap<MapLibreMap, Map<string, string>>();

/** The classes each tiled source's features were last given as feature-state, per map. */
const appliedClasses = new WeakMap<MapLibreMap, Map<string, ReadonlyMap<string, number>>>();

/**
 * Gives a tiled layer another tile URL (another year) by replacing its
 * source, with its style layers put back where they were. Not `setTiles`: a
 * tile still loading when the URL changes is reloaded from the data it had
 * fetched (MapLibre re-parses it), so it would keep showing the old year.
 */
function replaceTileSource(map: MapLibreMap, key: string, spec: VectorSourceSpecification): void {
  const order = map.getLayersOrder();
  const ours = new Set(order.filter((id) => map.getLayer(id)?.source === key));
  const placed = [...ours].map((id) => ({
    spec: map.getLayer(id)!.serialize() as LayerSpecification,
    before: order.slice(order.indexOf(id) + 1).find((other) => !ours.has(other)),
  }));
  for (const id of ours) map.removeLayer(id);
  map.removeSource(key);
  // A new source starts with no feature-state: its classes are set again.
  appliedClasses.get(map)?.delete(key);
  map.addSource(key, spec);
  for (const { spec: layer, before } of placed) map.addLayer(layer, before);
}

function addTileSource(map: MapLibreMap, module: TiledLayerModule, spec: VectorSourceSpecification): void {
  map.addSource(module.key, spec);
  const urls = tileUrls.get(map) ?? new Map<string, string>();
  tileUrls.set(map, urls);
  // What was set, not `source.tiles`, which a source fills in only once it has loaded.
  urls.set(module.key, spec.tiles![0]!);
}

/** The invisible layer through which an early source loads its tiles (a source no layer shows loads none). */
function earlyLayerId(key: string): string {
  return `${key}-early`;
}

/**
 * Once the camera is set, before the view's data arrives: the sources of the
 * `early` tiled layers are added with an invisible layer each, so their tiles
 * are fetched and parsed while the page waits for its GraphQL answers. The
 * first sync adds the real layers on the same source (MapLibre re-parses the
 * tiles it holds; nothing is fetched again) and drops the invisible one.
 */
export function loadEarlyTiles(map: MapLibreMap): void {
  const added = new Set<string>();
  for (const module of LAYER_ORDER) {
    if (!module.tiles?.early || module.tiles.yearly || map.getSource(module.key)) continue;
    added.add(module.key);
    addTileSource(map, module, tileSourceSpec(window.location.origin, module.tiles, 0));
    map.addLayer({
      id: earlyLayerId(module.key),
      type: 'fill',
      source: module.key,
      'source-layer': module.tiles.layer,
      minzoom: module.tiles.minzoom,
      // Fully transparent: MapLibre draws nothing (and compiles no shader) for it.
      paint: { 'fill-opacity': 0 },
    });
  }
  // A source asks for its tiles in the map's next frame once it has loaded, and
  // the next animation frame may only come after the page has built the view
  // around the answers (one long task, 200-400 ms here): render as soon as the
  // sources are ready instead, so their tiles are fetched and parsed meanwhile.
  const onData = (event: MapSourceDataEvent) => {
    if (event.sourceDataType !== 'metadata' || !added.delete(event.sourceId) || added.size > 0) return;
    map.off('sourcedata', onData);
    map.redraw();
  };
  if (added.size > 0) map.on('sourcedata', onData);
}

/**
 * A tiled layer's source is added at the first sync, its URL for the view's
 * year; a new year changes the URL once the layer's part for that year is in
 * (`view.loaded`), so the map never mixes years. Until its first part is in,
 * its layers stay hidden and the map asks for none of its tiles: the
 * counties come first.
 */
function syncTiles(map: MapLibreMap, module: TiledLayerModule, view: AtlasView): void {
  const spec = tileSourceSpec(window.location.origin, module.tiles, view.year);
  if (!map.getSource(module.key)) addTileSource(map, module, spec);
  else if (view.loaded.has(module.key) && tileUrls.get(map)?.get(module.key) !== spec.tiles![0]) {
    replaceTileSource(map, module.key, spec);
    tileUrls.get(map)!.set(module.key, spec.tiles![0]!);
  }
}

/** Sets the feature-state `class` of each feature whose class changed, and removes it where a feature has none any more. */
function syncClasses(map: MapLibreMap, module: TiledLayerModule, view: AtlasView): void {
  const next = module.classes?.(view);
  if (!next) return;
  const byKey = appliedClasses.get(map) ?? new Map<string, ReadonlyMap<string, number>>();
  appliedClasses.set(map, byKey);
  const previous = byKey.get(module.key);
  if (previous === next) return;
  const feature = (id: string) => ({ source: module.key, sourceLayer: module.tiles.layer, id });
  for (const [id, index] of next) if (previous?.get(id) !== index) map.setFeatureState(feature(id), { [CLASS_STATE]: index });
  for (const id of previous?.keys() ?? []) if (!next.has(id)) map.removeFeatureState(feature(id), CLASS_STATE);
  byKey.set(module.key, next);
}

export function syncAtlas(map: MapLibreMap, view: AtlasView): void {
  // Layers are added once, in this order (first sync), so the draw order is the registry's, then the flagged ones.
  const above: LayerSpecification[] = [];
  for (const module of LAYER_ORDER) {
    if (module.tiles) {
      syncTiles(map, module, view);
      syncClasses(map, module, view);
    } else syncGeoJson(map, module, view);
    addImages(map, module);
    const visible = !view.hidden.has(module.key as OverlayKey) && (!module.tiles || view.loaded.has(module.key));
    for (const spec of module.layers(view)) {
      const placed = withVisibility(spec, visible);
      if (isAboveOverlays(spec)) above.push(placed);
      else syncLayer(map, placed);
    }
    if (map.getLayer(earlyLayerId(module.key))) map.removeLayer(earlyLayerId(module.key));
  }
  for (const spec of above) syncLayer(map, spec);
}

export { geometryBounds } from './geometry-bounds';
