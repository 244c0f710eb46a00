/**
 * Turns the spatial GraphQL inputs into checked criteria for the spatial
 * layer: geometries validated (structure, then PostGIS validity), codes
 * checked to exist, exactly-one rules enforced. Errors name the argument.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { County, Township, Village } from '../../domain/entities.js';
import type { Reference, SpatialCriteria } from '../../spatial/criteria.js';
import { ANY_TYPES, AREA_TYPES, InvalidGeometry, POINT_TYPES, geometryArgument } from '../../spatial/geometry-input.js';
import { ApiError } from '../errors.js';
import type { ReferenceInput, SpatialFilter } from './spatial.input.js';

async function guard<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof InvalidGeometry) throw ApiError.badInput(error.message, error.argument);
    throw error;
  }
}

async function mustExist(em: EntityManager, entity: typeof County | typeof Township | typeof Village, label: string, code: string): Promise<void> {
  if ((await em.count(entity as typeof Village, { code })) === 0) throw ApiError.notFound(label, code);
}

export function resolveReference(em: EntityManager, input: ReferenceInput, argument: string): Promise<Reference> {
  return guard(async () => {
    if ((input.point === undefined || input.point === null) === (input.villageCode === undefined || input.villageCode === null)) {
      throw ApiError.badInput(`argument "${argument}": give exactly one of point or villageCode`, argument);
    }
    if (input.villageCode) {
      await mustExist(em, Village, 'Village', input.villageCode);
      return { kind: 'village', code: input.villageCode };
    }
    return { kind: 'point', geojson: await geometryArgument(em, `${argument}.point`, input.point, POINT_TYPES) };
  });
}

export function resolveSpatial(em: EntityManager, f: SpatialFilter | undefined, argument: string): Promise<SpatialCriteria> {
  return guard(async () => {
    const c: SpatialCriteria = {};
    if (!f) return c;
    if (f.inside) {
      const given = [f.inside.polygon, f.inside.countyCode, f.inside.townshipCode].filter((x) => x !== undefined && x !== null);
      if (given.length !== 1) throw ApiError.badInput(`argument "${argument}.inside": give exactly one of polygon, countyCode or townshipCode`, `${argument}.inside`);
      if (f.inside.polygon) c.insidePolygon = await geometryArgument(em, `${argument}.inside.polygon`, f.inside.polygon, AREA_TYPES);
      if (f.inside.countyCode) {
        await mustExist(em, County, 'County', f.inside.countyCode);
        c.insideCountyCode = f.inside.countyCode;
      }
      if (f.inside.townshipCode) {
        await mustExist(em, Township, 'Township', f.inside.townshipCode);
        c.insideTownshipCode = f.inside.townshipCode;
      }
    }
    if (f.bbox) {
      const b = f.bbox;
      if (!(b.west < b.east) || !(b.south < b.north)) {
        throw ApiError.badInput(`argument "${argument}.bbox": west must be less than east and south less than north`, `${argument}.bbox`);
      }
      c.bbox = { west: b.west, south: b.south, east: b.east, north: b.north };
    }
    if (f.near) c.near = { reference: await resolveReference(em, f.near, `${argument}.near`), radiusMeters: f.near.radiusMeters };
    if (f.intersects) c.intersects = await geometryArgument(em, `${argument}.intersects`, f.intersects, ANY_TYPES);
    return c;
  });
}
