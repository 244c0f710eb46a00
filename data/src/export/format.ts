/**
 * Writing a kind's rows in exactly the layout its importer reads by default:
 * the columns are the kind's record fields in the order it declares them,
 * each headed by its first default header (代码, 名称, 中心村代码, …). GeoJSON
 * carries a point or area as the feature's geometry; CSV (UTF-8 with a BOM,
 * so Excel opens Chinese text correctly) carries a point as 经度/纬度 columns.
 * Pure text, no database: the server feeds rows and writes the pieces.
 */
import type { Geometry } from 'geojson';
import type { KindSpec } from '../import/kinds/kind.js';

export const EXPORT_FORMATS = ['geojson', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** A cell as the exporter gives it; lists and funds are already joined ("a;b", "2019:20.5;2020:31"). */
export type ExportValue = string | number | boolean | null;

export interface ExportRow {
  /** values by record field */
  values: Readonly<Record<string, ExportValue>>;
  /** the point or area; null for kinds without one */
  geometry: Geometry | null;
}

/** Fields a point travels in on CSV, and in the geometry on GeoJSON. */
const COORDINATES = ['lon', 'lat'];

/** The record fields written, in order: the kind's own, with lon/lat only in CSV. */
export function exportFields(spec: KindSpec<unknown>, format: ExportFormat): string[] {
  // A village's name beside its code only names the row in a report; it is not a field the hub keeps.
  const fields = Object.keys(spec.aliases).filter((f) => f !== 'villageName');
  return format === 'csv' ? fields : fields.filter((f) => !COORDINATES.includes(f));
}

/** The header the importer finds first for each field. */
export function exportHeader(spec: KindSpec<unknown>, field: string): string {
  return spec.aliases[field]?.[0] ?? field;
}

function csvCell(v: ExportValue): string {
  if (v === null) return '';
  const s = typeof v === 'boolean' ? (v ? '是' : '否') : String(v);
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** CSV in pieces: the BOM and header line, then one line per row (CRLF, as Excel writes). */
export function csvWriter(spec: KindSpec<unknown>) {
  const fields = exportFields(spec, 'csv');
  return {
    head: `\uFEFF${fields.map((f) => csvCell(exportHeader(spec, f))).join(',')}\r\n`,
    line(row: ExportRow): string {
      const point = row.geometry?.type === 'Point' ? row.geometry.coordinates : null;
      const cell = (f: string) => (point && COORDINATES.includes(f) ? point[COORDINATES.indexOf(f)]! : (row.values[f] ?? null));
      return `${fields.map((f) => csvCell(cell(f))).join(',')}\r\n`;
    },
    tail: '',
  };
}

/** A GeoJSON FeatureCollection in pieces, one feature per line. */
export function geoJsonWriter(spec: KindSpec<unknown>) {
  const fields = exportFields(spec, 'geojson');
  let first = true;
  return {
    head: '{"type":"FeatureCollection","features":[\n',
    line(row: ExportRow): string {
      const properties = Object.fromEntries(fields.map((f) => [exportHeader(spec, f), row.values[f] ?? null]));
      const text = `${first ? '' : ',\n'}${JSON.stringify({ type: 'Feature', properties, geometry: row.geometry })}`;
      first = false;
      return text;
    },
    tail: '\n]}\n',
  };
}

export function exportWriter(spec: KindSpec<unknown>, format: ExportFormat) {
  return format === 'csv' ? csvWriter(spec) : geoJsonWriter(spec);
}
