/**
 * The read scope (domain/region/read-scope.ts) as a condition: in SQL on
 * any column holding a division code (a village's, township's, county's or
 * the prefecture's own), and as a MikroORM filter on an entity's code or
 * reference. Every atlas read applies one of these two, nothing else.
 */
import { codeRanges, type ReadScope } from '../domain/region/read-scope.js';
import { Sql, raw, sql } from './sql.js';

/** `column` holds a code inside the scope (a range per county, or one for the prefecture: the code index answers it). */
export function inScopeSql(scope: ReadScope, column: string): Sql {
  const c = raw(column);
  const ranges = codeRanges(scope).map((r) => sql`${c} between ${r.low} and ${r.high}`);
  if (ranges.length === 0) return raw('false');
  return ranges.length === 1 ? ranges[0]! : sql`(${Sql.join(ranges, ' or ')})`;
}

/** A MikroORM condition: `property` (a code column or a reference to a coded entity) inside the scope. */
export function scopeFilter(scope: ReadScope, property = 'code'): Record<string, unknown> {
  const ranges = codeRanges(scope).map((r) => ({ [property]: { $gte: r.low, $lte: r.high } }));
  if (ranges.length === 0) return { [property]: { $in: [] } };
  return ranges.length === 1 ? ranges[0]! : { $or: ranges };
}
