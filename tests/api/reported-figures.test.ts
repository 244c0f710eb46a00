/**
 * Reported figures beside village figures, on the demo region: the area's
 * figures say their source, the prefecture's setting switches what the map
 * and the KPIs use, and the data-quality check gives reported against the
 * villages' sum (computed here independently from village_year).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { MikroORM, EntityManager } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runImport } from '../../server/src/importer/run-import.js';
import { sql, testOrm } from '../support/db.js';
import { startTestServer, token, type TestServer } from '../support/server.js';

let server: TestServer;
let admin = '';
let county = '';
let township = '';
let year = 0;
const SUBJECTS = ['admin-levels', 'planner-levels'];

/** What the villages of an area sum to, straight from village_year. */
async function villageSums(level: 'county' | 'township', code: string): Promise<{ poor: number; rural: number }> {
  const column = level === 'county' ? 't.county_code' : 'v.township_code';
  const [r] = await sql<{ poor: string; rural: string }>(
    `select sum(vy.poor_population) as poor, sum(vy.rural_population) as rural
       from village_year vy join village v on v.code = vy.village_code join township t on t.code = v.township_code
      where ${column} = $1 and vy.year = $2`,
    [code, year],
  );
  return { poor: Number(r!.poor), rural: Number(r!.rural) };
}

const UPSERT = `mutation ($i: ReportedFiguresInput!) { upsertReportedFigures(input: $i) { code year version } }`;
const SET = `mutation ($s: FigureSourceSetting!) { setFigureSource(source: $s) { code figureSource } }`;
const MAP = `query ($y: Int) { choropleth(level: COUNTY, metric: POOR_POPULATION, year: $y) { areas { code value figures { source poorPopulation ruralPopulation } } } }`;

async function mapOf(code: string) {
  const { data, errors } = await server.graphql<{ choropleth: { areas: Array<{ code: string; value: number; figures: { source: string; poorPopulation: number; ruralPopulation: number } }> } }>(MAP, { y: year });
  expect(errors).toBeUndefined();
  return data!.choropleth.areas.find((a) => a.code === code)!;
}

async function prefectureFigures() {
  const { data, errors } = await server.graphql<{ prefecture: { code: string; figures: { source: string; poorPopulation: number } } }>(
    `query ($y: Int!) { prefecture { code figures(year: $y) { source poorPopulation } } }`,
    { y: year },
  );
  expect(errors).toBeUndefined();
  return data!.prefecture;
}

async function setSource(s: string): Promise<void> {
  const r = await server.graphql(SET, { s }, admin);
  expect(r.errors).toBeUndefined();
}

beforeAll(async () => {
  server = await startTestServer();
  admin = await token('admin', [], 1, 'admin-levels');
  const [t] = await sql<{ code: string; county_code: string }>(`select code, county_code from township order by code limit 1`);
  township = t!.code;
  county = t!.county_code;
  const [y] = await sql<{ year: number }>(`select max(year) as year from village_year`);
  year = Number(y!.year);
  const c = await villageSums('county', county);
  const w = await villageSums('township', township);
  const planner = await token('planner', [county], 1, 'planner-levels');
  for (const [level, code, s] of [
    ['COUNTY', county, c],
    ['TOWNSHIP', township, w],
  ] as const) {
    const r = await server.graphql(UPSERT, { i: { level, code, year, poorPopulation: s.poor + 100, ruralPopulation: s.rural + 1000, households: 5 } }, planner);
    expect(r.errors).toBeUndefined();
  }
});

afterAll(async () => {
  await sql(`delete from reported_area_figures`);
  await sql(`update prefecture set figure_source = 'REPORTED_FIRST'`);
  await sql(`delete from audit_entry where subject = any($1)`, [SUBJECTS]);
  await server?.close();
});

describe('the source of each area figure', () => {
  it('by default the map uses the reported county figure and says so; other counties stay from villages', async () => {
    const c = await villageSums('county', county);
    expect(await mapOf(county)).toEqual({ code: county, value: c.poor + 100, figures: { source: 'REPORTED', poorPopulation: c.poor + 100, ruralPopulation: c.rural + 1000 } });
    const [other] = await sql<{ code: string }>(`select code from county where code <> $1 order by code limit 1`, [county]);
    const o = await villageSums('county', other!.code);
    expect(await mapOf(other!.code)).toEqual({ code: other!.code, value: o.poor, figures: { source: 'FROM_VILLAGES', poorPopulation: o.poor, ruralPopulation: o.rural } });
  });

  it('the prefecture then sums its counties\' chosen figures, tagged REPORTED', async () => {
    const [p] = await sql<{ poor: number }>(`select poor_population as poor from area_year_figures where level = 'prefecture' and year = $1`, [year]);
    expect((await prefectureFigures()).figures).toEqual({ source: 'REPORTED', poorPopulation: Number(p!.poor) + 100 });
  });

  it('the township shows its reported figures too, and its village counts still come from villages', async () => {
    const w = await villageSums('township', township);
    const [f] = await sql<{ villages: number }>(`select villages from area_year_figures where level = 'township' and code = $1 and year = $2`, [township, year]);
    const { data } = await server.graphql<{ township: { figures: Record<string, unknown> } }>(
      `query ($c: String!, $y: Int!) { township(code: $c) { figures(year: $y) { source poorPopulation villages households } } }`,
      { c: township, y: year },
    );
    expect(data!.township.figures).toEqual({ source: 'REPORTED', poorPopulation: w.poor + 100, villages: Number(f!.villages), households: 5 });
  });
});

describe('the prefecture\'s setting', () => {
  it('VILLAGES_FIRST switches the map and the prefecture back to the villages\' sums, audited; REPORTED_FIRST switches again', async () => {
    try {
      const asPlanner = await server.graphql(SET, { s: 'VILLAGES_FIRST' }, await token('planner', [county]));
      expect(asPlanner.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect((await mapOf(county)).figures.source).toBe('REPORTED');

      await setSource('VILLAGES_FIRST');
      const c = await villageSums('county', county);
      expect(await mapOf(county)).toEqual({ code: county, value: c.poor, figures: { source: 'FROM_VILLAGES', poorPopulation: c.poor, ruralPopulation: c.rural } });
      const [p] = await sql<{ poor: number }>(`select poor_population as poor from area_year_figures where level = 'prefecture' and year = $1`, [year]);
      expect((await prefectureFigures()).figures).toEqual({ source: 'FROM_VILLAGES', poorPopulation: Number(p!.poor) });
      const [entry] = await sql<{ action: string; before: unknown; after: unknown }>(
        `select action, before, after from audit_entry where subject = 'admin-levels' and action = 'setFigureSource' order by id desc limit 1`,
      );
      expect(entry).toEqual({ action: 'setFigureSource', before: { figureSource: 'REPORTED_FIRST' }, after: { figureSource: 'VILLAGES_FIRST' } });

      await setSource('REPORTED_FIRST');
      expect((await mapOf(county)).value).toBe(c.poor + 100);
    } finally {
      await sql(`update prefecture set figure_source = 'REPORTED_FIRST'`);
    }
  });
});

const DIFFERENCES = `query ($l: AreaLevel!, $y: Int) {
  figureDifferences(level: $l, year: $y) {
    code year used villages reportedPoorPopulation villagesPoorPopulation poorPopulationGap reportedRuralPopulation villagesRuralPopulation ruralPopulationGap
    reportedIncidence villagesIncidence incidenceGap
  }
}`;

describe('the data-quality check (报送与汇总差异)', () => {
  it.each([
    ['COUNTY', 'county'],
    ['TOWNSHIP', 'township'],
  ] as const)('%s: reported against an independent sum of the villages, with the gaps', async (level, lower) => {
    const code = lower === 'county' ? county : township;
    const s = await villageSums(lower, code);
    const { data, errors } = await server.graphql<{ figureDifferences: Array<Record<string, number | string | null>> }>(DIFFERENCES, { l: level, y: year });
    expect(errors).toBeUndefined();
    expect(data!.figureDifferences).toHaveLength(1);
    const d = data!.figureDifferences[0]!;
    expect(d).toMatchObject({
      code,
      year,
      used: 'REPORTED',
      reportedPoorPopulation: s.poor + 100,
      villagesPoorPopulation: s.poor,
      poorPopulationGap: 100,
      reportedRuralPopulation: s.rural + 1000,
      villagesRuralPopulation: s.rural,
      ruralPopulationGap: 1000,
    });
    expect(d.reportedIncidence).toBeCloseTo(((s.poor + 100) * 100) / (s.rural + 1000), 10);
    expect(d.villagesIncidence).toBeCloseTo((s.poor * 100) / s.rural, 10);
    expect(d.incidenceGap).toBeCloseTo(((s.poor + 100) * 100) / (s.rural + 1000) - (s.poor * 100) / s.rural, 10);
  });

  it('lists nothing for a year without reported figures, and the county lists its own', async () => {
    const none = await server.graphql<{ figureDifferences: unknown[] }>(DIFFERENCES, { l: 'COUNTY', y: year - 1 });
    expect(none.data!.figureDifferences).toEqual([]);
    const { data } = await server.graphql<{ county: { figureDifferences: Array<{ year: number; poorPopulationGap: number }>; reportedFigures: Array<{ year: number; households: number }> } }>(
      `query ($c: String!) { county(code: $c) { figureDifferences { year poorPopulationGap } reportedFigures { year households } } }`,
      { c: county },
    );
    expect(data!.county).toEqual({ figureDifferences: [{ year, poorPopulationGap: 100 }], reportedFigures: [{ year, households: 5 }] });
  });
});

describe('assessments use the chosen figures', () => {
  const ASSESSMENT = `query ($y: Int!, $c: String) { assessment(year: $y, level: COUNTY, code: $c) { items { code breakdown { key value } } } }`;

  it('a county with reported figures is assessed on them; VILLAGES_FIRST brings back the villages\' values', async () => {
    const incidence = (poor: number, rural: number) => (poor * 100) / rural;
    const value = async (key: string) => {
      const { data, errors } = await server.graphql<{ assessment: { items: Array<{ breakdown: Array<{ key: string; value: number | null }> }> } | null }>(ASSESSMENT, { y: year, c: county });
      expect(errors).toBeUndefined();
      return data!.assessment!.items[0]!.breakdown.find((b) => b.key === key)?.value;
    };
    const s = await villageSums('county', county);
    // the demo's last year's scheme has POVERTY_INCIDENCE (its INCIDENCE_FALL goes the same way, from the same figures)
    expect(await value('POVERTY_INCIDENCE')).toBeCloseTo(incidence(s.poor + 100, s.rural + 1000), 10);
    try {
      await setSource('VILLAGES_FIRST');
      expect(await value('POVERTY_INCIDENCE')).toBeCloseTo(incidence(s.poor, s.rural), 10);
    } finally {
      await sql(`update prefecture set figure_source = 'REPORTED_FIRST'`);
    }
  });
});

describe('importing a township table', () => {
  it('stores township-years under Chinese headers (9-digit codes), and refuses a county code', async () => {
    const orm: MikroORM = await testOrm();
    try {
      const [t] = await sql<{ code: string }>(`select code from township where code <> $1 order by code desc limit 1`, [township]);
      const file = path.join(mkdtempSync(path.join(tmpdir(), 'lingyan-township-figures-')), '乡镇数据.csv');
      const rows = [
        ['苏木乡镇代码', '年份', '贫困人口', '农村人口', '贫困发生率'],
        [t!.code.slice(0, 9), year, 40, 4000, '1.0'],
        [county, year, 40, 4000, ''],
      ];
      writeFileSync(file, `\uFEFF${rows.map((r) => r.join(',')).join('\r\n')}\r\n`, 'utf8');
      const options = { file, kind: 'township-figures' as const, dryRun: false, skipInvalid: false, repair: false, crs: 'wgs84' as const, encoding: null, overrides: {}, prefectureName: null };
      const refused = await runImport(orm.em as unknown as EntityManager, options);
      expect(refused.summary).toMatchObject({ written: false });
      expect(refused.problems.map((p) => [p.row, p.field])).toEqual([[3, '苏木乡镇代码']]);
      expect(await sql(`select 1 from reported_area_figures where code = $1`, [t!.code])).toEqual([]);

      writeFileSync(file, `\uFEFF${rows.slice(0, 2).map((r) => r.join(',')).join('\r\n')}\r\n`, 'utf8');
      const stored = await runImport(orm.em as unknown as EntityManager, options);
      expect(stored.problems).toEqual([]);
      expect(await sql(`select level, code, year, poor_population, rural_population, poverty_incidence, county_code, township_code from reported_area_figures where code = $1`, [t!.code])).toEqual([
        { level: 'township', code: t!.code, year, poor_population: 40, rural_population: 4000, poverty_incidence: 1, county_code: `${t!.code.slice(0, 6)}000000`, township_code: t!.code },
      ]);
    } finally {
      await sql(`delete from audit_entry where subject = 'import@cli' and entity = 'ReportedFigures'`);
      await orm.close(true);
    }
  });
});
