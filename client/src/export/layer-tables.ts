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
import type { AtlasPairing, AtlasVillage, PovertyStatus, PairingKind } from '../graphql/documents';
import { countyFeatures } from '../map/layers/county-layer';
import { pairingFeatures } from '../map/layers/pairing-layer';
import { LAYER_REGISTRY } from '../map/layers/registry';
import { villageFeatures } from '../map/layers/village-layer';
import type { AtlasView, OverlayKey } from '../map/layers/types';
import { boundDecimals } from '../map/class-labels';
import { unitLabel } from '../map/metric-format';
import type { CsvValue } from './csv';
import type { ExportLayerKey, ExportMessages } from './messages';
import { roundTo } from './rounding';
import { findingTableParts } from '../inspection/export-table';
import { assessmentCells, assessmentHeader, type AssessmentCells } from '../assessment/export-columns';

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
export const EXPORT_LAYERS: readonly ExportLayerKey[] = ['counties', 'villages', 'pairings', 'alliances', 'findings'];

/** Which of the module's features are data (not drawing aids). */
const IS_DATA: Record<ExportLayerKey, (f: Feature) => boolean> = {
  counties: () => true,
  villages: () => true,
  pairings: () => true,
  // Footprint, spokes and centre are all the alliance as drawn.
  alliances: () => true,
  findings: () => true,
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
  /** each county's assessment of the year (考核得分 / 排名 / 等次), when the year has a scheme */
  assessment?: ReadonlyMap<string, AssessmentCells>;
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

/** The figures the tables carry besides the metric, each with its unit and decimals (cartography.md rule 4). */
export const FIGURE_FORMATS = {
  ruralPopulation: { unit: '人', decimals: 0 },
  households: { unit: '户', decimals: 0 },
  poorPopulation: { unit: '人', decimals: 0 },
  poorHouseholds: { unit: '户', decimals: 0 },
  povertyIncidence: { unit: '%', decimals: 1 },
  villages: { unit: '个', decimals: 0 },
  weakVillages: { unit: '个', decimals: 0 },
  strongVillages: { unit: '个', decimals: 0 },
  softLaxCount: { unit: '个', decimals: 0 },
  collectiveIncomeMedian: { unit: '万元', decimals: 2 },
  collectiveIncome: { unit: '万元', decimals: 2 },
  secretaryIsDirectorShare: { unit: '%', decimals: 1 },
  partyMembers: { unit: '人', decimals: 0 },
} as const satisfies Record<keyof ExportMessages['figureNames'], { unit: string; decimals: number }>;
export type FigureKey = keyof typeof FIGURE_FORMATS;

/** A unit in the language (户 is not a metric's unit, so the map's messages do not carry it). */
export function unitText(view: Pick<AtlasView, 'messages'>, m: ExportMessages, unit: string): string {
  return unit === '户' ? m.householdUnit : unitLabel(view.messages, unit);
}

/** A figure's column: its name and unit. */
function figureColumn(view: AtlasView, m: ExportMessages, key: FigureKey): string {
  return m.metricColumn(m.figureNames[key], unitText(view, m, FIGURE_FORMATS[key].unit));
}

function figure(key: FigureKey, value: unknown): number | null {
  return roundTo(num(value), FIGURE_FORMATS[key].decimals);
}

/**
 * One row per county: the metric the map is shaded by (named with its unit),
 * the county's class and its bounds in the same unit, how the classes were
 * made (method, scope), then the year's population figures. Incidence is not
 * repeated when it is the metric.
 */
function countyTable(view: AtlasView, m: ExportMessages, data: ExportData): ExportTable {
  const c = m.columns.counties;
  const { classification, messages } = view;
  const { classes } = classification;
  const metricColumn = m.metricColumn(messages.metricNames[view.metric], unitLabel(messages, view.unit));
  const boundsDecimals = boundDecimals(classification);
  const method = messages.methodNames[classification.method];
  // Policy and manual bands are the same in every year, whatever scope the computed classes would take.
  const fixed = classification.method === 'POLICY' || classification.method === 'MANUAL';
  const scope = messages.scopeNames[fixed ? 'ALL_YEARS' : classification.scope];
  const extra: FigureKey[] = view.metric === 'POVERTY_INCIDENCE' ? [] : ['povertyIncidence'];
  const figureKeys: FigureKey[] = [...extra, 'poorPopulation', 'ruralPopulation'];
  const rows = layerFeatures(view, 'counties', data).map((f) => {
    const p = props(f);
    const classIndex = num(p.classIndex);
    const cls = classIndex == null ? undefined : classes[classIndex];
    const figures = { povertyIncidence: p.incidence, poorPopulation: p.poorPopulation, ruralPopulation: p.ruralPopulation };
    return [
      view.year, str(p.code), str(p.name), str(p.nameEn),
      roundTo(num(p.value), view.decimals),
      classIndex == null ? null : classIndex + 1,
      roundTo(cls?.from, boundsDecimals), roundTo(cls?.to, boundsDecimals),
      method, scope,
      ...figureKeys.map((key) => figure(key, figures[key as keyof typeof figures])),
      ...(data.assessment?.size ? assessmentCells(messages.numberLocale, data.assessment.get(String(p.code))) : []),
    ];
  });
  return {
    key: 'counties',
    header: [
      c.year, c.code, c.name, c.nameEn, metricColumn, c.classNumber, c.classFrom(metricColumn), c.classTo(metricColumn), c.method, c.scope,
      ...figureKeys.map((key) => figureColumn(view, m, key)),
      ...(data.assessment?.size ? assessmentHeader(messages.numberLocale) : []),
    ],
    rows,
  };
}

/** The village figures of the year the villages table carries, in its order. */
const VILLAGE_FIGURES: readonly FigureKey[] = [
  'households', 'ruralPopulation', 'poorHouseholds', 'poorPopulation', 'povertyIncidence', 'collectiveIncome', 'partyMembers',
];

/**
 * One row per village the map shows (its filters applied): township, the
 * point's longitude and latitude (6 decimals, ~0.1 m), status and strength
 * in the map's and the panel's words, and the year's figures.
 */
function villageTable(view: AtlasView, m: ExportMessages, data: ExportData): ExportTable {
  const c = m.columns.villages;
  const { villageStatuses, villageNoFigures, nameField } = view.messages;
  const byCode = new Map(data.villages.map((v) => [v.code, v]));
  const yesNo = (value: boolean | null | undefined) => (value == null ? null : value ? m.yes : m.no);
  const rows = layerFeatures(view, 'villages', data).map((f) => {
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
    key: 'villages',
    header: [
      c.year, c.code, c.name, c.nameEn, c.townshipCode, c.township, c.longitude, c.latitude, c.status, c.strength, c.branchRating,
      ...VILLAGE_FIGURES.map((key) => figureColumn(view, m, key)),
      c.secretaryIsDirector, c.softLax,
    ],
    rows,
  };
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
      str(p.helped), helpedName, roundTo(num(p.distanceMeters), 0)];
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
  findings: (view, m, data) => ({ key: 'findings', ...findingTableParts(view, layerFeatures(view, 'findings', data), m.columns.pairings.year) }),
};

export function exportTable(view: AtlasView, key: ExportLayerKey, messages: ExportMessages, data: ExportData): ExportTable {
  return TABLES[key](view, messages, data);
}
