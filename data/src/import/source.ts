/**
 * What every reader yields: one row or feature at a time, numbered the way a
 * person finds it again (spreadsheet row with the header as row 1, or the
 * 1-based feature number), with its cells by header and its geometry, already
 * in WGS-84 when the file said which CRS it was in.
 */
import type { Geometry } from 'geojson';
import type { MoneyUnit } from './header-units.js';
import { DEFAULT_LANG, formatMessage, type Message } from './messages.js';

export type SourceFormat = 'geojson' | 'shapefile' | 'csv' | 'xlsx';

/** How rows are called in a report: CSV/XLSX rows, GeoJSON/Shapefile features. */
export type RowUnit = 'row' | 'feature';

export interface SourceRow {
  /** spreadsheet row as Excel numbers it (the header is not always row 1) or feature number (first = 1) */
  number: number;
  /** cells by header as written in the file (every header of a table, '' when empty); GeoJSON/DBF properties as they are */
  fields: Record<string, unknown>;
  /** the feature's geometry; null for tables and features without one */
  geometry: Geometry | null;
  /** the money unit a line above a table's header states (单位：万元), for money columns whose header states none */
  unit?: MoneyUnit;
}

export interface Source {
  format: SourceFormat;
  unit: RowUnit;
  /** the text encoding the reader decided on (CSV, DBF), for the report */
  encoding: string | null;
  /** the CRS the coordinates came in, as the file told it (Shapefile .prj) */
  crs: string | null;
  rows: AsyncIterable<SourceRow>;
  /** the row taken as the header (CSV, XLSX), known once the first row has been read */
  headerRow?: number | null;
  /** what the reader noticed and did (the header row, total rows skipped), for the report; complete once the rows are read */
  notes?: Message[];
  /** share of the file read so far (0…1), when the reader can tell */
  progress(): number | null;
  /** releases temporary files; safe to call twice */
  close(): Promise<void>;
}

/** The file cannot be read at all (as opposed to a row that is wrong). */
export class SourceError extends Error {
  override name = 'SourceError';
  /**
   * @param text `<path>: <reason>`, the reason in English or Chinese
   * @param detail the reason as a coded message, for a report in either language
   */
  constructor(
    text: string,
    readonly detail?: Message,
  ) {
    super(text);
  }
}

/** A SourceError for `path` whose reason is a coded message (its Chinese text in the error's message). */
export function sourceError(path: string, detail: Message): SourceError {
  return new SourceError(`${path}: ${formatMessage(detail, DEFAULT_LANG)}`, detail);
}
