/**
 * Geometry validity by PostGIS (ST_IsValid, the same judge as the API), and
 * the repair with ST_MakeValid that only --repair allows. A repaired polygon
 * keeps only its polygonal parts (ST_CollectionExtract 3): a bow-tie becomes
 * two triangles, never a line. Every line names the area (name and code), not
 * the feature's number alone, and a repair says how much area it changed:
 * ST_MakeValid can drop a lobe or double an overlap, and a data officer must
 * see that before trusting the map.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { message, rowProblem, type AreaLabel, type Message, type RowProblem } from '@lingyan/data';
import type { CheckOutcome, GoodRow } from './writer.js';

/** SQL for the geometry (in SRID 4326) of the GeoJSON text `json`. */
export const geometrySql = (json: string) => `ST_SetSRID(ST_GeomFromGeoJSON(${json}::text), 4326)`;

/** SQL for a polygon's repair: its polygonal parts after ST_MakeValid. */
const repairedSql = (g: string) => `ST_Multi(ST_CollectionExtract(ST_MakeValid(${g}), 3))`;

/** SQL for the stored polygon from the GeoJSON text `json`; repairs when asked to. */
export function areaSql(json: string, repair: boolean): string {
  const g = geometrySql(json);
  return repair ? repairedSql(g) : `ST_Multi(${g})`;
}

/** The change a repair made to an area, in m² and in % of the area as drawn (none when it was drawn as 0 m², a bow-tie's halves cancelling). */
export function areaChange(reason: string, before: number, after: number): Message {
  const delta = after - before;
  const signed = (x: number, text: string) => `${x > 0 ? '+' : x < 0 ? '−' : '±'}${text}`;
  const m2 = (x: number) => Math.round(Math.abs(x)).toLocaleString('en-US');
  const params = { reason, before: m2(before), after: m2(after), delta: signed(delta, m2(delta)) };
  return before > 0
    ? message('geometry.repaired', { ...params, share: signed(delta, Math.abs((delta / before) * 100).toFixed(2)) })
    : message('geometry.repairedFromZero', params);
}

export interface AreaGeometry extends AreaLabel {
  geometry: object;
}

/** Checks each row's `field` geometry; returns the rows that may go on and what was wrong or repaired. */
export async function checkValidity<R>(
  tx: EntityManager,
  rows: Array<GoodRow<R>>,
  areaOf: (r: R) => AreaGeometry,
  field: string,
  repair: boolean,
): Promise<CheckOutcome & { ok: Array<GoodRow<R>> }> {
  const problems: RowProblem[] = [];
  const repaired: RowProblem[] = [];
  if (rows.length === 0) return { problems, repaired, ok: [] };
  // Areas on the spheroid (geography), so the change reads in real square metres at any latitude.
  const result = await tx.execute<Array<{ i: number; valid: boolean; reason: string; repairable: boolean | null; before: number | null; after: number | null }>>(
    `select r.i, ST_IsValid(x.geom) as valid, ST_IsValidReason(x.geom) as reason,
            case when not ST_IsValid(x.geom) then not ST_IsEmpty(y.fixed) end as repairable,
            case when not ST_IsValid(x.geom) then ST_Area(x.geom::geography) end as before,
            case when not ST_IsValid(x.geom) then ST_Area(y.fixed::geography) end as after
       from json_to_recordset(?::json) as r(i int, g json)
       cross join lateral (select ST_SetSRID(ST_GeomFromGeoJSON(r.g::text), 4326) as geom) x
       cross join lateral (select case when not ST_IsValid(x.geom) then ${repairedSql('x.geom')} end as fixed) y`,
    [JSON.stringify(rows.map((r, i) => ({ i, g: areaOf(r.record).geometry })))],
  );
  const bad = new Set<number>();
  for (const v of result) {
    if (v.valid) continue;
    const row = rows[v.i]!;
    const { geometry: _, ...area } = areaOf(row.record);
    if (repair && v.repairable) {
      repaired.push(rowProblem(row.row, row.label(field), areaChange(v.reason, Number(v.before), Number(v.after)), area));
    } else {
      bad.add(v.i);
      problems.push(rowProblem(row.row, row.label(field), message(repair ? 'geometry.unrepairable' : 'geometry.invalid', { reason: v.reason }), area));
    }
  }
  return { problems, repaired, ok: rows.filter((_, i) => !bad.has(i)) };
}
