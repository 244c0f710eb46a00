/**
 * Villages (嘎查村) as circles: filled by their status in the year (poor /
 * exited / never poor), ringed by their strength (strong: dark ring, weak:
 * orange ring, middle: thin grey), sized by rural population (area grows
 * with population). Drawn on top of every other layer, so a line ends under
 * its village and the centre of a circle is always its status colour.
 *
 * Drawn from the hub's vector tiles (a country holds half a million villages):
 * each tile's village carries its code, names and the year's status, strength
 * and rural population, all three absent for a village without figures that year.
 * The legend's counts come from the API (`AtlasVillageCounts`), not from the
 * tiles the map happens to hold.
 */
import type { Feature, FeatureCollection } from 'geojson';
import type { ExpressionSpecification, FilterSpecification } from 'maplibre-gl';
import type { AtlasVillage, PovertyStatus, VillageStrength } from '../../graphql/documents';
import { LABEL_FONTS } from './county-layer';
import { numberOf } from './list-rows';
import { formatNumber } from '../messages';
import { passes } from '../../state/filter-pass';
import type { ViewFilters } from '../../state/view-state';
import { choiceFilter, HALO_COLOR, matchProperty, OUTLINE_COLOR } from './expressions';
import type { LegendItem, TiledLayerModule } from './types';
import { VILLAGE_LABEL_MIN_ZOOM } from './zoom';
import { useMemo } from 'react';
import { skipToken, useQuery } from '@apollo/client/react';
import { ATLAS_VILLAGE_COUNTS, type AtlasVillageCountsQuery } from '../../graphql/documents';
import { useOfShownYear, yearlyAnswer } from './shown-year';
import type { OverlayLoader, VillageCounts } from './types';
import { roundTo } from '../../export/rounding';
import { figure, figureColumn, props, str, type FigureKey } from '../../export/table-parts';
import type { LayerExport, SelectionSummary } from './types';
import { VillageDetail } from '../../panels/detail/VillageDetail';
import { tileName } from './summary-parts';

export const VILLAGE_CIRCLE_LAYER_ID = 'village-circle';

/** PiYG ends and a neutral (ColorBrewer, colour-blind safe); none of them is in the choropleth's YlOrRd. */
export const VILLAGE_STATUS_COLORS: Readonly<Record<PovertyStatus, string>> = {
  POOR: '#c51b7d',
  EXITED: '#4d9221',
  NEVER_POOR: '#f7f7f7',
};
/** A village without figures in the year. */
export const VILLAGE_NO_FIGURES_COLOR = '#9aa5b1';
/**
 * The ring by strength, and the halo outside it: a dark ring on a white halo,
 * or (weak) a light orange ring on a dark halo, so every village has a light
 * and a dark part and stands out on every class colour.
 */
export const VILLAGE_STRENGTH_RINGS: Readonly<Record<VillageStrength, { color: string; width: number; halo: string }>> = {
  STRONG: { color: '#08306b', width: 2, halo: HALO_COLOR },
  WEAK: { color: '#fdae6b', width: 2, halo: '#111111' },
  MIDDLE: { color: OUTLINE_COLOR, width: 0.75, halo: HALO_COLOR },
};
/** The halo's width outside the ring. */
const HALO_WIDTH = 1.5;
const ringTable = <K extends 'color' | 'width' | 'halo'>(key: K, add = 0) =>
  Object.fromEntries(Object.entries(VILLAGE_STRENGTH_RINGS).map(([k, r]) => [k, typeof r[key] === 'number' ? (r[key] as number) + add : r[key]])) as Record<string, string | number>;
const STATUSES = Object.keys(VILLAGE_STATUS_COLORS) as PovertyStatus[];
/** Stands in for the status of a village without figures (not a value of the API). */
export const NO_FIGURES = 'NONE';
/**
 * The rural population drawn at full size (size 1). Fixed rather than the
 * year's largest village, which a tile cannot know: sizes then also compare
 * across years. Above the largest village of the demo and national data (~1,900).
 */
export const VILLAGE_FULL_SIZE_POPULATION = 2000;
/** No village tiles below this zoom, where circles are a pixel or two (a tile of a country's villages would be megabytes). */
export const VILLAGE_MIN_ZOOM = 5;

/** The village's size: 0 for no one, 1 from VILLAGE_FULL_SIZE_POPULATION on; area grows with population. */
export const VILLAGE_SIZE: ExpressionSpecification = [
  'min',
  1,
  ['sqrt', ['/', ['coalesce', ['get', 'population'], 0], VILLAGE_FULL_SIZE_POPULATION]],
];

/** The circle's size as VILLAGE_SIZE computes it, for tables and tests. */
export function villageSize(population: number | null | undefined): number {
  return Math.min(1, Math.sqrt((population ?? 0) / VILLAGE_FULL_SIZE_POPULATION));
}

/** The status and strength filters as a style filter (an empty choice shows all, as `passes` does). */
function filterExpression(filters: ViewFilters): FilterSpecification {
  return ['all', choiceFilter('status', filters.status), choiceFilter('strength', filters.strength)] as FilterSpecification;
}

/**
 * The villages of a year as GeoJSON, with the properties the tiles carry
 * (exports: the tiles hold only what the map shows, the API holds them all).
 */
export function villageFeatures(items: readonly AtlasVillage[], filters: ViewFilters): FeatureCollection {
  const features = items
    .filter((v) => passes(filters.status, v.figures?.status) && passes(filters.strength, v.figures?.strength))
    .map(
      (village): Feature => ({
        type: 'Feature',
        properties: {
          code: village.code,
          name: village.name,
          nameEn: village.nameEn,
          status: village.figures?.status ?? NO_FIGURES,
          strength: village.figures?.strength ?? NO_FIGURES,
          population: village.figures?.ruralPopulation ?? null,
        },
        geometry: village.location,
      }),
    );
  return { type: 'FeatureCollection', features };
}

/** Radius in px for a size unit of 0 (no one) and 1 (the most populous village), by zoom. */
const RADIUS_BY_ZOOM: ReadonlyArray<[zoom: number, min: number, max: number]> = [
  [6, 1.5, 4.5],
  [10, 3, 11],
  [14, 6, 22],
];

/** The circle's radius by zoom and size. */
function radiusExpression(): ExpressionSpecification {
  const size = VILLAGE_SIZE;
  return [
    'interpolate',
    ['linear'],
    ['zoom'],
    ...RADIUS_BY_ZOOM.flatMap(([zoom, min, max]) => [
      zoom,
      ['+', min, ['*', max - min, size]] as ExpressionSpecification,
    ]),
  ] as ExpressionSpecification;
}

function villageCounts(data: AtlasVillageCountsQuery): VillageCounts {
  return {
    total: data.all.totalCount,
    status: { POOR: data.poor.totalCount, EXITED: data.exited.totalCount, NEVER_POOR: data.neverPoor.totalCount },
    strength: { STRONG: data.strong.totalCount, WEAK: data.weak.totalCount },
  };
}

/**
 * The circles are vector tiles; what is asked for here is the legend's
 * counts (and, once in, the tiles), after the first map is drawn.
 */
const load: OverlayLoader<'villages'> = {
  useData({ year, shown, drawn }) {
    const villages = useQuery(ATLAS_VILLAGE_COUNTS, drawn && year != null ? { variables: { year } } : skipToken);
    const part = useOfShownYear(
      useMemo(
        () => (villages.data && villages.variables?.year != null ? { year: villages.variables.year, counts: villageCounts(villages.data) } : null),
        [villages.data, villages.variables],
      ),
      shown,
    );
    return yearlyAnswer(part, shown, villages);
  },
};

/** The village figures of the year the villages table carries, in its order. */
const VILLAGE_FIGURES: readonly FigureKey[] = [
  'households', 'ruralPopulation', 'poorHouseholds', 'poorPopulation', 'povertyIncidence', 'collectiveIncome', 'partyMembers',
];

/**
 * One row per village the map shows (its filters applied): township, the
 * point's longitude and latitude (6 decimals, ~0.1 m), status and strength
 * in the map's and the panel's words, and the year's figures.
 */
const villageExport: LayerExport & Required<Pick<LayerExport, 'features'>> = {
  order: 1,
  features: (view, data) => villageFeatures(data.villages, view.filters),
  table: (view, m, features, data) => {
    const c = m.columns.villages;
    const { villageStatuses, villageNoFigures, nameField } = view.messages;
    const byCode = new Map(data.villages.map((v) => [v.code, v]));
    const yesNo = (value: boolean | null | undefined) => (value == null ? null : value ? m.yes : m.no);
    const rows = features.map((f) => {
      const p = props(f);
      const village = byCode.get(String(p.code));
      const figures = village?.figures ?? null;
      const point = f.geometry?.type === 'Point' ? f.geometry.coordinates : null;
      return [
        view.year, str(p.code), str(p.name), str(p.nameEn),
        village?.township.code ?? null, village ? village.township[nameField] || village.township.name : null,
        roundTo(point?.[0], 6), roundTo(point?.[1], 6),
        villageStatuses[p.status as PovertyStatus] ?? villageNoFigures,
        figures ? m.strengths[figures.strength] : null,
        figures ? m.branchRatings[figures.branchRating] : null,
        ...VILLAGE_FIGURES.map((key) => figure(key, figures?.[key as keyof typeof figures])),
        yesNo(figures?.secretaryIsDirector), yesNo(figures?.softLax),
      ];
    });
    return {
      header: [
        c.year, c.code, c.name, c.nameEn, c.townshipCode, c.township, c.longitude, c.latitude, c.status, c.strength, c.branchRating,
        ...VILLAGE_FIGURES.map((key) => figureColumn(view, m, key)),
        c.secretaryIsDirector, c.softLax,
      ],
      rows,
    };
  },
};

export const villageLayer = {
  key: 'villages',
  description: 'Villages as circles (vector tiles): fill = poverty status in the year, ring = weak/strong, area = rural population',
  names: { 'zh-CN': { name: '嘎查村' }, en: { name: 'Villages', inText: 'villages' } },
  // On at first: they appear as the map closes in.
  toggle: { order: 3, shownAtFirst: true },
  export: villageExport,
  load,
  tiles: { layer: 'villages', yearly: true, minzoom: VILLAGE_MIN_ZOOM },
  select: {
    kind: 'village',
    layerIds: [VILLAGE_CIRCLE_LAYER_ID],
    idProperty: 'code',
    // Drawn from tiles of the view's year: a village without figures has no status, strength or population in its tile.
    summary: (view, id, tileFeature): SelectionSummary => {
      const village = tileFeature('villages', 'code', id);
      const text = (value: unknown) => (value == null ? null : String(value));
      return {
        name: tileName(view, village),
        figures: {
          status: text(village?.status),
          strength: text(village?.strength),
          ruralPopulation: typeof village?.population === 'number' ? village.population : null,
        },
      };
    },
    detail: VillageDetail,
  },
  list: {
    order: 2,
    kind: 'village',
    layerIds: [VILLAGE_CIRCLE_LAYER_ID],
    idProperty: 'code',
    // Most people first; the figure is the status and the rural population.
    row: (p, { messages: m }) => {
      const status = m.villageStatuses[p.status as PovertyStatus] ?? m.villageNoFigures;
      const population = numberOf(p.population) ?? 0;
      return { figure: `${status} · ${m.tooltipPersons(formatNumber(m, population))}`, rank: population };
    },
  },
  layers: ({ messages, filters }) => [
    {
      // The halo: a ring of the strength's halo colour just outside the strength ring, under every circle.
      id: `${VILLAGE_CIRCLE_LAYER_ID}-halo`,
      type: 'circle',
      source: 'villages',
      'source-layer': 'villages',
      filter: filterExpression(filters),
      paint: {
        'circle-radius': radiusExpression(),
        'circle-color': 'rgba(0,0,0,0)',
        'circle-stroke-color': matchProperty('strength', ringTable('halo'), VILLAGE_STRENGTH_RINGS.MIDDLE.halo),
        'circle-stroke-width': matchProperty('strength', ringTable('width', HALO_WIDTH), VILLAGE_STRENGTH_RINGS.MIDDLE.width + HALO_WIDTH),
      },
    },
    {
      id: VILLAGE_CIRCLE_LAYER_ID,
      type: 'circle',
      source: 'villages',
      'source-layer': 'villages',
      filter: filterExpression(filters),
      // Smaller villages on top of larger neighbours, so none is hidden, by the tile's own order
      // (server/src/tiles/layers.ts): a circle-sort-key costs one draw call per village.
      paint: {
        'circle-radius': radiusExpression(),
        'circle-color': matchProperty('status', VILLAGE_STATUS_COLORS, VILLAGE_NO_FIGURES_COLOR),
        // Opaque: the canvas shows the legend's colours.
        'circle-opacity': 1,
        'circle-stroke-color': matchProperty('strength', ringTable('color'), VILLAGE_STRENGTH_RINGS.MIDDLE.color),
        'circle-stroke-width': matchProperty('strength', ringTable('width'), VILLAGE_STRENGTH_RINGS.MIDDLE.width),
      },
    },
    {
      id: 'village-label',
      type: 'symbol',
      source: 'villages',
      'source-layer': 'villages',
      filter: filterExpression(filters),
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
  // Every status fill with every strength's ring and halo (a village without figures has the middle ring).
  symbols: Object.fromEntries(
    [...STATUSES.map((status) => [status, VILLAGE_STATUS_COLORS[status]] as const), [NO_FIGURES, VILLAGE_NO_FIGURES_COLOR] as const].flatMap(([status, fill]) =>
      Object.entries(VILLAGE_STRENGTH_RINGS).map(([strength, ring]) => [`${status}/${strength}`, [fill, ring.color, ring.halo]]),
    ),
  ),
  legend: ({ overlays, messages }) => {
    if (!overlays.villages) return null;
    const { counts } = overlays.villages;
    const count = (status: PovertyStatus | typeof NO_FIGURES) =>
      status === NO_FIGURES ? counts.total - STATUSES.reduce((n, s) => n + counts.status[s], 0) : counts.status[status];
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
      label: messages.legendCount(label, counts.strength[strength]),
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
} satisfies TiledLayerModule;
