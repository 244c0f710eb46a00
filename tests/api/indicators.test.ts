/** Choropleth, summary and trends, against SQL and an independent classification. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../support/db.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { strengthCase } from '../support/strength.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

// These cases check one year's computed classes (quantile unless asked): classes across years, policy and manual breaks are in classes.test.ts.
const Q = `query ($year: Int!, $level: AreaLevel, $metric: Metric, $method: ClassificationMethod = QUANTILE, $classes: Int, $scope: ClassScope = YEAR) {
  choropleth(year: $year, level: $level, metric: $metric, method: $method, classes: $classes, scope: $scope) {
    level metric year method classes breaks threshold unit areas { code name value classIndex } } }`;

describe('choropleth', () => {
  it('gives every county its incidence as SQL computes it, with quantile breaks and the exit line', async () => {
    const { data, errors } = await server.graphql(Q, { year: 2017 });
    expect(errors).toBeUndefined();
    const c = data.choropleth;
    const expected = await sql<{ code: string; v: number }>(
      `select t.county_code as code, sum(vy.poor_population)::float8 * 100 / sum(vy.rural_population) as v
         from village_year vy join village v on v.code = vy.village_code join township t on t.code = v.township_code
        where vy.year = 2017 group by 1 order by 1`,
    );
    expect(c.areas.map((a: { code: string }) => a.code)).toEqual(expected.map((e) => e.code));
    c.areas.forEach((a: { value: number }, i: number) => expect(a.value).toBeCloseTo(expected[i]!.v, 9));
    expect(c).toMatchObject({ level: 'COUNTY', metric: 'POVERTY_INCIDENCE', method: 'QUANTILE', classes: 5, threshold: 3, unit: '%' });
    expect(c.breaks).toHaveLength(6);
    const values = expected.map((e) => e.v).sort((a, b) => a - b);
    expect(c.breaks[0]).toBeCloseTo(values[0]!, 9);
    expect(c.breaks[5]).toBeCloseTo(values.at(-1)!, 9);
    // quantile classes hold about the same number of areas
    const counts = [0, 1, 2, 3, 4].map((k) => c.areas.filter((a: { classIndex: number }) => a.classIndex === k).length);
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(2);
    for (const a of c.areas) {
      expect(a.value).toBeGreaterThanOrEqual(c.breaks[a.classIndex]);
      if (a.classIndex < 4) expect(a.value).toBeLessThan(c.breaks[a.classIndex + 1]);
    }
  });

  it('computes natural breaks (Jenks) that minimise within-class variance better than equal intervals', async () => {
    const jenks = (await server.graphql(Q, { year: 2016, level: 'TOWNSHIP', method: 'JENKS', classes: 4 })).data.choropleth;
    const equal = (await server.graphql(Q, { year: 2016, level: 'TOWNSHIP', method: 'EQUAL_INTERVAL', classes: 4 })).data.choropleth;
    const [{ n }] = (await sql<{ n: string }>(`select count(*) as n from township`)) as [{ n: string }];
    expect(jenks.areas).toHaveLength(Number(n));
    const sse = (c: { areas: Array<{ value: number; classIndex: number }> }) => {
      let total = 0;
      for (let k = 0; k < 4; k++) {
        const vs = c.areas.filter((a) => a.classIndex === k).map((a) => a.value);
        const mean = vs.reduce((s, v) => s + v, 0) / (vs.length || 1);
        total += vs.reduce((s, v) => s + (v - mean) ** 2, 0);
      }
      return total;
    };
    expect(sse(jenks)).toBeLessThanOrEqual(sse(equal) + 1e-9);
    const step = (equal.breaks[4] - equal.breaks[0]) / 4;
    equal.breaks.forEach((b: number, i: number) => expect(b).toBeCloseTo(equal.breaks[0] + step * i, 9));
  });

  it('maps the share of weak villages and the median collective income with its target', async () => {
    const weak = (await server.graphql(Q, { year: 2016, metric: 'WEAK_VILLAGE_SHARE' })).data.choropleth;
    const expected = await sql<{ code: string; share: number }>(
      `select t.county_code as code, 100.0 * count(*) filter (where ${strengthCase()} = 'WEAK') / count(*) as share
         from village_year vy join village v on v.code = vy.village_code join township t on t.code = v.township_code
        where vy.year = 2016 group by 1 order by 1`,
    );
    weak.areas.forEach((a: { value: number }, i: number) => expect(a.value).toBeCloseTo(Number(expected[i]!.share), 9));
    const income = (await server.graphql(Q, { year: 2025, metric: 'COLLECTIVE_INCOME_MEDIAN' })).data.choropleth;
    expect(income).toMatchObject({ unit: '万元', threshold: 10 });
  });

  it('maps the latest year with figures when no year is given, each area with its figures of that year', async () => {
    const latest = (await sql<{ latest: number }>('select max(year)::int as latest from village_year'))[0]!.latest;
    const { data, errors } = await server.graphql(
      `{ choropleth { year areas { code value figures { year ruralPopulation poorPopulation povertyIncidence } } } }`,
    );
    expect(errors).toBeUndefined();
    expect(data.choropleth.year).toBe(latest);
    const counties = await server.graphql(
      `query($y: Int!) { counties { code figures(year: $y) { year ruralPopulation poorPopulation povertyIncidence } } }`,
      { y: latest },
    );
    const byCode = new Map(counties.data.counties.map((c: { code: string; figures: unknown }) => [c.code, c.figures]));
    expect(data.choropleth.areas.length).toBe(byCode.size);
    for (const area of data.choropleth.areas) {
      expect(area.figures).toEqual(byCode.get(area.code));
      expect(area.value).toBeCloseTo(area.figures.povertyIncidence, 9);
    }
  });

  it('gives the areas\' figures however the query asks for them (alias, inline fragment, named fragment), and the same map with or without them', async () => {
    const FIGURES = 'year villages ruralPopulation poorPopulation povertyIncidence collectiveIncomeMedian weakVillages';
    const direct = await server.graphql(`{ choropleth(year: 2019) { breaks areas { code value classIndex figures { ${FIGURES} } } } }`);
    expect(direct.errors).toBeUndefined();
    expect(direct.data.choropleth.areas.every((a: { figures: unknown }) => a.figures !== null)).toBe(true);
    const aliased = await server.graphql(`{ choropleth(year: 2019) { breaks areas { code value classIndex f: figures { ${FIGURES} } } } }`);
    expect(aliased.data.choropleth.areas.map(({ f, ...a }: { f: unknown }) => ({ ...a, figures: f }))).toEqual(direct.data.choropleth.areas);
    const inline = await server.graphql(`{ choropleth(year: 2019) { breaks areas { code value classIndex ... on ChoroplethArea { figures { ${FIGURES} } } } } }`);
    expect(inline.data).toEqual(direct.data);
    const named = await server.graphql(`{ choropleth(year: 2019) { breaks areas { ...A } } } fragment A on ChoroplethArea { code value classIndex ...F } fragment F on ChoroplethArea { figures { ${FIGURES} } }`);
    expect(named.data).toEqual(direct.data);
    const without = await server.graphql(`{ choropleth(year: 2019) { breaks areas { code value classIndex } } }`);
    expect(without.data.choropleth).toEqual({ ...direct.data.choropleth, areas: direct.data.choropleth.areas.map(({ figures: _, ...a }: { figures: unknown }) => a) });
  });

  it('refuses a class count out of range and a year out of range', async () => {
    const few = await server.graphql(Q, { year: 2017, classes: 2 });
    expect(few.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(few.errors?.[0]?.message).toContain('classes');
    const many = await server.graphql(Q, { year: 2017, classes: 8 });
    expect(many.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const year = await server.graphql(Q, { year: 3000 });
    expect(year.errors?.[0]?.message).toContain('year');
  });

  it('answers a year without figures with null values and no breaks', async () => {
    const { data } = await server.graphql(Q, { year: 2005 });
    expect(data.choropleth.breaks).toEqual([]);
    expect(data.choropleth.areas.every((a: { value: unknown }) => a.value === null)).toBe(true);
  });
});

describe('summary', () => {
  it('adds up the prefecture for a year as SQL does', async () => {
    const { data, errors } = await server.graphql(`{ summary(year: 2019) { year villages poorPopulation ruralPopulation povertyIncidence poorVillages villagesExited villagesExitedThisYear weakVillages strongVillages incomeWeak incomeBuilding incomeTargetMet targetIncome alliances activePairings secretaryIsDirectorShare softLaxBranches counties countiesBelowExitLine } }`);
    expect(errors).toBeUndefined();
    const s = data.summary;
    const [e] = (await sql<Record<string, string>>(
      `select count(*) as villages, sum(poor_population) as poor, sum(rural_population) as rural,
              count(*) filter (where collective_income < 5) as income_weak, count(*) filter (where collective_income >= 10) as target_met,
              count(*) filter (where secretary_is_director) as sid, count(*) filter (where soft_lax) as soft
         from village_year where year = 2019`,
    )) as [Record<string, string>];
    expect(s.villages).toBe(Number(e.villages));
    expect(s.poorPopulation).toBe(Number(e.poor));
    expect(s.povertyIncidence).toBeCloseTo((Number(e.poor) / Number(e.rural)) * 100, 9);
    expect(s.incomeWeak).toBe(Number(e.income_weak));
    expect(s.incomeTargetMet).toBe(Number(e.target_met));
    expect(s.incomeWeak + s.incomeBuilding + s.incomeTargetMet).toBe(s.villages);
    expect(s.secretaryIsDirectorShare).toBeCloseTo((Number(e.sid) / Number(e.villages)) * 100, 9);
    expect(s.softLaxBranches).toBe(Number(e.soft));
    const [x] = (await sql<Record<string, string>>(
      `select (select count(*) from village where is_poor_village) as poor_villages,
              (select count(*) from village where exited_year <= 2019) as exited,
              (select count(*) from village where exited_year = 2019) as exited_now,
              (select count(*) from alliance where founded_year <= 2019) as alliances,
              (select count(*) from pairing where start_year <= 2019 and (end_year is null or end_year >= 2019)) as pairings`,
    )) as [Record<string, string>];
    expect(s.poorVillages).toBe(Number(x.poor_villages));
    expect(s.villagesExited).toBe(Number(x.exited));
    expect(s.villagesExitedThisYear).toBe(Number(x.exited_now));
    expect(s.alliances).toBe(Number(x.alliances));
    expect(s.activePairings).toBe(Number(x.pairings));
    expect(s.weakVillages + s.strongVillages).toBeLessThanOrEqual(s.villages);
  });

  it('is null for a year without figures', async () => {
    const { data, errors } = await server.graphql(`{ summary(year: 2010) { villages } }`);
    expect(errors).toBeUndefined();
    expect(data.summary).toBeNull();
  });
});

describe('trend', () => {
  it('gives a county every year, with incidence falling from 2016 to 2021', async () => {
    const [{ code }] = (await sql<{ code: string }>(`select code from county where key_poor_county order by code limit 1`)) as [{ code: string }];
    const { data, errors } = await server.graphql(`query ($c: String!) { county(code: $c) { trend { year povertyIncidence } } }`, { c: code });
    expect(errors).toBeUndefined();
    const trend = data.county.trend;
    expect(trend.map((t: { year: number }) => t.year)).toEqual([2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025]);
    expect(trend[0].povertyIncidence).toBeGreaterThan(trend[5].povertyIncidence);
  });
});
