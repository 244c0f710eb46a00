/**
 * Spatial predicates shared by every searchable feature (villages, industry
 * projects, alliances): inside an area, in a bounding box, within a geodesic
 * distance of a reference point, intersecting a geometry.
 */
import { Sql, raw, sql } from './sql.js';

export interface BBox {
  west: number;
  south: number;
  east: number;
  north: number;
}

/** Where distances are measured from: a literal point, or a village's location. */
export type Reference = { kind: 'point'; geojson: string } | { kind: 'village'; code: string };

export interface SpatialCriteria {
  /** GeoJSON text of a Polygon/MultiPolygon the feature must lie in */
  insidePolygon?: string;
  insideCountyCode?: string;
  insideTownshipCode?: string;
  bbox?: BBox;
  near?: { reference: Reference; radiusMeters: number };
  /** GeoJSON text of any geometry the feature must intersect */
  intersects?: string;
}

export function referenceSql(r: Reference): Sql {
  return r.kind === 'point' ? sql`ST_SetSRID(ST_GeomFromGeoJSON(${r.geojson}), 4326)` : sql`(select location from village where code = ${r.code})`;
}

export function geojsonSql(text: string): Sql {
  return sql`ST_SetSRID(ST_GeomFromGeoJSON(${text}), 4326)`;
}

/** Geodesic distance in metres from `geom` to the reference. */
export function distanceSql(geom: string, r: Reference): Sql {
  return sql`ST_Distance(${raw(geom)}::geography, ${referenceSql(r)}::geography)`;
}

export function spatialWhere(geom: string, c: SpatialCriteria): Sql[] {
  const g = raw(geom);
  const where: Sql[] = [];
  if (c.insidePolygon) where.push(sql`ST_CoveredBy(${g}, ${geojsonSql(c.insidePolygon)})`);
  if (c.insideCountyCode) where.push(sql`ST_CoveredBy(${g}, (select boundary from county where code = ${c.insideCountyCode}))`);
  if (c.insideTownshipCode) where.push(sql`ST_CoveredBy(${g}, (select boundary from township where code = ${c.insideTownshipCode}))`);
  if (c.bbox) {
    const b = c.bbox;
    where.push(sql`ST_Intersects(${g}, ST_MakeEnvelope(${b.west}, ${b.south}, ${b.east}, ${b.north}, 4326))`);
  }
  if (c.near) where.push(sql`ST_DWithin(${g}::geography, ${referenceSql(c.near.reference)}::geography, ${c.near.radiusMeters})`);
  if (c.intersects) where.push(sql`ST_Intersects(${g}, ${geojsonSql(c.intersects)})`);
  return where;
}
