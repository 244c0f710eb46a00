/**
 * The demo region is laid out on a flat plane in kilometres (x east, y north)
 * around a centre in central Inner Mongolia, then mapped to WGS-84 lon/lat by
 * an equirectangular projection. The mapping is affine, so it keeps ring
 * orientation and the exact sharing of vertices between neighbours.
 */
import turfDistance from '@turf/distance';

/** Centre of the fictional league (lon, lat). */
export const CENTRE_LON = 115.6;
export const CENTRE_LAT = 43.9;
const KM_PER_DEG_LAT = 110.574;
const KM_PER_DEG_LON = 111.32 * Math.cos((CENTRE_LAT * Math.PI) / 180);

export type Xy = readonly [number, number];
export type LonLat = [number, number];

/** Decimal places kept in polygon coordinates (0.1 m); see rings.ts. */
export const POLYGON_DECIMALS = 6;
/** Decimal places kept in point coordinates (about 1 m). */
export const POINT_DECIMALS = 5;

export function roundTo(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}

export function toLonLat([x, y]: Xy, decimals: number): LonLat {
  return [
    roundTo(CENTRE_LON + x / KM_PER_DEG_LON, decimals),
    roundTo(CENTRE_LAT + y / KM_PER_DEG_LAT, decimals),
  ];
}

export function toXy([lon, lat]: readonly [number, number]): [number, number] {
  return [(lon - CENTRE_LON) * KM_PER_DEG_LON, (lat - CENTRE_LAT) * KM_PER_DEG_LAT];
}

/** Great-circle distance in kilometres between two lon/lat points. */
export function distanceKm(a: readonly number[], b: readonly number[]): number {
  return turfDistance(a as number[], b as number[], { units: 'kilometers' });
}

export function planeDistance(a: Xy, b: Xy): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1]);
}
