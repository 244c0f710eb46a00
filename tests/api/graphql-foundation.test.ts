/** The first slice of the API against the run's database, compared with SQL written here. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../support/db.js';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

describe('GET /healthz', () => {
  it('names the database mode and the PostGIS version', async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.status).toBe('ok');
    expect(body.postgis).toMatch(/^3\.\d+/);
  });
});

describe('counties', () => {
  it('lists every county with a MultiPolygon boundary, by code', async () => {
    const { data, errors } = await server.graphql(`{ counties { code name kind boundary } }`);
    expect(errors).toBeUndefined();
    const expected = await sql<{ code: string; name: string }>(`select code, name from county order by code`);
    expect(data.counties.map((c: { code: string }) => c.code)).toEqual(expected.map((r) => r.code));
    expect(data.counties.length).toBeGreaterThanOrEqual(9);
    for (const c of data.counties) expect(c.boundary.type).toBe('MultiPolygon');
  });

  it('aggregates yearly figures from the villages, as SQL computes them', async () => {
    const { data, errors } = await server.graphql(`query ($year: Int!) { counties { code figures(year: $year) { villages ruralPopulation poorPopulation povertyIncidence collectiveIncomeMedian softLaxCount } } }`, { year: 2017 });
    expect(errors).toBeUndefined();
    const expected = await sql<{ code: string; villages: string; rural: string; poor: string; median: number }>(
      `select t.county_code as code, count(*) as villages, sum(vy.rural_population) as rural, sum(vy.poor_population) as poor,
              percentile_cont(0.5) within group (order by vy.collective_income) as median
         from village_year vy join village v on v.code = vy.village_code join township t on t.code = v.township_code
        where vy.year = 2017 group by t.county_code order by 1`,
    );
    expect(data.counties).toHaveLength(expected.length);
    for (const [i, row] of expected.entries()) {
      const f = data.counties[i].figures;
      expect(data.counties[i].code).toBe(row.code);
      expect(f.villages).toBe(Number(row.villages));
      expect(f.ruralPopulation).toBe(Number(row.rural));
      expect(f.poorPopulation).toBe(Number(row.poor));
      expect(f.povertyIncidence).toBeCloseTo((Number(row.poor) / Number(row.rural)) * 100, 9);
      expect(f.collectiveIncomeMedian).toBeCloseTo(Number(row.median), 6);
    }
  });

  it('answers null figures for a year without data, and a bad year with BAD_USER_INPUT naming the argument', async () => {
    const empty = await server.graphql(`{ counties { figures(year: 2001) { villages } } }`);
    expect(empty.errors).toBeUndefined();
    expect(empty.data.counties.every((c: { figures: unknown }) => c.figures === null)).toBe(true);
    const bad = await server.graphql(`{ counties { figures(year: 1800) { villages } } }`);
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(bad.errors?.[0]?.message).toContain('year');
  });

  it('walks down county → townships → villages and back up', async () => {
    const [county] = await sql<{ code: string }>(`select code from county order by code limit 1`);
    const { data, errors } = await server.graphql(
      `query ($code: String!) { county(code: $code) { code townships { code county { code } villages { code township { code } county { code } } } } }`,
      { code: county!.code },
    );
    expect(errors).toBeUndefined();
    const [count] = await sql<{ n: string }>(`select count(*) as n from village v join township t on t.code = v.township_code where t.county_code = $1`, [county!.code]);
    const villages = data.county.townships.flatMap((t: { villages: unknown[] }) => t.villages);
    expect(villages).toHaveLength(Number(count!.n));
    for (const t of data.county.townships) {
      expect(t.county.code).toBe(county!.code);
      for (const v of t.villages) {
        expect(v.township.code).toBe(t.code);
        expect(v.county.code).toBe(county!.code);
        expect(v.code.startsWith(t.code.slice(0, 9))).toBe(true);
      }
    }
  });

  it('answers NOT_FOUND for an unknown code', async () => {
    const { errors } = await server.graphql(`{ county(code: "000000000000") { code } }`);
    expect(errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(errors?.[0]?.message).toContain('000000000000');
  });
});

describe('villages', () => {
  it('pages with totalCount and hasNextPage, and refuses a page over the maximum', async () => {
    const [total] = await sql<{ n: string }>(`select count(*) as n from village`);
    const first = await server.graphql(`{ villages(limit: 10) { totalCount hasNextPage items { code } } }`);
    expect(first.errors).toBeUndefined();
    expect(first.data.villages.totalCount).toBe(Number(total!.n));
    expect(first.data.villages.hasNextPage).toBe(true);
    expect(first.data.villages.items).toHaveLength(10);
    const last = await server.graphql(`query ($o: Int!) { villages(offset: $o, limit: 10) { hasNextPage items { code } } }`, { o: Number(total!.n) - 3 });
    expect(last.data.villages.hasNextPage).toBe(false);
    expect(last.data.villages.items).toHaveLength(3);
    const tooMany = await server.graphql(`{ villages(limit: 100000) { totalCount } }`);
    expect(tooMany.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(tooMany.errors?.[0]?.message).toContain('limit');
  });

  it('exposes yearly figures with incidence, status and the strength verdict of the rules', async () => {
    const [row] = await sql<{ code: string; poor: number; rural: number }>(
      `select v.code, vy.poor_population as poor, vy.rural_population as rural from village v join village_year vy on vy.village_code = v.code
        where v.is_poor_village and vy.year = 2016 and vy.rural_population > 0 order by v.code limit 1`,
    );
    const { data, errors } = await server.graphql(
      `query ($code: String!) { village(code: $code) { code location isPoorVillage status(year: 2016) branch { name } figures(year: 2016) { povertyIncidence status strength weakReasons incomeBand } years { year } } }`,
      { code: row!.code },
    );
    expect(errors).toBeUndefined();
    expect(data.village.location.type).toBe('Point');
    expect(data.village.status).toBe('POOR');
    expect(data.village.figures.povertyIncidence).toBeCloseTo((row!.poor / row!.rural) * 100, 9);
    // A poor village not yet exited is weak by rule, whatever else it has.
    expect(data.village.figures.strength).toBe('WEAK');
    expect(data.village.figures.weakReasons).toContain('POOR_NOT_EXITED');
    expect(data.village.years.map((y: { year: number }) => y.year)).toEqual([2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025]);
  });

  it('finds villages by a Chinese substring of the name', async () => {
    const [row] = await sql<{ name: string }>(`select name from village order by code limit 1`);
    const part = row!.name.slice(0, 2);
    const { data } = await server.graphql(`query ($q: String!) { villages(filter: { nameContains: $q }, limit: 500) { totalCount items { name } } }`, { q: part });
    const [count] = await sql<{ n: string }>(`select count(*) as n from village where name like '%' || $1 || '%' or name_en ilike '%' || $1 || '%'`, [part]);
    expect(data.villages.totalCount).toBe(Number(count!.n));
    expect(data.villages.items.every((v: { name: string }) => v.name.includes(part))).toBe(true);
  });
});

describe('the client', () => {
  it('is served at / as the map page', async () => {
    const res = await fetch(`${server.url}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(await res.text()).toContain('<div id="root"');
  });
});
