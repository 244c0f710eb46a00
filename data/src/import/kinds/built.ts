import { FieldReader, type ColumnAliases } from '../columns.js';
import { text, type Parsed } from '../cells.js';
import { parentCode, parseDivisionCode } from '../codes.js';
import { message, type MessageCode } from '../messages.js';

const LEVEL = { county: 'level.county', township: 'level.township', village: 'level.village' } as const satisfies Record<string, MessageCode>;
import type { SourceRow } from '../source.js';
import type { BuildContext, BuiltRow, ImportKind, KindSpec } from './kind.js';

export function reader(row: SourceRow, aliases: ColumnAliases, ctx: BuildContext): FieldReader {
  return new FieldReader(row.number, row.fields, aliases, ctx.overrides, row.unit ?? null);
}

/** The row's outcome: the record only when nothing was wrong. */
export function built<R>(r: FieldReader, record: R, key: string | null): BuiltRow<R> {
  return { row: r.row, record: r.problems.length === 0 ? record : null, problems: r.problems, given: r.given, key, label: (f) => r.label(f) };
}

/** A cell as trimmed text, never refused (names, free-text fields). */
export const plainText = (raw: unknown): Parsed<string> => ({ ok: true, value: text(raw) });

/**
 * The parent a township's or village's code implies (its first 6 or 9
 * digits). An optional parent column (`field`) must agree with it; a
 * disagreement is a problem of that column.
 */
export function impliedParent(r: FieldReader, code: string | null | undefined, level: 'township' | 'village', field: string): string {
  const parentLevel = level === 'township' ? 'county' : 'township';
  const parent = code ? parentCode(code, level) : '';
  const given = r.optional(field, (v) => parseDivisionCode(v, parentLevel), null as string | null);
  if (code && given && given !== parent) {
    r.problem(field, message('code.notParent', { given, parentLevel: message(LEVEL[parentLevel]), level: message(LEVEL[level]), code, digits: level === 'township' ? 6 : 9, parent }));
  }
  return parent;
}

/** The fields that name each kind's area in a report, unless the spec names its own (KindSpec.area). */
const AREA_FIELDS: Partial<Record<ImportKind, { code: string; name?: string }>> = {
  counties: { code: 'code', name: 'name' },
  townships: { code: 'code', name: 'name' },
  villages: { code: 'code', name: 'name' },
  figures: { code: 'villageCode', name: 'villageName' },
  causes: { code: 'villageCode', name: 'villageName' },
  alliances: { code: 'centreVillageCode' },
  pairings: { code: 'helpedVillageCode' },
  projects: { code: 'villageCode', name: 'villageName' },
  units: { code: 'villageCode', name: 'villageName' },
  progress: { code: 'villageCode', name: 'villageName' },
  findings: { code: 'placeCode', name: 'placeName' },
  'county-figures': { code: 'code' },
  'township-figures': { code: 'code' },
};

/**
 * A row built by its kind, with what the report needs beside the record: the
 * row's area (code and name as the file writes them) on the row and on each
 * of its problems, and the notes on the file's columns with the first row.
 */
export function buildRow<R>(spec: KindSpec<R>, row: SourceRow, ctx: BuildContext): BuiltRow<R> {
  const b = spec.build(row, ctx);
  const fields = spec.area ?? AREA_FIELDS[spec.kind];
  // Same headers, aliases and overrides as the kind's own reader: the column lookup is shared, not redone.
  const r = new FieldReader(row.number, row.fields, spec.aliases, ctx.overrides, row.unit ?? null);
  const area = fields ? r.area(fields.code, fields.name) : {};
  const notes = r.columnNotes();
  if (area.code || area.name) {
    b.area = area;
    for (const p of b.problems) p.area ??= area;
  }
  if (notes.length) b.notes = notes;
  return b;
}

/** Every header a kind knows (all its aliases): what the readers look for to find the header row. */
export const knownHeaders = (spec: KindSpec<unknown>): string[] => Object.values(spec.aliases).flat();
