/**
 * Tile addresses and the numbers both tile engines share. Pure: no
 * database, no HTTP, so a unit test covers every rule.
 */

/** Units across a tile (the MVT default; what MapLibre expects). */
export const EXTENT = 4096;
/**
 * Units kept beyond each tile edge, so lines and polygons do not end at the
 * edge and circles near it are not cut (geojson-vt's default; a village
 * circle at 20 px is ~160 units on a 512 px tile, but its point lies in one
 * tile and MapLibre draws it across the edge).
 */
export const BUFFER = 64;
/** Deepest zoom served; MapLibre overzooms beyond its source's maxzoom, so deeper tiles would add nothing. */
export const MAX_ZOOM = 22;
/**
 * Simplification tolerance in tile units: geojson-vt's default of 3/4096 of
 * a tile, under half a pixel on MapLibre's 512 px tiles. Both engines use it,
 * so their polygons lose the same detail.
 */
export const TOLERANCE_UNITS = 3;

/** Width of the Web Mercator (EPSG:3857) world in metres. */
const WORLD_METERS = 2 * 20037508.342789244;

/** The simplification tolerance at zoom z in EPSG:3857 metres. */
export function toleranceMeters(z: number): number {
  return (TOLERANCE_UNITS * WORLD_METERS) / (EXTENT * 2 ** z);
}

/** Latitude (degrees) of the top edge of tile row y at zoom z. */
function rowLatitude(z: number, y: number): number {
  const n = Math.PI - (2 * Math.PI * y) / 2 ** z;
  return (Math.atan(Math.sinh(n)) * 180) / Math.PI;
}

/**
 * Degrees of longitude that `meters` (east-west) span at worst inside the
 * tile (its latitude farthest from the equator); a bounding-box margin for
 * things that reach `meters` beyond their points.
 */
export function metersToDegreesInTile(meters: number, z: number, y: number): number {
  const worst = Math.min(85, Math.max(Math.abs(rowLatitude(z, y)), Math.abs(rowLatitude(z, y + 1))));
  // 111,320 m per degree at the equator on the sphere; the ellipsoid's degree is a little longer, so this errs wide.
  return meters / (111_320 * Math.cos((worst * Math.PI) / 180));
}

/** The tile of zoom `z` (web mercator, XYZ) that contains the point; latitudes beyond ±85.0511° fall in the edge rows. */
export function tileContaining(lon: number, lat: number, z: number): { z: number; x: number; y: number } {
  const n = 2 ** z;
  const clamp = (v: number) => Math.min(n - 1, Math.max(0, Math.floor(v)));
  const phi = (Math.max(-85.0511, Math.min(85.0511, lat)) * Math.PI) / 180;
  return { z, x: clamp(((lon + 180) / 360) * n), y: clamp(((1 - Math.log(Math.tan(phi) + 1 / Math.cos(phi)) / Math.PI) / 2) * n) };
}

export interface TileAddress {
  layer: string;
  z: number;
  x: number;
  y: number;
}

/** A request for a tile that cannot be served; `part` names what is wrong (layer, z, x, y, year, path). */
export class TileRequestError extends Error {
  override name = 'TileRequestError';
  constructor(
    readonly part: string,
    message: string,
  ) {
    super(message);
  }
}

const FORM = '/tiles/{layer}/{z}/{x}/{y}.mvt';
const WHOLE = /^\d{1,8}$/;

/**
 * `/{layer}/{z}/{x}/{y}.mvt` (the path under /tiles) to a tile address,
 * checked against the layers served and the zoom's tile range.
 */
export function parseTilePath(path: string, layers: readonly string[]): TileAddress {
  const parts = path.replace(/^\//, '').split('/');
  if (parts.length !== 4) throw new TileRequestError('path', `a tile's address is ${FORM}, e.g. /tiles/villages/8/210/95.mvt`);
  const [layer, zText, xText, file] = parts as [string, string, string, string];
  if (!layers.includes(layer)) throw new TileRequestError('layer', `layer (in ${FORM}) must be one of ${layers.join(', ')}`);
  if (!file.endsWith('.mvt')) throw new TileRequestError('path', `a tile's address ends in .mvt (${FORM})`);
  const yText = file.slice(0, -'.mvt'.length);
  if (!WHOLE.test(zText) || Number(zText) > MAX_ZOOM) throw new TileRequestError('z', `z (in ${FORM}) must be a whole number from 0 to ${MAX_ZOOM}`);
  const z = Number(zText);
  const last = 2 ** z - 1;
  const coordinate = (name: 'x' | 'y', text: string): number => {
    if (!WHOLE.test(text) || Number(text) > last) throw new TileRequestError(name, `${name} (in ${FORM}) must be a whole number from 0 to ${last} at z = ${z}`);
    return Number(text);
  };
  return { layer, z, x: coordinate('x', xText), y: coordinate('y', yText) };
}

export const FIRST_YEAR = 2000;
export const LAST_YEAR = 2100;

/** `?year=` (absent: null, the latest year with figures); the range of the database's own check on figures. */
export function parseYear(raw: unknown): number | null {
  if (raw === undefined) return null;
  if (typeof raw !== 'string' || !/^\d{4}$/.test(raw) || Number(raw) < FIRST_YEAR || Number(raw) > LAST_YEAR) {
    throw new TileRequestError('year', `year (?year=) must be a whole year from ${FIRST_YEAR} to ${LAST_YEAR}, given once`);
  }
  return Number(raw);
}
