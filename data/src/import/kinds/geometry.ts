/** The geometry of a row as the record needs it: an area (MultiPolygon) or a location (Point), in WGS-84. */
import type { Geometry, MultiPolygon, Point } from 'geojson';
import { parseNumber } from '../cells.js';
import type { FieldReader } from '../columns.js';
import { geometryToWgs84 } from '../crs.js';
import { checkGeometry, GeometryProblem } from '../../validate/geometry.js';
import type { BuildContext } from './kind.js';

function checked(r: FieldReader, field: string, g: unknown, allowed: Array<'Point' | 'Polygon' | 'MultiPolygon'>, ctx: BuildContext): Geometry | undefined {
  try {
    checkGeometry(g, allowed);
    return checkGeometry(geometryToWgs84(g as Geometry, ctx.crs), allowed);
  } catch (error) {
    if (!(error instanceof GeometryProblem)) throw error;
    const hint = /longitude .* is outside/.test(error.message) ? ' (projected coordinates? give the Shapefile its .prj)' : '';
    r.problem(field, `${error.message}${hint}`);
    return undefined;
  }
}

export function areaOf(r: FieldReader, geometry: Geometry | null, ctx: BuildContext): MultiPolygon | undefined {
  if (geometry === null) {
    r.problem('boundary', 'has no geometry: a boundary polygon is needed (GeoJSON or Shapefile)');
    return undefined;
  }
  const g = checked(r, 'boundary', geometry, ['Polygon', 'MultiPolygon'], ctx);
  if (!g) return undefined;
  return g.type === 'Polygon' ? { type: 'MultiPolygon', coordinates: [g.coordinates] } : (g as MultiPolygon);
}

/** A point from the feature's geometry, else from the lon/lat columns. */
export function pointOf(r: FieldReader, geometry: Geometry | null, ctx: BuildContext): Point | undefined {
  if (geometry !== null) return checked(r, 'location', geometry, ['Point'], ctx) as Point | undefined;
  if (r.header('lon') === null && r.header('lat') === null) {
    r.problem('location', 'has no point geometry and no longitude/latitude columns (经度/纬度, lon/lat)');
    return undefined;
  }
  const lon = r.required('lon', parseNumber);
  const lat = r.required('lat', parseNumber);
  if (lon === undefined || lat === undefined) return undefined;
  return checked(r, 'location', { type: 'Point', coordinates: [lon, lat] }, ['Point'], ctx) as Point | undefined;
}
