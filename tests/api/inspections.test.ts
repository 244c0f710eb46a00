/**
 * 督查整改 through the API: a visit recorded with its findings, the year's
 * findings and their counts per status for county, township and village
 * (hand-computed), a finding rectified on its deadline day and the day after,
 * the carry-over of open findings into the next year, and the refusals:
 * a planner outside the county, a deadline before the visit, a rectification
 * without evidence or in the future, a stale version.
 * Years 2010–2011 hold no demo visits, so every figure here is this file's.
 */
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { sql } from '../support/db.js';
import { startTestServer, token, type TestServer } from '../support/server.js';

let server: TestServer;
let plannerA: string;
let plannerB: string;
let viewer: string;
let countyA: string;
let countyB: string;
let township: string;
let village: string;
let villagePoint: [number, number];

const RECORD = `mutation ($i: InspectionInput!) { recordInspection(input: $i) {
  id version inspectedOn inspectingUnit place { kind code name countyCode point }
  findings { id version category status deadline rectifiedOn rectifiedOnTime asOf } } }`;
const COUNTS = `query ($y: Int!, $a: String, $d: String) { findingCounts(year: $y, areaCode: $a, asOf: $d) { asOf open overdue rectified rectifiedOnTime rectifiedLate total } }`;
const FINDINGS = `query ($y: Int!, $a: String, $s: [FindingStatus!], $c: [FindingCategory!]) { findings(year: $y, areaCode: $a, status: $s, category: $c) {
  totalCount items { id description status deadline rectifiedOn rectifiedOnTime responsibleUnit evidence inspection { id inspectedOn place { kind code } } } } }`;

async function auditCount(): Promise<number> {
  return Number((await sql<{ n: string }>(`select count(*) as n from audit_entry`))[0]!.n);
}

const finding = (description: string, deadline: string, rectifiedOn: string | null = null, category = 'PARTY_BUILDING') => ({
  category,
  description,
  responsibleUnit: '测试责任单位',
  deadline,
  rectifiedOn,
  evidence: rectifiedOn ? '整改报告' : null,
});

/** Visit 1 (village, 2010-03-10): on time, late, open, overdue; visit 2 (township, 2010-11-01): one open past the year's end. */
let visit1: { id: number; findings: Array<{ id: number; version: number; status: string }> };
let visit2: { id: number };

beforeAll(async () => {
  server = await startTestServer();
  const [v] = (await sql<{ code: string; township_code: string; x: number; y: number }>(
    `select code, township_code, ST_X(location) as x, ST_Y(location) as y from village order by code limit 1`,
  )) as [{ code: string; township_code: string; x: number; y: number }];
  village = v.code;
  township = v.township_code;
  villagePoint = [v.x, v.y];
  countyA = `${village.slice(0, 6)}000000`;
  [{ code: countyB }] = (await sql<{ code: string }>(`select code from county where code <> $1 order by code limit 1`, [countyA])) as [{ code: string }];
  plannerA = await token('planner', [countyA], 1, 'planner-insp-a');
  plannerB = await token('planner', [countyB], 1, 'planner-insp-b');
  viewer = await token('viewer');
  const r1 = await server.graphql(
    RECORD,
    {
      i: {
        inspectedOn: '2010-03-10',
        inspectingUnit: '盟委督查室',
        placeCode: village,
        findings: [
          finding('三会一课记录不全', '2010-05-10', '2010-05-10'),
          finding('扶贫资金拨付滞后', '2010-05-10', '2010-05-11', 'FUNDS'),
          finding('驻村工作队考勤不实', '2010-12-31', null, 'ASSISTANCE'),
          finding('产业项目台账缺失', '2010-06-30', null, 'PROJECTS'),
        ],
      },
    },
    plannerA,
  );
  expect(r1.errors).toBeUndefined();
  visit1 = r1.data.recordInspection;
  const r2 = await server.graphql(
    RECORD,
    { i: { inspectedOn: '2010-11-01', inspectingUnit: '扶贫办', placeCode: township, findings: [finding('政策宣传不到位', '2011-01-31', null, 'POLICY')] } },
    plannerA,
  );
  expect(r2.errors).toBeUndefined();
  visit2 = r2.data.recordInspection;
});
afterAll(async () => {
  await server?.close();
});

describe('recording a visit', () => {
  it('returns the visit at its place with each finding judged as of the end of its year', () => {
    const got = visit1 as unknown as { inspectedOn: string; place: { kind: string; code: string; countyCode: string; point: { coordinates: number[] } }; findings: Array<{ status: string; rectifiedOnTime: boolean | null; asOf: string }> };
    expect(got.inspectedOn).toBe('2010-03-10');
    expect(got.place).toMatchObject({ kind: 'VILLAGE', code: village, countyCode: countyA });
    expect(got.place.point.coordinates[0]).toBeCloseTo(villagePoint[0], 9);
    expect(got.place.point.coordinates[1]).toBeCloseTo(villagePoint[1], 9);
    expect(got.findings.map((f) => [f.status, f.rectifiedOnTime, f.asOf])).toEqual([
      ['RECTIFIED', true, '2010-12-31'],
      ['RECTIFIED', false, '2010-12-31'],
      ['OPEN', null, '2010-12-31'],
      ['OVERDUE', null, '2010-12-31'],
    ]);
  });

  it('writes one audit entry per visit, in the inspected county', async () => {
    const [entry] = (await sql<{ action: string; county_code: string; subject: string; after: { findings: unknown[]; villageCode: string } }>(
      `select action, county_code, subject, after from audit_entry where entity = 'Inspection' and entity_id = $1`,
      [String(visit1.id)],
    )) as [{ action: string; county_code: string; subject: string; after: { findings: unknown[]; villageCode: string } }];
    expect(entry).toMatchObject({ action: 'recordInspection', county_code: countyA, subject: 'planner-insp-a' });
    expect(entry.after.findings).toHaveLength(4);
    expect(entry.after.villageCode).toBe(village);
  });
});

describe('counts and lists for a year', () => {
  it('counts the county\'s, township\'s and village\'s findings by status as of the year\'s end', async () => {
    const county = await server.graphql(COUNTS, { y: 2010, a: countyA });
    expect(county.errors).toBeUndefined();
    expect(county.data.findingCounts).toEqual({ asOf: '2010-12-31', open: 2, overdue: 1, rectified: 2, rectifiedOnTime: 1, rectifiedLate: 1, total: 5 });
    const town = await server.graphql(COUNTS, { y: 2010, a: township });
    expect(town.data.findingCounts).toEqual(county.data.findingCounts);
    const vil = await server.graphql(COUNTS, { y: 2010, a: village });
    expect(vil.data.findingCounts).toEqual({ asOf: '2010-12-31', open: 1, overdue: 1, rectified: 2, rectifiedOnTime: 1, rectifiedLate: 1, total: 4 });
    const other = await server.graphql(COUNTS, { y: 2010, a: countyB });
    expect(other.data.findingCounts.total).toBe(0);
  });

  it('judges as of a day: open on the deadline day, and a later visit not yet counted', async () => {
    const mid = await server.graphql(COUNTS, { y: 2010, a: countyA, d: '2010-06-30' });
    expect(mid.data.findingCounts).toEqual({ asOf: '2010-06-30', open: 2, overdue: 0, rectified: 2, rectifiedOnTime: 1, rectifiedLate: 1, total: 4 });
    const after = await server.graphql(COUNTS, { y: 2010, a: countyA, d: '2010-07-01' });
    expect(after.data.findingCounts).toMatchObject({ open: 1, overdue: 1, total: 4 });
    const wrong = await server.graphql(COUNTS, { y: 2010, a: countyA, d: '2011-01-01' });
    expect(wrong.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(wrong.errors?.[0]?.message).toContain('须为 2010 年内的日期');
  });

  it('carries findings still open into the next year, and leaves those rectified before it out', async () => {
    const next = await server.graphql(COUNTS, { y: 2011, a: countyA });
    // f3 (due 2010-12-31), f4 (due 2010-06-30) and f5 (due 2011-01-31) are all past due on 2011-12-31.
    expect(next.data.findingCounts).toEqual({ asOf: '2011-12-31', open: 0, overdue: 3, rectified: 0, rectifiedOnTime: 0, rectifiedLate: 0, total: 3 });
  });

  it('lists the year\'s findings overdue first, then by deadline, filtered by status and category', async () => {
    const all = await server.graphql(FINDINGS, { y: 2010, a: countyA });
    expect(all.errors).toBeUndefined();
    expect(all.data.findings.totalCount).toBe(5);
    expect(all.data.findings.items.map((f: { description: string; status: string }) => [f.description, f.status])).toEqual([
      ['产业项目台账缺失', 'OVERDUE'],
      ['驻村工作队考勤不实', 'OPEN'],
      ['政策宣传不到位', 'OPEN'],
      ['三会一课记录不全', 'RECTIFIED'],
      ['扶贫资金拨付滞后', 'RECTIFIED'],
    ]);
    expect(all.data.findings.items[2].inspection.place).toEqual({ kind: 'TOWNSHIP', code: township });
    expect(all.data.findings.items[4]).toMatchObject({ rectifiedOn: '2010-05-11', rectifiedOnTime: false, evidence: '整改报告', responsibleUnit: '测试责任单位' });
    const overdue = await server.graphql(FINDINGS, { y: 2010, a: countyA, s: ['OVERDUE'] });
    expect(overdue.data.findings.items.map((f: { deadline: string }) => f.deadline)).toEqual(['2010-06-30']);
    const funds = await server.graphql(FINDINGS, { y: 2010, a: countyA, c: ['FUNDS', 'POLICY'] });
    expect(funds.data.findings.totalCount).toBe(2);
    const unknown = await server.graphql(FINDINGS, { y: 2010, a: '159999999999' });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('lists the year\'s visits in an area, newest first, with their findings', async () => {
    const { data, errors } = await server.graphql(`query ($a: String) { inspections(year: 2010, areaCode: $a) { totalCount items { id inspectingUnit findings { id } } } }`, { a: countyA });
    expect(errors).toBeUndefined();
    expect(data.inspections.totalCount).toBe(2);
    expect(data.inspections.items.map((i: { id: number; findings: unknown[] }) => [i.id, i.findings.length])).toEqual([
      [visit2.id, 1],
      [visit1.id, 4],
    ]);
  });
});

describe('refusals', () => {
  it('refuses a viewer and a planner outside the inspected county, leaving no trace', async () => {
    const before = await auditCount();
    const input = { i: { inspectedOn: '2010-04-01', inspectingUnit: '组织部', placeCode: village, findings: [] } };
    const asViewer = await server.graphql(RECORD, input, viewer);
    expect(asViewer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const outside = await server.graphql(RECORD, input, plannerB);
    expect(outside.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(outside.errors?.[0]?.message).toContain(`changes county ${countyA}`);
    const rectify = await server.graphql(`mutation ($id: Int!) { rectifyFinding(id: $id, version: 1, rectifiedOn: "2010-08-01", evidence: "x") { id } }`, { id: visit1.findings[3]!.id }, plannerB);
    expect(rectify.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await auditCount()).toBe(before);
  });

  it('refuses a deadline before the visit, a rectification without evidence or in the future, and an unknown place, naming the visit and field', async () => {
    const before = await auditCount();
    const early = await server.graphql(RECORD, { i: { inspectedOn: '2010-03-10', inspectingUnit: '盟委督查室', placeCode: village, findings: [finding('档案不全', '2010-03-09')] } }, plannerA);
    expect(early.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(early.errors?.[0]?.message).toContain('督查（2010-03-10，盟委督查室）的问题 1「档案不全」：整改时限 2010-03-09 早于督查日期 2010-03-10');
    expect(early.errors?.[0]?.extensions?.problems).toEqual([expect.objectContaining({ field: 'findings[0].deadline' })]);
    const noEvidence = await server.graphql(RECORD, { i: { inspectedOn: '2010-03-10', inspectingUnit: '盟委督查室', placeCode: village, findings: [{ ...finding('档案不全', '2010-04-10', '2010-04-01'), evidence: ' ' }] } }, plannerA);
    expect(noEvidence.errors?.[0]?.extensions?.problems).toEqual([expect.objectContaining({ field: 'findings[0].evidence', reason: expect.stringContaining('须提供整改佐证') })]);
    const future = await server.graphql(`mutation ($id: Int!, $v: Int!) { rectifyFinding(id: $id, version: $v, rectifiedOn: "2099-01-01", evidence: "报告") { id } }`, { id: visit1.findings[2]!.id, v: visit1.findings[2]!.version }, plannerA);
    expect(future.errors?.[0]?.message).toContain('整改完成日期 2099-01-01 晚于今天');
    const beforeVisit = await server.graphql(`mutation ($id: Int!, $v: Int!) { rectifyFinding(id: $id, version: $v, rectifiedOn: "2010-03-01", evidence: "报告") { id } }`, { id: visit1.findings[2]!.id, v: visit1.findings[2]!.version }, plannerA);
    expect(beforeVisit.errors?.[0]?.message).toContain('整改完成日期 2010-03-01 早于督查日期 2010-03-10');
    const nowhere = await server.graphql(RECORD, { i: { inspectedOn: '2010-03-10', inspectingUnit: '盟委督查室', placeCode: '159999999999', findings: [] } }, plannerA);
    expect(nowhere.errors?.[0]?.message).toContain('被督查单位代码 159999999999 不是本地区的旗县、苏木乡镇或嘎查村');
    expect(await auditCount()).toBe(before);
  });
});

describe('changes with versions', () => {
  it('rectifies a finding with its current version, refuses a stale one, and the counts follow at once', async () => {
    const f = visit1.findings[3]!;
    const REctify = `mutation ($id: Int!, $v: Int!) { rectifyFinding(id: $id, version: $v, rectifiedOn: "2010-08-01", evidence: "整改报告及照片") { id version status rectifiedOn rectifiedOnTime evidence } }`;
    const counted = await server.graphql(COUNTS, { y: 2010, a: village });
    expect(counted.data.findingCounts.overdue).toBe(1);
    const stale = await server.graphql(REctify, { id: f.id, v: f.version + 5 }, plannerA);
    expect(stale.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(stale.errors?.[0]?.extensions?.currentVersion).toBe(f.version);
    const ok = await server.graphql(REctify, { id: f.id, v: f.version }, plannerA);
    expect(ok.errors).toBeUndefined();
    expect(ok.data.rectifyFinding).toEqual({ id: f.id, version: f.version + 1, status: 'RECTIFIED', rectifiedOn: '2010-08-01', rectifiedOnTime: false, evidence: '整改报告及照片' });
    const now = await server.graphql(COUNTS, { y: 2010, a: village });
    expect(now.data.findingCounts).toMatchObject({ overdue: 0, rectified: 3, rectifiedLate: 2 });
    const [entry] = (await sql<{ action: string; before: { rectifiedOn: null }; after: { rectifiedOn: string } }>(
      `select action, before, after from audit_entry where entity = 'Finding' and entity_id = $1 order by id desc limit 1`,
      [String(f.id)],
    )) as [{ action: string; before: { rectifiedOn: null }; after: { rectifiedOn: string } }];
    expect(entry).toMatchObject({ action: 'rectifyFinding', before: { rectifiedOn: null }, after: { rectifiedOn: '2010-08-01' } });
  });

  it('adds and updates a finding, and deletes a visit only with its current version', async () => {
    const added = await server.graphql(`mutation ($id: Int!, $i: FindingInput!) { addFinding(inspectionId: $id, input: $i) { id version status inspection { id } } }`, { id: visit2.id, i: finding('公示栏未更新', '2010-12-01', null, 'CONDUCT') }, plannerA);
    expect(added.errors).toBeUndefined();
    expect(added.data.addFinding).toMatchObject({ version: 1, status: 'OVERDUE', inspection: { id: visit2.id } });
    const UPDATE = `mutation ($id: Int!, $v: Int!, $i: FindingInput!) { updateFinding(id: $id, version: $v, input: $i) { version deadline status } }`;
    const early = await server.graphql(UPDATE, { id: added.data.addFinding.id, v: 1, i: finding('公示栏未更新', '2010-10-31') }, plannerA);
    expect(early.errors?.[0]?.message).toContain('整改时限 2010-10-31 早于督查日期 2010-11-01');
    const updated = await server.graphql(UPDATE, { id: added.data.addFinding.id, v: 1, i: finding('公示栏未更新', '2011-03-01') }, plannerA);
    expect(updated.data.updateFinding).toEqual({ version: 2, deadline: '2011-03-01', status: 'OPEN' });

    const DELETE = `mutation ($id: Int!, $v: Int!) { deleteInspection(id: $id, version: $v) }`;
    const stale = await server.graphql(DELETE, { id: visit2.id, v: 9 }, plannerA);
    expect(stale.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const outside = await server.graphql(DELETE, { id: visit2.id, v: 1 }, plannerB);
    expect(outside.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const gone = await server.graphql(DELETE, { id: visit2.id, v: 1 }, plannerA);
    expect(gone.errors).toBeUndefined();
    expect(gone.data.deleteInspection).toBe(visit2.id);
    expect(await sql(`select id from finding where inspection_id = $1`, [visit2.id])).toEqual([]);
    const missing = await server.graphql(`query ($id: Int!) { inspection(id: $id) { id } }`, { id: visit2.id });
    expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

describe('live updates', () => {
  it('announce a change to a finding to the dataChanged subscribers, naming its table', async () => {
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
      const added = await server.graphql(`mutation ($id: Int!, $i: FindingInput!) { addFinding(inspectionId: $id, input: $i) { id } }`, { id: visit1.id, i: finding('实时更新测试', '2010-06-01') }, plannerA);
      expect(added.errors).toBeUndefined();
      await vi.waitFor(() => expect(tables.flat()).toContain('finding'), { timeout: 10_000, interval: 20 });
    } finally {
      stop();
      await client.dispose();
    }
  });
});
