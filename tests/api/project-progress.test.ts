/**
 * Project progress (项目进度) through the API: a project's years with totals,
 * the rules (within the project's years, no stage going back, dividends only
 * once operating, to at most its poor beneficiaries), planners only in their
 * county, versions, audit, and committed funds beside delivered ones.
 * Figures are hand-computed for a project made by the test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../support/db.js';
import { startTestServer, token, type TestServer } from '../support/server.js';

let server: TestServer;
let planner: string;
let outsider: string;
let village: string;
let projectId: number;

const UPSERT = `mutation ($i: ProjectYearInput!) { upsertProjectYear(input: $i) { year version stage plannedTotal deliveredTotal jobs dividendHouseholds dividendsPoor shareCapitalPoor } }`;
const PROGRESS = `query ($id: Int!) { industryProject(id: $id) {
  progress { year stage plannedTotal deliveredTotal plannedFiscal deliveredFiscal version }
  progressIn(year: 2022) { year stage deliveredTotal }
  progressSummary { years latestStage planned delivered dividendsPoor shareCapitalPoor } } }`;

async function auditCount(): Promise<number> {
  return Number((await sql<{ n: string }>(`select count(*) as n from audit_entry`))[0]!.n);
}

beforeAll(async () => {
  server = await startTestServer();
  const [v] = (await sql<{ code: string; lon: number; lat: number }>(`select code, ST_X(location) as lon, ST_Y(location) as lat from village order by code limit 1`)) as [{ code: string; lon: number; lat: number }];
  village = v.code;
  const county = `${village.slice(0, 6)}000000`;
  const [{ other }] = (await sql<{ other: string }>(`select code as other from county where code <> $1 order by code limit 1`, [county])) as [{ other: string }];
  planner = await token('planner', [county], 1, 'planner-progress');
  outsider = await token('planner', [other], 1, 'planner-elsewhere');
  const created = await server.graphql(
    `mutation ($i: IndustryProjectInput!) { createIndustryProject(input: $i) { id } }`,
    {
      i: {
        name: '进度测试肉牛养殖园区', type: 'LIVESTOCK', villageCode: village, location: { type: 'Point', coordinates: [v.lon, v.lat] },
        startYear: 2020, endYear: 2024, investmentTotal: 200, investmentFiscal: 120, investmentAssisting: 50, investmentCollective: 30,
        beneficiaryHouseholds: 60, beneficiaryPoorHouseholds: 12,
      },
    },
    planner,
  );
  expect(created.errors).toBeUndefined();
  projectId = created.data.createIndustryProject.id;
});
afterAll(async () => {
  if (projectId) await sql(`delete from industry_project where id = $1`, [projectId]);
  await server?.close();
});

const year = (y: number, stage: string, patch: object = {}) => ({ projectId, year: y, stage, ...patch });

describe('recording a project\'s years', () => {
  it('records years and sums them: planned and delivered by source, per year and over the years', async () => {
    const before = await auditCount();
    const r2020 = await server.graphql(UPSERT, { i: year(2020, 'PLANNED', { plannedFiscal: 60, plannedAssisting: 25.5, deliveredFiscal: 40.25 }) }, planner);
    expect(r2020.errors).toBeUndefined();
    expect(r2020.data.upsertProjectYear).toEqual({ year: 2020, version: 1, stage: 'PLANNED', plannedTotal: 85.5, deliveredTotal: 40.25, jobs: 0, dividendHouseholds: 0, dividendsPoor: 0, shareCapitalPoor: 0 });
    const r2021 = await server.graphql(UPSERT, { i: year(2021, 'BUILDING', { plannedFiscal: 60, plannedCollective: 30, deliveredFiscal: 60, deliveredCollective: 10.1, deliveredAssisting: 0.2, jobs: 15, shareCapitalPoor: 24 }) }, planner);
    expect(r2021.errors).toBeUndefined();
    expect(r2021.data.upsertProjectYear).toMatchObject({ plannedTotal: 90, deliveredTotal: 70.3, jobs: 15, shareCapitalPoor: 24 });
    const r2022 = await server.graphql(UPSERT, { i: year(2022, 'OPERATING', { plannedAssisting: 24.5, deliveredAssisting: 24.5, jobs: 22, dividendHouseholds: 12, dividendsPoor: 3.6 }) }, planner);
    expect(r2022.errors).toBeUndefined();
    expect(await auditCount()).toBe(before + 3);

    const { data, errors } = await server.graphql(PROGRESS, { id: projectId });
    expect(errors).toBeUndefined();
    expect(data.industryProject.progress.map((y: { year: number; stage: string }) => [y.year, y.stage])).toEqual([[2020, 'PLANNED'], [2021, 'BUILDING'], [2022, 'OPERATING']]);
    expect(data.industryProject.progressIn).toEqual({ year: 2022, stage: 'OPERATING', deliveredTotal: 24.5 });
    // planned 85.5 + 90 + 24.5 = 200; delivered 40.25 + 70.3 + 24.5 = 135.05
    expect(data.industryProject.progressSummary).toEqual({ years: 3, latestStage: 'OPERATING', planned: 200, delivered: 135.05, dividendsPoor: 3.6, shareCapitalPoor: 24 });
    const [row] = await sql<{ planned: string; delivered: string }>(
      `select sum(planned_fiscal + planned_assisting + planned_collective + planned_enterprise + planned_other)::text as planned,
              sum(delivered_fiscal + delivered_assisting + delivered_collective + delivered_enterprise + delivered_other)::text as delivered
         from project_year where project_id = $1`,
      [projectId],
    );
    expect(row).toEqual({ planned: '200.00', delivered: '135.05' });
    const [entry] = await sql<{ action: string; entity_id: string; county_code: string; subject: string }>(`select action, entity_id, county_code, subject from audit_entry order by id desc limit 1`);
    expect(entry).toEqual({ action: 'upsertProjectYear', entity_id: `${projectId}/2022`, county_code: `${village.slice(0, 6)}000000`, subject: 'planner-progress' });
  });

  it('changes a year with its version, refuses a stale one with CONFLICT, and one without a version', async () => {
    const stale = await server.graphql(UPSERT, { i: year(2021, 'BUILDING', { version: 7, jobs: 16 }) }, planner);
    expect(stale.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(stale.errors?.[0]?.extensions?.currentVersion).toBe(1);
    const missing = await server.graphql(UPSERT, { i: year(2021, 'BUILDING', { jobs: 16 }) }, planner);
    expect(missing.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(missing.errors?.[0]?.message).toContain(`项目「进度测试肉牛养殖园区」（编号 ${projectId}）2021 年的进度已有记录（版本 1）`);
    const ok = await server.graphql(UPSERT, { i: year(2021, 'BUILDING', { version: 1, plannedFiscal: 60, plannedCollective: 30, deliveredFiscal: 60, deliveredCollective: 10.1, deliveredAssisting: 0.2, jobs: 16, shareCapitalPoor: 24 }) }, planner);
    expect(ok.errors).toBeUndefined();
    expect(ok.data.upsertProjectYear).toMatchObject({ version: 2, jobs: 16, deliveredTotal: 70.3 });
  });

  it('refuses a stage going back, in either direction, naming project, year and stages', async () => {
    const before = await auditCount();
    // 2023 after OPERATING in 2022 cannot be BUILDING
    const back = await server.graphql(UPSERT, { i: year(2023, 'BUILDING') }, planner);
    expect(back.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(back.errors?.[0]?.message).toContain(`stage: 项目「进度测试肉牛养殖园区」（编号 ${projectId}）2023 年：阶段不能倒退：2022 年已是“投产”，2023 年却填“在建”`);
    // 2021 cannot become EFFECTIVE while 2022 is OPERATING
    const ahead = await server.graphql(UPSERT, { i: year(2021, 'EFFECTIVE', { version: 2 }) }, planner);
    expect(ahead.errors?.[0]?.message).toContain('2021 年：阶段不能倒退：2021 年填“见效”，而 2022 年才是“投产”');
    expect(ahead.errors?.[0]?.extensions?.problems).toEqual([{ field: 'stage', reason: expect.stringContaining('2021 年填“见效”'), year: 2021 }]);
    expect(await auditCount()).toBe(before);
    const [{ n }] = (await sql<{ n: number }>(`select count(*)::int as n from project_year where project_id = $1 and year = 2023`, [projectId])) as [{ n: number }];
    expect(n).toBe(0);
  });

  it('refuses dividends before the project operates, more dividend households than poor beneficiaries, and a year outside the project\'s years', async () => {
    const early = await server.graphql(UPSERT, { i: year(2019, 'PLANNED') }, planner);
    expect(early.errors?.[0]?.message).toContain('2019 年：年份不在项目年限 2020–2024 之内');
    const late = await server.graphql(UPSERT, { i: year(2025, 'EFFECTIVE') }, planner);
    expect(late.errors?.[0]?.message).toContain('year: 项目「进度测试肉牛养殖园区」');
    const dividendsWhileBuilding = await server.graphql(UPSERT, { i: year(2021, 'BUILDING', { version: 2, dividendHouseholds: 5, dividendsPoor: 1.5 }) }, planner);
    expect(dividendsWhileBuilding.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(dividendsWhileBuilding.errors?.[0]?.message).toContain('dividendsPoor: 项目「进度测试肉牛养殖园区」');
    expect(dividendsWhileBuilding.errors?.[0]?.message).toContain('2021 年：阶段为“在建”，还不能分红（分红金额 1.5 万元、分红户数 5 户）');
    const tooMany = await server.graphql(UPSERT, { i: year(2023, 'EFFECTIVE', { dividendHouseholds: 13, dividendsPoor: 4 }) }, planner);
    expect(tooMany.errors?.[0]?.message).toContain('dividendHouseholds: 项目「进度测试肉牛养殖园区」');
    expect(tooMany.errors?.[0]?.message).toContain('2023 年：分红户数 13 户超过项目的受益贫困户数 12 户');
    const negative = await server.graphql(UPSERT, { i: year(2023, 'EFFECTIVE', { deliveredOther: -1, jobs: 2 }) }, planner);
    expect(negative.errors?.[0]?.message).toContain('到位其他资金须为不小于 0、至多两位小数的金额（万元），填的是 -1');
    const ok = await server.graphql(UPSERT, { i: year(2023, 'EFFECTIVE', { dividendHouseholds: 12, dividendsPoor: 4.8 }) }, planner);
    expect(ok.errors).toBeUndefined();
  });

  it('refuses a planner outside the project\'s county, a viewer and anonymous writes, leaving no trace', async () => {
    const before = await auditCount();
    const elsewhere = await server.graphql(UPSERT, { i: year(2024, 'EFFECTIVE') }, outsider);
    expect(elsewhere.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(elsewhere.errors?.[0]?.message).toContain(`changes county ${village.slice(0, 6)}000000`);
    const viewer = await server.graphql(UPSERT, { i: year(2024, 'EFFECTIVE') }, await token('viewer'));
    expect(viewer.errors?.[0]?.message).toBe('upsertProjectYear needs role planner; this token has role viewer');
    const anonymous = await server.graphql(`mutation { deleteProjectYear(projectId: ${projectId}, year: 2023, version: 1) { id } }`, {});
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const deleteElsewhere = await server.graphql(`mutation { deleteProjectYear(projectId: ${projectId}, year: 2023, version: 1) { id } }`, {}, outsider);
    expect(deleteElsewhere.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const unknown = await server.graphql(UPSERT, { i: { projectId: 99999999, year: 2021, stage: 'PLANNED' } }, planner);
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(await auditCount()).toBe(before);
    const [{ n }] = (await sql<{ n: number }>(`select count(*)::int as n from project_year where project_id = $1 and year = 2024`, [projectId])) as [{ n: number }];
    expect(n).toBe(0);
  });

  it('deletes a year with its version (stale refused), and a cached read sees it at once', async () => {
    const first = await server.graphql(PROGRESS, { id: projectId });
    expect(first.data.industryProject.progress.map((y: { year: number }) => y.year)).toEqual([2020, 2021, 2022, 2023]);
    const DELETE = `mutation ($v: Int!) { deleteProjectYear(projectId: ${projectId}, year: 2023, version: $v) { id progress { year } } }`;
    const stale = await server.graphql(DELETE, { v: 5 }, planner);
    expect(stale.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const ok = await server.graphql(DELETE, { v: 1 }, planner);
    expect(ok.errors).toBeUndefined();
    expect(ok.data.deleteProjectYear.progress.map((y: { year: number }) => y.year)).toEqual([2020, 2021, 2022]);
    const again = await server.graphql(PROGRESS, { id: projectId });
    expect(again.data.industryProject.progressSummary).toMatchObject({ years: 3, latestStage: 'OPERATING', dividendsPoor: 3.6 });
    const [entry] = await sql<{ action: string; after: unknown }>(`select action, after from audit_entry order by id desc limit 1`);
    expect(entry).toEqual({ action: 'deleteProjectYear', after: null });
  });
});

describe('committed funds of an assignment (承诺资金)', () => {
  it('records committed beside delivered funds, null when not given, and refuses a negative commitment', async () => {
    const ASSIGN = `mutation ($i: AssignmentInput!) { assignUnit(input: $i) { id funds { year amount committed } } }`;
    const bad = await server.graphql(ASSIGN, { i: { unitId: 1, villageCode: village, startYear: 2024, endYear: 2025, funds: [{ year: 2024, amount: 5, committed: -2 }] } }, planner);
    expect(bad.errors?.[0]?.message).toContain('funds[0].committed: 承诺资金须为不小于 0 的金额（万元），2024 年填的是 -2');
    const ok = await server.graphql(ASSIGN, { i: { unitId: 1, villageCode: village, startYear: 2024, endYear: 2025, funds: [{ year: 2024, amount: 12.5, committed: 20 }, { year: 2025, amount: 7.5 }] } }, planner);
    expect(ok.errors).toBeUndefined();
    expect(ok.data.assignUnit.funds).toEqual([{ year: 2024, amount: 12.5, committed: 20 }, { year: 2025, amount: 7.5, committed: null }]);
    const rows = await sql<{ year: number; committed: string | null }>(`select year, committed::text from assignment_fund where assignment_id = $1 order by year`, [ok.data.assignUnit.id]);
    expect(rows).toEqual([{ year: 2024, committed: '20.00' }, { year: 2025, committed: null }]);
    await sql(`delete from assignment_fund where assignment_id = $1`, [ok.data.assignUnit.id]);
    await sql(`delete from assignment where id = $1`, [ok.data.assignUnit.id]);
  });
});
