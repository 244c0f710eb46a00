/**
 * Geometry arguments: structure checked by the shared validator in
 * @lingyan/data, then OGC validity by PostGIS (`ST_IsValidReason`). Returns
 * the GeoJSON text to bind into spatial SQL.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { GeometryProblem, checkGeometry, type GeometryTypeName } from '@lingyan/data';
import type { Geometry } from 'geojson';
import { query, sql } from './sql.js';

export class InvalidGeometry extends Error {
  override name = 'InvalidGeometry';
  constructor(
    readonly argument: string,
    readonly problem: string,
  ) {
    super(`argument "${argument}": ${problem}`);
  }
}

export const AREA_TYPES: readonly GeometryTypeName[] = ['Polygon', 'MultiPolygon'];
export const POINT_TYPES: readonly GeometryTypeName[] = ['Point'];
export const ANY_TYPES: readonly GeometryTypeName[] = ['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon'];

export async function geometryArgument(em: EntityManager, argument: string, value: unknown, allowed: readonly GeometryTypeName[]): Promise<string> {
  let geometry: Geometry;
  try {
    geometry = checkGeometry(value, allowed);
  } catch (error) {
    if (error instanceof GeometryProblem) throw new InvalidGeometry(argument, error.message);
    throw error;
  }
  const text = JSON.stringify(geometry);
  if (geometry.type === 'Point') return text;
  const [row] = await query<{ reason: string }>(em, sql`select ST_IsValidReason(ST_GeomFromGeoJSON(${text})) as reason`);
  if (row && row.reason !== 'Valid Geometry') throw new InvalidGeometry(argument, `not a valid geometry (${row.reason})`);
  return text;
}
