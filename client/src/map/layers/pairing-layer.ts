/**
 * Pairings (结对帮扶) active in the year: a line from the helper to the helped
 * village, coloured by kind, with an arrowhead at the helped end (images
 * drawn at run time, `arrow-images.ts`) so the direction reads at any zoom,
 * however short the line. A pairing whose helper is an enterprise without a
 * home village has no line (the API says so with `line: null`) and is
 * counted in the legend instead.
 */
import type { Feature, LineString } from 'geojson';
import type { ExpressionSpecification } from 'maplibre-gl';
import type { PairingKind } from '../../graphql/documents';
import { arrowImage, mercatorBearing } from '../arrow-images';
import { passes } from '../../state/view-state';
import { matchProperty, selectedFilter } from './expressions';
import type { GeoJsonLayerModule } from './types';

export const PAIRING_LINE_LAYER_ID = 'pairing-line';
export const PAIRING_ARROW_LAYER_ID = 'pairing-arrow';

/** Dark, saturated and apart from the choropleth's yellows and reds; told apart by colour-blind readers too. */
export const PAIRING_COLORS: Readonly<Record<PairingKind, string>> = {
  STRONG_HELPS_WEAK: '#2166ac',
  CENTRE_RADIATES: '#762a83',
  ENTERPRISE_VILLAGE: '#01665e',
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

export const pairingLayer = {
  key: 'pairings',
  description: 'Pairings active in the year: helper → helped village lines coloured by kind, arrowheads at the helped end',
  images: KINDS.map((kind) => arrowImage(arrowId(kind), PAIRING_COLORS[kind])),
  select: { kind: 'pairing', layerIds: [PAIRING_LINE_LAYER_ID, PAIRING_ARROW_LAYER_ID], idProperty: 'id' },
  dataInputs: ({ overlays, filters }) => [overlays.pairings, filters.pairing],
  toGeoJSON: ({ overlays, filters }) => {
    const features: Feature[] = [];
    for (const pairing of overlays.pairings?.items ?? []) {
      if (!isLine(pairing.line) || !passes(filters.pairing, pairing.kind)) continue;
      const coordinates = pairing.line.coordinates;
      const end = coordinates[coordinates.length - 1]!;
      const properties = {
        id: pairing.id,
        kind: pairing.kind,
        helper: pairing.helperVillage?.code ?? null,
        helped: pairing.helpedVillage.code,
        distanceMeters: pairing.distanceMeters,
      };
      features.push({ type: 'Feature', properties, geometry: pairing.line });
      features.push({
        type: 'Feature',
        properties: { ...properties, bearing: mercatorBearing(coordinates[coordinates.length - 2]!, end) },
        geometry: { type: 'Point', coordinates: end },
      });
    }
    return { type: 'FeatureCollection', features };
  },
  layers: ({ selection }) => {
    const color = matchProperty('kind', PAIRING_COLORS, '#52606d');
    const isLineString: ExpressionSpecification = ['==', ['geometry-type'], 'LineString'];
    return [
      {
        // A pale casing lifts the line off the choropleth.
        id: 'pairing-casing',
        type: 'line',
        source: 'pairings',
        filter: isLineString,
        layout: { 'line-cap': 'round' },
        paint: {
          'line-color': '#ffffff',
          'line-opacity': 0.75,
          'line-width': ['interpolate', ['linear'], ['zoom'], 6, 3.2, 10, 5.5],
        },
      },
      {
        // The open panel's pairing: a wide dark band under its line.
        id: 'pairing-selected',
        type: 'line',
        source: 'pairings',
        filter: ['all', isLineString, selectedFilter({ selection }, 'pairing', 'id')],
        layout: { 'line-cap': 'round' },
        paint: { 'line-color': '#0b3d91', 'line-width': ['interpolate', ['linear'], ['zoom'], 6, 6, 10, 9] },
      },
      {
        id: PAIRING_LINE_LAYER_ID,
        type: 'line',
        source: 'pairings',
        filter: isLineString,
        layout: { 'line-cap': 'round' },
        paint: { 'line-color': color, 'line-width': ['interpolate', ['linear'], ['zoom'], 6, 1.6, 10, 3] },
      },
      {
        id: PAIRING_ARROW_LAYER_ID,
        type: 'symbol',
        source: 'pairings',
        filter: ['==', ['geometry-type'], 'Point'],
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
    const { items } = overlays.pairings;
    const undrawn = items.filter((p) => !isLine(p.line)).length;
    return {
      items: KINDS.map((kind) => ({
        label: messages.legendCount(messages.pairingKinds[kind], items.filter((p) => p.kind === kind && isLine(p.line)).length),
        swatch: { shape: 'arrow', color: PAIRING_COLORS[kind] },
        value: kind,
        filter: 'pairing',
      })),
      notes: [messages.pairingDirectionNote, ...(undrawn > 0 ? [messages.pairingsWithoutLine(undrawn)] : [])],
    };
  },
} satisfies GeoJsonLayerModule;
