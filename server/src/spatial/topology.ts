/** Spatial facts the planning rules need: adjacency of townships, containment of a point. */
import type { EntityManager } from '@mikro-orm/postgresql';
import { query, sql } from './sql.js';

/** Townships sharing a border (or a point) with the given one. */
export async function adjacentTownships(em: EntityManager, townshipCode: string): Promise<Set<string>> {
  const rows = await query<{ code: string }>(
    em,
    sql`select n.code from township t join township n on n.code <> t.code and ST_Intersects(t.boundary, n.boundary) where t.code = ${townshipCode}`,
  );
  return new Set(rows.map((r) => r.code));
}

/** Whether the GeoJSON point lies in (or on the border of) the township. */
export async function townshipCovers(em: EntityManager, townshipCode: string, pointGeoJSON: string): Promise<boolean> {
  return (await townshipsCover(em, [{ township: townshipCode, point: JSON.parse(pointGeoJSON) as object }]))[0]!;
}

/** townshipCovers for many points at once (an import's batch), in the order given. */
export async function townshipsCover(em: EntityManager, items: ReadonlyArray<{ township: string; point: object }>): Promise<boolean[]> {
  if (items.length === 0) return [];
  const rows = await query<{ i: number; ok: boolean | null }>(
    em,
    sql`select r.i, ST_Covers(t.boundary, ST_SetSRID(ST_GeomFromGeoJSON(r.p::text), 4326)) as ok
          from json_to_recordset(${JSON.stringify(items.map((x, i) => ({ i, township: x.township, p: x.point })))}::json) as r(i int, township text, p json)
          left join township t on t.code = r.township`,
  );
  const ok = new Map(rows.map((r) => [Number(r.i), r.ok === true]));
  return items.map((_, i) => ok.get(i) ?? false);
}
