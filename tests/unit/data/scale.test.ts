/**
 * pnpm data:generate --scale province|national: deterministic, the real
 * division codes in their hierarchy, boxes nested county ⊃ township ⊃ village
 * point, the counts each scale promises, and files the importer's readers,
 * record builders and pure rules accept without a single problem. Pure: the
 * database checks (ST_IsValid, inside the county) are exercised by importing
 * the files; here turf checks the geometry.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import turfArea from '@turf/area';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import booleanValid from '@turf/boolean-valid';
import type { Feature, FeatureCollection, MultiPolygon, Point } from 'geojson';
import { afterAll, describe, expect, it } from 'vitest';
import {
  DuplicateKeys,
  KIND_SPECS,
  openSource,
  planScale,
  readDivisions,
  SCALE_FILES,
  writeScale,
  type RowProblem,
  type ScaleOptions,
} from '@lingyan/data';
import { countiesWriter } from '../../../server/src/importer/kinds/counties.js';
import { figuresWriter } from '../../../server/src/importer/kinds/figures.js';
import { townshipsWriter } from '../../../server/src/importer/kinds/townships.js';
import { villagesWriter } from '../../../server/src/importer/kinds/villages.js';
import type { KindWriter } from '../../../server/src/importer/writer.js';

const temp = mkdtempSync(join(tmpdir(), 'lingyan-scale-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** Ningxia: 22 counties, ~240 townships; 3,000 villages keep it quick. */
const SMALL: ScaleOptions = { scale: 'province', province: '64', seed: 7, villages: 3000 };

function generate(name: string, options: ScaleOptions) {
  const dir = join(temp, name);
  const summary = writeScale(dir, options);
  return { dir, summary };
}

const hashOf = (dir: string) => {
  const h = createHash('sha256');
  for (const [file] of SCALE_FILES) h.update(readFileSync(join(dir, file)));
  return h.digest('hex');
};

const collection = <G extends MultiPolygon | Point>(dir: string, file: string) =>
  (JSON.parse(readFileSync(join(dir, file), 'utf8')) as FeatureCollection<G, Record<string, unknown>>).features;

const small = generate('small', SMALL);

describe('data:generate --scale province|national', () => {
  it('is deterministic: the same seed writes the same bytes, another seed other villages', () => {
    const again = generate('again', SMALL);
    expect(hashOf(again.dir)).toBe(hashOf(small.dir));
    const other = generate('other', { ...SMALL, seed: 8 });
    const names = (dir: string) => collection<Point>(dir, 'villages.geojson').slice(0, 50).map((f) => f.properties.name);
    expect(names(other.dir)).not.toEqual(names(small.dir));
    // the first rows, as a reviewer would see them
    const head = readFileSync(join(small.dir, 'village-years.csv'), 'utf8').split('\n').slice(0, 3);
    expect(head[0]).toBe('villageCode,year,households,ruralPopulation,poorHouseholds,poorPopulation,collectiveIncome,partyMembers,memberPairings,secretaryIsDirector,softLax,branchRating');
    expect(head[1]).toMatch(/^640104\d{3}201,2016,\d+,\d+,\d+,\d+,[\d.]+,\d+,\d+,(true|false),(true|false),(ADVANCED|MIDDLE|LAGGING)$/);
    expect(readFileSync(join(again.dir, 'village-years.csv'), 'utf8').split('\n').slice(0, 3)).toEqual(head);
  });

  it('counts what the summary says, and what planScale predicts', () => {
    const counties = collection<MultiPolygon>(small.dir, 'counties.geojson');
    const townships = collection<MultiPolygon>(small.dir, 'townships.geojson');
    const villages = collection<Point>(small.dir, 'villages.geojson');
    const figureRows = readFileSync(join(small.dir, 'village-years.csv'), 'utf8').trimEnd().split('\n').length - 1;
    expect([counties.length, townships.length, villages.length, figureRows]).toEqual([
      small.summary.counties, small.summary.townships, small.summary.villages, small.summary.figures,
    ]);
    const { files: _files, ...counted } = small.summary;
    expect(planScale(SMALL)).toEqual(counted);
    expect(small.summary.figures).toBe(small.summary.villages * 10);
    expect(small.summary.villages).toBeGreaterThan(2700);
    expect(small.summary.villages).toBeLessThan(3300);
  });

  it('has the counts each scale promises', () => {
    const national = planScale({ scale: 'national', seed: 20161 });
    expect(national.counties).toBeGreaterThanOrEqual(2850);
    expect(national.counties).toBeLessThanOrEqual(2978);
    expect(national.townships).toBeGreaterThan(40_000);
    expect(national.townships).toBeLessThan(42_000);
    expect(national.villages).toBeGreaterThan(470_000);
    expect(national.villages).toBeLessThan(510_000);
    // only the codes the 12-digit rules cannot hold are left out (东莞, 中山, 儋州 have no counties; 金门's placeholder)
    expect(national.skipped.counties).toBeLessThanOrEqual(5);
    const province = planScale({ scale: 'province', seed: 20161 });
    expect(province.counties).toBeGreaterThan(90);
    expect(province.villages).toBeGreaterThan(10_000);
    expect(province.villages).toBeLessThan(12_000);
    const divisions = readDivisions(undefined, '15');
    expect(divisions.counties.every((c) => c.code.startsWith('15'))).toBe(true);
  });

  it('keeps the real codes in their hierarchy: 12 digits, each code starting with its parent\'s', () => {
    const counties = collection<MultiPolygon>(small.dir, 'counties.geojson');
    const townships = collection<MultiPolygon>(small.dir, 'townships.geojson');
    const villages = collection<Point>(small.dir, 'villages.geojson');
    const real = readDivisions(undefined, '64');
    expect(counties.map((c) => [c.properties.code, c.properties.name])).toEqual(real.counties.map((c) => [c.code, c.name]));
    expect(townships.map((t) => [t.properties.code, t.properties.name])).toEqual(real.townships.map((t) => [t.code, t.name]));
    const countyCodes = new Set(counties.map((c) => c.properties.code));
    const townshipCodes = new Set(townships.map((t) => t.properties.code));
    for (const c of counties) {
      expect(c.properties.code).toMatch(/^64\d{4}000000$/);
      expect(c.properties.prefectureCode).toBe(`${String(c.properties.code).slice(0, 4)}00000000`);
      expect(c.properties.prefectureName).toBeTruthy();
    }
    for (const t of townships) {
      expect(t.properties.code).toMatch(/^\d{9}000$/);
      expect(countyCodes.has(t.properties.countyCode)).toBe(true);
      expect(String(t.properties.code).slice(0, 6)).toBe(String(t.properties.countyCode).slice(0, 6));
    }
    const codes = new Set<string>();
    for (const v of villages) {
      const code = String(v.properties.code);
      expect(code).toMatch(/^\d{12}$/);
      expect(code.endsWith('000')).toBe(false);
      expect(townshipCodes.has(v.properties.townshipCode)).toBe(true);
      expect(code.slice(0, 9)).toBe(String(v.properties.townshipCode).slice(0, 9));
      codes.add(code);
    }
    expect(codes.size).toBe(villages.length);
  });

  it('nests valid polygons: townships partition their county, each village lies inside its township', () => {
    const counties = new Map(collection<MultiPolygon>(small.dir, 'counties.geojson').map((c) => [c.properties.code, c]));
    const townships = collection<MultiPolygon>(small.dir, 'townships.geojson');
    const byCode = new Map(townships.map((t) => [t.properties.code, t]));
    const bbox = (f: Feature<MultiPolygon>) => {
      const xs = f.geometry.coordinates[0]![0]!.map((p) => p[0]!);
      const ys = f.geometry.coordinates[0]![0]!.map((p) => p[1]!);
      return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)] as const;
    };
    const areaSum = new Map<unknown, number>();
    for (const c of counties.values()) expect(booleanValid(c.geometry), String(c.properties.code)).toBe(true);
    for (const t of townships) {
      expect(booleanValid(t.geometry), String(t.properties.code)).toBe(true);
      const county = counties.get(t.properties.countyCode)!;
      const [w, s, e, n] = bbox(t);
      const [cw, cs, ce, cn] = bbox(county);
      expect(w >= cw && s >= cs && e <= ce && n <= cn, `${t.properties.code} inside ${county.properties.code}`).toBe(true);
      areaSum.set(t.properties.countyCode, (areaSum.get(t.properties.countyCode) ?? 0) + turfArea(t));
    }
    for (const [code, sum] of areaSum) expect(sum / turfArea(counties.get(code)!)).toBeCloseTo(1, 6);
    for (const v of collection<Point>(small.dir, 'villages.geojson')) {
      const township = byCode.get(v.properties.townshipCode)!;
      expect(booleanPointInPolygon(v.geometry, township, { ignoreBoundary: true }), String(v.properties.code)).toBe(true);
    }
  });

  it('passes the importer\'s readers, record builders and pure rules without a problem', async () => {
    const writers: Record<string, KindWriter<unknown>> = {
      counties: countiesWriter as KindWriter<unknown>,
      townships: townshipsWriter as KindWriter<unknown>,
      villages: villagesWriter as KindWriter<unknown>,
      figures: figuresWriter as KindWriter<unknown>,
    };
    for (const [file, kind] of SCALE_FILES) {
      const source = await openSource(join(small.dir, file), { encoding: null });
      const spec = KIND_SPECS[kind];
      const keys = new DuplicateKeys();
      const problems: RowProblem[] = [];
      let read = 0;
      let given: ReadonlySet<string> | null = null;
      for await (const row of source.rows) {
        read++;
        const b = spec.build(row, { crs: 'wgs84', overrides: {} });
        given ??= b.given;
        problems.push(...b.problems);
        if (b.key !== null && keys.seen(b.key, b.row) !== null) problems.push({ row: b.row, field: 'key', reason: `${b.key} listed twice` });
        if (b.record !== null) problems.push(...writers[kind]!.rules(b.record).map((p) => ({ row: b.row, field: p.field, reason: p.reason })));
      }
      await source.close();
      expect(problems, `${kind}: ${file}`).toEqual([]);
      expect(read, kind).toBe(
        { counties: small.summary.counties, townships: small.summary.townships, villages: small.summary.villages, figures: small.summary.figures }[kind],
      );
      // every column of the layout is read (none left to the database's defaults)
      if (kind === 'counties') expect([...given!]).toEqual(expect.arrayContaining(['nameEn', 'kind', 'keyPoorCounty', 'exitedYear', 'prefectureName']));
      if (kind === 'villages') expect([...given!]).toEqual(expect.arrayContaining(['isPoorVillage', 'exitedYear', 'branchName', 'branchFocus', 'branchGovernance15']));
      if (kind === 'figures') expect([...given!]).toEqual(expect.arrayContaining(['partyMembers', 'memberPairings', 'secretaryIsDirector', 'softLax', 'branchRating']));
    }
  });
});
