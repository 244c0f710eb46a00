/**
 * Geometries computed from other rows: a pairing's line and length, an
 * alliance's footprint. Batched: one statement for any number of ids.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Geometry } from 'geojson';
import { type Sql, inList, query, raw, sql } from './sql.js';

/** Margin (metres) around the hull of an alliance's members, so a footprint is an area even for two or three villages. */
export const FOOTPRINT_MARGIN_METERS = 2000;

/**
 * An alliance's footprint: the convex hull of its member villages' points
 * (`locations`, aggregated over the group), widened by the margin (geodesic buffer).
 */
export function footprintOf(locations: string): Sql {
  return raw(`ST_Buffer(ST_ConvexHull(ST_Collect(${locations}))::geography, ${FOOTPRINT_MARGIN_METERS})::geometry`);
}

/** SQL for alliance footprints, as (alliance_id, footprint). */
export const FOOTPRINTS_SQL = raw(`select v.alliance_id, ${footprintOf('v.location').text} as footprint
   from village v where v.alliance_id is not null group by v.alliance_id`);

export async function allianceFootprints(em: EntityManager, ids: readonly number[]): Promise<Map<number, Geometry>> {
  const rows = await query<{ id: number; geojson: string }>(
    em,
    sql`select f.alliance_id as id, ST_AsGeoJSON(f.footprint, 6) as geojson from (${FOOTPRINTS_SQL}) f where ${inList(raw('f.alliance_id'), ids, 'int')}`,
  );
  return new Map(rows.map((r) => [Number(r.id), JSON.parse(r.geojson) as Geometry]));
}

/** Where a pairing's helper is: its village, or the home village of the helping enterprise (null when it has none). */
export const HELPER_LOCATION = raw(`coalesce(hv.location, ov.location)`);

/** Joins the ends of pairing `p`: the helped village `w`, and `hv` / `ov` for HELPER_LOCATION. */
export const PAIRING_ENDS = raw(`join village w on w.code = p.helped_village_code
          left join village hv on hv.code = p.helper_village_code
          left join organisation o on o.id = p.helper_organisation_id
          left join village ov on ov.code = o.village_code`);

/** A pairing's line from its helper to the helped village (null without a helper location), and its geodesic length. */
export const PAIRING_LINE = sql`ST_MakeLine(${HELPER_LOCATION}, w.location)`;
export const PAIRING_METERS = sql`ST_Distance(${HELPER_LOCATION}::geography, w.location::geography)`;

export async function pairingLines(em: EntityManager, ids: readonly number[]): Promise<Map<number, { line: Geometry | null; meters: number | null }>> {
  const rows = await query<{ id: number; geojson: string | null; meters: number | null }>(
    em,
    sql`select p.id, ST_AsGeoJSON(${PAIRING_LINE}) as geojson, ${PAIRING_METERS} as meters
          from pairing p ${PAIRING_ENDS}
         where ${inList(raw('p.id'), ids, 'int')}`,
  );
  return new Map(rows.map((r) => [Number(r.id), { line: r.geojson ? (JSON.parse(r.geojson) as Geometry) : null, meters: r.meters === null ? null : Number(r.meters) }]));
}
