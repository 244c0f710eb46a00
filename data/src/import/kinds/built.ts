import { FieldReader, type ColumnAliases } from '../columns.js';
import type { SourceRow } from '../source.js';
import type { BuildContext, BuiltRow } from './kind.js';

export function reader(row: SourceRow, aliases: ColumnAliases, ctx: BuildContext): FieldReader {
  return new FieldReader(row.number, row.fields, aliases, ctx.overrides);
}

/** The row's outcome: the record only when nothing was wrong. */
export function built<R>(r: FieldReader, record: R, key: string | null): BuiltRow<R> {
  return { row: r.row, record: r.problems.length === 0 ? record : null, problems: r.problems, given: r.given, key, label: (f) => r.label(f) };
}
