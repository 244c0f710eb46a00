/**
 * The full-window map. Creates one MapLibre map with the self-contained base
 * style, puts each new `AtlasView` on it (`sync.ts`), reports the county
 * under the pointer (tooltip), the feature clicked (selection) and the camera
 * after each move the user makes (for the link). It opens on the link's
 * camera, or fitted to the region. The selected feature is marked on top of
 * every layer (`selection-mark.ts`) and framed clear of the panels drawn over
 * the map (`framing.ts`).
 */
import { useEffect, useRef, useState } from 'react';
import type { Geometry } from 'geojson';
import type { MapGeoJSONFeature, Map as MapLibreMap } from 'maplibre-gl';
import type { Camera, Selection } from '../state/view-state';
import { maplibregl } from './maplibre';
import { LAYER_ORDER } from './layers/registry';
import type { AtlasView } from './layers/types';
import { COUNTY_FILL_LAYER_ID, LABEL_FONTS } from './layers/county-layer';
import { TOWNSHIP_FILL_LAYER_ID } from './layers/township-layer';
import { TOWNSHIP_MIN_ZOOM } from './layers/zoom';
import { MAX_PITCH, skipHiddenSky } from './sky';
import { BACKGROUND_COLOR, baseStyle } from './style';
import { paddingClearOfPanels, type Padding } from './framing';
import { syncSelectionMark, type SelectionMark } from './selection-mark';
import { geometryBounds, loadEarlyTiles, syncAtlas } from './sync';
import { installTestHook, type TestHook } from './test-hook';
import { withReadToken } from './tiles';
import { onDataChange } from '../graphql/live-updates';
import { reloadChangedTiles } from './live-tiles';
import { pickSlack, showCompassWhenTurned, tapSelects, trackPointerKind, type PointerKind } from './touch';

export interface HoveredArea {
  source: string;
  code: string;
  /** pointer position in CSS pixels, relative to the map container */
  x: number;
  y: number;
}

interface MapViewProps {
  view: AtlasView | null;
  /** the region's outline, as soon as it is known (before the view): the map opens fitted to it */
  region: Geometry | null;
  ariaLabel: string;
  onHover(area: HoveredArea | null): void;
  /** the map is idle for the first time with data drawn (the moment to load what can wait) */
  onFirstDraw(): void;
  /** where to open; null: fit the region */
  initialCamera: Camera | null;
  /** after a move (drag, zoom, fly): where the map is now */
  onCameraChange(camera: Camera): void;
  /** a click: the feature under it (topmost selectable layer), or null on empty ground */
  onSelect(selection: Selection | null): void;
  /** the MapLibre map, once created (null when it is removed) */
  onMap?(map: MapLibreMap | null): void;
  /** fly to this extent [west, south, east, north] when it changes (the selected feature's), framed clear of the panels over the map */
  focus?: readonly [number, number, number, number] | null;
  /** the selected feature's geometries, marked above every layer (null: nothing selected, or not known yet) */
  mark?: SelectionMark | null;
  /** the read token the view's GraphQL requests carry (an embed on a private hub): sent with the hub's tiles too */
  readToken?: string | null;
  /** the prefecture the view reads (graphql/read-scope.ts): its tiles ask for it too; null: the hub's default */
  readPrefecture?: string | null;
  /** open fitted to the region clear of the panels then on screen (a phone's bars take a quarter of it), not in fixed margins */
  openClearOfPanels?: boolean;
}

/** Marks the moves the map makes by itself (opening), which are not the user's camera. */
const OPENING_MOVE = { lingyanOpening: true };

const FIT_PADDING = { top: 96, right: 48, bottom: 48, left: 48 };
/** In a small frame (an embed of 320×240), the region takes what room there is. */
const SMALL_FIT_PADDING = { top: 12, right: 40, bottom: 12, left: 12 };

/** A panel that grew by more than this into a framed feature's room moves the frame again. */
const REFRAME_PX = 8;

function fitPadding(map: MapLibreMap): Padding {
  const { clientWidth, clientHeight } = map.getContainer();
  return clientWidth < 600 || clientHeight < 450 ? SMALL_FIT_PADDING : FIT_PADDING;
}
export function MapView({ view, region, ariaLabel, onHover, onFirstDraw, initialCamera, onCameraChange, onSelect, onMap, focus, mark = null, readToken = null, readPrefecture = null, openClearOfPanels = false }: MapViewProps) {
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const hookRef = useRef<TestHook | null>(null);
  const fittedRef = useRef(false);
  const syncedRef = useRef(false);
  const onHoverRef = useRef(onHover);
  onHoverRef.current = onHover;
  const onFirstDrawRef = useRef(onFirstDraw);
  onFirstDrawRef.current = onFirstDraw;
  const callbacks = useRef({ onCameraChange, onSelect, onMap });
  callbacks.current = { onCameraChange, onSelect, onMap };
  const initialCameraRef = useRef(initialCamera);
  const readTokenRef = useRef(readToken);
  const readPrefectureRef = useRef(readPrefecture);
  const ariaLabelRef = useRef(ariaLabel);
  ariaLabelRef.current = ariaLabel;
  const markRef = useRef(mark);
  markRef.current = mark;
  const openClearRef = useRef(openClearOfPanels);
  openClearRef.current = openClearOfPanels;
  const viewInRef = useRef(view != null);
  viewInRef.current = view != null;
  const [loaded, setLoaded] = useState(false);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    // Creating the map (WebGL context, shaders) holds the main thread for a
    // while; on the next task, the page's first GraphQL requests are already
    // on the wire and their answers travel while it works.
    let map: MapLibreMap | null = null;
    const timer = window.setTimeout(() => {
      map = createMap(element);
    }, 0);
    return () => {
      window.clearTimeout(timer);
      mapRef.current = null;
      if (map) {
        callbacks.current.onMap?.(null);
        map.remove();
      }
    };
    // The map is created once; the label is kept current by the next effect.
  }, []);

  function createMap(element: HTMLDivElement): MapLibreMap {
    const map = new maplibregl.Map({
      container: element,
      style: baseStyle(),
      center: [0, 0],
      zoom: 1,
      attributionControl: false,
      maxPitch: MAX_PITCH,
      // Labels appear at once: a fade-in would hold back the map's 'idle' (the moment it is ready) by 300 ms.
      fadeDuration: 0,
      // CJK label glyphs are drawn locally; there is no glyph server.
      localIdeographFontFamily: LABEL_FONTS.join(', '),
      // Keep the last frame readable, for canvas export (and tests reading pixels).
      // No multisampling (MapLibre's default): lines, circles and labels are smoothed
      // by their shaders and area edges by the outline layers, while 4x multisampling
      // in a software-rendered browser (no GPU) costs its context and every frame.
      canvasContextAttributes: { preserveDrawingBuffer: true, antialias: false },
      transformRequest: withReadToken(window.location.origin, readTokenRef.current, readPrefectureRef.current),
    });
    skipHiddenSky(map);
    // Pinch, two-finger turn and tilt are MapLibre's defaults; the compass (shown once turned) takes the map back.
    map.addControl(new maplibregl.NavigationControl({ showCompass: true, visualizePitch: true }), 'top-right');
    showCompassWhenTurned(map);
    map.getCanvas().setAttribute('aria-label', ariaLabelRef.current);
    mapRef.current = map;
    hookRef.current = installTestHook(map);
    // Live updates: the tiles a change to the hub's data may have changed are asked for again.
    const stopReloading = onDataChange((change) => reloadChangedTiles(map, change));
    map.once('remove', stopReloading);
    // The style is in the page: once it is parsed, data may go on the map. Not
    // 'load', which waits for a first frame drawn with no data at all.
    map.once('style.load', () => setLoaded(true));
    const pointer = trackPointerKind(map);
    attachHover(map, (area) => onHoverRef.current(area), pointer);
    map.on('click', (event) => callbacks.current.onSelect(selectionAt(map, event.point, pointer.touch)));
    map.on('moveend', (event) => {
      if ((event as unknown as typeof OPENING_MOVE).lingyanOpening || !fittedRef.current) return;
      const { lng, lat } = map.getCenter();
      callbacks.current.onCameraChange({ lon: lng, lat, zoom: map.getZoom() });
    });
    callbacks.current.onMap?.(map);
    return map;
  }

  useEffect(() => {
    mapRef.current?.getCanvas().setAttribute('aria-label', ariaLabel);
  }, [ariaLabel]);

  /**
   * The opening camera, as soon as it is known: the link's, at once; else the
   * region fitted, once its outline is in. Then, if the year's figures are
   * still on their way, the first map's tiles that do not wait for them are
   * fetched meanwhile. If the view is already in (the map took longer to
   * start than the answers to come, as in a newly launched browser), its sync
   * follows at once: tiles fetched for the invisible early layer would only
   * be parsed twice.
   */
  function open(map: MapLibreMap, outline: Geometry | null, viewReady: boolean): void {
    const camera = initialCameraRef.current;
    if (fittedRef.current || (!camera && !outline)) return;
    if (camera) {
      map.jumpTo({ center: [camera.lon, camera.lat], zoom: camera.zoom }, OPENING_MOVE);
    } else {
      const [west, south, east, north] = geometryBounds(outline!);
      const padding = (openClearRef.current ? paddingClearOfPanels(map.getContainer()) : null) ?? fitPadding(map);
      map.fitBounds([west, south, east, north], { padding, duration: 0 }, OPENING_MOVE);
    }
    fittedRef.current = true;
    if (!viewReady) loadEarlyTiles(map);
  }

  useEffect(() => {
    const map = mapRef.current;
    // Whether the view is in is read, not watched: the next effect syncs the view.
    if (map && loaded) open(map, region, viewInRef.current);
  }, [loaded, region]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !loaded || !view) return;
    open(map, view.atlas.prefecture.boundary, true);
    syncAtlas(map, view);
    // The first sync adds the atlas's layers: the mark goes back on top of them.
    syncSelectionMark(map, markRef.current);
    if (!syncedRef.current) map.once('idle', () => onFirstDrawRef.current());
    syncedRef.current = true;
    hookRef.current?.dataSynced(view.loaded);
  }, [loaded, view]);

  const focusedRef = useRef('');
  useEffect(() => {
    const map = mapRef.current;
    // The same extent asked for twice (search, then the panel) is one flight.
    if (!map || !loaded || !focus || focusedRef.current === focus.join()) return;
    const key = focus.join();
    focusedRef.current = key;
    const [west, south, east, north] = focus;
    // Clear of the panels as they are on screen now; a frame too small for that (an embed) takes what room there is.
    const clear = () => paddingClearOfPanels(map.getContainer()) ?? fitPadding(map);
    const fly = (padding: Padding, last: boolean) => {
      map.once('moveend', () => {
        if (last) return hookRef.current?.framed();
        // Panels change as the map arrives (the legend takes the new zoom's level, a panel its answers): once they
        // have been drawn, a panel grown into the frame moves it again, once.
        requestAnimationFrame(() =>
          requestAnimationFrame(() => {
            // Another feature was asked for meanwhile (its flight ended this one): that flight frames it.
            if (focusedRef.current !== key) return;
            const now = clear();
            const grown = (['top', 'right', 'bottom', 'left'] as const).some((side) => now[side] > padding[side] + REFRAME_PX);
            if (grown) fly(now, true);
            else hookRef.current?.framed();
          }),
        );
      });
      map.fitBounds([west, south, east, north], { padding, maxZoom: 11, duration: last ? 300 : 800 });
    };
    fly(clear(), false);
  }, [loaded, focus]);

  useEffect(() => {
    const map = mapRef.current;
    if (map && loaded) syncSelectionMark(map, mark);
  }, [loaded, mark]);

  return <div ref={container} className="map" data-testid="map" style={{ background: BACKGROUND_COLOR }} />;
}

/** The layers that answer a click, and what each selects. */
const SELECTABLE = LAYER_ORDER.flatMap((m) => (m.select ? m.select.layerIds.map((id) => ({ id, ...m.select! })) : []));

/** The selection a click (or a tap, `touch`) at `point` makes: the topmost selectable feature's. */
function selectionAt(map: MapLibreMap, point: { x: number; y: number }, touch: boolean): Selection | null {
  const zoom = map.getZoom();
  const layers = SELECTABLE.filter(
    (s) => map.getLayer(s.id) && map.getLayoutProperty(s.id, 'visibility') !== 'none' && (!touch || tapSelects(s.kind, zoom)),
  );
  // A few pixels of slack: villages and lines are small targets.
  const slack = pickSlack(touch);
  const box: [[number, number], [number, number]] = [
    [point.x - slack, point.y - slack],
    [point.x + slack, point.y + slack],
  ];
  const ids = layers.map((s) => s.id);
  // The slack is for small targets: an area is picked where the point is (near a border the slack reaches the neighbour too).
  const idOf = (f: MapGeoJSONFeature) => `${f.layer.id}:${String(f.properties[SELECTABLE.find((s) => s.id === f.layer.id)!.idProperty])}`;
  const underPoint = new Set(map.queryRenderedFeatures([point.x, point.y], { layers: ids }).map(idOf));
  const features = map.queryRenderedFeatures(box, { layers: ids }).filter((f) => f.layer.type !== 'fill' || underPoint.has(idOf(f)));
  // Where townships show, the county fill above them is clear: the township is what the user sees.
  const townshipShown = zoom >= TOWNSHIP_MIN_ZOOM && features.some((f) => f.layer.id === TOWNSHIP_FILL_LAYER_ID);
  const feature = features.find((f) => !(townshipShown && f.layer.id === COUNTY_FILL_LAYER_ID));
  const target = feature && SELECTABLE.find((s) => s.id === feature.layer.id);
  const id = target ? feature.properties[target.idProperty] : undefined;
  return target && id != null ? { kind: target.kind, id: String(id) } : null;
}

/** Hover: highlight the county under the pointer (feature-state) and report it; a finger hovers nothing. */
function attachHover(map: MapLibreMap, report: (area: HoveredArea | null) => void, pointer: PointerKind): void {
  const layers = LAYER_ORDER.flatMap((m) => m.hoverLayerIds ?? []);
  let hovered: MapGeoJSONFeature | null = null;
  const setHover = (feature: MapGeoJSONFeature | null) => {
    if (hovered?.id === feature?.id && hovered?.source === feature?.source) return;
    if (hovered?.id != null) map.setFeatureState({ source: hovered.source, sourceLayer: hovered.sourceLayer, id: hovered.id }, { hover: false });
    if (feature?.id != null) map.setFeatureState({ source: feature.source, sourceLayer: feature.sourceLayer, id: feature.id }, { hover: true });
    hovered = feature;
  };
  for (const layer of layers) {
    map.on('mousemove', layer, (event) => {
      const feature = pointer.touch ? null : (event.features?.[0] ?? null);
      setHover(feature);
      map.getCanvas().style.cursor = feature ? 'pointer' : '';
      report(feature ? { source: feature.source, code: String(feature.id), x: event.point.x, y: event.point.y } : null);
    });
    map.on('mouseleave', layer, () => {
      setHover(null);
      map.getCanvas().style.cursor = '';
      report(null);
    });
  }
}
