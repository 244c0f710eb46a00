/**
 * Boundaries as data officers find them: GeoJSON from web maps (the code in
 * the Feature's `id`, or a 6-digit `adcode`), coordinates in GCJ-02 or BD-09
 * given without --crs, and invalid polygons named by their area. Every run
 * here is a dry run of the demo region's own counties, so the shared database
 * is left as it was (checked at the end).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { MikroORM, EntityManager } from '@mikro-orm/postgresql';
import type { Feature, MultiPolygon, Position } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { counties, formatMessage, gcj02ToBd09, wgs84ToGcj02 } from '@lingyan/data';
import { mapPositions } from '../../data/src/import/geometry-map.js';
import { readGeoJson } from '../../data/src/import/readers/geojson.js';
import { runImport, type ImportOptions } from '../../server/src/importer/run-import.js';
import { metresBetween } from '../../server/src/importer/crs-offset.js';
import { problemLine } from '../../server/src/importer/report.js';
import { fingerprint, sql, testOrm } from '../support/db.js';
import { REPO } from '../support/process.js';

type County = Feature<MultiPolygon, { code: string; name: string }>;

const demo: County[] = JSON.parse(readFileSync(path.join(REPO, 'data/demo/counties.geojson'), 'utf8')).features;
const dir = mkdtempSync(path.join(tmpdir(), 'lingyan-boundaries-'));
let orm: MikroORM;

function file(name: string, features: object[]): string {
  const out = path.join(dir, name);
  writeFileSync(out, JSON.stringify({ type: 'FeatureCollection', features }));
  return out;
}

function dryRun(f: string, more: Partial<ImportOptions> = {}) {
  return runImport(orm.em as unknown as EntityManager, {
    file: f, kind: 'counties', dryRun: true, skipInvalid: false, repair: false, crs: 'wgs84', encoding: null, overrides: {}, prefectureName: null, ...more,
  });
}

const shifted = (c: County, to: (lon: number, lat: number) => [number, number]) =>
  mapPositions(c.geometry, ([lon, lat]) => to(lon!, lat!)) as MultiPolygon;
const toBd09 = (lon: number, lat: number) => gcj02ToBd09(...wgs84ToGcj02(lon, lat));

const state = () => fingerprint(['select * from prefecture', 'select * from county', 'select count(*) from audit_entry']);
let before: string;

beforeAll(async () => {
  orm = await testOrm();
  before = await state();
});
afterAll(async () => {
  expect(await state()).toBe(before);
  await orm?.close(true);
});

describe('web-map GeoJSON: the division code from the Feature id or adcode', () => {
  it('reads the code from the Feature id (12 digits, or 6 as a number) and names a bad id in the report', async () => {
    const features = demo.map((c, i) => ({ type: 'Feature', id: i % 2 ? c.properties.code : Number(c.properties.code.slice(0, 6)), properties: { name: c.properties.name }, geometry: c.geometry }));
    const ok = await dryRun(file('ids.geojson', features));
    expect(ok.problems).toEqual([]);
    // Every code matched a stored county with the same name and boundary: nothing would change.
    expect(ok.summary).toMatchObject({ read: demo.length, rejectedRows: 0, inserted: 0, updated: 0, dryRun: true, written: false });

    // A village's code in the id of a county: refused, and the line names the id as the column read.
    const bad = await dryRun(file('bad-id.geojson', [{ ...features[0], id: '159901101201' }, features[1]!]));
    expect(bad.problems.map((p) => [p.row, p.field, p.code])).toEqual([[1, 'id', 'code.notCounty']]);
    expect(bad.report).toContain(problemLine(bad.unit, bad.problems[0]!));
  });

  it('reads a 6-digit numeric adcode (DataV) and pads it to 12 digits', async () => {
    const features = demo.map((c) => ({
      type: 'Feature',
      properties: { adcode: Number(c.properties.code.slice(0, 6)), name: c.properties.name, level: 'district', parent: { adcode: 159900 } },
      geometry: c.geometry,
    }));
    features[2]!.properties.name = `${demo[2]!.properties.name}（新）`;
    const r = await dryRun(file('datav.geojson', features));
    expect(r.problems).toEqual([]);
    // Only the renamed county would change: the other codes match the stored ones exactly.
    expect(r.summary).toMatchObject({ read: demo.length, rejectedRows: 0, inserted: 0, updated: 1 });
  });

  it('a property named id, written by a person, wins over the Feature id', async () => {
    const [row] = await collect(file('own-id.geojson', [{ type: 'Feature', id: 'f-1', properties: { id: '159901', name: '布日浩特区' }, geometry: demo[0]!.geometry }]));
    expect(row!.fields).toEqual({ id: '159901', name: '布日浩特区' });
  });
});

describe('web-map coordinates without --crs', () => {
  it('warns with the measured offset when the counties come in GCJ-02, and the report says so', async () => {
    const r = await dryRun(file('gcj02.geojson', demo.map((c) => ({ ...c, geometry: shifted(c, wgs84ToGcj02) }))));
    expect(r.warnings).toHaveLength(1);
    const text = formatMessage(r.warnings[0]!);
    const [, off, left] = /与库中已有的 11 个同代码边界相比，整体偏移约 (\d+) 米；按 GCJ-02 换算后只差约 (\d+) 米。请核实来源后加 --crs gcj02 重新导入/.exec(text) ?? [];
    // The published offset in Inner Mongolia is a few hundred metres; converted back, the centroids meet.
    expect(Number(off)).toBeGreaterThan(200);
    expect(Number(off)).toBeLessThan(1000);
    expect(Number(left)).toBeLessThanOrEqual(2);
    expect(r.report).toContain(`提醒（1）：\n- ${text}\n`);
  });

  it('names BD-09 when Baidu coordinates fit better', async () => {
    const r = await dryRun(file('bd09.geojson', demo.map((c) => ({ ...c, geometry: shifted(c, toBd09) }))));
    expect(r.warnings.map((w) => formatMessage(w))).toEqual([expect.stringMatching(/^坐标疑似 BD-09（百度地图坐标），而不是 WGS-84：.*整体偏移约 \d+ 米；按 BD-09 换算后只差约 [0-2] 米。请核实来源后加 --crs bd09 重新导入/)]);
  });

  it('stays quiet for WGS-84 boundaries, and when --crs was given', async () => {
    expect((await dryRun(file('wgs84.geojson', demo))).warnings).toEqual([]);
    expect((await dryRun(file('gcj02-stated.geojson', demo.map((c) => ({ ...c, geometry: shifted(c, wgs84ToGcj02) }))), { crs: 'gcj02', crsStated: true })).warnings).toEqual([]);
  });

  it('--crs gcj02 brings every vertex back to within a few metres of the original', async () => {
    const rows = await collect(file('gcj02-back.geojson', demo.map((c) => ({ ...c, geometry: shifted(c, wgs84ToGcj02) }))));
    let worst = 0;
    rows.forEach((row, i) => {
      const b = counties.build(row, { crs: 'gcj02', overrides: {} });
      expect(b.problems).toEqual([]);
      const original = demo[i]!.geometry.coordinates.flat(2);
      b.record!.boundary.coordinates.flat(2).forEach((p: Position, j) => (worst = Math.max(worst, metresBetween(p, original[j]!))));
    });
    expect(worst).toBeLessThan(3);
  });
});

describe('web-map coordinates of areas new to the database, held against their county', () => {
  type Township = Feature<MultiPolygon, { code: string; name: string }>;
  const townships: Township[] = JSON.parse(readFileSync(path.join(REPO, 'data/demo/townships.geojson'), 'utf8')).features;
  // The demo townships of one county under codes the database lacks (9xx): a first import of them.
  const fresh = (to?: (lon: number, lat: number) => [number, number]) =>
    townships
      .filter((t) => t.properties.code.startsWith('159901'))
      .map((t, i) => ({ type: 'Feature', properties: { code: `159901${900 + i}000`, name: `新${t.properties.name}` }, geometry: to ? shifted(t as County, to) : t.geometry }));
  const townshipRun = (f: string) => dryRun(f, { kind: 'townships' });

  it('warns when they stick out of the county as they are and fit once converted from GCJ-02', async () => {
    const r = await townshipRun(file('new-townships-gcj02.geojson', fresh(wgs84ToGcj02)));
    // Edge townships stick out by more than the sliver allowed and are refused; the warning says why.
    expect(r.problems.length).toBeGreaterThan(0);
    expect(new Set(r.problems.map((p) => p.code))).toEqual(new Set(['township.outsideCounty']));
    expect(r.warnings.map((w) => w.code)).toEqual(['warning.crsOutline']);
    expect(r.report).toContain(formatMessage(r.warnings[0]!));
    const [, outside, left] = /按原样，这 5 个苏木乡镇有 ([\d.]+) % 的面积落在库中所属旗县的边界之外；按 GCJ-02 换算后只有 ([\d.]+) %。请核实来源后加 --crs gcj02 重新导入/.exec(formatMessage(r.warnings[0]!)) ?? [];
    expect(Number(outside)).toBeGreaterThan(0.5);
    expect(Number(left)).toBeLessThan(0.01);
  });

  it('stays quiet when they fit as they are', async () => {
    expect((await townshipRun(file('new-townships.geojson', fresh()))).warnings).toEqual([]);
  });
});

describe('invalid polygons named by their area, repaired on request with the area change', () => {
  // A stretch of twelve vertices run backwards: the ring crosses itself at both ends of it.
  const crossed = (c: County): MultiPolygon => {
    const ring = c.geometry.coordinates[0]![0]!.map((p) => [...p]);
    ring.splice(10, 12, ...ring.slice(10, 22).reverse());
    return { type: 'MultiPolygon', coordinates: [[ring, ...c.geometry.coordinates[0]!.slice(1)], ...c.geometry.coordinates.slice(1)] };
  };
  const features = () => demo.slice(0, 3).map((c, i) => ({ ...c, geometry: i === 1 ? crossed(c) : c.geometry }));

  it('refuses the crossed boundary, naming the county and its code', async () => {
    const r = await dryRun(file('crossed.geojson', features()));
    expect(r.problems.map((p) => [p.row, p.field, p.area, p.reason])).toEqual([
      [2, 'boundary', { code: '159902000000', name: '伊和图旗' }, expect.stringMatching(/^边界不是有效多边形（Self-intersection\[[\d.]+ [\d.]+\]）；加 --repair 可用 ST_MakeValid 修复，报告会列出面积变化$/)],
    ]);
    // The report's line names the county, not only "feature 2".
    expect(problemLine(r.unit, r.problems[0]!)).toContain('伊和图旗 159902000000');
    expect(r.report).toContain(problemLine(r.unit, r.problems[0]!));
  });

  it('--repair mends it and reports the area before and after, in m² and %', async () => {
    const r = await dryRun(file('crossed.geojson', features()), { repair: true });
    expect(r.problems).toEqual([]);
    expect(r.repaired).toHaveLength(1);
    const m = /^边界已用 ST_MakeValid 修复（原问题：Self-intersection\[[\d.]+ [\d.]+\]）；面积 ([\d,]+) m² → ([\d,]+) m²（([+−±])([\d,]+) m²，[+−±]([\d.]+) %）$/.exec(r.repaired[0]!.reason);
    expect(m, r.repaired[0]!.reason).not.toBeNull();
    const [drawn, mended, , delta, share] = [m![1], m![2], m![3], m![4], m![5]].map((x) => Number(x!.replace(/,/g, '')));
    const [stored] = await sql<{ area: number }>(`select ST_Area(boundary::geography) as area from county where code = '159902000000'`);
    // A county of thousands of km²: the swap and its repair move a sliver, well under 1 %.
    expect(Math.abs(drawn! - stored!.area) / stored!.area).toBeLessThan(0.01);
    expect(Math.abs(mended! - stored!.area) / stored!.area).toBeLessThan(0.01);
    expect(delta).toBe(Math.abs(mended! - drawn!));
    expect(share).toBeCloseTo((Math.abs(mended! - drawn!) / drawn!) * 100, 2);
    expect(r.repaired[0]!.area).toEqual({ code: '159902000000', name: '伊和图旗' });
    expect(r.report).toContain(problemLine(r.unit, r.repaired[0]!));
    expect(formatMessage({ code: r.repaired[0]!.code!, params: r.repaired[0]!.params }, 'en')).toMatch(/^repaired with ST_MakeValid \(was: Self-intersection.*\); area [\d,]+ m² → [\d,]+ m² \([+−±][\d,]+ m², [+−±][\d.]+ %\)$/);
  });
});

async function collect(f: string) {
  const source = readGeoJson(f);
  const rows = [];
  for await (const row of source.rows) rows.push(row);
  await source.close();
  return rows;
}
