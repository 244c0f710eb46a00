/**
 * The `warnings` query against hand-computed cases (tests/support/warnings-fixture.ts:
 * every rule firing at its threshold and not just short of it), its filters
 * and paging, and the warning settings an admin changes.
 */
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { sql } from '../support/db.js';
import { startTestServer, token, type TestServer } from '../support/server.js';
import { EXPECTED_2024, F_COUNTY, T1, T2, UNITS, V, removeWarningsFixture, writeWarningsFixture } from '../support/warnings-fixture.js';

let server: TestServer;
let admin: string;
let planner: string;

const WARNINGS = `query ($year: Int, $rule: WarningRule, $level: WarningLevel, $area: String, $first: Int, $after: String) {
  warnings(year: $year, rule: $rule, level: $level, areaCode: $area, first: $first, after: $after) {
    year totalCount hasNextPage endCursor
    byRule { rule count } byLevel { level count }
    items { id rule level year scope areaCode county { code name } township { code name } village { code name nameEn }
            subject { kind id name } figures { key value text } message messageEn responsible { kind name ref } longitude latitude }
  }
}`;

interface W {
  id: string;
  rule: string;
  level: string;
  scope: string;
  areaCode: string;
  subject: { kind: string; id: number; name: string } | null;
  figures: Array<{ key: string; value: number | null; text: string | null }>;
  message: string;
  messageEn: string;
  responsible: Array<{ kind: string; name: string; ref: string | null }>;
  longitude: number | null;
  latitude: number | null;
  village: { code: string; name: string; nameEn: string } | null;
  township: { code: string } | null;
}

async function warnings(vars: Record<string, unknown>) {
  const r = await server.graphql(WARNINGS, { year: 2024, first: 500, ...vars });
  expect(r.errors).toBeUndefined();
  return r.data.warnings as { year: number; totalCount: number; hasNextPage: boolean; endCursor: string | null; byRule: Array<{ rule: string; count: number }>; byLevel: Array<{ level: string; count: number }>; items: W[] };
}
const figure = (w: W, key: string) => w.figures.find((f) => f.key === key);
const byRule = (items: W[]) => {
  const out: Record<string, string[]> = {};
  for (const w of items) (out[w.rule] ??= []).push(w.areaCode);
  for (const k of Object.keys(out)) out[k]!.sort();
  return out;
};

beforeAll(async () => {
  await writeWarningsFixture();
  await sql(`update prefecture set warning_settings = null`);
  server = await startTestServer();
  admin = await token('admin', [], 1, 'admin-warnings');
  planner = await token('planner', [F_COUNTY], 1, 'planner-warnings');
});
afterAll(async () => {
  await server?.close();
  await sql(`update prefecture set warning_settings = null`);
  await removeWarningsFixture();
});

describe('warnings of a year, by rule, against hand-computed cases', () => {
  it('fires every rule exactly where the fixture says, at its threshold and not just short of it', async () => {
    const w = await warnings({ area: F_COUNTY });
    expect(byRule(w.items)).toEqual(EXPECTED_2024);
    expect(w.totalCount).toBe(Object.values(EXPECTED_2024).flat().length);
    expect(w.byRule).toEqual(Object.entries(EXPECTED_2024).map(([rule, codes]) => ({ rule, count: codes.length })));
    // default levels: RED 返贫风险 + 贫困村无工作队; ORANGE 弱村无结对 + 软弱涣散连续 + 整改逾期; YELLOW the rest
    expect(w.byLevel).toEqual([
      { level: 'RED', count: 4 + 2 },
      { level: 'ORANGE', count: 2 + 1 + 3 },
      { level: 'YELLOW', count: 1 + 2 + 1 },
    ]);
    // most severe first
    expect(w.items.map((x) => x.level)).toEqual([...w.items.map((x) => x.level)].sort((a, b) => ['RED', 'ORANGE', 'YELLOW'].indexOf(a) - ['RED', 'ORANGE', 'YELLOW'].indexOf(b)));
  });

  it('返贫风险: evidence of a village at the incidence threshold, of one at the population threshold, and of the township and county', async () => {
    const { items } = await warnings({ area: F_COUNTY, rule: 'RETURN_RISK' });
    const at = items.find((x) => x.areaCode === V.riseAt)!;
    expect(at).toMatchObject({ level: 'RED', scope: 'VILLAGE', subject: null, longitude: 100.1, latitude: 30.2 });
    expect(figure(at, 'previousIncidence')!.value).toBeCloseTo(2, 9);
    expect(figure(at, 'incidence')!.value).toBeCloseTo(3, 9);
    expect(figure(at, 'incidenceRise')!.value).toBeCloseTo(1, 9);
    expect(figure(at, 'poorPopulationRise')!.value).toBe(5);
    expect(at.message).toBe('测试村001贫困发生率由2023年的2.00%变为2024年的3.00%（升1.00个百分点），贫困人口由10人变为15人（增5人），有返贫风险。');
    expect(at.messageEn).toContain('from 2.00% in 2023 to 3.00% in 2024 (+1.00 points)');
    expect(figure(items.find((x) => x.areaCode === V.popAt)!, 'poorPopulationRise')!.value).toBe(10);
    // township 1: poor 230 → 254 (+24); the county: the same, township 2 being unchanged
    const township = items.find((x) => x.areaCode === T1)!;
    expect(township).toMatchObject({ scope: 'TOWNSHIP', village: null, responsible: [{ kind: 'TOWNSHIP', name: '测试一镇', ref: T1 }] });
    expect(figure(township, 'poorPopulationRise')!.value).toBe(24);
    const county = items.find((x) => x.areaCode === F_COUNTY)!;
    expect(county).toMatchObject({ scope: 'COUNTY', township: null, responsible: [{ kind: 'COUNTY', name: '测试旗', ref: F_COUNTY }] });
    // a point inside the county's square (100–101°E, 30–31°N)
    expect(county.longitude).toBeGreaterThan(100);
    expect(county.longitude).toBeLessThan(101);
    expect(county.latitude).toBeGreaterThan(30);
    expect(county.latitude).toBeLessThan(31);
  });

  it('弱村无结对 and 帮扶村转弱 name the weak village and the weak helper with their reasons', async () => {
    const { items } = await warnings({ area: F_COUNTY });
    const alone = items.find((x) => x.rule === 'WEAK_UNPAIRED' && x.areaCode === V.weakAlone)!;
    expect(figure(alone, 'weakReasons')!.text).toBe('WEAK_COLLECTIVE_ECONOMY');
    expect(alone.message).toBe('测试村101在2024年为弱村（集体经济薄弱），没有结对帮扶。');
    const helped = items.find((x) => x.rule === 'HELPER_WEAK')!;
    expect(helped.subject).toMatchObject({ kind: 'PAIRING', name: '测试村108' });
    expect(figure(helped, 'helperVillageCode')!.text).toBe(V.weakHelper);
    expect(figure(helped, 'helperWeakReasons')!.text).toBe('LAGGING_BRANCH');
    expect(helped.message).toContain('帮扶村测试村108');
  });

  it('软弱涣散连续, 贫困村无工作队, 项目未带贫, 帮扶资金未到位 and 整改逾期 carry their figures and who is responsible', async () => {
    const { items } = await warnings({ area: F_COUNTY });
    const lax = items.find((x) => x.rule === 'SOFT_LAX_REPEATED')!;
    expect([figure(lax, 'years')!.value, figure(lax, 'since')!.value]).toEqual([2, 2023]);
    expect(lax.message).toBe('测试村011党组织自2023年起连续2年软弱涣散。');

    const unstaffed = items.filter((x) => x.rule === 'POOR_VILLAGE_UNSTAFFED');
    expect(unstaffed.map((x) => x.message)).toContain('测试村111为未出列贫困村（贫困人口50人），2024年没有驻村工作队和第一书记。');

    const projects = items.filter((x) => x.rule === 'PROJECT_NO_POOR_BENEFIT');
    expect(projects.map((x) => [x.subject!.name, figure(x, 'reasons')!.text])).toEqual([
      ['测试项目一：无贫困受益户', 'NO_POOR_BENEFICIARIES'],
      ['测试项目二：投产未分红', 'NO_DIVIDEND'],
    ]);
    expect(projects[1]!.message).toBe('测试村021的项目“测试项目二：投产未分红”已投产但2024年未向贫困户分红。');

    const fund = items.find((x) => x.rule === 'FUNDS_BELOW_COMMITMENT')!;
    expect(fund.subject).toMatchObject({ kind: 'FUND', name: UNITS[1] });
    expect([figure(fund, 'delivered')!.value, figure(fund, 'committed')!.value]).toEqual([79.99, 100]);
    expect(figure(fund, 'deliveredPercent')!.value).toBeCloseTo(79.99, 9);
    expect(fund.message).toBe(`${UNITS[1]}在2024年对测试村121的帮扶资金到位79.99万元，为承诺100.00万元的80.0%，低于80%。`);
    // the unit short of its pledge first, then the village's assisting units and work team's dispatching unit (by name), then the township
    expect(fund.responsible.map((r) => [r.kind, r.name])).toEqual([
      ['ASSISTING_UNIT', UNITS[1]],
      ['ASSISTING_UNIT', UNITS[2]],
      ['ASSISTING_UNIT', UNITS[0]],
      ['WORK_TEAM', UNITS[0]],
      ['TOWNSHIP', '测试二苏木'],
    ]);

    const overdue = items.filter((x) => x.rule === 'FINDING_OVERDUE');
    const oneDay = overdue.find((x) => x.subject!.name === '测试问题一：逾期一天')!;
    expect(figure(oneDay, 'daysOverdue')!.value).toBe(1);
    expect(oneDay.responsible[0]).toEqual({ kind: 'FINDING_UNIT', name: '测试责任单位', ref: null });
    expect(oneDay.message).toBe('测试村031督查问题“测试问题一：逾期一天”整改期限为2024-12-30，截至2024-12-31仍未整改，逾期1天（责任单位：测试责任单位）。');
    expect(overdue.find((x) => x.subject!.name === '测试问题三：次年才整改')).toBeDefined();
    expect(overdue.find((x) => x.scope === 'COUNTY')!.subject!.name).toBe('测试问题五：旗县逾期');
  });

  it('a year before: the findings of 2024 are not yet overdue; only areas are compared with 2022, when township 1 had two villages and no poor (the county: 230 in township 1 and 140 in township 2 are new)', async () => {
    const w = await warnings({ area: F_COUNTY, year: 2023 });
    expect(w.items.filter((x) => x.rule === 'FINDING_OVERDUE')).toEqual([]);
    expect(w.items.filter((x) => x.rule === 'FUNDS_BELOW_COMMITMENT')).toEqual([]);
    const risks = w.items.filter((x) => x.rule === 'RETURN_RISK');
    expect(risks.map((x) => x.areaCode).sort()).toEqual([F_COUNTY, T1]);
    expect(risks.map((x) => [figure(x, 'previousPoorPopulation')!.value, figure(x, 'poorPopulation')!.value])).toEqual([[0, 230 + 140], [0, 230]]);
  });
});

describe('filters and paging', () => {
  it('filters by rule, level and area; counts by rule and level ignore the rule and level filters', async () => {
    const all = await warnings({ area: F_COUNTY });
    const red = await warnings({ area: F_COUNTY, level: 'RED' });
    expect(red.items.every((x) => x.level === 'RED')).toBe(true);
    expect(red.totalCount).toBe(6);
    expect(red.byLevel).toEqual(all.byLevel);
    const overdue = await warnings({ area: F_COUNTY, rule: 'FINDING_OVERDUE', level: 'ORANGE' });
    expect(overdue.totalCount).toBe(3);
    expect(await warnings({ area: F_COUNTY, rule: 'FINDING_OVERDUE', level: 'RED' })).toMatchObject({ totalCount: 0, items: [] });
    const township2 = await warnings({ area: T2 });
    expect(township2.items.every((x) => x.township?.code === T2)).toBe(true);
    expect(township2.totalCount).toBe(2 + 1 + 2 + 1);
    const village = await warnings({ area: V.funded });
    expect(village.items.map((x) => x.rule)).toEqual(['FUNDS_BELOW_COMMITMENT']);
    // the whole prefecture holds the fixture county's warnings and the demo region's
    const everywhere = await warnings({});
    expect(everywhere.totalCount).toBeGreaterThanOrEqual(all.totalCount);
    const [p] = await sql<{ code: string }>(`select code from prefecture`);
    expect((await warnings({ area: p!.code })).totalCount).toBe(everywhere.totalCount);
  });

  it('pages with first/after, and defaults to the latest year', async () => {
    const all = await warnings({ area: F_COUNTY });
    const first = await warnings({ area: F_COUNTY, first: 5 });
    expect(first.items.map((x) => x.id)).toEqual(all.items.slice(0, 5).map((x) => x.id));
    expect(first).toMatchObject({ hasNextPage: true, endCursor: all.items[4]!.id, totalCount: all.totalCount });
    const second = await warnings({ area: F_COUNTY, first: 500, after: first.endCursor });
    expect(second.items.map((x) => x.id)).toEqual(all.items.slice(5).map((x) => x.id));
    expect(second.hasNextPage).toBe(false);
    const latest = await server.graphql(`{ warnings(first: 1) { year } }`);
    const [{ y }] = (await sql<{ y: number }>(`select max(year) as y from village_year`)) as [{ y: number }];
    expect(latest.data.warnings.year).toBe(y);
  });

  it('refuses an unknown cursor, a malformed area code and a page too large, saying what and where', async () => {
    const cursor = await server.graphql(WARNINGS, { year: 2024, area: F_COUNTY, after: 'nope' });
    expect(cursor.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(cursor.errors?.[0]?.message).toContain('翻页游标“nope”');
    const area = await server.graphql(WARNINGS, { year: 2024, area: '1599' });
    expect(area.errors?.[0]?.message).toContain('地区代码须为12位数字');
    const big = await server.graphql(WARNINGS, { year: 2024, first: 501 });
    expect(big.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('warning settings', () => {
  const SETTINGS = `{ warningSettings { returnRiskIncidencePoints returnRiskPoorPopulation softLaxYears fundsBelowPercent isDefault rules { rule name nameEn level defaultLevel } } }`;
  const SET = `mutation ($i: WarningSettingsInput!) { setWarningSettings(input: $i) { softLaxYears fundsBelowPercent returnRiskIncidencePoints isDefault rules { rule level } } }`;
  const auditCount = async () => Number((await sql<{ n: string }>(`select count(*) as n from audit_entry where action = 'setWarningSettings'`))[0]!.n);

  it('reads the defaults with every rule\'s names and levels', async () => {
    const r = await server.graphql(SETTINGS);
    expect(r.data.warningSettings).toMatchObject({ returnRiskIncidencePoints: 1, returnRiskPoorPopulation: 10, softLaxYears: 2, fundsBelowPercent: 80, isDefault: true });
    expect(r.data.warningSettings.rules[0]).toEqual({ rule: 'RETURN_RISK', name: '返贫风险', nameEn: 'Risk of falling back into poverty', level: 'RED', defaultLevel: 'RED' });
    expect(r.data.warningSettings.rules).toHaveLength(8);
  });

  it('refuses a planner and a viewer, and bad thresholds with a Chinese message naming each, leaving no trace', async () => {
    const before = await auditCount();
    const asPlanner = await server.graphql(SET, { i: { softLaxYears: 3 } }, planner);
    expect(asPlanner.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(asPlanner.errors?.[0]?.message).toBe('setWarningSettings needs role admin; this token has role planner');
    const anonymous = await server.graphql(SET, { i: { softLaxYears: 3 } });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const bad = await server.graphql(SET, { i: { softLaxYears: 1, fundsBelowPercent: 101, returnRiskIncidencePoints: 0 } }, admin);
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(bad.errors?.[0]?.message).toContain('软弱涣散连续年数（softLaxYears）须为 2 至 20 年之间的整数，收到 1');
    expect(bad.errors?.[0]?.message).toContain('帮扶资金到位比例下限（fundsBelowPercent）须为 1 至 100 %之间的整数，收到 101');
    expect(bad.errors?.[0]?.message).toContain('返贫风险的贫困发生率升幅（returnRiskIncidencePoints）须为 0.01 至 100');
    const twice = await server.graphql(SET, { i: { levels: [{ rule: 'RETURN_RISK', level: 'RED' }, { rule: 'RETURN_RISK', level: 'YELLOW' }] } }, admin);
    expect(twice.errors?.[0]?.message).toBe('同一预警规则的等级只能给一次');
    expect(await auditCount()).toBe(before);
    expect((await server.graphql(SETTINGS)).data.warningSettings.isDefault).toBe(true);
  });

  it('an admin\'s change is audited and the warnings follow it: a longer soft-and-lax run, a higher funds line, another level', async () => {
    const before = await auditCount();
    const r = await server.graphql(SET, { i: { softLaxYears: 3, fundsBelowPercent: 81, levels: [{ rule: 'RETURN_RISK', level: 'YELLOW' }] } }, admin);
    expect(r.errors).toBeUndefined();
    expect(r.data.setWarningSettings).toMatchObject({ softLaxYears: 3, fundsBelowPercent: 81, returnRiskIncidencePoints: 1, isDefault: false });
    expect(r.data.setWarningSettings.rules.find((x: { rule: string }) => x.rule === 'RETURN_RISK').level).toBe('YELLOW');
    expect(await auditCount()).toBe(before + 1);
    const [entry] = (await sql<{ subject: string; before: { softLaxYears: number }; after: { softLaxYears: number } }>(
      `select subject, before, after from audit_entry where action = 'setWarningSettings' order by id desc limit 1`,
    )) as [{ subject: string; before: { softLaxYears: number }; after: { softLaxYears: number } }];
    expect(entry).toMatchObject({ subject: 'admin-warnings', before: { softLaxYears: 2 }, after: { softLaxYears: 3 } });
    const [stored] = await sql<{ s: { softLaxYears: number } }>(`select warning_settings as s from prefecture`);
    expect(stored!.s.softLaxYears).toBe(3);

    const { items } = await warnings({ area: F_COUNTY });
    expect(items.filter((x) => x.rule === 'SOFT_LAX_REPEATED')).toEqual([]);
    // 80.00 of 100 committed is now below the line as well
    expect(items.filter((x) => x.rule === 'FUNDS_BELOW_COMMITMENT').map((x) => x.subject!.name).sort()).toEqual([UNITS[0], UNITS[1]].sort());
    expect(new Set(items.filter((x) => x.rule === 'RETURN_RISK').map((x) => x.level))).toEqual(new Set(['YELLOW']));
    // a later change keeps what it leaves out
    const again = await server.graphql(SET, { i: { softLaxYears: 2 } }, admin);
    expect(again.data.setWarningSettings).toMatchObject({ softLaxYears: 2, fundsBelowPercent: 81 });
  });
});

describe('live updates', () => {
  it('announce an admin\'s change of the warning settings to open maps, as a change to the prefecture', async () => {
    const tables: string[][] = [];
    const client = createClient({ url: `${server.url.replace(/^http/, 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0 });
    client.subscribe<{ dataChanged: { tables: string[] } }>(
      { query: 'subscription { dataChanged { tables } }' },
      { next: (r) => void (r.data && tables.push(r.data.dataChanged.tables)), error: () => {}, complete: () => {} },
    );
    try {
      // a change made before the subscription is in would not reach it
      await vi.waitFor(async () => expect(Number(/^lingyan_live_subscriptions (\d+)/m.exec(await (await fetch(`${server.url}/metrics`)).text())?.[1])).toBeGreaterThanOrEqual(1), {
        timeout: 10_000,
        interval: 20,
      });
      const r = await server.graphql(`mutation { setWarningSettings(input: { returnRiskPoorPopulation: 12 }) { returnRiskPoorPopulation } }`, {}, admin);
      expect(r.data.setWarningSettings.returnRiskPoorPopulation).toBe(12);
      await vi.waitFor(() => expect(tables.flat()).toContain('prefecture'), { timeout: 10_000, interval: 20 });
    } finally {
      await client.dispose();
    }
  });
});
