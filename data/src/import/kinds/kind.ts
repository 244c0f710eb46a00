/**
 * What a kind of import is, as pure code: which columns it reads (with their
 * default Chinese and English headers) and how one row becomes a canonical
 * record or a list of problems. The server adds what needs the database.
 */
import type { ColumnAliases, ColumnOverrides } from '../columns.js';
import type { SourceCrs } from '../crs.js';
import type { Message } from '../messages.js';
import type { AreaLabel, RowProblem } from '../problem.js';
import type { SourceRow } from '../source.js';

export const IMPORT_KINDS = ['counties', 'townships', 'villages', 'figures', 'alliances', 'pairings', 'projects', 'units', 'progress', 'causes', 'findings', 'county-figures', 'township-figures'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export interface BuildContext {
  /** the CRS of plain lon/lat coordinates (and of GeoJSON, which has no CRS of its own) */
  crs: SourceCrs;
  overrides: ColumnOverrides;
}

export interface BuiltRow<R> {
  row: number;
  /** null when the row has problems */
  record: R | null;
  problems: RowProblem[];
  /** record fields the row had a column for; the rest keep their stored values on update */
  given: ReadonlySet<string>;
  /** what must be unique in a file (the code; village and year for figures); null when unreadable */
  key: string | null;
  /** how the report names a record field for this row (the file's header when it has one) */
  label(field: string): string;
  /** the area the row is about (code and name as written), to name it beside every problem */
  area?: AreaLabel;
  /** notes on the file's columns (unit conversions), given with the first row only */
  notes?: Message[];
}

export interface KindSpec<R> {
  kind: ImportKind;
  /** what the key is, for "listed twice" lines */
  keyField: string;
  aliases: ColumnAliases;
  /** the record fields that name the row's area (a code, and a name when the file has one), for the report */
  area?: { code: string; name?: string };
  build(row: SourceRow, ctx: BuildContext): BuiltRow<R>;
}
