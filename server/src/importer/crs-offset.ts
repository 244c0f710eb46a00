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
 * Areas new to the database are held against their parent's stored outline
 * instead (measureOutline).
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

/** Area (m²) of new areas, and the part of it outside their stored parent (county, prefecture) as they are and converted. */
export interface OutlineSample {
  count: number;
  total: number;
  outside: Record<SourceCrs, number>;
}

/** A share of the area outside the parent below this is where two surveys' edges disagree, not a web-map CRS. */
export const OUTSIDE_SHARE = 0.005;

/** The warning new areas call for, when they stick out of their stored parent and one conversion tucks them in. */
export function outlineWarning(s: OutlineSample, level: 'county' | 'township'): Message | null {
  if (s.count === 0 || s.total <= 0) return null;
  const share = (x: number) => x / s.total;
  const crs = s.outside.gcj02 <= s.outside.bd09 ? 'gcj02' : 'bd09';
  if (share(s.outside.wgs84) < OUTSIDE_SHARE || s.outside[crs] * FIT_RATIO > s.outside.wgs84) return null;
  const percent = (x: number) => (share(x) * 100).toFixed(2);
  return message('warning.crsOutline', {
    crsName: message(crs === 'gcj02' ? 'crs.gcj02' : 'crs.bd09'),
    crs: crs === 'gcj02' ? 'GCJ-02' : 'BD-09',
    flag: crs,
    count: s.count,
    level: message(level === 'county' ? 'level.county' : 'level.township'),
    parentLevel: message(level === 'county' ? 'level.prefecture' : 'level.county'),
    outside: percent(s.outside.wgs84),
    left: percent(s.outside[crs]),
  });
}

/** Collects samples over the batches of one import (counties or townships). */
export class CrsOffsetProbe {
  readonly samples: OffsetSample[] = [];
  /** new areas (no stored boundary of their code) against their parent's stored outline */
  readonly outline: OutlineSample = { count: 0, total: 0, outside: { wgs84: 0, gcj02: 0, bd09: 0 } };
  private level: 'county' | 'township' = 'county';

  /** `areas` with the code of their parent (a county's prefecture, a township's county). */
  async measure(tx: EntityManager, table: 'county' | 'township', areas: ReadonlyArray<IncomingArea & { parent: string }>): Promise<void> {
    this.level = table;
    await this.measureOutline(tx, table === 'county' ? 'prefecture' : 'county', areas);
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

  /**
   * Areas with no stored boundary of their own code (a first import) are held
   * against the stored outline of their parent: shifted, the edge areas stick
   * out of it; converted, they fit. Repaired polygons (ST_MakeValid), so a bad
   * boundary is measured rather than failing the import's transaction.
   */
  private async measureOutline(tx: EntityManager, parentTable: 'prefecture' | 'county', areas: ReadonlyArray<IncomingArea & { parent: string }>): Promise<void> {
    const room = MAX_SAMPLES - this.outline.count;
    if (room <= 0 || areas.length === 0) return;
    const own = this.level;
    const stored = new Set(
      (await tx.execute<Array<{ code: string }>>(`select code from ${own} where code in (select json_array_elements_text(?::json))`, [JSON.stringify(areas.map((a) => a.code))])).map((r) => r.code),
    );
    const fresh = areas.filter((a) => !stored.has(a.code)).slice(0, room);
    if (fresh.length === 0) return;
    const geom = (col: string) => `ST_CollectionExtract(ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON(r.${col}::text), 4326)), 3)`;
    const outside = (g: string) => `ST_Area(ST_Difference(${g}, p.boundary)::geography)`;
    const [r] = await tx.execute<Array<{ n: number; total: number; w: number; g: number; b: number }>>(
      `select count(*)::int as n, sum(ST_Area(x.w::geography)) as total, sum(${outside('x.w')}) as w, sum(${outside('x.g')}) as g, sum(${outside('x.b')}) as b
         from json_to_recordset(?::json) as r(parent text, w json, g json, b json)
         join ${parentTable} p on p.code = r.parent
         cross join lateral (select ${geom('w')} as w, ${geom('g')} as g, ${geom('b')} as b) x`,
      [JSON.stringify(fresh.map((a) => ({ parent: a.parent, w: a.geometry, g: geometryToWgs84(a.geometry, 'gcj02'), b: geometryToWgs84(a.geometry, 'bd09') })))],
    );
    if (!r || Number(r.n) === 0) return;
    this.outline.count += Number(r.n);
    this.outline.total += Number(r.total);
    this.outline.outside.wgs84 += Number(r.w);
    this.outline.outside.gcj02 += Number(r.g);
    this.outline.outside.bd09 += Number(r.b);
  }

  /** The same-code comparison when there was one (the stronger evidence), else the parent's outline. */
  warning(): Message | null {
    return this.samples.length > 0 ? offsetWarning(this.samples) : outlineWarning(this.outline, this.level);
  }
}
