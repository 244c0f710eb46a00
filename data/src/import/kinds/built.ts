import { FieldReader, type ColumnAliases } from '../columns.js';
import { text, type Parsed } from '../cells.js';
import { parentCode, parseDivisionCode } from '../codes.js';
import type { SourceRow } from '../source.js';
import type { BuildContext, BuiltRow } from './kind.js';

export function reader(row: SourceRow, aliases: ColumnAliases, ctx: BuildContext): FieldReader {
  return new FieldReader(row.number, row.fields, aliases, ctx.overrides);
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
    r.problem(field, `${given} is not the ${parentLevel} of ${level} ${code} (its first ${level === 'township' ? 6 : 9} digits give ${parent})`);
  }
  return parent;
}
