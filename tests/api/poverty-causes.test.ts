/**
 * Causes of poverty (致贫原因): the counts of villages and areas against
 * hand-computed lists, the rule on a village-year's total, roles and scope,
 * the audit trail, and that a change reaches a cached answer at once.
 *
 * The test takes over one year (YEAR): its demo records are set aside before
 * the hub starts and put back after, so every area's list that year is made
 * of the two villages' records this file sets.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { causeShares } from '../../server/src/domain/causes/poverty-cause.js';
import { sql, villageYearInput } from '../support/db.js';
import { startTestServer, token, type TestServer } from '../support/server.js';

const YEAR = 2018;
let server: TestServer;
let planner: string;
let otherPlanner: string;
let viewer: string;
/** two villages of one township, with at least 6 poor households each in YEAR */
let V1: { code: string; name: string; poor: number };
let V2: { code: string; name: string; poor: number };
let township: string;
let county: string;
let saved: Array<{ village_code: string; year: number; cause: string; households: number }> = [];

const SET = `mutation ($i: VillagePovertyCausesInput!) { setVillagePovertyCauses(input: $i) { cause households share } }`;
const AREAS = `query ($v: String!, $t: String!, $c: String!, $y: Int!) {
  village(code: $v) { povertyCauses(year: $y) { cause households share } }
  township(code: $t) { povertyCauses(year: $y) { cause households share } }
  county(code: $c) { povertyCauses(year: $y) { cause households share } }
  prefecture { povertyCauses(year: $y) { cause households share } }
}`;

const auditCount = async () => Number((await sql<{ n: string }>(`select count(*) as n from audit_entry where action = 'setVillagePovertyCauses'`))[0]!.n);
const stored = (code: string) =>
  sql<{ cause: string; households: number }>(`select cause, households from village_poverty_cause where village_code = $1 and year = $2 order by cause`, [code, YEAR]);

beforeAll(async () => {
  const rows = await sql<{ code: string; name: string; poor: number; township: string }>(
    `select v.code, v.name, vy.poor_households as poor, v.township_code as township
       from village v join village_year vy on vy.village_code = v.code and vy.year = $1
      where vy.poor_households >= 6
        and v.township_code in (select v2.township_code from village v2 join village_year y2 on y2.village_code = v2.code and y2.year = $1
                                 where y2.poor_households >= 6 group by v2.township_code having count(*) >= 2)
      order by v.township_code, v.code limit 2`,
    [YEAR],
  );
  expect(rows).toHaveLength(2);
  [V1, V2] = rows.map((r) => ({ code: r.code, name: r.name, poor: Number(r.poor) })) as [typeof V1, typeof V2];
  township = rows[0]!.township;
  expect(rows[1]!.township).toBe(township);
  county = `${township.slice(0, 6)}000000`;
  saved = await sql(`select village_code, year, cause, households from village_poverty_cause where year = $1`, [YEAR]);
  await sql(`delete from village_poverty_cause where year = $1`, [YEAR]);
  // The answer cache on: a cached list must be dropped by the change (the table announces its writes).
  server = await startTestServer({ responseCacheMb: 8 });
  planner = await token('planner', [county], 1, 'planner-causes');
  const [{ code: other }] = (await sql<{ code: string }>(`select code from county where code <> $1 order by code limit 1`, [county])) as [{ code: string }];
  otherPlanner = await token('planner', [other], 1, 'planner-other');
  viewer = await token('viewer');
});

afterAll(async () => {
  await server?.close();
  await sql(`delete from village_poverty_cause where year = $1`, [YEAR]);
  if (saved.length > 0) {
    await sql(`insert into village_poverty_cause (village_code, year, cause, households) select * from jsonb_to_recordset($1::jsonb) as r(village_code text, year int, cause text, households int)`, [
      JSON.stringify(saved),
    ]);
  }
});

describe('counts by cause', () => {
  it('lists nothing for an area and year without records', async () => {
    const { data, errors } = await server.graphql(AREAS, { v: V1.code, t: township, c: county, y: YEAR });
    expect(errors).toBeUndefined();
    expect(data).toEqual({ village: { povertyCauses: [] }, township: { povertyCauses: [] }, county: { povertyCauses: [] }, prefecture: { povertyCauses: [] } });
  });

  it('sums two villages\' sets into the township, county and prefecture, most households first, ties in the form\'s order, shares by hand', async () => {
    const a = await server.graphql(SET, { i: { villageCode: V1.code, year: YEAR, causes: [{ cause: 'ILLNESS', households: 3 }, { cause: 'DISASTER', households: 1 }] } }, planner);
    expect(a.errors).toBeUndefined();
    // V1 alone: 3 of 4 = 75 %, 1 of 4 = 25 %.
    expect(a.data.setVillagePovertyCauses).toEqual([
      { cause: 'ILLNESS', households: 3, share: 75 },
      { cause: 'DISASTER', households: 1, share: 25 },
    ]);
    const b = await server.graphql(
      SET,
      { i: { villageCode: V2.code, year: YEAR, causes: [{ cause: 'LACK_OF_WATER', households: 4 }, { cause: 'ILLNESS', households: 1 }, { cause: 'SCHOOLING', households: 1 }, { cause: 'LACK_OF_DRIVE', households: 0 }] } },
      planner,
    );
    expect(b.errors).toBeUndefined();
    // Township: ILLNESS 3 + 1 = 4 and LACK_OF_WATER 4 (a tie: 因病 comes first on the form), SCHOOLING 1 and DISASTER 1 (因学 before 因灾); of 10.
    const township10 = [
      { cause: 'ILLNESS', households: 4, share: 40 },
      { cause: 'LACK_OF_WATER', households: 4, share: 40 },
      { cause: 'SCHOOLING', households: 1, share: 10 },
      { cause: 'DISASTER', households: 1, share: 10 },
    ];
    const { data } = await server.graphql(AREAS, { v: V2.code, t: township, c: county, y: YEAR });
    expect(data.village.povertyCauses).toEqual([
      { cause: 'LACK_OF_WATER', households: 4, share: expect.closeTo(66.667, 3) },
      { cause: 'ILLNESS', households: 1, share: expect.closeTo(16.667, 3) },
      { cause: 'SCHOOLING', households: 1, share: expect.closeTo(16.667, 3) },
    ]);
    expect(data.township.povertyCauses).toEqual(township10);
    expect(data.county.povertyCauses).toEqual(township10);
    expect(data.prefecture.povertyCauses).toEqual(township10);
    // A cause with 0 households is not stored.
    expect(await stored(V2.code)).toEqual([
      { cause: 'ILLNESS', households: 1 },
      { cause: 'LACK_OF_WATER', households: 4 },
      { cause: 'SCHOOLING', households: 1 },
    ]);
  });

  it('batches a list of counties into one answer, each county with its own list', async () => {
    const { data, errors } = await server.graphql(`query ($y: Int!) { counties { code povertyCauses(year: $y) { cause households } } }`, { y: YEAR });
    expect(errors).toBeUndefined();
    const withRecords = data.counties.filter((c: { povertyCauses: unknown[] }) => c.povertyCauses.length > 0);
    expect(withRecords.map((c: { code: string }) => c.code)).toEqual([county]);
    expect(data.counties.length).toBeGreaterThan(1);
  });
});

describe('the database and the rule agree', () => {
  it('lists every county\'s and township\'s demo causes in 2016 as causeShares orders and divides its villages\' rows', async () => {
    const rows = await sql<{ village_code: string; cause: string; households: number }>(`select village_code, cause, households from village_poverty_cause where year = 2016`);
    const { data, errors } = await server.graphql(`{ counties { code povertyCauses(year: 2016) { cause households share } townships { code povertyCauses(year: 2016) { cause households share } } } }`);
    expect(errors).toBeUndefined();
    const expected = (prefix: string) => {
      const counts: Record<string, number> = {};
      for (const r of rows.filter((x) => x.village_code.startsWith(prefix))) counts[r.cause] = (counts[r.cause] ?? 0) + r.households;
      return causeShares(counts).map((s) => ({ cause: s.cause, households: s.households, share: expect.closeTo(s.share!, 9) }));
    };
    let areas = 0;
    for (const c of data.counties) {
      expect(c.povertyCauses).toEqual(expected(c.code.slice(0, 6)));
      for (const t of c.townships) {
        expect(t.povertyCauses).toEqual(expected(t.code.slice(0, 9)));
        areas += t.povertyCauses.length > 0 ? 1 : 0;
      }
    }
    expect(areas).toBeGreaterThan(20);
  });
});

describe('the map metric CAUSE_SHARE', () => {
  const MAP = `query ($level: AreaLevel!, $cause: PovertyCause!) {
    choropleth(year: 2016, level: $level, metric: CAUSE_SHARE, cause: $cause, method: QUANTILE, classes: 4, scope: YEAR) {
      metric cause unit decimals polarity scopeYears areas { code value classIndex }
    }
  }`;

  it('maps each county\'s and township\'s share of one cause among its households with a recorded cause', async () => {
    for (const [level, digits] of [['COUNTY', 6], ['TOWNSHIP', 9]] as const) {
      const { data, errors } = await server.graphql(MAP, { level, cause: 'LACK_OF_WATER' });
      expect(errors).toBeUndefined();
      expect(data.choropleth).toMatchObject({ metric: 'CAUSE_SHARE', cause: 'LACK_OF_WATER', unit: '%', decimals: 1, polarity: 'HIGHER_IS_WORSE', scopeYears: [2016] });
      const expected = new Map(
        (
          await sql<{ code: string; share: number }>(
            `select left(village_code, ${digits}) as code, (coalesce(sum(households) filter (where cause = 'LACK_OF_WATER'), 0) * 100.0 / sum(households))::float8 as share
               from village_poverty_cause where year = 2016 group by 1`,
          )
        ).map((r) => [r.code, r.share]),
      );
      expect(expected.size).toBeGreaterThan(3);
      for (const a of data.choropleth.areas) {
        const want = expected.get(a.code.slice(0, digits));
        if (want === undefined) expect(a, a.code).toMatchObject({ value: null, classIndex: null });
        else expect(a.value, a.code).toBeCloseTo(want, 9);
      }
    }
  });

  it('names no cause for the other metrics, whatever the argument', async () => {
    const { data } = await server.graphql(`{ choropleth(year: 2016, metric: POOR_POPULATION, cause: DISASTER) { metric cause } metrics { metric name nameEn unit } }`);
    expect(data.choropleth).toEqual({ metric: 'POOR_POPULATION', cause: null });
    expect(data.metrics.find((m: { metric: string }) => m.metric === 'CAUSE_SHARE')).toEqual({ metric: 'CAUSE_SHARE', name: '致贫原因占比', nameEn: 'Share by cause of poverty', unit: '%' });
  });
});

describe('setting a village-year\'s causes', () => {
  it('accepts a set that adds up exactly to the poor households, replacing the old set whole, audited with both sets', async () => {
    const before = await auditCount();
    const { data, errors } = await server.graphql(SET, { i: { villageCode: V1.code, year: YEAR, causes: [{ cause: 'DISABILITY', households: V1.poor }] } }, planner);
    expect(errors).toBeUndefined();
    expect(data.setVillagePovertyCauses).toEqual([{ cause: 'DISABILITY', households: V1.poor, share: 100 }]);
    expect(await stored(V1.code)).toEqual([{ cause: 'DISABILITY', households: V1.poor }]);
    expect(await auditCount()).toBe(before + 1);
    const [entry] = (await sql<{ subject: string; entity_id: string; county_code: string; before: unknown; after: unknown }>(
      `select subject, entity_id, county_code, before, after from audit_entry where action = 'setVillagePovertyCauses' order by id desc limit 1`,
    )) as [{ subject: string; entity_id: string; county_code: string; before: unknown; after: unknown }];
    expect(entry).toEqual({ subject: 'planner-causes', entity_id: `${V1.code}/${YEAR}`, county_code: county, before: { ILLNESS: 3, DISASTER: 1 }, after: { DISABILITY: V1.poor } });
  });

  it('refuses a set exceeding the poor households, in Chinese naming the village, the year and both figures, and changes nothing', async () => {
    const before = await auditCount();
    const r = await server.graphql(SET, { i: { villageCode: V1.code, year: YEAR, causes: [{ cause: 'ILLNESS', households: V1.poor }, { cause: 'DISABILITY', households: 1 }] } }, planner);
    expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(r.errors?.[0]?.message).toBe(`${V1.name}（${V1.code}）${YEAR} 年致贫原因户数合计 ${V1.poor + 1} 户，超过该村当年贫困户数 ${V1.poor} 户`);
    expect(r.errors?.[0]?.extensions?.argument).toBe('input.causes');
    expect(await stored(V1.code)).toEqual([{ cause: 'DISABILITY', households: V1.poor }]);
    expect(await auditCount()).toBe(before);
  });

  it('refuses a cause listed twice, a negative count and a year without figures, in Chinese', async () => {
    const twice = await server.graphql(SET, { i: { villageCode: V1.code, year: YEAR, causes: [{ cause: 'ILLNESS', households: 1 }, { cause: 'ILLNESS', households: 2 }] } }, planner);
    expect(twice.errors?.[0]?.message).toBe(`${V1.name}（${V1.code}）${YEAR} 年：因病出现了两次，每个致贫原因只能填一个户数`);
    const negative = await server.graphql(SET, { i: { villageCode: V1.code, year: YEAR, causes: [{ cause: 'SCHOOLING', households: -2 }] } }, planner);
    expect(negative.errors?.[0]?.message).toBe(`${V1.name}（${V1.code}）${YEAR} 年：因学户数应为不小于 0 的整数，而不是 -2`);
    const noFigures = await server.graphql(SET, { i: { villageCode: V1.code, year: 2001, causes: [{ cause: 'ILLNESS', households: 1 }] } }, planner);
    expect(noFigures.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(noFigures.errors?.[0]?.message).toBe(`${V1.name}（${V1.code}）2001 年没有年度指标（贫困户数），不能录入致贫原因（合计 1 户）；请先录入该年的指标`);
    const unknown = await server.graphql(SET, { i: { villageCode: '159999999999', year: YEAR, causes: [] } }, planner);
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(await stored(V1.code)).toEqual([{ cause: 'DISABILITY', households: V1.poor }]);
  });

  it('refuses a planner outside their county, a viewer and no token, and changes nothing', async () => {
    const before = await auditCount();
    const input = { i: { villageCode: V1.code, year: YEAR, causes: [{ cause: 'ILLNESS', households: 1 }] } };
    const outside = await server.graphql(SET, input, otherPlanner);
    expect(outside.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(outside.errors?.[0]?.message).toContain(`setVillagePovertyCauses changes county ${county}`);
    const asViewer = await server.graphql(SET, input, viewer);
    expect(asViewer.errors?.[0]?.message).toBe('setVillagePovertyCauses needs role planner; this token has role viewer');
    const anonymous = await server.graphql(SET, input);
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await stored(V1.code)).toEqual([{ cause: 'DISABILITY', households: V1.poor }]);
    expect(await auditCount()).toBe(before);
  });

  it('refuses figures whose poor households fall below the households recorded by cause, and takes them at exactly that many', async () => {
    const six = [{ cause: 'ILLNESS', households: 2 }, { cause: 'LACK_OF_WATER', households: 4 }];
    expect((await server.graphql(SET, { i: { villageCode: V2.code, year: YEAR, causes: six } }, planner)).errors).toBeUndefined();
    const UPSERT = `mutation ($i: VillageYearInput!) { upsertVillageYear(input: $i) { poorHouseholds version } }`;
    const figures = await villageYearInput(V2.code, YEAR);
    const lowered = { ...figures, memberPairings: Math.min(figures.memberPairings, 5) };
    const r = await server.graphql(UPSERT, { i: { ...lowered, poorHouseholds: 5 } }, planner);
    expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(r.errors?.[0]?.message).toBe(`the change breaks a rule: poorHouseholds: ${V2.name}（${V2.code}）${YEAR} 年贫困户数 5 户，少于已录入的致贫原因户数合计 6 户；请先修改该村当年的致贫原因`);
    expect((await villageYearInput(V2.code, YEAR)).poorHouseholds).toBe(V2.poor);
    try {
      const ok = await server.graphql(UPSERT, { i: { ...lowered, poorHouseholds: 6 } }, planner);
      expect(ok.errors).toBeUndefined();
      expect(ok.data.upsertVillageYear.poorHouseholds).toBe(6);
    } finally {
      const now = await villageYearInput(V2.code, YEAR);
      await server.graphql(UPSERT, { i: { ...figures, version: now.version } }, planner);
    }
    expect((await villageYearInput(V2.code, YEAR)).poorHouseholds).toBe(V2.poor);
    expect((await server.graphql(SET, { i: { villageCode: V2.code, year: YEAR, causes: [{ cause: 'LACK_OF_WATER', households: 4 }, { cause: 'ILLNESS', households: 1 }, { cause: 'SCHOOLING', households: 1 }] } }, planner)).errors).toBeUndefined();
  });

  it('clears a village-year with an empty set, and the cached area list follows at once', async () => {
    const q = `query ($t: String!, $y: Int!) { township(code: $t) { povertyCauses(year: $y) { cause households } } }`;
    const first = await server.graphql(q, { t: township, y: YEAR });
    expect(first.data.township.povertyCauses).toEqual([
      { cause: 'DISABILITY', households: V1.poor },
      { cause: 'LACK_OF_WATER', households: 4 },
      { cause: 'ILLNESS', households: 1 },
      { cause: 'SCHOOLING', households: 1 },
    ]);
    const cleared = await server.graphql(SET, { i: { villageCode: V1.code, year: YEAR, causes: [] } }, planner);
    expect(cleared.data.setVillagePovertyCauses).toEqual([]);
    const next = await server.graphql(q, { t: township, y: YEAR });
    expect(next.data.township.povertyCauses).toEqual([
      { cause: 'LACK_OF_WATER', households: 4 },
      { cause: 'ILLNESS', households: 1 },
      { cause: 'SCHOOLING', households: 1 },
    ]);
  });
});
