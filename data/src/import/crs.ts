/**
 * The coordinate systems of Chinese web maps, converted to WGS-84.
 * GCJ-02 ("Mars coordinates", AMap, Tencent, Google China) shifts WGS-84 by a
 * published nonlinear offset of a few hundred metres; BD-09 (Baidu) adds a
 * further rotation and offset on top of GCJ-02. The forward formulas are the
 * widely published ones; GCJ-02 → WGS-84 has no closed form, so it inverts
 * the forward offset by fixed-point iteration to about 1e-9 degrees
 * (millimetres), where the one-step approximation many libraries use is off by
 * up to a metre or two.
 */
import type { Geometry } from 'geojson';
import { mapPositions } from './geometry-map.js';

export type SourceCrs = 'wgs84' | 'gcj02' | 'bd09';
export const SOURCE_CRSES: readonly SourceCrs[] = ['wgs84', 'gcj02', 'bd09'];

const A = 6378245.0;
const EE = 0.006693421622965943;
const X_PI = (Math.PI * 3000.0) / 180.0;

/** The offset applies inside China only; outside, GCJ-02 equals WGS-84. */
function outOfChina(lon: number, lat: number): boolean {
  return lon < 72.004 || lon > 137.8347 || lat < 0.8293 || lat > 55.8271;
}

function offsetLat(x: number, y: number): number {
  let r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  r += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  r += ((20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin((y / 3.0) * Math.PI)) * 2.0) / 3.0;
  r += ((160.0 * Math.sin((y / 12.0) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30.0)) * 2.0) / 3.0;
  return r;
}

function offsetLon(x: number, y: number): number {
  let r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  r += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  r += ((20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin((x / 3.0) * Math.PI)) * 2.0) / 3.0;
  r += ((150.0 * Math.sin((x / 12.0) * Math.PI) + 300.0 * Math.sin((x / 30.0) * Math.PI)) * 2.0) / 3.0;
  return r;
}

export function wgs84ToGcj02(lon: number, lat: number): [number, number] {
  if (outOfChina(lon, lat)) return [lon, lat];
  let dLat = offsetLat(lon - 105.0, lat - 35.0);
  let dLon = offsetLon(lon - 105.0, lat - 35.0);
  const radLat = (lat / 180.0) * Math.PI;
  let magic = Math.sin(radLat);
  magic = 1 - EE * magic * magic;
  const sqrtMagic = Math.sqrt(magic);
  dLat = (dLat * 180.0) / (((A * (1 - EE)) / (magic * sqrtMagic)) * Math.PI);
  dLon = (dLon * 180.0) / ((A / sqrtMagic) * Math.cos(radLat) * Math.PI);
  return [lon + dLon, lat + dLat];
}

export function gcj02ToWgs84(lon: number, lat: number): [number, number] {
  if (outOfChina(lon, lat)) return [lon, lat];
  let w: [number, number] = [lon, lat];
  for (let i = 0; i < 30; i++) {
    const g = wgs84ToGcj02(w[0], w[1]);
    const dLon = g[0] - lon;
    const dLat = g[1] - lat;
    w = [w[0] - dLon, w[1] - dLat];
    if (Math.abs(dLon) < 1e-10 && Math.abs(dLat) < 1e-10) break;
  }
  return w;
}

export function bd09ToGcj02(lon: number, lat: number): [number, number] {
  const x = lon - 0.0065;
  const y = lat - 0.006;
  const z = Math.sqrt(x * x + y * y) - 0.00002 * Math.sin(y * X_PI);
  const theta = Math.atan2(y, x) - 0.000003 * Math.cos(x * X_PI);
  return [z * Math.cos(theta), z * Math.sin(theta)];
}

export function gcj02ToBd09(lon: number, lat: number): [number, number] {
  const z = Math.sqrt(lon * lon + lat * lat) + 0.00002 * Math.sin(lat * X_PI);
  const theta = Math.atan2(lat, lon) + 0.000003 * Math.cos(lon * X_PI);
  return [z * Math.cos(theta) + 0.0065, z * Math.sin(theta) + 0.006];
}

export function toWgs84(lon: number, lat: number, from: SourceCrs): [number, number] {
  switch (from) {
    case 'wgs84':
      return [lon, lat];
    case 'gcj02':
      return gcj02ToWgs84(lon, lat);
    case 'bd09': {
      const g = bd09ToGcj02(lon, lat);
      return gcj02ToWgs84(g[0], g[1]);
    }
  }
}

/** The geometry in WGS-84; extra ordinates (height) are kept as they are. */
export function geometryToWgs84(g: Geometry, from: SourceCrs): Geometry {
  if (from === 'wgs84') return g;
  return mapPositions(g, ([lon, lat, ...rest]) => [...toWgs84(lon!, lat!, from), ...rest]);
}
