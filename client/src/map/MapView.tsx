/**
 * The full-window map. Creates one MapLibre map with the self-contained base
 * style, puts each new `AtlasView` on it (`sync.ts`), and reports the county
 * under the pointer for the tooltip.
 */
import { useEffect, useRef, useState } from 'react';
import type { MapGeoJSONFeature, Map as MapLibreMap } from 'maplibre-gl';
import { maplibregl } from './maplibre';
import { LAYER_ORDER } from './layers/registry';
import type { AtlasView } from './layers/types';
import { LABEL_FONTS } from './layers/county-layer';
import { baseStyle } from './style';
import { geometryBounds, syncAtlas } from './sync';
import { installTestHook, type TestHook } from './test-hook';

export interface HoveredArea {
  source: string;
  code: string;
  /** pointer position in CSS pixels, relative to the map container */
  x: number;
  y: number;
}

interface MapViewProps {
  view: AtlasView | null;
  ariaLabel: string;
  onHover(area: HoveredArea | null): void;
  /** the map is idle for the first time with data drawn (the moment to load what can wait) */
  onFirstDraw(): void;
  /** the MapLibre map once created (null when removed), for the export and the feature list */
  onMap?(map: MapLibreMap | null): void;
}

const FIT_PADDING = { top: 96, right: 48, bottom: 48, left: 48 };

export function MapView({ view, ariaLabel, onHover, onFirstDraw, onMap }: MapViewProps) {
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const hookRef = useRef<TestHook | null>(null);
  const fittedRef = useRef(false);
  const onHoverRef = useRef(onHover);
  onHoverRef.current = onHover;
  const onFirstDrawRef = useRef(onFirstDraw);
  onFirstDrawRef.current = onFirstDraw;
  const [loaded, setLoaded] = useState(false);

  useEffect(() => {
    if (!container.current) return;
    const map = new maplibregl.Map({
      container: container.current,
      style: baseStyle(),
      center: [0, 0],
      zoom: 1,
      attributionControl: false,
      // CJK label glyphs are drawn locally; there is no glyph server.
      localIdeographFontFamily: LABEL_FONTS.join(', '),
      // Keep the last frame readable, for canvas export (and tests reading pixels).
      canvasContextAttributes: { preserveDrawingBuffer: true, antialias: true },
    });
    map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    map.getCanvas().setAttribute('aria-label', ariaLabel);
    mapRef.current = map;
    hookRef.current = installTestHook(map);
    map.once('load', () => setLoaded(true));
    attachHover(map, (area) => onHoverRef.current(area));
    onMap?.(map);
    return () => {
      onMap?.(null);
      mapRef.current = null;
      map.remove();
    };
    // The map is created once; the label is kept current by the next effect.
  }, []);

  useEffect(() => {
    mapRef.current?.getCanvas().setAttribute('aria-label', ariaLabel);
  }, [ariaLabel]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !loaded || !view) return;
    syncAtlas(map, view);
    if (!fittedRef.current) {
      const [west, south, east, north] = geometryBounds(view.atlas.prefecture.boundary);
      map.fitBounds([west, south, east, north], { padding: FIT_PADDING, duration: 0 });
      fittedRef.current = true;
      map.once('idle', () => onFirstDrawRef.current());
    }
    hookRef.current?.dataSynced(view.loaded);
  }, [loaded, view]);

  return <div ref={container} className="map" data-testid="map" />;
}

/** Hover: highlight the county under the pointer (feature-state) and report it. */
function attachHover(map: MapLibreMap, report: (area: HoveredArea | null) => void): void {
  const layers = LAYER_ORDER.flatMap((m) => m.hoverLayerIds ?? []);
  let hovered: MapGeoJSONFeature | null = null;
  const setHover = (feature: MapGeoJSONFeature | null) => {
    if (hovered?.id === feature?.id && hovered?.source === feature?.source) return;
    if (hovered?.id != null) map.setFeatureState({ source: hovered.source, id: hovered.id }, { hover: false });
    if (feature?.id != null) map.setFeatureState({ source: feature.source, id: feature.id }, { hover: true });
    hovered = feature;
  };
  for (const layer of layers) {
    map.on('mousemove', layer, (event) => {
      const feature = event.features?.[0] ?? null;
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
