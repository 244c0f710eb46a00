/**
 * What every layer's export table is made with: what an export reads besides
 * the view, reading a feature's properties, and the figures the tables carry
 * besides the metric, each with its unit and decimals (cartography.md rule 4).
 * The tables themselves are the layer modules' (`export` of each).
 */
import type { Feature, GeoJsonProperties, Geometry } from 'geojson';
import type { AtlasPairing, AtlasVillage } from '../graphql/documents';
import type { AtlasView } from '../map/layers/types';
import { unitLabel } from '../map/metric-format';
import type { AssessmentCells } from '../assessment/export-columns';
import type { CsvValue } from './csv';
import type { ExportMessages } from './messages';
import { roundTo } from './rounding';

/** What an export reads besides the view: the counties' boundaries, the villages and the pairings of the view's year, every one (`loadExportData`). */
export interface ExportData {
  countyBoundaries: ReadonlyMap<string, Geometry>;
  villages: readonly AtlasVillage[];
  pairings: readonly AtlasPairing[];
  /** each county's assessment of the year (考核得分 / 排名 / 等次), when the year has a scheme */
  assessment?: ReadonlyMap<string, AssessmentCells>;
}

/** A layer's table: its header and one row per exported thing. */
export interface TableParts {
  header: string[];
  rows: CsvValue[][];
}

export type Props = NonNullable<GeoJsonProperties>;
export const props = (f: Feature): Props => f.properties ?? {};
export const num = (value: unknown): number | null => (typeof value === 'number' ? value : null);
export const str = (value: unknown): string | null => (value == null ? null : String(value));

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
export function figureColumn(view: AtlasView, m: ExportMessages, key: FigureKey): string {
  return m.metricColumn(m.figureNames[key], unitText(view, m, FIGURE_FORMATS[key].unit));
}

/** A figure rounded to its decimals. */
export function figure(key: FigureKey, value: unknown): number | null {
  return roundTo(num(value), FIGURE_FORMATS[key].decimals);
}
