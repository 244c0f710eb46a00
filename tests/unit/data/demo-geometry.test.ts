import turfArea from '@turf/area';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import booleanValid from '@turf/boolean-valid';
import kinks from '@turf/kinks';
import type { MultiPolygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { countyByCode, demo, townshipByCode, villageByCode } from './demo-dataset.js';

const polygons = (): Array<[string, MultiPolygon]> => [
  [demo.prefecture.code, demo.prefecture.boundary],
  ...demo.counties.map((c): [string, MultiPolygon] => [c.code, c.boundary]),
  ...demo.townships.map((t): [string, MultiPolygon] => [t.code, t.boundary]),
];

/** Twice the signed area of a ring in lon/lat (positive: counter-clockwise). */
function signedArea(ring: Position[]): number {
  let s = 0;
  for (let i = 0; i + 1 < ring.length; i++) s += ring[i]![0]! * ring[i + 1]![1]! - ring[i + 1]![0]! * ring[i]![1]!;
  return s;
}

describe('demo region: scale and codes', () => {
  it('has a league of 9–12 counties, ~90 townships, ~850 villages', () => {
    expect(demo.counties.length).toBeGreaterThanOrEqual(9);
    expect(demo.counties.length).toBeLessThanOrEqual(12);
    expect(demo.townships.length).toBeGreaterThanOrEqual(80);
    expect(demo.townships.length).toBeLessThanOrEqual(100);
    expect(demo.villages.length).toBeGreaterThanOrEqual(800);
    expect(demo.villages.length).toBeLessThanOrEqual(900);
    expect(demo.villageYears.length).toBe(demo.villages.length * 10);
  });

  it('nests codes: county 6 digits, township 9, village 12, each under its parent', () => {
    expect(demo.prefecture.code).toMatch(/^\d{4}0{8}$/);
    for (const c of demo.counties) {
      expect(c.code).toMatch(/^\d{6}0{6}$/);
      expect(c.code.slice(0, 4)).toBe(demo.prefecture.code.slice(0, 4));
      expect(c.prefectureCode).toBe(demo.prefecture.code);
    }
    for (const t of demo.townships) {
      expect(t.code).toMatch(/^\d{9}000$/);
      expect(countyByCode.has(t.countyCode)).toBe(true);
      expect(t.code.slice(0, 6)).toBe(t.countyCode.slice(0, 6));
    }
    for (const v of demo.villages) {
      expect(v.code).toMatch(/^\d{12}$/);
      expect(townshipByCode.has(v.townshipCode)).toBe(true);
      expect(v.code.slice(0, 9)).toBe(v.townshipCode.slice(0, 9));
    }
    const all = [...demo.counties, ...demo.townships, ...demo.villages].map((r) => r.code);
    expect(new Set(all).size).toBe(all.length);
  });

  it('names units by kind (旗/县/区, 苏木/镇/乡, 嘎查/村) with an English name', () => {
    const suffix = { BANNER: '旗', COUNTY: '县', DISTRICT: '区', SUMU: '苏木', TOWN: '镇', TOWNSHIP: '乡', GACHA: '嘎查', VILLAGE: '村' };
    for (const r of [...demo.counties, ...demo.townships, ...demo.villages]) {
      expect(r.name.endsWith(suffix[r.kind])).toBe(true);
      expect(r.nameEn).toMatch(/^[A-Z][A-Za-z' ]+$/);
    }
    expect(new Set(demo.counties.map((c) => c.kind))).toEqual(new Set(['BANNER', 'COUNTY', 'DISTRICT']));
    expect(new Set(demo.townships.map((t) => t.kind))).toEqual(new Set(['SUMU', 'TOWN', 'TOWNSHIP']));
    expect(new Set(demo.villages.map((v) => v.name)).size).toBe(demo.villages.length);
  });
});

describe('demo region: geometry', () => {
  it('lies in Inner Mongolia, about 400 km by 350 km', () => {
    const ring = demo.prefecture.boundary.coordinates[0]![0]!;
    const lons = ring.map((p) => p[0]!);
    const lats = ring.map((p) => p[1]!);
    expect(Math.min(...lons)).toBeGreaterThan(111);
    expect(Math.max(...lons)).toBeLessThan(120);
    expect(Math.min(...lats)).toBeGreaterThan(41.5);
    expect(Math.max(...lats)).toBeLessThan(46);
    const widthKm = (Math.max(...lons) - Math.min(...lons)) * 111.32 * Math.cos((44 * Math.PI) / 180);
    const heightKm = (Math.max(...lats) - Math.min(...lats)) * 110.57;
    expect(widthKm).toBeGreaterThan(330);
    expect(widthKm).toBeLessThan(480);
    expect(heightKm).toBeGreaterThan(280);
    expect(heightKm).toBeLessThan(420);
    expect(ring.length).toBeGreaterThan(100);
  });

  it('has valid polygons: closed rings, counter-clockwise outer rings, no self-intersection', () => {
    for (const [code, mp] of polygons()) {
      expect(mp.type).toBe('MultiPolygon');
      for (const polygon of mp.coordinates) {
        polygon.forEach((ring, k) => {
          expect(ring.length, code).toBeGreaterThanOrEqual(4);
          expect(ring[0], code).toEqual(ring[ring.length - 1]);
          expect(Math.sign(signedArea(ring)), code).toBe(k === 0 ? 1 : -1);
        });
      }
      expect(kinks(mp).features, code).toHaveLength(0);
      expect(booleanValid(mp), code).toBe(true);
    }
  });

  it('puts every village strictly inside its township', () => {
    for (const v of demo.villages) {
      const township = townshipByCode.get(v.townshipCode)!;
      expect(booleanPointInPolygon(v.location, township.boundary, { ignoreBoundary: true }), v.code).toBe(true);
    }
  });

  it('puts every township inside its county (every vertex in or on the county)', () => {
    for (const t of demo.townships) {
      const county = countyByCode.get(t.countyCode)!.boundary;
      for (const p of t.boundary.coordinates[0]![0]!) expect(booleanPointInPolygon(p, county), t.code).toBe(true);
    }
  });

  it('puts every county inside the league (every vertex in or on the outline)', () => {
    for (const c of demo.counties) {
      for (const p of c.boundary.coordinates[0]![0]!) expect(booleanPointInPolygon(p, demo.prefecture.boundary), c.code).toBe(true);
    }
  });

  it('covers each county exactly with its townships, and the league with its counties', () => {
    for (const c of demo.counties) {
      const sum = demo.townships.filter((t) => t.countyCode === c.code).reduce((s, t) => s + turfArea(t.boundary), 0);
      expect(Math.abs(sum / turfArea(c.boundary) - 1), c.code).toBeLessThan(0.001);
    }
    const counties = demo.counties.reduce((s, c) => s + turfArea(c.boundary), 0);
    expect(Math.abs(counties / turfArea(demo.prefecture.boundary) - 1)).toBeLessThan(0.001);
  });

  it('lets neighbouring townships share their borders vertex for vertex', () => {
    // every boundary segment of a township is used once more, reversed, by a
    // neighbour, or else lies on its county's outline
    const segments = new Map<string, number>();
    const key = (a: Position, b: Position): string => `${a[0]},${a[1]}>${b[0]},${b[1]}`;
    for (const t of demo.townships) {
      const ring = t.boundary.coordinates[0]![0]!;
      for (let i = 0; i + 1 < ring.length; i++) segments.set(key(ring[i]!, ring[i + 1]!), 1);
    }
    const outline = new Set<string>();
    for (const c of demo.counties) {
      const ring = c.boundary.coordinates[0]![0]!;
      for (let i = 0; i + 1 < ring.length; i++) outline.add(key(ring[i]!, ring[i + 1]!));
    }
    let shared = 0;
    for (const seg of segments.keys()) {
      const [a, b] = seg.split('>');
      if (segments.has(`${b}>${a}`)) shared++;
      else expect(outline.has(seg), seg).toBe(true);
    }
    expect(shared).toBeGreaterThan(1000);
  });

  it('places industry projects inside their village’s township, near the village', () => {
    for (const p of demo.industryProjects) {
      const village = villageByCode.get(p.villageCode)!;
      const township = townshipByCode.get(village.townshipCode)!;
      expect(booleanPointInPolygon(p.location, township.boundary, { ignoreBoundary: true }), String(p.id)).toBe(true);
      const [x0, y0] = village.location.coordinates as [number, number];
      const [x1, y1] = p.location.coordinates as [number, number];
      expect(Math.hypot((x1 - x0) * 80, (y1 - y0) * 111), String(p.id)).toBeLessThan(3);
    }
  });
});
