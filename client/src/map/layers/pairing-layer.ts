/**
 * Pairings (结对帮扶) active in the year: a line from the helper to the helped
 * village, coloured by kind, with an arrowhead at the helped end (images
 * drawn at run time, `arrow-images.ts`) so the direction reads at any zoom,
 * however short the line. A pairing whose helper is an enterprise without a
 * home village has no line (the API says so with `line: null`) and is
 * counted in the legend instead.
 *
 * Drawn from the hub's vector tiles of the year: each pairing's line and a
 * point at its helped end carrying the arrow's bearing, with kind, both ends'
 * codes and names, and whether it runs in the year (`active`: tiles hold
 * every year's pairings). The legend's counts come from the API
 * (`AtlasPairingCounts`).
 */
import type { Feature, FeatureCollection, LineString } from 'geojson';
import type { ExpressionSpecification, FilterSpecification } from 'maplibre-gl';
import type { AtlasPairing, PairingKind } from '../../graphql/documents';
import { arrowImage } from '../arrow-images';
import { passes } from '../../state/filter-pass';
import type { ViewFilters } from '../../state/view-state';
import { choiceFilter, HALO_COLOR, matchProperty, perFeatureColor } from './expressions';
import type { TiledLayerModule } from './types';
import { useMemo } from 'react';
import { skipToken, useQuery } from '@apollo/client/react';
import { ATLAS_PAIRING_COUNTS, type AtlasPairingCountsQuery } from '../../graphql/documents';
import { useOfShownYear, yearlyAnswer } from './shown-year';
import type { OverlayLoader, PairingCounts } from './types';
import { roundTo } from '../../export/rounding';
import { num, props, str } from '../../export/table-parts';
import type { LayerExport, SelectionSummary } from './types';
import { PairingDetail } from '../../panels/detail/PairingDetail';

export const PAIRING_LINE_LAYER_ID = 'pairing-line';
export const PAIRING_ARROW_LAYER_ID = 'pairing-arrow';

/**
 * The darkest blue, purple and green of ColorBrewer's ramps, told apart by
 * colour-blind readers too: dark enough to stand out on the light and middle
 * class colours, with the white casing standing out on the dark ones.
 */
export const PAIRING_COLORS: Readonly<Record<PairingKind, string>> = {
  STRONG_HELPS_WEAK: '#084594',
  CENTRE_RADIATES: '#54278f',
  ENTERPRISE_VILLAGE: '#00441b',
};
const KINDS = Object.keys(PAIRING_COLORS) as PairingKind[];
const arrowId = (kind: PairingKind) => `pairing-arrow-${kind}`;

/** How far (px) the arrow's tip stays from the helped village's centre: about a mid-sized village's radius. */
const TIP_GAP_BY_ZOOM: ReadonlyArray<[zoom: number, gap: number]> = [
  [6, 3.5],
  [10, 8],
  [14, 15],
];

function isLine(geometry: unknown): geometry is LineString {
  return (geometry as LineString | null)?.type === 'LineString' && (geometry as LineString).coordinates.length >= 2;
}

/**
 * The pairings of a year with a line, as GeoJSON with the properties the
 * tiles' lines carry (exports: the tiles hold only what the map shows).
 */
export function pairingFeatures(items: readonly AtlasPairing[], filters: ViewFilters): FeatureCollection {
  const features = items
    .filter((pairing) => isLine(pairing.line) && passes(filters.pairing, pairing.kind))
    .map(
      (pairing): Feature => ({
        type: 'Feature',
        properties: {
          id: pairing.id,
          kind: pairing.kind,
          helper: pairing.helperVillage?.code ?? null,
          helped: pairing.helpedVillage.code,
          distanceMeters: pairing.distanceMeters,
        },
        geometry: pairing.line!,
      }),
    );
  return { type: 'FeatureCollection', features };
}

/**
 * The names of a pairing's two ends from its tile feature, in the view's
 * language (an enterprise helper has only its Chinese name; a missing
 * English name falls back to the Chinese one, as elsewhere on the map).
 */
export function pairingEndNames(p: Readonly<Record<string, unknown>>, nameField: 'name' | 'nameEn'): { helper: string; helped: string } {
  const name = (end: 'helper' | 'helped') =>
    String((nameField === 'nameEn' ? p[`${end}NameEn`] : null) ?? p[`${end}Name`] ?? p[end] ?? '');
  return { helper: name('helper'), helped: name('helped') };
}

/** Shown: running in the year, and of a kind the filter lets through. */
function shown(filters: ViewFilters, geometry: 'LineString' | 'Point'): FilterSpecification {
  return ['all', ['==', ['geometry-type'], geometry], ['==', ['get', 'active'], true], choiceFilter('kind', filters.pairing)] as FilterSpecification;
}

export const PAIRING_MIN_ZOOM = 5;

function pairingCounts(data: AtlasPairingCountsQuery): PairingCounts {
  return {
    drawn: {
      STRONG_HELPS_WEAK: data.strongHelpsWeak.totalCount,
      CENTRE_RADIATES: data.centreRadiates.totalCount,
      ENTERPRISE_VILLAGE: data.enterpriseVillage.totalCount,
    },
    withoutLine: data.withoutLine.totalCount,
  };
}

/**
 * Part of what a leader must see at once: asked for with the counties' year
 * (the counts, then the tiles), so the lines reach the first drawn map.
 */
const load: OverlayLoader<'pairings'> = {
  useData({ year, shown }) {
    const pairings = useQuery(ATLAS_PAIRING_COUNTS, year != null ? { variables: { year } } : skipToken);
    const part = useOfShownYear(
      // Not held back for the counts: the lines' tiles need only the year, and a
      // newly launched browser asks for the counts late (after its map has
      // started), which held the first picture's pairing lines back by a round.
      useMemo(
        () =>
          year == null
            ? null
            : { year, counts: pairings.data && pairings.variables?.year === year ? pairingCounts(pairings.data) : null },
        [year, pairings.data, pairings.variables],
      ),
      shown,
    );
    return yearlyAnswer(part, shown, pairings);
  },
};

/** One row per pairing the map shows, both ends named. */
const pairingExport: LayerExport & Required<Pick<LayerExport, 'features'>> = {
  order: 2,
  features: (view, data) => pairingFeatures(data.pairings, view.filters),
  table: (view, m, features, data) => {
    const c = m.columns.pairings;
    // Names of both ends from the pairings the features were made from (the features carry codes).
    const byId = new Map(data.pairings.map((p) => [String(p.id), p]));
    const rows = features.map((f) => {
      const p = props(f);
      const pairing = byId.get(String(p.id));
      const helperName = pairing?.helperVillage?.[view.messages.nameField] ?? pairing?.helperOrganisation?.name ?? null;
      const helpedName = pairing?.helpedVillage[view.messages.nameField] ?? null;
      return [view.year, str(p.id), view.messages.pairingKinds[p.kind as PairingKind] ?? str(p.kind), str(p.helper), helperName,
        str(p.helped), helpedName, roundTo(num(p.distanceMeters), 0)];
    });
    return { header: [c.year, c.id, c.kind, c.helper, c.helperName, c.helped, c.helpedName, c.distance], rows };
  },
};

export const pairingLayer = {
  key: 'pairings',
  description: 'Pairings active in the year (vector tiles): helper → helped village lines coloured by kind, arrowheads at the helped end',
  names: { 'zh-CN': { name: '结对帮扶' }, en: { name: 'Pairings', inText: 'pairings' } },
  // On at first: who helps whom, the speech's 强村带弱村.
  toggle: { order: 1, shownAtFirst: true },
  export: pairingExport,
  load,
  tiles: { layer: 'pairings', yearly: true, minzoom: PAIRING_MIN_ZOOM },
  images: KINDS.map((kind) => arrowImage(arrowId(kind), PAIRING_COLORS[kind])),
  list: {
    order: 4,
    kind: 'pairing',
    layerIds: [PAIRING_LINE_LAYER_ID],
    idProperty: 'id',
    row: (p, { messages: m }) => {
      const { helper, helped } = pairingEndNames(p, m.nameField);
      return { name: `${helper} → ${helped}`, figure: m.pairingKinds[p.kind as PairingKind] ?? '', rank: null };
    },
  },
  symbols: Object.fromEntries(KINDS.map((kind) => [kind, [PAIRING_COLORS[kind], HALO_COLOR]])),
  select: {
    kind: 'pairing',
    layerIds: [PAIRING_LINE_LAYER_ID, PAIRING_ARROW_LAYER_ID],
    idProperty: 'id',
    summary: (_view, id, tileFeature): SelectionSummary => {
      const pairing = tileFeature('pairings', 'id', id);
      const ends = pairing ? pairingEndNames(pairing, 'name') : null;
      const number = (value: unknown) => (typeof value === 'number' ? value : null);
      return {
        name: ends ? `${ends.helper} → ${ends.helped}` : null,
        figures: pairing
          ? { kind: String(pairing.kind), startYear: number(pairing.startYear), distanceMeters: number(pairing.distanceMeters) }
          : {},
      };
    },
    detail: PairingDetail,
  },
  layers: ({ filters }) => {
    const color = matchProperty('kind', PAIRING_COLORS, '#52606d');
    const isLineString = shown(filters, 'LineString');
    const source = { source: 'pairings', 'source-layer': 'pairings' } as const;
    return [
      {
        // A white casing lifts the line off the choropleth (and off its darkest classes).
        id: 'pairing-casing',
        type: 'line',
        ...source,
        filter: isLineString,
        layout: { 'line-cap': 'round' },
        paint: {
          'line-color': perFeatureColor(HALO_COLOR),
          'line-width': ['interpolate', ['linear'], ['zoom'], 6, 3.2, 10, 5.5],
        },
      },
      {
        id: PAIRING_LINE_LAYER_ID,
        type: 'line',
        ...source,
        filter: isLineString,
        layout: { 'line-cap': 'round' },
        paint: { 'line-color': color, 'line-width': ['interpolate', ['linear'], ['zoom'], 6, 1.6, 10, 3] },
      },
      {
        id: PAIRING_ARROW_LAYER_ID,
        type: 'symbol',
        ...source,
        filter: shown(filters, 'Point'),
        layout: {
          'icon-image': ['concat', 'pairing-arrow-', ['get', 'kind']],
          'icon-rotate': ['get', 'bearing'],
          'icon-rotation-alignment': 'map',
          // The tip at the anchor (the helped village), then pulled back along the line (offsets turn with the icon).
          'icon-anchor': 'top',
          'icon-offset': [
            'interpolate',
            ['linear'],
            ['zoom'],
            ...TIP_GAP_BY_ZOOM.flatMap(([zoom, gap]) => [zoom, ['literal', [0, gap]]]),
          ] as ExpressionSpecification,
          'icon-size': ['interpolate', ['linear'], ['zoom'], 6, 0.8, 10, 1.1],
          // Every pairing shows its direction: no arrow may be dropped for colliding with another.
          'icon-allow-overlap': true,
          'icon-ignore-placement': true,
        },
      },
    ];
  },
  legend: ({ overlays, messages }) => {
    if (!overlays.pairings) return null;
    // Until the counts are in, the kinds without them.
    const counts = overlays.pairings.counts;
    const undrawn = counts?.withoutLine ?? 0;
    return {
      items: KINDS.map((kind) => ({
        label: counts ? messages.legendCount(messages.pairingKinds[kind], counts.drawn[kind]) : messages.pairingKinds[kind],
        swatch: { shape: 'arrow', color: PAIRING_COLORS[kind] },
        value: kind,
        filter: 'pairing',
      })),
      notes: [messages.pairingDirectionNote, ...(undrawn > 0 ? [messages.pairingsWithoutLine(undrawn)] : [])],
    };
  },
} satisfies TiledLayerModule;
