/**
 * What every reader yields: one row or feature at a time, numbered the way a
 * person finds it again (spreadsheet row with the header as row 1, or the
 * 1-based feature number), with its cells by header and its geometry, already
 * in WGS-84 when the file said which CRS it was in.
 */
import type { Geometry } from 'geojson';

export type SourceFormat = 'geojson' | 'shapefile' | 'csv' | 'xlsx';

/** How rows are called in a report: CSV/XLSX rows, GeoJSON/Shapefile features. */
export type RowUnit = 'row' | 'feature';

export interface SourceRow {
  /** spreadsheet row (header = 1) or feature number (first = 1) */
  number: number;
  /** cells by header as written in the file (every header of a table, '' when empty); GeoJSON/DBF properties as they are */
  fields: Record<string, unknown>;
  /** the feature's geometry; null for tables and features without one */
  geometry: Geometry | null;
}

export interface Source {
  format: SourceFormat;
  unit: RowUnit;
  /** the text encoding the reader decided on (CSV, DBF), for the report */
  encoding: string | null;
  /** the CRS the coordinates came in, as the file told it (Shapefile .prj) */
  crs: string | null;
  rows: AsyncIterable<SourceRow>;
  /** share of the file read so far (0…1), when the reader can tell */
  progress(): number | null;
  /** releases temporary files; safe to call twice */
  close(): Promise<void>;
}

/** The file cannot be read at all (as opposed to a row that is wrong). */
export class SourceError extends Error {
  override name = 'SourceError';
}
