/**
 * What an export holds: the features each shown layer puts on the map, taken
 * from the layer modules' own `toGeoJSON(view)` (so the files equal the map,
 * filters included), without the drawing aids (label points), as CSV
 * tables and as one GeoJSON FeatureCollection. Counties, villages and
 * pairings are drawn from vector tiles, which hold only what is in view,
 * simplified: their features come from what the API gives whole
 * (`ExportData`), with the same properties and the same filters.
 */
import type { Feature, FeatureCollection, GeoJsonProperties, Geometry } from 'geojson';
import type { AtlasPairing, AtlasVillage, PovertyStatus, PairingKind, VillageStrength } from '../graphql/documents';
import { countyFeatures } from '../map/layers/county-layer';
import { pairingFeatures } from '../map/layers/pairing-layer';
import { LAYER_REGISTRY } from '../map/layers/registry';
import { villageFeatures } from '../map/layers/village-layer';
import type { AtlasView, OverlayKey } from '../map/layers/types';
import type { CsvValue } from './csv';
import type { ExportLayerKey, ExportMessages } from './messages';

export interface ExportTable {
  key: ExportLayerKey;
  header: string[];
  rows: CsvValue[][];
}

type Props = NonNullable<GeoJsonProperties>;
const props = (f: Feature): Props => f.properties ?? {};
const num = (value: unknown): number | null => (typeof value === 'number' ? value : null);
const str = (value: unknown): string | null => (value == null ? null : String(value));

/** The exported layers, in the order of the menu and of the GeoJSON's features. */
export const EXPORT_LAYERS: readonly ExportLayerKey[] = ['counties', 'villages', 'pairings', 'alliances'];

/** Which of the module's features are data (not drawing aids). */
const IS_DATA: Record<ExportLayerKey, (f: Feature) => boolean> = {
  counties: () => true,
  villages: () => true,
  pairings: () => true,
  // Footprint, spokes and centre are all the alliance as drawn.
  alliances: () => true,
};

/** A layer is shown when it is switched on and its data of the view's year is on the map. */
export function isShown(view: AtlasView, key: ExportLayerKey): boolean {
  return view.loaded.has(key) && !view.hidden.has(key as OverlayKey);
}

/** What an export reads besides the view: the counties' boundaries, the villages and the pairings of the view's year, every one (`loadExportData`). */
export interface ExportData {
  countyBoundaries: ReadonlyMap<string, Geometry>;
  villages: readonly AtlasVillage[];
  pairings: readonly AtlasPairing[];
}

function sourceFeatures(view: AtlasView, key: ExportLayerKey, data: ExportData): FeatureCollection {
  switch (key) {
    case 'villages':
      return villageFeatures(data.villages, view.filters);
    case 'pairings':
      return pairingFeatures(data.pairings, view.filters);
    case 'counties':
      return countyFeatures(view, data.countyBoundaries);
    default:
      return LAYER_REGISTRY[key].toGeoJSON(view);
  }
}

/** The data features of one layer as the map has them, each tagged with its layer and the view's year. */
export function layerFeatures(view: AtlasView, key: ExportLayerKey, data: ExportData): Feature[] {
  return sourceFeatures(view, key, data)
    .features.filter(IS_DATA[key])
    .map((f) => ({ ...f, properties: { layer: key, year: view.year, ...props(f) } }));
}

/** Every shown layer's data features in one collection. */
export function exportFeatureCollection(view: AtlasView, data: ExportData): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: EXPORT_LAYERS.filter((key) => isShown(view, key)).flatMap((key) => layerFeatures(view, key, data)),
  };
}

function countyTable(view: AtlasView, m: ExportMessages, data: ExportData): ExportTable {
  const c = m.columns.counties;
  const { classes } = view.classification;
  const rows = layerFeatures(view, 'counties', data).map((f) => {
    const p = props(f);
    const classIndex = num(p.classIndex);
    const cls = classIndex == null ? undefined : classes[classIndex];
    return [view.year, str(p.code), str(p.name), str(p.nameEn), num(p.incidence), num(p.poorPopulation), num(p.ruralPopulation),
      classIndex == null ? null : classIndex + 1, cls?.from, cls?.to];
  });
  return {
    key: 'counties',
    header: [c.year, c.code, c.name, c.nameEn, c.incidence, c.poorPopulation, c.ruralPopulation, c.classNumber, c.classFrom, c.classTo],
    rows,
  };
}

function villageTable(view: AtlasView, m: ExportMessages, data: ExportData): ExportTable {
  const c = m.columns.villages;
  const { villageStatuses, villageNoFigures } = view.messages;
  const rows = layerFeatures(view, 'villages', data).map((f) => {
    const p = props(f);
    const status = villageStatuses[p.status as PovertyStatus] ?? villageNoFigures;
    const strength = m.strengths[p.strength as VillageStrength] ?? null;
    const population = num(p.population);
    return [view.year, str(p.code), str(p.name), str(p.nameEn), status, strength, population];
  });
  return { key: 'villages', header: [c.year, c.code, c.name, c.nameEn, c.status, c.strength, c.population], rows };
}

function pairingTable(view: AtlasView, m: ExportMessages, data: ExportData): ExportTable {
  const c = m.columns.pairings;
  // Names of both ends from the pairings the features were made from (the features carry codes).
  const byId = new Map(data.pairings.map((p) => [String(p.id), p]));
  const rows = layerFeatures(view, 'pairings', data).map((f) => {
    const p = props(f);
    const pairing = byId.get(String(p.id));
    const helperName = pairing?.helperVillage?.[view.messages.nameField] ?? pairing?.helperOrganisation?.name ?? null;
    const helpedName = pairing?.helpedVillage[view.messages.nameField] ?? null;
    return [view.year, str(p.id), view.messages.pairingKinds[p.kind as PairingKind] ?? str(p.kind), str(p.helper), helperName,
      str(p.helped), helpedName, num(p.distanceMeters)];
  });
  return { key: 'pairings', header: [c.year, c.id, c.kind, c.helper, c.helperName, c.helped, c.helpedName, c.distance], rows };
}

/** One row per alliance (its features are its footprint, spokes and centre). */
function allianceTable(view: AtlasView, m: ExportMessages, data: ExportData): ExportTable {
  const c = m.columns.alliances;
  const founded = new Map((view.overlays.alliances ?? []).map((a) => [String(a.id), a.foundedYear]));
  const byId = new Map<string, { name: string | null; centre: string | null; spokes: number }>();
  for (const f of layerFeatures(view, 'alliances', data)) {
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
  return { key: 'alliances', header: [c.year, c.id, c.name, c.foundedYear, c.centre, c.members], rows };
}

const TABLES: Record<ExportLayerKey, (view: AtlasView, m: ExportMessages, data: ExportData) => ExportTable> = {
  counties: countyTable,
  villages: villageTable,
  pairings: pairingTable,
  alliances: allianceTable,
};

export function exportTable(view: AtlasView, key: ExportLayerKey, messages: ExportMessages, data: ExportData): ExportTable {
  return TABLES[key](view, messages, data);
}
