/**
 * Townships (苏木乡镇) shaded by the same metric as the counties, in the
 * server's township classes of the year, with Chinese labels drawn locally
 * (no glyph server: see county-layer.ts). Drawn under the counties and shown
 * from TOWNSHIP_MIN_ZOOM, where the county fill turns transparent: county
 * outlines and names stay on top of their townships.
 */
import type { Feature } from 'geojson';
import { labelPoint } from '../label-point';
import { formatNumber } from '../messages';
import { fillColorExpression, LABEL_FONTS } from './county-layer';
import { selectedFilter } from './expressions';
import { ABOVE_OVERLAYS, type GeoJsonLayerModule } from './types';
import { TOWNSHIP_MIN_ZOOM } from './zoom';

export const TOWNSHIP_FILL_LAYER_ID = 'township-fill';
export const TOWNSHIP_LABEL_LAYER_ID = 'township-label';

export const townshipLayer = {
  key: 'townships',
  description: 'Townships shaded by the chosen metric (the server\'s township classes) at closer zoom, outlined and labelled',
  select: { kind: 'township', layerIds: [TOWNSHIP_FILL_LAYER_ID], idProperty: 'code' },
  dataInputs: ({ overlays }) => [overlays.townships],
  toGeoJSON: ({ overlays }) => {
    const townships = overlays.townships;
    if (!townships) return { type: 'FeatureCollection', features: [] };
    return {
      type: 'FeatureCollection',
      features: townships.boundaries.flatMap((township): Feature[] => {
        const classIndex = townships.classification.classOf.get(township.code);
        const properties = {
          code: township.code,
          name: township.name,
          nameEn: township.nameEn,
          ...(classIndex != null ? { classIndex } : {}),
        };
        const label = labelPoint(township.boundary);
        return [
          { type: 'Feature', properties, geometry: township.boundary },
          ...(label ? [{ type: 'Feature' as const, properties, geometry: { type: 'Point' as const, coordinates: label } }] : []),
        ];
      }),
    };
  },
  layers: (view) => [
    {
      id: TOWNSHIP_FILL_LAYER_ID,
      type: 'fill',
      source: 'townships',
      minzoom: TOWNSHIP_MIN_ZOOM,
      // Opaque like the counties: the canvas shows the legend's colours.
      paint: {
        'fill-color': view.overlays.townships
          ? fillColorExpression(view.overlays.townships.classification)
          : 'rgba(0,0,0,0)',
        'fill-opacity': 1,
      },
    },
    {
      id: 'township-outline',
      type: 'line',
      source: 'townships',
      minzoom: TOWNSHIP_MIN_ZOOM,
      paint: { 'line-color': '#ffffff', 'line-width': 0.8, 'line-opacity': 0.9 },
    },
    {
      // The open panel's township, outlined above its neighbours.
      id: 'township-selected',
      type: 'line',
      source: 'townships',
      filter: selectedFilter(view, 'township', 'code'),
      paint: { 'line-color': '#0b3d91', 'line-width': 3 },
    },
    {
      id: TOWNSHIP_LABEL_LAYER_ID,
      type: 'symbol',
      source: 'townships',
      metadata: { [ABOVE_OVERLAYS]: true },
      filter: ['==', ['geometry-type'], 'Point'],
      minzoom: TOWNSHIP_MIN_ZOOM,
      layout: {
        'text-field': ['get', view.messages.nameField],
        'text-font': LABEL_FONTS,
        'text-size': ['interpolate', ['linear'], ['zoom'], TOWNSHIP_MIN_ZOOM, 11, 12, 14],
        'text-max-width': 7,
        'text-padding': 3,
      },
      paint: {
        'text-color': '#3c4a5c',
        'text-halo-color': 'rgba(255,255,255,0.85)',
        'text-halo-width': 1.4,
      },
    },
  ],
  legend: ({ overlays, messages }) => {
    const townships = overlays.townships;
    if (!townships) return null;
    const { classes } = townships.classification;
    const decimals = classes.some((c) => c.to - c.from < 0.1) ? 2 : 1;
    return {
      items: classes.map((c, i) => ({
        label: messages.legendCount(
          messages.townshipClass(formatNumber(messages, c.from, decimals), formatNumber(messages, c.to, decimals)),
          c.count,
        ),
        swatch: { shape: 'fill', color: c.color },
        value: String(i),
      })),
      notes: [messages.townshipZoomNote],
    };
  },
} satisfies GeoJsonLayerModule;
