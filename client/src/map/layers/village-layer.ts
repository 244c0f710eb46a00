/**
 * Villages (嘎查村) as circles: filled by their status in the year (poor /
 * exited / never poor), ringed by their strength (strong: dark ring, weak:
 * orange ring, middle: thin grey), sized by rural population (area grows
 * with population). Drawn on top of every other layer, so a line ends under
 * its village and the centre of a circle is always its status colour.
 */
import type { ExpressionSpecification } from 'maplibre-gl';
import type { PovertyStatus, VillageStrength } from '../../graphql/documents';
import { LABEL_FONTS } from './county-layer';
import { passes } from '../../state/view-state';
import { matchProperty, selectedFilter } from './expressions';
import type { LayerModule, LegendItem } from './types';
import { VILLAGE_LABEL_MIN_ZOOM } from './zoom';

export const VILLAGE_CIRCLE_LAYER_ID = 'village-circle';

/** PiYG ends and a neutral (ColorBrewer, colour-blind safe); none of them is in the choropleth's YlOrRd. */
export const VILLAGE_STATUS_COLORS: Readonly<Record<PovertyStatus, string>> = {
  POOR: '#c51b7d',
  EXITED: '#4d9221',
  NEVER_POOR: '#f7f7f7',
};
/** A village without figures in the year. */
export const VILLAGE_NO_FIGURES_COLOR = '#9aa5b1';
export const VILLAGE_STRENGTH_RINGS: Readonly<Record<VillageStrength, { color: string; width: number }>> = {
  STRONG: { color: '#08306b', width: 2 },
  WEAK: { color: '#e66101', width: 2 },
  MIDDLE: { color: '#5f6b7a', width: 0.75 },
};
const STATUSES = Object.keys(VILLAGE_STATUS_COLORS) as PovertyStatus[];
/** Stands in for the status of a village without figures (not a value of the API). */
const NO_FIGURES = 'NONE';

/** Radius in px for a size unit of 0 (no one) and 1 (the most populous village), by zoom. */
const RADIUS_BY_ZOOM: ReadonlyArray<[zoom: number, min: number, max: number]> = [
  [6, 1.5, 4.5],
  [10, 3, 11],
  [14, 6, 22],
];

/** The circle's radius by zoom and size; `extra` px more (the selection ring around it). */
function radiusExpression(extra = 0): ExpressionSpecification {
  const size: ExpressionSpecification = ['get', 'size'];
  return [
    'interpolate',
    ['linear'],
    ['zoom'],
    ...RADIUS_BY_ZOOM.flatMap(([zoom, min, max]) => [
      zoom,
      ['+', min + extra, ['*', max - min, size]] as ExpressionSpecification,
    ]),
  ] as ExpressionSpecification;
}

export const villageLayer = {
  key: 'villages',
  description: 'Villages as circles: fill = poverty status in the year, ring = weak/strong, area = rural population',
  select: { kind: 'village', layerIds: [VILLAGE_CIRCLE_LAYER_ID], idProperty: 'code' },
  dataInputs: ({ overlays, filters }) => [overlays.villages, filters.status, filters.strength],
  toGeoJSON: ({ overlays, filters }) => {
    const items = (overlays.villages?.items ?? []).filter(
      (v) => passes(filters.status, v.figures?.status) && passes(filters.strength, v.figures?.strength),
    );
    // Area ∝ population: the radius grows with the square root, against the year's most populous village.
    const largest = Math.max(1, ...items.map((v) => v.figures?.ruralPopulation ?? 0));
    return {
      type: 'FeatureCollection',
      features: items.map((village) => ({
        type: 'Feature',
        properties: {
          code: village.code,
          name: village.name,
          nameEn: village.nameEn,
          status: village.figures?.status ?? NO_FIGURES,
          strength: village.figures?.strength ?? NO_FIGURES,
          population: village.figures?.ruralPopulation ?? 0,
          size: Math.sqrt((village.figures?.ruralPopulation ?? 0) / largest),
        },
        geometry: village.location,
      })),
    };
  },
  layers: ({ messages, selection }) => [
    {
      id: VILLAGE_CIRCLE_LAYER_ID,
      type: 'circle',
      source: 'villages',
      // Smaller villages on top of larger neighbours, so none is hidden.
      layout: { 'circle-sort-key': ['-', 0, ['get', 'population']] },
      paint: {
        'circle-radius': radiusExpression(),
        'circle-color': matchProperty('status', VILLAGE_STATUS_COLORS, VILLAGE_NO_FIGURES_COLOR),
        // Opaque: the canvas shows the legend's colours.
        'circle-opacity': 1,
        'circle-stroke-color': matchProperty(
          'strength',
          Object.fromEntries(Object.entries(VILLAGE_STRENGTH_RINGS).map(([k, r]) => [k, r.color])),
          VILLAGE_STRENGTH_RINGS.MIDDLE.color,
        ),
        'circle-stroke-width': matchProperty(
          'strength',
          Object.fromEntries(Object.entries(VILLAGE_STRENGTH_RINGS).map(([k, r]) => [k, r.width])),
          VILLAGE_STRENGTH_RINGS.MIDDLE.width,
        ),
      },
    },
    {
      // The open panel's village: a wide dark ring around its circle.
      id: 'village-selected',
      type: 'circle',
      source: 'villages',
      filter: selectedFilter({ selection }, 'village', 'code'),
      paint: {
        'circle-radius': radiusExpression(4),
        'circle-color': 'rgba(0,0,0,0)',
        'circle-stroke-color': '#0b3d91',
        'circle-stroke-width': 3,
      },
    },
    {
      id: 'village-label',
      type: 'symbol',
      source: 'villages',
      minzoom: VILLAGE_LABEL_MIN_ZOOM,
      layout: {
        'text-field': ['get', messages.nameField],
        'text-font': LABEL_FONTS,
        'text-size': 11,
        'text-anchor': 'top',
        'text-offset': [0, 0.9],
        'text-optional': true,
      },
      paint: { 'text-color': '#1f2d3d', 'text-halo-color': 'rgba(255,255,255,0.9)', 'text-halo-width': 1.2 },
    },
  ],
  legend: ({ overlays, messages }) => {
    if (!overlays.villages) return null;
    const { items } = overlays.villages;
    const count = (status: string) => items.filter((v) => (v.figures?.status ?? NO_FIGURES) === status).length;
    const thin = VILLAGE_STRENGTH_RINGS.MIDDLE;
    const statusItems: LegendItem[] = STATUSES.map((status) => ({
      label: messages.legendCount(messages.villageStatuses[status], count(status)),
      swatch: { shape: 'circle', color: VILLAGE_STATUS_COLORS[status], stroke: thin.color, strokeWidth: thin.width },
      value: status,
      filter: 'status' as const,
    }));
    const missing = count(NO_FIGURES);
    if (missing > 0) {
      statusItems.push({
        label: messages.legendCount(messages.villageNoFigures, missing),
        swatch: { shape: 'circle', color: VILLAGE_NO_FIGURES_COLOR, stroke: thin.color, strokeWidth: thin.width },
        value: NO_FIGURES,
      });
    }
    const ring = (strength: 'STRONG' | 'WEAK', label: string): LegendItem => ({
      label: messages.legendCount(label, items.filter((v) => v.figures?.strength === strength).length),
      swatch: {
        shape: 'circle',
        color: VILLAGE_STATUS_COLORS.NEVER_POOR,
        stroke: VILLAGE_STRENGTH_RINGS[strength].color,
        strokeWidth: VILLAGE_STRENGTH_RINGS[strength].width,
      },
      value: strength,
      filter: 'strength',
    });
    return {
      items: [...statusItems, ring('STRONG', messages.villageStrong), ring('WEAK', messages.villageWeak)],
      notes: [messages.villageSizeNote],
    };
  },
} satisfies LayerModule;
