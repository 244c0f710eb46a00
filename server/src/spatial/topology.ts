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
  const [row] = await query<{ ok: boolean }>(em, sql`select ST_Covers(boundary, ST_SetSRID(ST_GeomFromGeoJSON(${pointGeoJSON}), 4326)) as ok from township where code = ${townshipCode}`);
  return row?.ok === true;
}
