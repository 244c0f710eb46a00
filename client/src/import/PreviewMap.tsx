/**
 * A small map of what a file would import: its first features (points or
 * areas, in WGS-84 as they would be stored) over the region's counties, so a
 * boundary in the wrong place or the wrong CRS shows at a glance.
 */
import { useEffect, useRef, useState } from 'react';
import type { FeatureCollection } from 'geojson';
import { maplibregl, type Map as MapLibreMap, type LngLatBoundsLike } from '../map/maplibre';

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

type ImportWindow = Window & { __lingyanImport?: { map: MapLibreMap } };

function bounds(collections: FeatureCollection[]): LngLatBoundsLike | null {
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  const visit = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number') {
      w = Math.min(w, c[0]);
      e = Math.max(e, c[0]);
      s = Math.min(s, c[1] as number);
      n = Math.max(n, c[1] as number);
    } else if (Array.isArray(c)) c.forEach(visit);
  };
  for (const fc of collections) for (const f of fc.features) if (f.geometry && 'coordinates' in f.geometry) visit(f.geometry.coordinates);
  return Number.isFinite(w) ? [[w, s], [e, n]] : null;
}

export function PreviewMap({ geometry, region, label }: { geometry: FeatureCollection; region: FeatureCollection | null; label: string }) {
  const container = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<MapLibreMap | null>(null);

  useEffect(() => {
    const m = new maplibregl.Map({
      container: container.current!,
      style: {
        version: 8,
        sources: { region: { type: 'geojson', data: EMPTY }, preview: { type: 'geojson', data: EMPTY } },
        layers: [
          { id: 'region-line', type: 'line', source: 'region', paint: { 'line-color': '#8a96a3', 'line-width': 1 } },
          { id: 'preview-fill', type: 'fill', source: 'preview', filter: ['==', ['geometry-type'], 'Polygon'], paint: { 'fill-color': '#c8102e', 'fill-opacity': 0.25 } },
          { id: 'preview-line', type: 'line', source: 'preview', filter: ['!=', ['geometry-type'], 'Point'], paint: { 'line-color': '#c8102e', 'line-width': 1.5 } },
          { id: 'preview-point', type: 'circle', source: 'preview', filter: ['==', ['geometry-type'], 'Point'], paint: { 'circle-color': '#c8102e', 'circle-radius': 4, 'circle-stroke-color': '#fff', 'circle-stroke-width': 1 } },
        ],
      },
      center: [111.7, 41],
      zoom: 5,
      attributionControl: false,
    });
    m.on('load', () => setMap(m));
    (window as ImportWindow).__lingyanImport = { map: m };
    return () => {
      setMap(null);
      m.remove();
    };
  }, []);

  useEffect(() => {
    if (!map) return;
    (map.getSource('region') as maplibregl.GeoJSONSource).setData(region ?? EMPTY);
    (map.getSource('preview') as maplibregl.GeoJSONSource).setData(geometry);
    const box = bounds(geometry.features.length > 0 ? [geometry] : region ? [region] : []);
    if (box) map.fitBounds(box, { padding: 24, duration: 0, maxZoom: 12 });
  }, [map, geometry, region]);

  return <div ref={container} className="import-map" role="img" aria-label={label} data-features={geometry.features.length} />;
}
