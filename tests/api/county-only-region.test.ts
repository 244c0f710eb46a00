/**
 * A region with county figures only (the bureau's 旗县 table, no villages):
 * the counties' boundaries and the county table are imported into an empty
 * database with Chinese headers, and the hub gives the full county map, the
 * KPIs and the trends from the reported figures, each tagged REPORTED. Bad
 * rows and bad edits are refused with nothing written.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { EntityManager } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/src/config/config.js';
import { openDatabase, type Database } from '../../server/src/db/database.js';
import { runExport } from '../../server/src/exporter/run-export.js';
import { runImport, type ImportOptions } from '../../server/src/importer/run-import.js';
import { startTestServer, token, type TestServer } from '../support/server.js';
import { ownDatabase, type OwnDatabase } from '../support/own-database.js';

const REGION_DATABASE = 'lingyan_county_only';
const dir = mkdtempSync(path.join(tmpdir(), 'lingyan-county-only-'));
const [A, B, C] = ['159901000000', '159902000000', '159903000000'];

let own: OwnDatabase;
let db: Database;
let url = '';
let server: TestServer;



function run(file: string, kind: ImportOptions['kind'], more: Partial<ImportOptions> = {}) {
  return runImport(db.orm.em as unknown as EntityManager, {
    file, kind, dryRun: false, skipInvalid: false, repair: false, crs: 'wgs84', encoding: null, overrides: {}, prefectureName: null, ...more,
  });
}

function csv(name: string, rows: Array<Array<string | number>>): string {
  const file = path.join(dir, name);
  writeFileSync(file, `\uFEFF${rows.map((r) => r.join(',')).join('\r\n')}\r\n`, 'utf8');
  return file;
}

/** Three side-by-side squares, half a degree each. */
function countiesFile(): string {
  const square = (i: number) => {
    const x = 115 + i * 0.5;
    return { type: 'Polygon', coordinates: [[[x, 43], [x + 0.5, 43], [x + 0.5, 43.5], [x, 43.5], [x, 43]]] };
  };
  const features = [
    [A, '甲旗'],
    [B, '乙县'],
    [C, '丙区'],
  ].map(([code, name], i) => ({ type: 'Feature', properties: { 代码: code, 名称: name }, geometry: square(i) }));
  const file = path.join(dir, 'counties.geojson');
  writeFileSync(file, JSON.stringify({ type: 'FeatureCollection', features }));
  return file;
}

const HEADER = ['旗县代码', '旗县名称', '年份', '贫困人口', '农村人口', '贫困发生率（%）', '贫困户数', '户数'];

/** What each county-year must be stored as: poor, rural (rural or poor derived from the incidence where the row lacks one). */
const EXPECTED: Array<[string, number, number, number, number | null]> = [
  [A, 2019, 1200, 30000, 4],
  [A, 2020, 300, 30100, null],
  [B, 2019, 800, 32000, 2.5], // 农村人口 blank: 800 ÷ 2.5 %
  [B, 2020, 100, 31000, null],
  [C, 2019, 1300, 20000, 6.5], // 贫困人口 blank: 20000 × 6.5 %
  [C, 2020, 50, 20500, null],
];

const reported = () => own.sql<{ code: string; year: number; poor_population: number; rural_population: number; poverty_incidence: number | null; version: number }>(
  `select code, year, poor_population, rural_population, poverty_incidence, version from reported_area_figures order by code, year`,
);

beforeAll(async () => {
  // An empty database beside the run's one: the region must be the only one held.
  own = await ownDatabase(REGION_DATABASE);
  url = own.url;
  db = await openDatabase({ ...loadConfig({}), databaseUrl: url, seedDemo: false, poolSize: 2 });
  const counties = await run(countiesFile(), 'counties', { prefectureName: '测试盟' });
  expect(counties.problems).toEqual([]);
  const figures = await run(
    csv('旗县数据.csv', [
      HEADER,
      [A, '甲旗', 2019, 1200, 30000, '4.00', 400, 9000],
      [A, '甲旗', 2020, 300, 30100, '', 100, 9100],
      [B, '乙县', 2019, 800, '', '2.5', '', ''],
      [B, '乙县', 2020, 100, 31000, '', '', ''],
      [C, '丙区', 2019, '', 20000, '6.5%', '', ''],
      [C, '丙区', 2020, 50, 20500, '', '', ''],
    ]),
    'county-figures',
  );
  expect(figures.problems).toEqual([]);
  expect(figures.summary).toMatchObject({ inserted: 6, updated: 0, written: true });
  server = await startTestServer({ databaseUrl: url });
}, 180_000);

afterAll(async () => {
  await server?.close();
  await db?.close();
  await own?.stop();
});

describe('importing the 旗县 table', () => {
  it('stores each county-year, completing a population from the incidence', async () => {
    expect((await reported()).map((r) => [r.code, r.year, r.poor_population, r.rural_population, r.poverty_incidence === null ? null : Number(r.poverty_incidence)])).toEqual(EXPECTED);
  });

  it('exports as a file the importer reads back unchanged', async () => {
    const before = JSON.stringify(await reported());
    const out = path.join(dir, 'exported-county-figures.csv');
    await runExport(db.orm.em as unknown as EntityManager, { kind: 'county-figures', format: 'csv', out, county: null, year: null });
    const again = await run(out, 'county-figures');
    expect(again.problems).toEqual([]);
    expect(again.summary).toMatchObject({ inserted: 0, updated: 0, written: true });
    expect(JSON.stringify(await reported())).toBe(before);
  });

  it('refuses bad rows, naming row and column, and writes nothing', async () => {
    const before = JSON.stringify(await reported());
    const r = await run(
      csv('坏数据.csv', [
        HEADER,
        [A, '甲旗', 2021, 500, 400, '', '', ''],
        [B, '乙县', 2021, 'abc', 31000, '', '', ''],
        [C, '丙区', 2021, 50, 20500, '9.9', '', ''],
        ['159909000000', '丁旗', 2021, 10, 1000, '', '', ''],
        [A, '甲旗', 2022, '', '', '3.0', '', ''],
      ]),
      'county-figures',
    );
    expect(r.summary).toMatchObject({ written: false, inserted: 0 });
    const lines = r.problems.map((p) => `${p.row} ${p.field}: ${p.reason}`);
    expect(lines).toContain('2 贫困人口: 贫困人口 500 不能多于农村人口 400');
    expect(lines.some((l) => l.startsWith('3 贫困人口: ') && l.includes('"abc"'))).toBe(true);
    expect(lines).toContain('4 贫困发生率（%）: 贫困发生率 9.9% 与 贫困人口 50 ÷ 农村人口 20500 = 0.24% 不符');
    expect(lines).toContain('5 旗县代码: 旗县 159909000000 不在数据库中：请先导入旗县（--kind counties）');
    expect(r.problems.find((p) => p.row === 5)).toMatchObject({ code: 'reported.countyMissing', params: { code: '159909000000' } });
    expect(r.problems.find((p) => p.row === 4)).toMatchObject({ code: 'reported.incidenceMismatch' });
    expect(lines).toContain('6 贫困人口: 只有贫困发生率无法得出人数：请同时给出贫困人口或农村人口');
    expect(JSON.stringify(await reported())).toBe(before);
  });
});

const MAP = `query ($year: Int) {
  choropleth(level: COUNTY, metric: POVERTY_INCIDENCE, year: $year) { classes areas { code value figures { source poorPopulation ruralPopulation villages } } }
}`;

describe('a full county map, KPIs and trends from county figures alone', () => {
  it('the choropleth has every county, valued from the reported figures', async () => {
    const { data, errors } = await server.graphql<{ choropleth: { areas: Array<{ code: string; value: number; figures: { source: string; poorPopulation: number; ruralPopulation: number; villages: number } }> } }>(MAP, { year: 2020 });
    expect(errors).toBeUndefined();
    const areas = data!.choropleth.areas;
    expect(areas.map((a) => a.code)).toEqual([A, B, C]);
    for (const [code, year, poor, rural] of EXPECTED.filter((e) => e[1] === 2020)) {
      const area = areas.find((a) => a.code === code)!;
      expect(area.value, `${code} ${year}`).toBeCloseTo((poor * 100) / rural, 10);
      expect(area.figures).toEqual({ source: 'REPORTED', poorPopulation: poor, ruralPopulation: rural, villages: 0 });
    }
  });

  it('the KPIs sum the counties and count those below the exit line', async () => {
    const q = `query ($y: Int!) { summary(year: $y) { villages poorPopulation ruralPopulation povertyIncidence counties countiesBelowExitLine } }`;
    const sums = (year: number) => EXPECTED.filter((e) => e[1] === year).reduce((s, e) => ({ poor: s.poor + e[2], rural: s.rural + e[3] }), { poor: 0, rural: 0 });
    const y2019 = (await server.graphql<{ summary: Record<string, number> }>(q, { y: 2019 })).data!.summary;
    const s = sums(2019);
    expect(y2019).toMatchObject({ villages: 0, poorPopulation: s.poor, ruralPopulation: s.rural, counties: 3, countiesBelowExitLine: 1 });
    expect(y2019.povertyIncidence).toBeCloseTo((s.poor * 100) / s.rural, 10);
    const y2020 = (await server.graphql<{ summary: Record<string, number> }>(q, { y: 2020 })).data!.summary;
    expect(y2020).toMatchObject({ poorPopulation: sums(2020).poor, ruralPopulation: sums(2020).rural, countiesBelowExitLine: 3 });
  });

  it('the prefecture and each county have a trend over the reported years, tagged REPORTED', async () => {
    const { data, errors } = await server.graphql<{ prefecture: { years: number[]; figureSource: string; trend: Array<{ year: number; source: string; poorPopulation: number }>; counties: Array<{ code: string; trend: Array<{ year: number; source: string; poorPopulation: number }> }> } }>(
      `{ prefecture { years figureSource trend { year source poorPopulation } counties { code trend { year source poorPopulation } } } }`,
    );
    expect(errors).toBeUndefined();
    const p = data!.prefecture;
    expect(p.years).toEqual([2019, 2020]);
    expect(p.figureSource).toBe('REPORTED_FIRST');
    expect(p.trend).toEqual([
      { year: 2019, source: 'REPORTED', poorPopulation: 3300 },
      { year: 2020, source: 'REPORTED', poorPopulation: 450 },
    ]);
    expect(p.counties.find((c) => c.code === C)!.trend).toEqual([
      { year: 2019, source: 'REPORTED', poorPopulation: 1300 },
      { year: 2020, source: 'REPORTED', poorPopulation: 50 },
    ]);
  });
});

const UPSERT = `mutation ($i: ReportedFiguresInput!) { upsertReportedFigures(input: $i) { code year version poorPopulation ruralPopulation povertyIncidence } }`;

describe('editing reported figures', () => {
  it('refuses a viewer, a planner of another county and bad numbers, writing nothing', async () => {
    const before = JSON.stringify(await reported());
    const input = { level: 'COUNTY', code: A, year: 2021, poorPopulation: 200, ruralPopulation: 30200 };
    const asViewer = await server.graphql(UPSERT, { i: input }, await token('viewer'));
    expect(asViewer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const otherCounty = await server.graphql(UPSERT, { i: input }, await token('planner', [B]));
    expect(otherCounty.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(otherCounty.errors?.[0]?.message).toContain(A);
    const bad = await server.graphql(UPSERT, { i: { ...input, poorPopulation: 40000 } }, await token('planner', [A]));
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(bad.errors?.[0]?.message).toContain('贫困人口 40000 不能多于农村人口 30200');
    const noVersion = await server.graphql(UPSERT, { i: { ...input, year: 2020 } }, await token('planner', [A]));
    expect(noVersion.errors?.[0]?.message).toContain('版本');
    expect(JSON.stringify(await reported())).toBe(before);
  });

  it('a planner of the county changes a year, audited, and the map follows', async () => {
    const [row] = await own.sql<{ version: number }>(`select version from reported_area_figures where code = $1 and year = 2020`, [A]);
    const { data, errors } = await server.graphql<{ upsertReportedFigures: Record<string, unknown> }>(
      UPSERT,
      { i: { level: 'COUNTY', code: A, year: 2020, version: row!.version, poorPopulation: 602, ruralPopulation: 30100 } },
      await token('planner', [A], 1, 'planner-levels'),
    );
    expect(errors).toBeUndefined();
    expect(data!.upsertReportedFigures).toEqual({ code: A, year: 2020, version: row!.version + 1, poorPopulation: 602, ruralPopulation: 30100, povertyIncidence: null });
    const [entry] = await own.sql<{ action: string; entity_id: string; county_code: string }>(
      `select action, entity_id, county_code from audit_entry where subject = 'planner-levels' order by id desc limit 1`,
    );
    expect(entry).toEqual({ action: 'upsertReportedFigures', entity_id: `county:${A}/2020`, county_code: A });
    const map = await server.graphql<{ choropleth: { areas: Array<{ code: string; value: number }> } }>(MAP, { year: 2020 });
    expect(map.data!.choropleth.areas.find((a) => a.code === A)!.value).toBeCloseTo((602 * 100) / 30100, 10);
  });
});

describe('assessment of a county-only region', () => {
  it('scores counties on their reported incidence and its fall on the year before', async () => {
    const admin = await token('admin', [], 1, 'admin-levels');
    const scheme = {
      year: 2020,
      name: '旗县考核',
      gradeBands: { good: 90, fair: 75, average: 60 },
      indicators: [
        { key: 'POVERTY_INCIDENCE', weight: 50, rule: 'LINEAR', floor: 5, target: 0 },
        { key: 'INCIDENCE_FALL', weight: 50, rule: 'LINEAR', floor: 0, target: 5 },
      ],
    };
    const saved = await server.graphql(`mutation ($i: AssessmentSchemeInput!) { saveAssessmentScheme(input: $i) { year } }`, { i: scheme }, admin);
    expect(saved.errors).toBeUndefined();
    const { data, errors } = await server.graphql<{ assessment: { assessed: number; items: Array<{ code: string; breakdown: Array<{ key: string; value: number }> }> } }>(
      `{ assessment(year: 2020, level: COUNTY, code: "${C}") { assessed items { code breakdown { key value } } } }`,
    );
    expect(errors).toBeUndefined();
    expect(data!.assessment.assessed).toBe(3);
    const values = Object.fromEntries(data!.assessment.items[0]!.breakdown.map((b) => [b.key, b.value]));
    expect(values.POVERTY_INCIDENCE).toBeCloseTo((50 * 100) / 20500, 10);
    expect(values.INCIDENCE_FALL).toBeCloseTo((1300 * 100) / 20000 - (50 * 100) / 20500, 10);
  });
});
