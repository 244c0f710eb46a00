/**
 * Precomputed area figures (area_year_figures) stay equal to what the village
 * figures give, computed here independently in TypeScript with the rules of
 * domain/rules.ts, after every kind of write that can change them: a planner's
 * mutation, SQL inserts, deletes and moves, new thresholds, concurrent
 * writers, and imports that roll back.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { MikroORM, EntityManager } from '@mikro-orm/postgresql';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { classOf } from '../../server/src/domain/classify.js';
import type { BranchRating } from '../../server/src/domain/enums.js';
import { DEFAULT_THRESHOLDS, classifyStrength, povertyStatus } from '../../server/src/domain/rules.js';
import { runImport, type ImportOptions } from '../../server/src/importer/run-import.js';
import { databaseUrl, fingerprint, sql, testOrm } from '../support/db.js';
import { startTestServer, token, type TestServer } from '../support/server.js';

interface VillageYearInput {
  village_code: string;
  township_code: string;
  county_code: string;
  prefecture_code: string;
  year: number;
  households: number;
  rural_population: number;
  poor_households: number;
  poor_population: number;
  collective_income: string;
  party_members: number;
  secretary_is_director: boolean;
  soft_lax: boolean;
  branch_rating: BranchRating;
  is_poor_village: boolean;
  exited_year: number | null;
  weak_income_below: string;
  target_income: string;
}

type Figures = Record<string, number | string | null>;

/** percentile_cont(0.5): the middle value, or between the two middle ones. */
function median(sorted: number[]): number | null {
  if (sorted.length === 0) return null;
  const at = (sorted.length - 1) / 2;
  const lo = sorted[Math.floor(at)]!;
  const hi = sorted[Math.ceil(at)]!;
  return lo + (hi - lo) * (at - Math.floor(at));
}

/** Every area's figures for every year, from the village figures (the oracle). */
async function fromVillages(): Promise<Figures[]> {
  const rows = await sql<VillageYearInput>(
    `select vy.*, v.township_code, t.county_code, c.prefecture_code, v.is_poor_village, v.exited_year, p.weak_income_below, p.target_income
       from village_year vy join village v on v.code = vy.village_code join township t on t.code = v.township_code
       join county c on c.code = t.county_code join prefecture p on p.code = c.prefecture_code`,
  );
  const groups = new Map<string, VillageYearInput[]>();
  for (const r of rows) {
    for (const [level, code] of [['township', r.township_code], ['county', r.county_code], ['prefecture', r.prefecture_code]] as const) {
      const key = `${level}:${code}:${r.year}`;
      const list = groups.get(key);
      if (list) list.push(r);
      else groups.set(key, [r]);
    }
  }
  return [...groups].map(([key, vs]) => {
    const [level, code, year] = key.split(':') as [string, string, string];
    const sum = (f: (v: VillageYearInput) => number) => vs.reduce((s, v) => s + f(v), 0);
    const count = (f: (v: VillageYearInput) => boolean) => vs.filter(f).length;
    const strength = (v: VillageYearInput) => {
      const t = { ...DEFAULT_THRESHOLDS, weakIncomeBelow: Number(v.weak_income_below), targetIncome: Number(v.target_income) };
      const status = povertyStatus({ isPoorVillage: v.is_poor_village, exitedYear: v.exited_year }, v.year);
      return classifyStrength({ collectiveIncome: Number(v.collective_income), softLax: v.soft_lax, branchRating: v.branch_rating, status }, t)!.strength;
    };
    return {
      level,
      code,
      year: Number(year),
      villages: vs.length,
      households: sum((v) => v.households),
      rural_population: sum((v) => v.rural_population),
      poor_households: sum((v) => v.poor_households),
      poor_population: sum((v) => v.poor_population),
      // cents, so that the sum is exact like numeric's
      collective_income_total: sum((v) => Math.round(Number(v.collective_income) * 100)) / 100,
      collective_income_median: median(vs.map((v) => Number(v.collective_income)).sort((a, b) => a - b)),
      party_members: sum((v) => v.party_members),
      secretary_is_director_count: count((v) => v.secretary_is_director),
      soft_lax_count: count((v) => v.soft_lax),
      weak_count: count((v) => strength(v) === 'WEAK'),
      strong_count: count((v) => strength(v) === 'STRONG'),
      income_weak_count: count((v) => Number(v.collective_income) < Number(v.weak_income_below)),
      income_target_met_count: count((v) => Number(v.collective_income) >= Number(v.target_income)),
    };
  });
}

/** Floats to 6 decimals and rows in key order, so that equal figures compare equal. */
function normalise(rows: Figures[]): Figures[] {
  const round = (x: Figures[string]) => (typeof x === 'number' && !Number.isInteger(x) ? Math.round(x * 1e6) / 1e6 : x);
  return rows
    .map((r): Figures => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, round(v)])))
    .sort((a, b) => `${a.level}:${a.code}:${a.year}`.localeCompare(`${b.level}:${b.code}:${b.year}`));
}

const stored = () => sql<Figures>(`select * from area_year_figures`);

/** The table holds exactly the area-years the villages give, with their figures. */
async function expectConsistent(): Promise<Figures[]> {
  const expected = normalise(await fromVillages());
  expect(normalise(await stored())).toEqual(expected);
  return expected;
}

const storedState = () => fingerprint(['select * from area_year_figures']);

async function figuresOf(level: string, code: string, year: number): Promise<Figures | undefined> {
  const [row] = await sql<Figures>(`select * from area_year_figures where level = $1 and code = $2 and year = $3`, [level, code, year]);
  return row;
}

const postgis = inject('databaseMode') === 'postgres';
let server: TestServer;
let orm: MikroORM;
/** the latest year with figures */
let YEAR: number;

beforeAll(async () => {
  server = await startTestServer();
  orm = await testOrm();
  YEAR = (await sql<{ y: number }>(`select max(year)::int as y from village_year`))[0]!.y;
});
afterAll(async () => {
  await server?.close();
  await orm?.close(true);
});

describe('area_year_figures', () => {
  it('equals the figures computed from the villages for every township, county and prefecture and year of the demo region', async () => {
    const expected = await expectConsistent();
    const [n] = await sql<{ townships: number; counties: number; prefectures: number; years: number }>(
      `select (select count(*) from township)::int as townships, (select count(*) from county)::int as counties,
              (select count(*) from prefecture)::int as prefectures, (select count(distinct year) from village_year)::int as years`,
    );
    expect(n!.years).toBe(10);
    expect(expected.filter((r) => r.level === 'township')).toHaveLength(n!.townships * n!.years);
    expect(expected.filter((r) => r.level === 'county')).toHaveLength(n!.counties * n!.years);
    expect(expected.filter((r) => r.level === 'prefecture')).toHaveLength(n!.prefectures * n!.years);
    // the data has weak and strong villages, and medians between two villages
    expect(expected.some((r) => Number(r.weak_count) > 0 && Number(r.strong_count) > 0)).toBe(true);
  });

  it('follows a planner\'s upsertVillageYear at once: township, county and prefecture figures and the county\'s choropleth value and class', async () => {
    const CHOROPLETH = `query ($y: Int!) { choropleth(year: $y, level: COUNTY, classes: 5) { classes breaks areas { code value classIndex } } }`;
    const before = (await server.graphql(CHOROPLETH, { y: YEAR })).data.choropleth;
    const lowest = before.areas.find((a: { classIndex: number }) => a.classIndex === 0) as { code: string; value: number };
    // the county's biggest village becomes poor through and through, ten times over: the county jumps to the top class
    const [row] = await sql<Record<string, unknown>>(
      `select vy.*, v.township_code from village_year vy join village v on v.code = vy.village_code join township t on t.code = v.township_code
        where t.county_code = $1 and vy.year = $2 order by vy.rural_population desc, vy.village_code limit 1`,
      [lowest.code, YEAR],
    );
    const village = String(row!.village_code);
    const township = String(row!.township_code);
    const prefecture = (await sql<{ code: string }>(`select prefecture_code as code from county where code = $1`, [lowest.code]))[0]!.code;
    const AREAS = `query ($t: String!, $c: String!, $y: Int!) {
      township(code: $t) { figures(year: $y) { ruralPopulation poorPopulation } }
      county(code: $c) { figures(year: $y) { ruralPopulation poorPopulation povertyIncidence } }
      prefecture { code figures(year: $y) { ruralPopulation poorPopulation } } }`;
    const was = (await server.graphql(AREAS, { t: township, c: lowest.code, y: YEAR })).data;
    expect(was.prefecture.code).toBe(prefecture);

    const planner = await token('planner', [lowest.code]);
    const UPSERT = `mutation ($i: VillageYearInput!) { upsertVillageYear(input: $i) { version } }`;
    const input = (version: unknown, rural: number, poor: number) => ({
      i: {
        villageCode: village,
        year: YEAR,
        version,
        households: row!.households,
        ruralPopulation: rural,
        poorHouseholds: row!.poor_households,
        poorPopulation: poor,
        collectiveIncome: Number(row!.collective_income),
        partyMembers: row!.party_members,
        memberPairings: row!.member_pairings,
        secretaryIsDirector: row!.secretary_is_director,
        softLax: row!.soft_lax,
        branchRating: row!.branch_rating,
      },
    });
    const rural = Number(row!.rural_population);
    const poor = Number(row!.poor_population);
    const big = 10 * was.county.figures.ruralPopulation;
    const changed = await server.graphql(UPSERT, input(row!.version, big, big), planner);
    expect(changed.errors).toBeUndefined();
    try {
      const now = (await server.graphql(AREAS, { t: township, c: lowest.code, y: YEAR })).data;
      for (const area of ['township', 'county', 'prefecture'] as const) {
        expect(now[area].figures.ruralPopulation, area).toBe(was[area].figures.ruralPopulation - rural + big);
        expect(now[area].figures.poorPopulation, area).toBe(was[area].figures.poorPopulation - poor + big);
      }
      const after = (await server.graphql(CHOROPLETH, { y: YEAR })).data.choropleth;
      const county = after.areas.find((a: { code: string }) => a.code === lowest.code);
      expect(county.value).toBeCloseTo(now.county.figures.povertyIncidence, 9);
      expect(county.value).toBeGreaterThan(90);
      expect(county.classIndex).toBe(after.classes - 1);
      expect(county.classIndex).toBe(classOf(county.value, after.breaks));
      await expectConsistent();
    } finally {
      const restored = await server.graphql(UPSERT, input(changed.data.upsertVillageYear.version, rural, poor), planner);
      expect(restored.errors).toBeUndefined();
    }
    expect((await server.graphql(AREAS, { t: township, c: lowest.code, y: YEAR })).data).toEqual(was);
    expect((await server.graphql(CHOROPLETH, { y: YEAR })).data.choropleth).toEqual(before);
  });

  if (postgis) {
    // The hub keeps classified choropleths (graphql/shared-reads.ts); another replica's or psql's write reaches it by NOTIFY, a moment after commit.
    it('gives a choropleth kept by the hub up for another connection\'s write to the figures', async () => {
      const CHOROPLETH = `query ($y: Int!) { choropleth(year: $y, level: COUNTY, metric: POOR_POPULATION) { breaks areas { code value } } }`;
      const read = async () => (await server.graphql(CHOROPLETH, { y: YEAR })).data.choropleth as { breaks: number[]; areas: Array<{ code: string; value: number }> };
      const before = await read();
      expect(await read()).toEqual(before);
      const county = before.areas[0]!;
      const [vy] = await sql<{ id: number; poor_population: number }>(
        `select vy.id, vy.poor_population from village_year vy join village v on v.code = vy.village_code join township t on t.code = v.township_code
          where t.county_code = $1 and vy.year = $2 order by vy.village_code limit 1`,
        [county.code, YEAR],
      );
      await sql(`update village_year set poor_population = poor_population + 7 where id = $1`, [vy!.id]);
      try {
        await expect.poll(async () => (await read()).areas[0]!.value, { timeout: 15_000, interval: 50 }).toBe(county.value + 7);
      } finally {
        await sql(`update village_year set poor_population = $2 where id = $1`, [vy!.id, vy!.poor_population]);
      }
      await expect.poll(read, { timeout: 15_000, interval: 50 }).toEqual(before);
    });
  }

  it('follows a village moving to another township (a new code, cascaded to its figures) and back', async () => {
    // a village of a township with a neighbour township in another county
    const [m] = await sql<{ code: string; from: string; to: string; free: string }>(
      `select v.code, v.township_code as from, t2.code as to,
              left(t2.code, 9) || lpad((coalesce(max(right(v2.code, 3)::int), 200) + 1)::text, 3, '0') as free
         from village v join township t1 on t1.code = v.township_code
         join township t2 on t2.county_code <> t1.county_code
         left join village v2 on v2.township_code = t2.code
        where exists (select 1 from village_year vy where vy.village_code = v.code)
        group by v.code, v.township_code, t2.code order by v.code, t2.code limit 1`,
    );
    const { code, from, to, free } = m!;
    const years = (await sql<{ year: number }>(`select year from village_year where village_code = $1 order by year`, [code])).map((r) => r.year);
    const villagesIn = async (township: string) => Number((await figuresOf('township', township, years[0]!))?.villages ?? 0);
    const fromBefore = await villagesIn(from);
    const toBefore = await villagesIn(to);
    await sql(`update village set code = $2, township_code = $3 where code = $1`, [code, free, to]);
    try {
      expect(await sql(`select 1 from village_year where village_code = $1`, [free])).toHaveLength(years.length);
      expect(await villagesIn(from)).toBe(fromBefore - 1);
      expect(await villagesIn(to)).toBe(toBefore + 1);
      await expectConsistent();
    } finally {
      await sql(`update village set code = $1, township_code = $3 where code = $2`, [code, free, from]);
    }
    expect(await villagesIn(from)).toBe(fromBefore);
    expect(await villagesIn(to)).toBe(toBefore);
    await expectConsistent();
  });

  it('follows village-year rows deleted and added by SQL, a new year appearing and going', async () => {
    const state = await storedState();
    const [vy] = await sql<Record<string, unknown>>(`select * from village_year where year = $1 order by village_code limit 1`, [YEAR]);
    const code = String(vy!.village_code);
    const [{ county }] = (await sql<{ county: string }>(`select t.county_code as county from village v join township t on t.code = v.township_code where v.code = $1`, [code])) as [{ county: string }];
    const villages = Number((await figuresOf('county', county, YEAR))!.villages);
    await sql(`delete from village_year where id = $1`, [vy!.id]);
    try {
      expect(Number((await figuresOf('county', county, YEAR))!.villages)).toBe(villages - 1);
      await expectConsistent();
    } finally {
      const columns = Object.keys(vy!);
      await sql(`insert into village_year (${columns.join(', ')}) values (${columns.map((_, i) => `$${i + 1}`).join(', ')})`, Object.values(vy!));
    }
    expect(await storedState()).toBe(state);

    const next = YEAR + 1;
    await sql(
      `insert into village_year (village_code, year, households, rural_population, poor_households, poor_population, collective_income, party_members,
                                 member_pairings, secretary_is_director, soft_lax, branch_rating)
       select village_code, $2, households, rural_population, poor_households, poor_population, collective_income + 1, party_members,
              member_pairings, secretary_is_director, soft_lax, branch_rating from village_year where year = $1 and village_code like $3`,
      [YEAR, next, `${county.slice(0, 6)}%`],
    );
    try {
      expect(Number((await figuresOf('county', county, next))!.villages)).toBe(villages);
      const years = await server.graphql(`{ prefecture { years } }`);
      expect(years.data.prefecture.years.at(-1)).toBe(next);
      await expectConsistent();
    } finally {
      await sql(`delete from village_year where year = $1`, [next]);
    }
    expect(await figuresOf('county', county, next)).toBeUndefined();
    expect(await storedState()).toBe(state);
  });

  it('follows a village becoming poor again (is_poor_village, exited_year feed the strength rule)', async () => {
    const state = await storedState();
    const [v] = await sql<{ code: string; exited_year: number }>(`select code, exited_year from village where exited_year is not null order by code limit 1`);
    await sql(`update village set exited_year = null where code = $1`, [v!.code]);
    try {
      await expectConsistent();
      expect(await storedState()).not.toBe(state);
    } finally {
      await sql(`update village set exited_year = $2 where code = $1`, [v!.code, v!.exited_year]);
    }
    expect(await storedState()).toBe(state);
  });

  it('follows new thresholds of the prefecture (weak and strong counts, income bands) in the summary too', async () => {
    const state = await storedState();
    const [p] = await sql<{ code: string; weak_income_below: string; target_income: string }>(`select code, weak_income_below, target_income from prefecture order by code limit 1`);
    const SUMMARY = `query ($y: Int!) { summary(year: $y) { weakVillages strongVillages incomeWeak incomeTargetMet } }`;
    const was = (await server.graphql(SUMMARY, { y: YEAR })).data.summary;
    await sql(`update prefecture set weak_income_below = 20, target_income = 40 where code = $1`, [p!.code]);
    try {
      const now = (await server.graphql(SUMMARY, { y: YEAR })).data.summary;
      expect(now.weakVillages).toBeGreaterThan(was.weakVillages);
      expect(now.strongVillages).toBeLessThan(was.strongVillages);
      expect(now.incomeWeak).toBeGreaterThan(was.incomeWeak);
      await expectConsistent();
    } finally {
      await sql(`update prefecture set weak_income_below = $2, target_income = $3 where code = $1`, [p!.code, p!.weak_income_below, p!.target_income]);
    }
    expect(await storedState()).toBe(state);
  });

  it('changes in the writing transaction, and not at all when it rolls back (truncate included)', async () => {
    const state = await storedState();
    const client = new pg.Client({ connectionString: databaseUrl() });
    await client.connect();
    try {
      await client.query('begin');
      await client.query(`update village_year set poor_population = rural_population, poor_households = least(households, rural_population) where year = $1`, [YEAR]);
      const inside = await client.query<{ poor: string; rural: string }>(`select poor_population as poor, rural_population as rural from area_year_figures where level = 'prefecture' and year = $1`, [YEAR]);
      expect(inside.rows.every((r) => r.poor === r.rural)).toBe(true);
      await client.query('truncate village_year');
      expect((await client.query(`select count(*)::int as n from area_year_figures`)).rows[0].n).toBe(0);
      await client.query('rollback');
    } finally {
      await client.end();
    }
    expect(await storedState()).toBe(state);
  });

  it('is recomputed at commit for a transaction that deferred it (as imports do) and never flushed', async () => {
    const state = await storedState();
    const client = new pg.Client({ connectionString: databaseUrl() });
    await client.connect();
    const change = (delta: number) =>
      client.query(`update village_year set households = households + $2 where year = $1 and village_code in (select code from village order by code limit 30)`, [YEAR, delta]);
    try {
      const households = `select households from area_year_figures where level = 'prefecture' and year = $1`;
      const was = (await client.query(households, [YEAR])).rows;
      await client.query('begin');
      await client.query(`select set_config('lingyan.area_figures', 'deferred', true)`);
      await change(7);
      // deferred: not yet
      expect((await client.query(households, [YEAR])).rows).toEqual(was);
      await client.query('commit');
      await expectConsistent();
      expect(await storedState()).not.toBe(state);
    } finally {
      await change(-7);
      await client.end();
    }
    expect(await storedState()).toBe(state);
  });

  it('is recomputed right when two transactions change villages of the same county at once', async () => {
    const state = await storedState();
    const [a, b] = await sql<{ id: number }>(
      `select vy.id from village_year vy
        where vy.year = (select min(year) from village_year) and vy.poor_population > vy.poor_households
          and left(vy.village_code, 6) = (select left(min(village_code), 6) from village_year)
        order by vy.village_code limit 2`,
    );
    expect(b).toBeDefined();
    const one = new pg.Client({ connectionString: databaseUrl() });
    const two = new pg.Client({ connectionString: databaseUrl() });
    await one.connect();
    await two.connect();
    const twoPid = (await two.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid;
    const change = `update village_year set poor_population = poor_population - 1 where id = $1`;
    try {
      await one.query('begin');
      await one.query(change, [a!.id]);
      // the second writer's recomputation waits for the first one's area rows, then counts with its committed villages
      const second = (async () => {
        await two.query('begin');
        await two.query(change, [b!.id]);
        await two.query('commit');
      })();
      if (postgis) {
        // Commit only once the second writer is waiting for a lock the first holds.
        await expect
          .poll(async () => (await one.query<{ n: number }>('select count(*)::int as n from pg_locks where pid = $1 and not granted', [twoPid])).rows[0]!.n, { timeout: 30_000, interval: 20 })
          .toBeGreaterThan(0);
      }
      // Embedded: pglite-socket runs one transaction at a time, so the second waits for this commit in any order.
      await one.query('commit');
      await second;
      await expectConsistent();
    } finally {
      await one.end();
      await two.end();
      await sql(`update village_year set poor_population = poor_population + 1 where id = any($1)`, [[a!.id, b!.id]]);
    }
    expect(await storedState()).toBe(state);
  });
});

describe('imports', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'lingyan-area-'));
  });
  const run = (file: string, more: Partial<ImportOptions> = {}) =>
    runImport(orm.em as unknown as EntityManager, {
      file, kind: 'figures', dryRun: false, skipInvalid: false, repair: false, crs: 'wgs84', encoding: null, overrides: {}, prefectureName: null, batchSize: 1, ...more,
    });

  it('recompute what they changed before they commit, and equal the villages again when a file restores the old figures', async () => {
    const state = await storedState();
    const rows = await sql<{ village_code: string; year: number; households: number; rural_population: number; poor_households: number; poor_population: number; collective_income: string }>(
      `select village_code, year, households, rural_population, poor_households, poor_population, collective_income
         from village_year where year = $1 and rural_population > poor_population + 20 order by village_code limit 40`,
      [YEAR],
    );
    const header = 'villageCode,year,households,ruralPopulation,poorHouseholds,poorPopulation,collectiveIncome';
    const file = (delta: number) => {
      const f = path.join(dir, `poor${delta}.csv`);
      const line = (r: (typeof rows)[number]) => [r.village_code, r.year, r.households, r.rural_population, r.poor_households, r.poor_population + delta, r.collective_income].join(',');
      writeFileSync(f, [header, ...rows.map(line), ''].join('\n'));
      return f;
    };
    const raised = await run(file(20), { batchSize: 7 });
    expect(raised.summary).toMatchObject({ updated: 40, written: true });
    await expectConsistent();
    expect(await storedState()).not.toBe(state);
    const restored = await run(file(0), { batchSize: 7 });
    expect(restored.summary).toMatchObject({ updated: 40, written: true });
    expect(await storedState()).toBe(state);
    await sql(`delete from audit_entry where subject = 'import@cli' and entity_id like 'poor%'`);
  });

  it('leave the figures as they were when they roll back (a dry run, or a row refused after others were written)', async () => {
    const state = await storedState();
    const rows = await sql<{ village_code: string; year: number; households: number; rural_population: number; poor_households: number; poor_population: number; collective_income: string }>(
      `select village_code, year, households, rural_population, poor_households, poor_population, collective_income from village_year where year = $1 order by village_code limit 3`,
      [YEAR],
    );
    const lines = rows.map((r) => [r.village_code, r.year, r.households, r.rural_population + 100, r.poor_households, r.poor_population + 100, Number(r.collective_income) + 50].join(','));
    const header = 'villageCode,year,households,ruralPopulation,poorHouseholds,poorPopulation,collectiveIncome';
    const good = path.join(dir, 'good.csv');
    writeFileSync(good, [header, ...lines, ''].join('\n'));
    const dry = await run(good, { dryRun: true });
    expect(dry.summary).toMatchObject({ updated: 3, written: false });
    expect(await storedState()).toBe(state);

    // the refused row comes last, in a batch of its own: the good rows have been written (and the areas recomputed) before it
    const bad = path.join(dir, 'bad.csv');
    writeFileSync(bad, [header, ...lines, `${rows[0]!.village_code.slice(0, 9)}999,${YEAR},10,10,1,1,1`, ''].join('\n'));
    const refused = await run(bad);
    expect(refused.exitCode).toBe(1);
    expect(refused.summary).toMatchObject({ updated: 3, written: false });
    expect(await storedState()).toBe(state);
  });
});
