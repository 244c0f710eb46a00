/**
 * Honest classes (issue 21): breaks across years, policy and manual breaks,
 * Jenks and quantile edge cases, and each metric's polarity and unit —
 * against SQL's values and simple-statistics' own classifications.
 */
import { ckmeans, jenks, quantileSorted } from 'simple-statistics';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../support/db.js';
import { startTestServer, token, type TestServer } from '../support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

interface Area {
  code: string;
  value: number | null;
  classIndex: number | null;
}
interface Choropleth {
  year: number;
  method: string;
  scope: string;
  scopeYears: number[];
  classes: number;
  requestedClasses: number;
  classesNote: string | null;
  breaks: number[];
  openEnded: boolean;
  threshold: number | null;
  unit: string;
  decimals: number;
  polarity: string;
  areas: Area[];
}

const Q = `query ($year: Int, $level: AreaLevel, $metric: Metric, $method: ClassificationMethod, $classes: Int, $scope: ClassScope, $breaks: [Float!]) {
  choropleth(year: $year, level: $level, metric: $metric, method: $method, classes: $classes, scope: $scope, breaks: $breaks) {
    year method scope scopeYears classes requestedClasses classesNote breaks openEnded threshold unit decimals polarity areas { code value classIndex } } }`;

async function choropleth(variables: Record<string, unknown>): Promise<Choropleth> {
  const { data, errors } = await server.graphql<{ choropleth: Choropleth }>(Q, variables);
  expect(errors).toBeUndefined();
  return data!.choropleth;
}

/** Every county-year's poverty incidence as SQL computes it from the villages. */
async function countyIncidence(): Promise<Array<{ code: string; year: number; v: number }>> {
  return sql<{ code: string; year: number; v: number }>(
    `select t.county_code as code, vy.year, sum(vy.poor_population)::float8 * 100 / nullif(sum(vy.rural_population), 0) as v
       from village_year vy join village v on v.code = vy.village_code join township t on t.code = v.township_code
      group by 1, 2 order by 2, 1`,
  );
}

const sortedValues = (values: Array<number | null>) => values.filter((v): v is number => v !== null).sort((a, b) => a - b);

describe('classes across years', () => {
  it('computes quantile breaks over every county-year, the same in every year, as simple-statistics does', async () => {
    const rows = await countyIncidence();
    const years = [...new Set(rows.map((r) => Number(r.year)))].sort((a, b) => a - b);
    const all = sortedValues(rows.map((r) => r.v));
    const expectedInner = [1, 2, 3, 4].map((i) => quantileSorted(all, i / 5));
    const maps = await Promise.all(years.map((year) => choropleth({ year, method: 'QUANTILE', classes: 5 })));
    for (const c of maps) {
      expect(c).toMatchObject({ scope: 'ALL_YEARS', scopeYears: years, classes: 5, requestedClasses: 5, classesNote: null, openEnded: false });
      expect(c.breaks).toHaveLength(6);
      expect(c.breaks[0]).toBeCloseTo(all[0]!, 9);
      expect(c.breaks[5]).toBeCloseTo(all.at(-1)!, 9);
      c.breaks.slice(1, 5).forEach((b, i) => expect(b).toBeCloseTo(expectedInner[i]!, 9));
      expect(c.breaks).toEqual(maps[0]!.breaks);
    }
    // The fall from 2016 to 2025 shows: the first year's counties sit in higher classes than the last year's.
    const mean = (c: Choropleth) => c.areas.reduce((s, a) => s + (a.classIndex ?? 0), 0) / c.areas.length;
    expect(mean(maps[0]!)).toBeGreaterThan(mean(maps.at(-1)!) + 1);
  });

  it('keeps a county\'s class between years unless its value crosses a break', async () => {
    const a = await choropleth({ year: 2018, method: 'JENKS', classes: 5 });
    const b = await choropleth({ year: 2019, method: 'JENKS', classes: 5 });
    const before = new Map(a.areas.map((x) => [x.code, x]));
    let changed = 0;
    for (const area of b.areas) {
      const prev = before.get(area.code)!;
      const crossed = a.breaks.slice(1, -1).some((bound) => (prev.value! < bound) !== (area.value! < bound));
      expect(area.classIndex !== prev.classIndex).toBe(crossed);
      if (crossed) changed++;
    }
    expect(changed).toBeGreaterThan(0);
  });

  it('classifies one year alone when asked (本年分级), as before', async () => {
    const rows = (await countyIncidence()).filter((r) => Number(r.year) === 2025);
    const c = await choropleth({ year: 2025, method: 'QUANTILE', classes: 5, scope: 'YEAR' });
    expect(c).toMatchObject({ scope: 'YEAR', scopeYears: [2025] });
    const values = sortedValues(rows.map((r) => r.v));
    expect(c.breaks[0]).toBeCloseTo(values[0]!, 9);
    expect(c.breaks.at(-1)).toBeCloseTo(values.at(-1)!, 9);
  });
});

describe('Jenks and quantile say what they made', () => {
  it('keeps the top Jenks class of the poorest county alone (2016, 5 classes), as simple-statistics\' jenks', async () => {
    const c = await choropleth({ year: 2016, method: 'JENKS', classes: 5, scope: 'YEAR' });
    const values = sortedValues(c.areas.map((a) => a.value));
    expect(c).toMatchObject({ classes: 5, requestedClasses: 5, classesNote: null });
    const expected = jenks(values, 5)!;
    c.breaks.forEach((b, i) => expect(b).toBeCloseTo(expected[i]!, 9));
    // ckmeans' clusters are the classes: each area is in the cluster holding its value.
    const clusters = ckmeans(values, 5);
    for (const a of c.areas) expect(clusters[a.classIndex!]).toContain(a.value);
    expect(new Set(c.areas.map((a) => a.classIndex)).size).toBe(5);
  });

  it('paints the townships with a soft-and-lax branch apart from those without (2025, Jenks asked for 3)', async () => {
    const c = await choropleth({ year: 2025, level: 'TOWNSHIP', metric: 'SOFT_LAX_COUNT', method: 'JENKS', classes: 3, scope: 'YEAR' });
    const counts = await sql<{ code: string; n: number }>(
      `select v.township_code as code, count(*) filter (where vy.soft_lax)::int as n
         from village_year vy join village v on v.code = vy.village_code where vy.year = 2025 group by 1`,
    );
    const distinct = new Set(counts.map((r) => r.n)).size;
    expect(distinct).toBeGreaterThan(1);
    expect(c.classes).toBe(Math.min(3, distinct));
    expect(c.classesNote).toBe(distinct < 3 ? 'FEWER_DISTINCT_VALUES' : null);
    const byCode = new Map(counts.map((r) => [r.code, r.n]));
    const withSoftLax = c.areas.filter((a) => (byCode.get(a.code) ?? 0) > 0);
    expect(withSoftLax.length).toBeGreaterThan(0);
    for (const a of withSoftLax) expect(a.classIndex).toBeGreaterThan(0);
    for (const a of c.areas.filter((x) => byCode.get(x.code) === 0)) expect(a.classIndex).toBe(0);
  });

  it('says that tied values merged quantile classes, with the classes simple-statistics\' quantiles make', async () => {
    const c = await choropleth({ year: 2025, level: 'TOWNSHIP', metric: 'SOFT_LAX_COUNT', method: 'QUANTILE', classes: 7, scope: 'YEAR' });
    const values = sortedValues(c.areas.map((a) => a.value));
    const inner = [1, 2, 3, 4, 5, 6].map((i) => quantileSorted(values, i / 7)).filter((q, i, all) => q > values[0]! && (i === 0 || q > all[i - 1]!));
    expect(c.breaks).toEqual([values[0], ...inner, values.at(-1)]);
    expect(c).toMatchObject({ requestedClasses: 7, classes: inner.length + 1 });
    expect(c.classes).toBeLessThan(7);
    expect(c.classesNote).toBe('TIED_VALUES');
  });
});

describe('policy and manual breaks', () => {
  it('draws incidence in the prefecture\'s policy bands by default, the exit line a bound, the top class open', async () => {
    const c = await choropleth({ year: 2016 });
    const rows = (await countyIncidence()).filter((r) => Number(r.year) === 2016);
    expect(c).toMatchObject({ method: 'POLICY', classes: 6, requestedClasses: 6, openEnded: true, threshold: 3, unit: '%', decimals: 1, polarity: 'HIGHER_IS_WORSE' });
    expect(c.breaks.slice(0, 6)).toEqual([0, 1, 3, 5, 10, 20]);
    const all = sortedValues((await countyIncidence()).map((r) => r.v));
    expect(c.breaks[6]).toBeCloseTo(Math.max(20, all.at(-1)!), 9);
    const bound = [0, 1, 3, 5, 10, 20];
    for (const r of rows) {
      const area = c.areas.find((a) => a.code === r.code)!;
      const expected = bound.filter((b) => r.v >= b).length - 1;
      expect(area.classIndex).toBe(expected);
    }
    // Below the exit line is never the classes above it.
    const line = c.breaks.indexOf(3);
    for (const a of c.areas) expect(a.classIndex! < line).toBe(a.value! < 3);
    // The same bands in 2025, when every county is below the line.
    const late = await choropleth({ year: 2025 });
    expect(late.breaks.slice(0, 6)).toEqual([0, 1, 3, 5, 10, 20]);
    expect(late.areas.every((a) => a.classIndex === 0)).toBe(true);
  });

  it('draws median collective income in the 三步走 bands: weak line, target, twice the target', async () => {
    const c = await choropleth({ year: 2025, metric: 'COLLECTIVE_INCOME_MEDIAN' });
    expect(c).toMatchObject({ method: 'POLICY', threshold: 10, unit: '万元', decimals: 2, polarity: 'HIGHER_IS_BETTER', openEnded: true });
    expect(c.breaks.slice(0, 4)).toEqual([0, 5, 10, 20]);
  });

  it('classifies by the bounds a planner gives (MANUAL), in every year alike', async () => {
    const c = await choropleth({ year: 2017, method: 'MANUAL', breaks: [2, 4, 8] });
    expect(c).toMatchObject({ method: 'MANUAL', classes: 4, requestedClasses: 4, openEnded: true });
    expect(c.breaks.slice(0, 4)).toEqual([0, 2, 4, 8]);
    for (const a of c.areas) expect(a.classIndex).toBe([2, 4, 8].filter((b) => a.value! >= b).length);
  });

  it('refuses manual bounds that are missing, unordered, out of range, or given to another method, naming the argument', async () => {
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ method: 'MANUAL' }, /needs `breaks`/],
      [{ method: 'MANUAL', breaks: [5, 3] }, /ascend/],
      [{ method: 'MANUAL', breaks: [50, 120] }, /strictly between 0 and 100/],
      [{ method: 'MANUAL', breaks: [-1] }, /strictly between/],
      [{ method: 'JENKS', breaks: [1, 2] }, /MANUAL only/],
      [{ method: 'MANUAL', breaks: [1, 2, 3, 4, 5, 6, 7] }, /breaks|1 to 6/],
    ];
    for (const [variables, message] of cases) {
      const { errors } = await server.graphql(Q, { year: 2017, ...variables });
      expect(errors?.[0]?.extensions?.code, JSON.stringify(variables)).toBe('BAD_USER_INPUT');
      expect(errors?.[0]?.message, JSON.stringify(variables)).toMatch(message);
    }
    const policy = await server.graphql(Q, { year: 2017, metric: 'POOR_POPULATION', method: 'POLICY' });
    expect(policy.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'method' });
    expect(policy.errors?.[0]?.message).toMatch(/no policy bands/);
  });

  it('lets an admin set the prefecture\'s incidence bands (audited), the exit line kept as a bound; others may not', async () => {
    const SET = `mutation ($b: [Float!]!) { setIncidenceBands(bands: $b) { incidenceBands } }`;
    const planner = await server.graphql(SET, { b: [2, 10] }, await token('planner', ['159901000000']));
    expect(planner.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const admin = await token('admin');
    const bad = await server.graphql(SET, { b: [10, 2] }, admin);
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'bands' });
    try {
      const set = await server.graphql(SET, { b: [2, 10] }, admin);
      expect(set.errors).toBeUndefined();
      expect(set.data.setIncidenceBands.incidenceBands).toEqual([2, 10]);
      const c = await choropleth({ year: 2016 });
      expect(c.breaks.slice(0, 4)).toEqual([0, 2, 3, 10]);
      const [entry] = await sql<{ action: string; after: { ownIncidenceBands: number[] } }>(
        `select action, after from audit_entry where action = 'setIncidenceBands' order by id desc limit 1`,
      );
      expect(entry?.after.ownIncidenceBands).toEqual([2, 10]);
    } finally {
      await server.graphql(SET, { b: [1, 3, 5, 10, 20] }, admin);
    }
    expect((await choropleth({ year: 2016 })).breaks.slice(0, 6)).toEqual([0, 1, 3, 5, 10, 20]);
  });
});

describe('metrics', () => {
  it('gives every metric of the schema a name, unit, decimals, polarity and default method', async () => {
    const { data, errors } = await server.graphql(
      `{ metrics { metric name nameEn unit decimals polarity defaultMethod threshold policyBands min max } __type(name: "Metric") { enumValues { name } } }`,
    );
    expect(errors).toBeUndefined();
    const names = data.__type.enumValues.map((v: { name: string }) => v.name).sort();
    expect(data.metrics.map((m: { metric: string }) => m.metric).sort()).toEqual(names);
    const by = new Map(data.metrics.map((m: { metric: string }) => [m.metric, m]));
    expect(by.get('POVERTY_INCIDENCE')).toMatchObject({ unit: '%', decimals: 1, polarity: 'HIGHER_IS_WORSE', defaultMethod: 'POLICY', threshold: 3, policyBands: [1, 3, 5, 10, 20], min: 0, max: 100 });
    expect(by.get('COLLECTIVE_INCOME_MEDIAN')).toMatchObject({ unit: '万元', decimals: 2, polarity: 'HIGHER_IS_BETTER', defaultMethod: 'POLICY', policyBands: [5, 10, 20] });
    expect(by.get('SECRETARY_IS_DIRECTOR_SHARE')).toMatchObject({ unit: '%', polarity: 'HIGHER_IS_BETTER', defaultMethod: 'QUANTILE', policyBands: null });
    expect(by.get('POOR_POPULATION')).toMatchObject({ unit: '人', decimals: 0, polarity: 'HIGHER_IS_WORSE' });
    expect(by.get('SOFT_LAX_COUNT')).toMatchObject({ unit: '个', decimals: 0, polarity: 'HIGHER_IS_WORSE' });
    for (const m of data.metrics) {
      expect(m.name).toMatch(/[\u4e00-\u9fff]/);
      expect(m.nameEn).toMatch(/^[A-Z]/);
    }
  });
});
