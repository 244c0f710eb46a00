/**
 * Structural checks of GeoJSON geometry (RFC 7946), shared by the API and the
 * importer: allowed type, coordinate arrays of the right depth, finite
 * longitude/latitude in range, enough positions, closed rings. Validity in
 * the OGC sense (self-intersections, …) is PostGIS's `ST_IsValid`, checked by
 * the server after these pass.
 */
import type { Geometry, Position } from 'geojson';

export type GeometryTypeName = Geometry['type'];

/** What is wrong, in words that need no knowledge of the value sent. */
export class GeometryProblem extends Error {
  override name = 'GeometryProblem';
}

const MAX_POSITIONS = 1_000_000;

function position(p: unknown, where: string): Position {
  if (!Array.isArray(p) || p.length < 2 || p.length > 3) throw new GeometryProblem(`${where} must be [longitude, latitude]`);
  const [lon, lat] = p as unknown[];
  if (typeof lon !== 'number' || typeof lat !== 'number' || !Number.isFinite(lon) || !Number.isFinite(lat)) {
    throw new GeometryProblem(`${where} must hold two finite numbers`);
  }
  if (lon < -180 || lon > 180) throw new GeometryProblem(`${where}: longitude ${lon} is outside -180…180`);
  if (lat < -90 || lat > 90) throw new GeometryProblem(`${where}: latitude ${lat} is outside -90…90`);
  return p as Position;
}

function positions(list: unknown, where: string, min: number, counter: { n: number }): Position[] {
  if (!Array.isArray(list)) throw new GeometryProblem(`${where} must be an array of positions`);
  if (list.length < min) throw new GeometryProblem(`${where} needs at least ${min} positions, has ${list.length}`);
  counter.n += list.length;
  if (counter.n > MAX_POSITIONS) throw new GeometryProblem(`the geometry has more than ${MAX_POSITIONS} positions`);
  return list.map((p, i) => position(p, `${where}[${i}]`));
}

function ring(list: unknown, where: string, counter: { n: number }): void {
  const ps = positions(list, where, 4, counter);
  const first = ps[0]!;
  const last = ps[ps.length - 1]!;
  if (first[0] !== last[0] || first[1] !== last[1]) throw new GeometryProblem(`${where} is not closed: its first and last positions differ`);
}

function array(value: unknown, where: string, min = 1): unknown[] {
  if (!Array.isArray(value)) throw new GeometryProblem(`${where} must be an array`);
  if (value.length < min) throw new GeometryProblem(`${where} must not be empty`);
  return value;
}

/**
 * Checks `value` as a GeoJSON geometry of one of `allowed` types and returns
 * it typed; throws GeometryProblem saying what is wrong and where.
 */
export function checkGeometry(value: unknown, allowed: readonly GeometryTypeName[]): Geometry {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new GeometryProblem('must be a GeoJSON geometry object with "type" and "coordinates"');
  }
  const g = value as { type?: unknown; coordinates?: unknown };
  if (typeof g.type !== 'string' || !allowed.includes(g.type as GeometryTypeName)) {
    throw new GeometryProblem(`"type" must be ${allowed.length === 1 ? allowed[0] : `one of ${allowed.join(', ')}`}`);
  }
  const c = g.coordinates;
  const counter = { n: 0 };
  switch (g.type as GeometryTypeName) {
    case 'Point':
      position(c, 'coordinates');
      break;
    case 'MultiPoint':
      positions(c, 'coordinates', 1, counter);
      break;
    case 'LineString':
      positions(c, 'coordinates', 2, counter);
      break;
    case 'MultiLineString':
      array(c, 'coordinates').forEach((l, i) => positions(l, `coordinates[${i}]`, 2, counter));
      break;
    case 'Polygon':
      array(c, 'coordinates').forEach((r, i) => ring(r, `coordinates[${i}]`, counter));
      break;
    case 'MultiPolygon':
      array(c, 'coordinates').forEach((poly, i) => array(poly, `coordinates[${i}]`).forEach((r, j) => ring(r, `coordinates[${i}][${j}]`, counter)));
      break;
    case 'GeometryCollection':
      throw new GeometryProblem('GeometryCollection is not accepted');
  }
  return value as Geometry;
}
