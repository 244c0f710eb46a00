/**
 * Assessment (考核) through the API against hand-computed cases: each
 * indicator value is computed here independently (from area_year_figures
 * and plain SQL), the scheme is built around the demo figures so that one
 * county sits at an indicator's floor, one at its target and one past it,
 * and the expected points follow from the rules by hand. Fixture rows
 * (an inspection with findings, an assignment with committed funds) are
 * removed again afterwards, and the schemes of the years used are restored.
 */
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { incomeBand, DEFAULT_THRESHOLDS } from '../../server/src/domain/rules.js';
import { incomeBandSql } from '../../server/src/spatial/rules-sql.js';
import { sql } from '../support/db.js';
import { startTestServer, token, type TestServer } from '../support/server.js';

let server: TestServer;
let admin: string;
let planner: string;
const YEAR = 2024;
/** the schemes of the years the tests overwrite, to put back */
let saved: Array<Record<string, unknown>> = [];
const fixtures: { inspection?: number; assignment?: number } = {};

interface CountyFigures {
  code: string;
  incidence: number;
  secretary: number;
  target: number;
}
let counties: CountyFigures[];

const SAVE = `mutation ($i: AssessmentSchemeInput!) { saveAssessmentScheme(input: $i) { year version name indicators { key weight rule floor target threshold } gradeBands { good fair average } } }`;
const ASSESS = `query ($y: Int!, $l: AssessmentLevel!, $c: String, $o: Int, $n: Int) {
  assessment(year: $y, level: $l, code: $c, offset: $o, limit: $n) {
    year level assessed totalCount hasNextPage scheme { name version }
    items { code name score rank grade breakdown { key rule weight value floor target threshold rank ranked points missing explanation explanationEn } }
  } }`;

async function currentVersion(year: number): Promise<number | null> {
  const [row] = await sql<{ version: number }>(`select version from assessment_scheme where year = $1`, [year]);
  return row ? Number(row.version) : null;
}

async function save(input: Record<string, unknown>, bearer = admin) {
  return server.graphql(SAVE, { i: { ...input, version: await currentVersion(Number(input.year)) } }, bearer);
}

async function assess(level: string, year = YEAR, code?: string) {
  const r = await server.graphql(ASSESS, { y: year, l: level, c: code ?? null, o: 0, n: 500 });
  expect(r.errors).toBeUndefined();
  return r.data.assessment;
}

const auditCount = async () => Number((await sql<{ n: string }>(`select count(*) as n from audit_entry where entity = 'AssessmentScheme'`))[0]!.n);

beforeAll(async () => {
  server = await startTestServer();
  admin = await token('admin', [], 1, 'admin-assessment');
  planner = await token('planner', [], 1, 'planner-assessment');
  saved = await sql(`select * from assessment_scheme where year in (2016, ${YEAR})`);
  counties = (
    await sql<{ code: string; incidence: number; secretary: number; target: number }>(
      `select code, poor_population::float8 * 100 / rural_population as incidence,
              secretary_is_director_count::float8 * 100 / villages as secretary,
              income_target_met_count::float8 * 100 / villages as target
         from area_year_figures where level = 'county' and year = $1 order by code`,
      [YEAR],
    )
  ).map((r) => ({ code: r.code, incidence: Number(r.incidence), secretary: Number(r.secretary), target: Number(r.target) }));
});

afterAll(async () => {
  if (fixtures.inspection) await sql(`delete from inspection where id = $1`, [fixtures.inspection]);
  if (fixtures.assignment) await sql(`delete from assignment where id = $1`, [fixtures.assignment]);
  await sql(`delete from assessment_scheme where year in (2016, ${YEAR})`);
  for (const s of saved) {
    await sql(`insert into assessment_scheme (id, version, year, name, indicators, grade_bands, updated_at) values ($1, $2, $3, $4, $5, $6, $7)`, [
      s.id, s.version, s.year, s.name, JSON.stringify(s.indicators), JSON.stringify(s.grade_bands), s.updated_at,
    ]);
  }
  await server?.close();
});

const sortedBy = (key: 'incidence' | 'secretary' | 'target') => [...counties].sort((a, b) => a[key] - b[key] || a.code.localeCompare(b.code));

describe('scores against hand-computed cases', () => {
  it('LINEAR at the floor (0), at the target (full), past it (capped) and between; THRESHOLD pass and fail; RANK by place', async () => {
    expect(counties.length).toBeGreaterThanOrEqual(5);
    const byIncidence = sortedBy('incidence');
    const highest = byIncidence.at(-1)!; // the floor: 0 points
    const middle = byIncidence[Math.floor(byIncidence.length / 2)]!; // the target: full points
    const lowest = byIncidence[0]!; // past the target (lower is better): capped at full
    const bySecretary = sortedBy('secretary');
    const threshold = bySecretary[Math.floor(bySecretary.length / 2)]!.secretary;
    const r = await save({
      year: YEAR,
      name: '测试：线性、达标与排名',
      gradeBands: { good: 90, fair: 75, average: 60 },
      indicators: [
        { key: 'POVERTY_INCIDENCE', weight: 40, rule: 'LINEAR', floor: highest.incidence, target: middle.incidence },
        { key: 'SECRETARY_IS_DIRECTOR_SHARE', weight: 20, rule: 'THRESHOLD', threshold },
        { key: 'INCOME_TARGET_SHARE', weight: 40, rule: 'RANK' },
      ],
    });
    expect(r.errors).toBeUndefined();
    const a = await assess('COUNTY');
    expect(a.totalCount).toBe(counties.length);
    expect(a.scheme.name).toBe('测试：线性、达标与排名');
    const got = new Map<string, any>(a.items.map((i: any) => [i.code, i]));
    const n = counties.length;
    const round2 = (x: number) => Math.round(x * 100) / 100;
    for (const c of counties) {
      const [incidence, secretary, target] = got.get(c.code).breakdown;
      expect(incidence.value).toBeCloseTo(c.incidence, 9);
      expect(secretary.value).toBeCloseTo(c.secretary, 9);
      expect(target.value).toBeCloseTo(c.target, 9);
      const linear = 40 * Math.min(1, Math.max(0, (c.incidence - highest.incidence) / (middle.incidence - highest.incidence)));
      expect(incidence.points).toBeCloseTo(round2(linear), 9);
      expect(secretary.points).toBe(c.secretary >= threshold ? 20 : 0);
      const rank = 1 + counties.filter((o) => o.target > c.target).length;
      expect(target).toMatchObject({ rule: 'RANK', rank, ranked: n });
      expect(target.points).toBeCloseTo(round2((40 * (n - rank)) / (n - 1)), 9);
      expect(got.get(c.code).score).toBeCloseTo(round2(incidence.points + secretary.points + target.points), 9);
    }
    expect(got.get(highest.code).breakdown[0].points).toBe(0);
    expect(got.get(highest.code).breakdown[0].explanation).toContain('未超过下限');
    expect(got.get(middle.code).breakdown[0].points).toBe(40);
    expect(got.get(lowest.code).breakdown[0]).toMatchObject({ points: 40 });
    expect(got.get(lowest.code).breakdown[0].explanation).toContain('已达目标');
    const atThreshold = got.get(bySecretary[Math.floor(bySecretary.length / 2)]!.code).breakdown[1];
    expect(atThreshold.points).toBe(20);
    expect(atThreshold.explanation).toContain('达标');
    expect(got.get(bySecretary[0]!.code).breakdown[1]).toMatchObject({ points: bySecretary[0]!.secretary >= threshold ? 20 : 0 });
    // ranked by score with competition ranks
    const scores = a.items.map((i: any) => i.score);
    expect(scores).toEqual([...scores].sort((x: number, y: number) => y - x));
    for (const i of a.items) expect(i.rank).toBe(1 + a.items.filter((o: any) => o.score > i.score).length);
  });

  it('gives tied totals one rank and skips the next; grades at the band edges', async () => {
    const bySecretary = sortedBy('secretary');
    const threshold = bySecretary[Math.floor(bySecretary.length / 2)]!.secretary;
    const passing = counties.filter((c) => c.secretary >= threshold).length;
    expect(passing).toBeGreaterThanOrEqual(2);
    expect(passing).toBeLessThan(counties.length);
    // every county passes the first (incidence ≤ 100 %), so totals are 100 (passing) or 50: ties by construction
    const r = await save({
      year: YEAR,
      name: '测试：并列与等次',
      gradeBands: { good: 100, fair: 50.01, average: 50 },
      indicators: [
        { key: 'POVERTY_INCIDENCE', weight: 50, rule: 'THRESHOLD', threshold: 100 },
        { key: 'SECRETARY_IS_DIRECTOR_SHARE', weight: 50, rule: 'THRESHOLD', threshold },
      ],
    });
    expect(r.errors).toBeUndefined();
    const a = await assess('COUNTY');
    const top = a.items.filter((i: any) => i.score === 100);
    const rest = a.items.filter((i: any) => i.score === 50);
    expect(top).toHaveLength(passing);
    expect(rest).toHaveLength(counties.length - passing);
    for (const i of top) expect(i).toMatchObject({ rank: 1, grade: 'GOOD' });
    for (const i of rest) expect(i).toMatchObject({ rank: passing + 1, grade: 'AVERAGE' });
    const paged = await server.graphql(ASSESS, { y: YEAR, l: 'COUNTY', c: null, o: 1, n: 2 });
    expect(paged.data.assessment.items.map((i: any) => i.code)).toEqual(a.items.slice(1, 3).map((i: any) => i.code));
    expect(paged.data.assessment.hasNextPage).toBe(counties.length > 3);
    const one = await assess('COUNTY', YEAR, rest[0].code);
    expect(one.totalCount).toBe(1);
    expect(one.assessed).toBe(counties.length);
    expect(one.items[0]).toMatchObject({ code: rest[0].code, rank: passing + 1 });
  });

  it('scores a missing value 0 and says so (no previous year for the fall in incidence in 2016)', async () => {
    const r = await save({
      year: 2016,
      name: '测试：缺失数值',
      gradeBands: { good: 90, fair: 75, average: 60 },
      indicators: [
        { key: 'INCIDENCE_FALL', weight: 30, rule: 'LINEAR', floor: 0, target: 2 },
        { key: 'POVERTY_INCIDENCE', weight: 70, rule: 'THRESHOLD', threshold: 100 },
      ],
    });
    expect(r.errors).toBeUndefined();
    const a = await assess('TOWNSHIP', 2016);
    expect(a.totalCount).toBe(Number((await sql<{ n: string }>(`select count(*) as n from township`))[0]!.n));
    for (const i of a.items) {
      expect(i.breakdown[0]).toMatchObject({ key: 'INCIDENCE_FALL', value: null, missing: true, points: 0 });
      expect(i.breakdown[0].explanation).toBe('无数值，得 0 分（满分 30）');
      expect(i.score).toBe(70);
      expect(i.rank).toBe(1);
    }
  });

  it('counts findings due in the year rectified on time (the deadline day counts) and funds delivered against commitment, for a village', async () => {
    const [v] = await sql<{ code: string }>(
      `select v.code from village v
        where not exists (select 1 from inspection i where i.village_code = v.code)
          and not exists (select 1 from assignment a join assignment_fund f on f.assignment_id = a.id where a.village_code = v.code and f.year = $1)
        order by v.code limit 1`,
      [YEAR],
    );
    const village = v!.code;
    const [ins] = await sql<{ id: number }>(
      `insert into inspection (inspected_on, inspecting_unit, county_code, township_code, village_code) values ('2024-03-01', '测试督查组', $1, $2, $3) returning id`,
      [`${village.slice(0, 6)}000000`, `${village.slice(0, 9)}000`, village],
    );
    fixtures.inspection = ins!.id;
    // due in 2024: on its deadline day (on time), late, never; due in 2025: not counted
    await sql(
      `insert into finding (inspection_id, category, description, responsible_unit, deadline, rectified_on) values
         ($1, 'FUNDS', '测试问题一', '测试单位', '2024-06-30', '2024-06-30'),
         ($1, 'PROJECTS', '测试问题二', '测试单位', '2024-06-30', '2024-07-15'),
         ($1, 'CONDUCT', '测试问题三', '测试单位', '2024-09-30', null),
         ($1, 'POLICY', '测试问题四', '测试单位', '2025-03-31', null)`,
      [fixtures.inspection],
    );
    const [unit] = await sql<{ id: number }>(`select id from assisting_unit order by id limit 1`);
    const [asg] = await sql<{ id: number }>(`insert into assignment (unit_id, village_code, start_year) values ($1, $2, 2023) returning id`, [unit!.id, village]);
    fixtures.assignment = asg!.id;
    await sql(`insert into assignment_fund (assignment_id, year, amount, committed) values ($1, $2, 30, 40)`, [fixtures.assignment, YEAR]);
    const r = await save({
      year: YEAR,
      name: '测试：整改与资金',
      gradeBands: { good: 90, fair: 75, average: 60 },
      indicators: [
        { key: 'FINDINGS_RECTIFIED_ON_TIME', weight: 15, rule: 'LINEAR', floor: 0, target: 100 },
        { key: 'FUNDS_DELIVERED', weight: 15, rule: 'LINEAR', floor: 0, target: 100 },
        { key: 'SECRETARY_IS_DIRECTOR_SHARE', weight: 70, rule: 'RANK' },
      ],
    });
    expect(r.errors).toBeUndefined();
    const a = await assess('VILLAGE', YEAR, village);
    const [findings, funds] = a.items[0].breakdown;
    // only the two indicators that exist at village level: weights 15 + 15 rescaled to 50 + 50
    expect(a.items[0].breakdown).toHaveLength(2);
    expect(findings).toMatchObject({ key: 'FINDINGS_RECTIFIED_ON_TIME', weight: 50, missing: false });
    expect(findings.value).toBeCloseTo(100 / 3, 9);
    expect(findings.points).toBe(16.67);
    expect(funds).toMatchObject({ key: 'FUNDS_DELIVERED', weight: 50, value: 75, points: 37.5 });
    expect(a.items[0].score).toBe(54.17);
  });
});

describe('the income band in SQL', () => {
  it('incomeBandSql gives the band incomeBand gives, on every village-year and at the band edges', async () => {
    const band = incomeBandSql('vy', DEFAULT_THRESHOLDS);
    let n = 0;
    const text = band.text.replace(/\?/g, () => `$${++n}`);
    const edges = [0, DEFAULT_THRESHOLDS.weakIncomeBelow - 0.01, DEFAULT_THRESHOLDS.weakIncomeBelow, DEFAULT_THRESHOLDS.targetIncome - 0.01, DEFAULT_THRESHOLDS.targetIncome];
    const rows = await sql<{ income: string; band: string }>(
      `select vy.collective_income as income, ${text} as band
         from (select collective_income from village_year union all select unnest($${n + 1}::numeric[])) vy`,
      [...band.values, edges],
    );
    expect(rows.length).toBeGreaterThan(1000);
    for (const r of rows) expect(r.band).toBe(incomeBand(Number(r.income)));
  });
});

describe('schemes: reads, validation, roles, versions and audit', () => {
  const sound = { year: YEAR, name: '测试办法', gradeBands: { good: 90, fair: 75, average: 60 }, indicators: [{ key: 'POVERTY_INCIDENCE', weight: 100, rule: 'LINEAR', floor: 10, target: 2 }] };

  it('refuses a planner and a viewer, and writes nothing', async () => {
    const before = await auditCount();
    const asPlanner = await save(sound, planner);
    expect(asPlanner.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(asPlanner.errors?.[0]?.message).toBe('saveAssessmentScheme needs role admin; this token has role planner');
    const anonymous = await server.graphql(SAVE, { i: sound });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const del = await server.graphql(`mutation { deleteAssessmentScheme(year: ${YEAR}, version: 1) }`, {}, planner);
    expect(del.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await auditCount()).toBe(before);
  });

  it('refuses an unsound scheme with Chinese problems naming the indicator and the field', async () => {
    const before = await auditCount();
    const r = await save({
      ...sound,
      name: ' ',
      gradeBands: { good: 60, fair: 75, average: 50 },
      indicators: [
        { key: 'POVERTY_INCIDENCE', weight: 50, rule: 'LINEAR', floor: 3, target: 3 },
        { key: 'NO_SUCH_INDICATOR', weight: 30, rule: 'RANK' },
      ],
    });
    expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(r.errors?.[0]?.message).toContain(`${YEAR}年考核办法不合格`);
    expect(r.errors?.[0]?.extensions?.problems).toEqual([
      { field: 'name', message: '考核办法名称不能为空' },
      { field: 'indicators[0].target', message: '第1项指标「贫困发生率」：下限 floor 与目标值 target 不能相等（3）' },
      { field: 'indicators[1].key', message: '第2项指标「NO_SUCH_INDICATOR」：未知的指标代码 NO_SUCH_INDICATOR' },
      { field: 'indicators', message: '各项指标权重之和须为 100，现为 80' },
      { field: 'gradeBands.fair', message: '等次「较好」的下限（75）须低于「好」的下限（60）' },
    ]);
    expect(await auditCount()).toBe(before);
  });

  it('replaces the year\'s scheme at its version (audited, seen at once), refuses a stale version, and deletes it', async () => {
    const version = await currentVersion(YEAR);
    const before = await auditCount();
    const first = await server.graphql(`query ($y: Int!) { assessmentScheme(year: $y) { name version } }`, { y: YEAR });
    expect(first.errors).toBeUndefined();
    const r = await save({ ...sound, name: '测试办法（修订）' });
    expect(r.errors).toBeUndefined();
    expect(r.data.saveAssessmentScheme).toMatchObject({ year: YEAR, name: '测试办法（修订）', version: (version ?? 0) + 1 });
    // the same query again: the answer cache was dropped by the write's change notice
    const next = await server.graphql(`query ($y: Int!) { assessmentScheme(year: $y) { name version } }`, { y: YEAR });
    expect(next.data.assessmentScheme).toMatchObject({ name: '测试办法（修订）', version: (version ?? 0) + 1 });
    const [entry] = await sql<{ subject: string; action: string; entity_id: string; before: { name: string } | null; after: { name: string } }>(
      `select * from audit_entry where entity = 'AssessmentScheme' order by id desc limit 1`,
    );
    expect(entry).toMatchObject({ subject: 'admin-assessment', action: 'saveAssessmentScheme', entity_id: String(YEAR) });
    expect(entry!.after.name).toBe('测试办法（修订）');
    const stale = await server.graphql(SAVE, { i: { ...sound, version: version ?? 0 } }, admin);
    expect(stale.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(stale.errors?.[0]?.extensions?.currentVersion).toBe((version ?? 0) + 1);
    const all = await server.graphql(`{ assessmentSchemes { year name } assessmentIndicators { key name nameEn unit polarity levels } }`);
    expect(all.data.assessmentSchemes.map((s: { year: number }) => s.year)).toContain(YEAR);
    expect(all.data.assessmentIndicators.find((i: { key: string }) => i.key === 'POVERTY_INCIDENCE')).toMatchObject({ polarity: 'HIGHER_IS_WORSE', levels: ['COUNTY', 'TOWNSHIP', 'VILLAGE'] });
    const del = await server.graphql(`mutation ($y: Int!, $v: Int!) { deleteAssessmentScheme(year: $y, version: $v) }`, { y: YEAR, v: (version ?? 0) + 1 }, admin);
    expect(del.errors).toBeUndefined();
    const gone = await server.graphql(`query ($y: Int!) { assessmentScheme(year: $y) { name } assessment(year: $y) { totalCount } }`, { y: YEAR });
    expect(gone.data).toEqual({ assessmentScheme: null, assessment: null });
    expect(await auditCount()).toBe(before + 2);
  });

  it('refuses a village assessment when no indicator of the scheme exists at village level', async () => {
    const r = await save({ ...sound, indicators: [{ key: 'SECRETARY_IS_DIRECTOR_SHARE', weight: 100, rule: 'RANK' }] });
    expect(r.errors).toBeUndefined();
    const v = await server.graphql(ASSESS, { y: YEAR, l: 'VILLAGE', c: null, o: 0, n: 10 });
    expect(v.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(v.errors?.[0]?.message).toBe('考核办法「测试办法」没有适用于嘎查村级的指标');
  });
});

describe('live updates', () => {
  it('announce a saved scheme to the dataChanged subscribers, naming its table', async () => {
    const tables: string[][] = [];
    const client = createClient({ url: `${server.url.replace(/^http/, 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0 });
    const stop = client.subscribe<{ dataChanged: { tables: string[] } }>(
      { query: 'subscription { dataChanged { tables } }' },
      { next: (r) => void (r.data && tables.push(r.data.dataChanged.tables)), error: () => {}, complete: () => {} },
    );
    try {
      // Subscribed once the hub counts the subscription (/metrics).
      await vi.waitFor(async () => {
        const text = await (await fetch(`${server.url}/metrics`)).text();
        expect(Number(/^lingyan_live_subscriptions (\d+)/m.exec(text)?.[1] ?? 0)).toBeGreaterThan(0);
      }, { timeout: 10_000, interval: 50 });
      const r = await save({ year: YEAR, name: '实时更新测试', gradeBands: { good: 90, fair: 75, average: 60 }, indicators: [{ key: 'POVERTY_INCIDENCE', weight: 100, rule: 'RANK' }] });
      expect(r.errors).toBeUndefined();
      await vi.waitFor(() => expect(tables.flat()).toContain('assessment_scheme'), { timeout: 10_000, interval: 20 });
    } finally {
      stop();
      await client.dispose();
    }
  });
});
