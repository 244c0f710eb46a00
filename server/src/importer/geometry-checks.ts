/**
 * Geometry validity by PostGIS (ST_IsValid, the same judge as the API), and
 * the repair with ST_MakeValid that only --repair allows. A repaired polygon
 * keeps only its polygonal parts (ST_CollectionExtract 3): a bow-tie becomes
 * two triangles, never a line.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { RowProblem } from '@lingyan/data';
import type { CheckOutcome, GoodRow } from './writer.js';

/** SQL for the geometry (in SRID 4326) of the GeoJSON text `json`. */
export const geometrySql = (json: string) => `ST_SetSRID(ST_GeomFromGeoJSON(${json}::text), 4326)`;

/** SQL for the stored polygon from the GeoJSON text `json`; repairs when asked to. */
export function areaSql(json: string, repair: boolean): string {
  const g = geometrySql(json);
  return repair ? `ST_Multi(ST_CollectionExtract(ST_MakeValid(${g}), 3))` : `ST_Multi(${g})`;
}

/** Checks each row's `field` geometry; returns the rows that may go on and what was wrong or repaired. */
export async function checkValidity<R>(
  tx: EntityManager,
  rows: Array<GoodRow<R>>,
  geometryOf: (r: R) => object,
  field: string,
  repair: boolean,
): Promise<CheckOutcome & { ok: Array<GoodRow<R>> }> {
  const problems: RowProblem[] = [];
  const repaired: RowProblem[] = [];
  if (rows.length === 0) return { problems, repaired, ok: [] };
  const result = await tx.execute<Array<{ i: number; valid: boolean; reason: string; repairable: boolean | null }>>(
    `select r.i, ST_IsValid(x.geom) as valid, ST_IsValidReason(x.geom) as reason,
            case when not ST_IsValid(x.geom) then not ST_IsEmpty(ST_CollectionExtract(ST_MakeValid(x.geom), 3)) end as repairable
       from json_to_recordset(?::json) as r(i int, g json)
       cross join lateral (select ST_SetSRID(ST_GeomFromGeoJSON(r.g::text), 4326) as geom) x`,
    [JSON.stringify(rows.map((r, i) => ({ i, g: geometryOf(r.record) })))],
  );
  const bad = new Set<number>();
  for (const v of result) {
    if (v.valid) continue;
    const row = rows[v.i]!;
    if (repair && v.repairable) {
      repaired.push({ row: row.row, field: row.label(field), reason: `repaired with ST_MakeValid (was: ${v.reason})` });
    } else {
      bad.add(v.i);
      const why = repair ? `is not a valid polygon (${v.reason}) and ST_MakeValid leaves no area of it` : `is not a valid polygon (${v.reason}); pass --repair to fix it with ST_MakeValid`;
      problems.push({ row: row.row, field: row.label(field), reason: why });
    }
  }
  return { problems, repaired, ok: rows.filter((_, i) => !bad.has(i)) };
}
