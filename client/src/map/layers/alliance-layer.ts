/**
 * Alliances (联合党委) founded by the year: the footprint (hull of the member
 * villages + 2 km, from the API) as a light polygon with a dashed rim, a spoke
 * from the centre village to each member, and a party-red ring around the
 * centre village, the "lead goose" (领雁) of its alliance. Rim, spokes and
 * ring are dark on a white casing, so they read on every class colour.
 */
import type { Feature } from 'geojson';
import type { CircleLayerSpecification, ExpressionSpecification } from 'maplibre-gl';
import type { AtlasAlliance } from '../../graphql/documents';
import { circleHalo, HALO_COLOR, perFeatureColor } from './expressions';
import type { AtlasView, GeoJsonLayerModule } from './types';
import { ATLAS_ALLIANCES, type AtlasAlliancesQuery } from '../../graphql/documents';
import { useAllPages } from '../../graphql/paged';
import type { OverlayLoader } from './types';
import type { CsvValue } from '../../export/csv';
import { props, str } from '../../export/table-parts';
import type { LayerExport, SelectionSummary } from './types';
import { AllianceDetail } from '../../panels/detail/AllianceDetail';

export const ALLIANCE_FILL_LAYER_ID = 'alliance-fill';
export const ALLIANCE_SPOKE_LAYER_ID = 'alliance-spoke';

export const ALLIANCE_COLOR = '#1f2d3d';
/** Party red, dark enough to stand out on the light classes (its white halo does on the dark ones). */
export const ALLIANCE_CENTRE_COLOR = '#99000d';
const FILL_OPACITY = 0.1;

/** The alliances that exist in the view's year. */
function shown({ overlays, year }: Pick<AtlasView, 'overlays' | 'year'>): AtlasAlliance[] {
  return (overlays.alliances ?? []).filter((a) => a.foundedYear <= year);
}

const byPart = (part: 'footprint' | 'spoke' | 'centre'): ExpressionSpecification => ['==', ['get', 'part'], part];

const CENTRE_RING: CircleLayerSpecification = {
  // A ring just outside the largest village circle (village-layer.ts), drawn under the villages.
  id: 'alliance-centre',
  type: 'circle',
  source: 'alliances',
  filter: byPart('centre'),
  paint: {
    'circle-radius': ['interpolate', ['linear'], ['zoom'], 6, 6.5, 10, 14, 14, 26],
    'circle-color': 'rgba(0,0,0,0)',
    'circle-stroke-color': ALLIANCE_CENTRE_COLOR,
    'circle-stroke-width': 2,
  },
};
const SPOKE_WIDTH: ExpressionSpecification = ['interpolate', ['linear'], ['zoom'], 6, 0.8, 10, 1.6];
/** 1 px of white each side of a spoke (a zoom curve must be the whole expression, so not SPOKE_WIDTH + 2). */
const SPOKE_CASING_WIDTH: ExpressionSpecification = ['interpolate', ['linear'], ['zoom'], 6, 2.8, 10, 3.6];

// Module-level: useAllPages needs stable page selectors.
const alliancesPage = (data: AtlasAlliancesQuery) => data.alliances;
const NO_VARIABLES = {};

/** Every alliance, once the first map is drawn (the map shows those founded by the view's year). */
const load: OverlayLoader<'alliances'> = {
  useData({ drawn }) {
    const alliances = useAllPages(ATLAS_ALLIANCES, drawn ? NO_VARIABLES : null, alliancesPage);
    const part = alliances.data?.items ?? null;
    return { part, loaded: part != null, settled: alliances.data != null || alliances.error != null, error: alliances.error };
  },
};

/** One row per alliance (its features are its footprint, spokes and centre). */
const allianceExport: LayerExport = {
  order: 3,
  table: (view, m, features) => {
    const c = m.columns.alliances;
    const founded = new Map((view.overlays.alliances ?? []).map((a) => [String(a.id), a.foundedYear]));
    const byId = new Map<string, { name: string | null; centre: string | null; spokes: number }>();
    for (const f of features) {
      const p = props(f);
      const id = String(p.id);
      const entry = byId.get(id) ?? { name: str(p.name), centre: null, spokes: 0 };
      if (p.part === 'centre') entry.centre = str(p.code);
      if (p.part === 'spoke') entry.spokes += 1;
      byId.set(id, entry);
    }
    const rows = [...byId].map(([id, a]): CsvValue[] => [
      view.year, id, a.name, founded.get(id), a.centre,
      // The members with a spoke, plus the centre village itself.
      a.spokes + (a.centre ? 1 : 0),
    ]);
    return { header: [c.year, c.id, c.name, c.foundedYear, c.centre, c.members], rows };
  },
  // One row per alliance, whatever its parts on the map.
  count: (features) => new Set(features.map((f) => f.properties?.id)).size,
};

export const allianceLayer = {
  key: 'alliances',
  description: 'Alliances founded by the year: footprint polygons, spokes from the centre village to each member, the centre ringed',
  names: { 'zh-CN': { name: '联合党委' }, en: { name: 'Alliances', inText: 'alliances' } },
  // Off at first: footprints and rings a click away.
  toggle: { order: 4, shownAtFirst: false },
  export: allianceExport,
  load,
  // The year matters: an alliance appears in the year it was founded.
  select: {
    kind: 'alliance',
    layerIds: [ALLIANCE_FILL_LAYER_ID, ALLIANCE_SPOKE_LAYER_ID],
    idProperty: 'id',
    summary: (view, id): SelectionSummary => {
      const alliance = view.overlays.alliances?.find((a) => String(a.id) === id);
      return { name: alliance?.name ?? null, figures: alliance ? { foundedYear: alliance.foundedYear, members: alliance.members.length } : {} };
    },
    detail: AllianceDetail,
  },
  list: {
    order: 3,
    kind: 'alliance',
    layerIds: [ALLIANCE_FILL_LAYER_ID, ALLIANCE_SPOKE_LAYER_ID],
    idProperty: 'id',
    row: (p, view, texts) => {
      const alliance = view.overlays.alliances?.find((a) => String(a.id) === String(p.id));
      return { figure: texts.members(alliance?.members.length ?? 0), rank: null };
    },
  },
  dataInputs: ({ overlays, year }) => [overlays.alliances, year],
  toGeoJSON: (view) => {
    const features: Feature[] = [];
    for (const alliance of shown(view)) {
      const properties = { id: alliance.id, name: alliance.name };
      if (alliance.footprint) features.push({ type: 'Feature', properties: { ...properties, part: 'footprint' }, geometry: alliance.footprint });
      const centre = alliance.centre.location;
      if (centre.type !== 'Point') continue;
      for (const member of alliance.members) {
        if (member.code === alliance.centre.code || member.location.type !== 'Point') continue;
        features.push({
          type: 'Feature',
          properties: { ...properties, part: 'spoke', member: member.code },
          geometry: { type: 'LineString', coordinates: [centre.coordinates, member.location.coordinates] },
        });
      }
      features.push({ type: 'Feature', properties: { ...properties, part: 'centre', code: alliance.centre.code }, geometry: centre });
    }
    return { type: 'FeatureCollection', features };
  },
  layers: () => [
    {
      id: ALLIANCE_FILL_LAYER_ID,
      type: 'fill',
      source: 'alliances',
      filter: byPart('footprint'),
      paint: { 'fill-color': ALLIANCE_COLOR, 'fill-opacity': FILL_OPACITY },
    },
    {
      id: 'alliance-outline-casing',
      type: 'line',
      source: 'alliances',
      filter: byPart('footprint'),
      paint: { 'line-color': perFeatureColor(HALO_COLOR), 'line-width': 3.2 },
    },
    {
      id: 'alliance-outline',
      type: 'line',
      source: 'alliances',
      filter: byPart('footprint'),
      paint: { 'line-color': ALLIANCE_COLOR, 'line-width': 1.2, 'line-dasharray': [3, 2] },
    },
    {
      id: 'alliance-spoke-casing',
      type: 'line',
      source: 'alliances',
      filter: byPart('spoke'),
      paint: { 'line-color': perFeatureColor(HALO_COLOR), 'line-width': SPOKE_CASING_WIDTH },
    },
    {
      id: ALLIANCE_SPOKE_LAYER_ID,
      type: 'line',
      source: 'alliances',
      filter: byPart('spoke'),
      paint: { 'line-color': perFeatureColor(ALLIANCE_COLOR), 'line-width': SPOKE_WIDTH },
    },
    circleHalo(CENTRE_RING),
    CENTRE_RING,
  ],
  symbols: {
    footprint: [ALLIANCE_COLOR, HALO_COLOR],
    spoke: [ALLIANCE_COLOR, HALO_COLOR],
    centre: [ALLIANCE_CENTRE_COLOR, HALO_COLOR],
  },
  legend: (view) => {
    const { overlays, messages } = view;
    if (!overlays.alliances) return null;
    const count = shown(view).length;
    return {
      items: [
        {
          label: messages.legendCount(messages.allianceFootprint, count),
          swatch: { shape: 'fill', color: ALLIANCE_COLOR, opacity: FILL_OPACITY, stroke: ALLIANCE_COLOR },
          value: 'footprint',
        },
        { label: messages.allianceSpoke, swatch: { shape: 'line', color: ALLIANCE_COLOR }, value: 'spoke' },
        {
          label: messages.allianceCentre,
          swatch: { shape: 'circle', color: 'rgba(0,0,0,0)', stroke: ALLIANCE_CENTRE_COLOR, strokeWidth: 2 },
          value: 'centre',
        },
      ],
      notes: [messages.allianceFoundedNote(count, overlays.alliances.length)],
    };
  },
} satisfies GeoJsonLayerModule;
