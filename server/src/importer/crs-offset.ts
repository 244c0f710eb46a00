/**
 * Coordinates from Chinese web maps are in GCJ-02 (AMap, Tencent, DataV) or
 * BD-09 (Baidu), a few hundred metres off WGS-84; imported without --crs they
 * land shifted and nothing else notices. This probe compares incoming
 * boundaries with the boundaries already stored under the same code: the
 * centroid of each stored area against the centroid of the incoming boundary
 * taken as it is, as GCJ-02 and as BD-09 (converted to WGS-84). When the
 * incoming areas sit hundreds of metres off and one conversion brings them
 * back, the report says so, with the measured offsets (medians over at most
 * MAX_SAMPLES areas, so a national file pays for a few hundred conversions).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Geometry } from 'geojson';
import { geometryToWgs84, message, type Message, type SourceCrs } from '@lingyan/data';

/** An incoming area: its code and its boundary as read (taken as WGS-84). */
export interface IncomingArea {
  code: string;
  geometry: Geometry;
}

/** Distances (m) from a stored area's centroid to the incoming one, read three ways. */
export interface OffsetSample {
  asIs: number;
  gcj02: number;
  bd09: number;
}

/** Offsets below this are survey differences between sources, not a web-map CRS. */
export const SHIFT_METRES = 100;
/** A conversion must bring the areas at least this many times closer to count as the explanation. */
const FIT_RATIO = 3;
/** Areas compared at most per import: enough for a median, cheap on a national file. */
const MAX_SAMPLES = 200;

const EARTH_RADIUS = 6371008.8;

/** Great-circle distance in metres between two lon/lat points. */
export function metresBetween(a: readonly number[], b: readonly number[]): number {
  const rad = Math.PI / 180;
  const dLat = (b[1]! - a[1]!) * rad;
  const dLon = (b[0]! - a[0]!) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1]! * rad) * Math.cos(b[1]! * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The sample of one area: the stored centroid against the incoming boundary's centroid as it is, and after each conversion. */
export function offsetSample(stored: readonly number[], centroids: Readonly<Record<SourceCrs, readonly number[]>>): OffsetSample {
  return { asIs: metresBetween(stored, centroids.wgs84), gcj02: metresBetween(stored, centroids.gcj02), bd09: metresBetween(stored, centroids.bd09) };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** The warning the samples call for, or null when the incoming areas sit where the stored ones do (or nothing was compared). */
export function offsetWarning(samples: readonly OffsetSample[]): Message | null {
  if (samples.length === 0) return null;
  const asIs = median(samples.map((s) => s.asIs));
  const converted = { gcj02: median(samples.map((s) => s.gcj02)), bd09: median(samples.map((s) => s.bd09)) };
  const crs = converted.gcj02 <= converted.bd09 ? 'gcj02' : 'bd09';
  if (asIs < SHIFT_METRES || converted[crs] * FIT_RATIO > asIs) return null;
  return message('warning.crsShift', {
    crsName: message(crs === 'gcj02' ? 'crs.gcj02' : 'crs.bd09'),
    crs: crs === 'gcj02' ? 'GCJ-02' : 'BD-09',
    flag: crs,
    count: samples.length,
    offset: Math.round(asIs),
    left: Math.round(converted[crs]),
  });
}

/** Collects samples over the batches of one import (counties or townships). */
export class CrsOffsetProbe {
  readonly samples: OffsetSample[] = [];

  async measure(tx: EntityManager, table: 'county' | 'township', areas: readonly IncomingArea[]): Promise<void> {
    const room = MAX_SAMPLES - this.samples.length;
    if (room <= 0 || areas.length === 0) return;
    // Codes first: a new region has no stored areas, and its polygons need not travel twice.
    const stored = new Set(
      (await tx.execute<Array<{ code: string }>>(`select code from ${table} where code in (select json_array_elements_text(?::json))`, [JSON.stringify(areas.map((a) => a.code))])).map((r) => r.code),
    );
    const matched = areas.filter((a) => stored.has(a.code)).slice(0, room);
    if (matched.length === 0) return;
    // Whole boundaries converted, not their centroids: the web-map offset swings by tens of metres across a
    // county, so only the converted polygon's centroid comes back onto the stored one.
    const rows = await tx.execute<Array<Record<'sx' | 'sy' | 'wx' | 'wy' | 'gx' | 'gy' | 'bx' | 'by', number>>>(
      `select ST_X(s.c) as sx, ST_Y(s.c) as sy, ST_X(w.c) as wx, ST_Y(w.c) as wy, ST_X(g.c) as gx, ST_Y(g.c) as gy, ST_X(b.c) as bx, ST_Y(b.c) as by
         from json_to_recordset(?::json) as r(code text, w json, g json, b json)
         join ${table} t on t.code = r.code
         cross join lateral (select ST_Centroid(t.boundary) as c) s
         cross join lateral (select ST_Centroid(ST_GeomFromGeoJSON(r.w::text)) as c) w
         cross join lateral (select ST_Centroid(ST_GeomFromGeoJSON(r.g::text)) as c) g
         cross join lateral (select ST_Centroid(ST_GeomFromGeoJSON(r.b::text)) as c) b`,
      [JSON.stringify(matched.map((a) => ({ code: a.code, w: a.geometry, g: geometryToWgs84(a.geometry, 'gcj02'), b: geometryToWgs84(a.geometry, 'bd09') })))],
    );
    const xy = (x: number, y: number) => [Number(x), Number(y)];
    for (const r of rows) this.samples.push(offsetSample(xy(r.sx, r.sy), { wgs84: xy(r.wx, r.wy), gcj02: xy(r.gx, r.gy), bd09: xy(r.bx, r.by) }));
  }

  warning(): Message | null {
    return offsetWarning(this.samples);
  }
}
