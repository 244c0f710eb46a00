/**
 * Planners' changes: roles and county scopes, the domain rules, optimistic
 * concurrency, the audit trail, and that a refused change leaves no trace.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../support/db.js';
import { startTestServer, token, type TestServer } from '../support/server.js';
import { strengthCase } from '../support/strength.js';

let server: TestServer;
let plannerA: string;
let plannerB: string;
let admin: string;
let viewer: string;
/** a weak village W and a strong village S near it, both in county A, in 2024 */
let W: string;
let S: string;
let countyA: string;
let countyB: string;

const STRENGTH = strengthCase('v', 'vy');

async function auditCount(): Promise<number> {
  return Number((await sql<{ n: string }>(`select count(*) as n from audit_entry`))[0]!.n);
}

beforeAll(async () => {
  server = await startTestServer();
  const [pair] = (await sql<{ w: string; s: string }>(
    `with y as (select v.code, left(v.code, 6) as county, v.location, ${STRENGTH} as strength
                  from village v join village_year vy on vy.village_code = v.code and vy.year = 2024)
     select w.code as w, s.code as s from y w join y s on s.county = w.county and s.strength = 'STRONG' and w.strength = 'WEAK'
      where not exists (select 1 from pairing p where p.helper_village_code = s.code and p.helped_village_code = w.code and p.end_year is null)
      order by ST_Distance(w.location::geography, s.location::geography), w.code limit 1`,
  )) as [{ w: string; s: string }];
  W = pair.w;
  S = pair.s;
  countyA = `${W.slice(0, 6)}000000`;
  [{ code: countyB }] = (await sql<{ code: string }>(`select code from county where code <> $1 order by code limit 1`, [countyA])) as [{ code: string }];
  plannerA = await token('planner', [countyA], 1, 'planner-a');
  plannerB = await token('planner', [countyB], 1, 'planner-b');
  admin = await token('admin', [], 1, 'admin-1');
  viewer = await token('viewer');
});
afterAll(async () => {
  await server?.close();
});

const CREATE_PAIRING = `mutation ($i: PairingInput!) { createPairing(input: $i) { id kind version active helperVillage { code } helpedVillage { code } distanceMeters } }`;

describe('roles and scopes', () => {
  it('refuses a write without a token (UNAUTHENTICATED), with a viewer token (FORBIDDEN) and outside the planner\'s counties', async () => {
    const input = { i: { kind: 'STRONG_HELPS_WEAK', helperVillageCode: S, helpedVillageCode: W, startYear: 2024 } };
    const before = await auditCount();
    const anonymous = await server.graphql(CREATE_PAIRING, input);
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(anonymous.errors?.[0]?.message).toContain('role planner');
    const asViewer = await server.graphql(CREATE_PAIRING, input, viewer);
    expect(asViewer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(asViewer.errors?.[0]?.message).toBe('createPairing needs role planner; this token has role viewer');
    const otherCounty = await server.graphql(CREATE_PAIRING, input, plannerB);
    expect(otherCounty.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(otherCounty.errors?.[0]?.message).toContain(`changes county ${countyA}`);
    expect(await auditCount()).toBe(before);
  });

  it('refuses an expired or forged token', async () => {
    const expired = await token('planner', [countyA], -1);
    const r1 = await server.graphql(`{ prefecture { code } }`, {}, expired);
    expect(r1.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(r1.errors?.[0]?.message).toContain('expired');
    const forged = `${plannerA.slice(0, -4)}AAAA`;
    const r2 = await server.graphql(`{ prefecture { code } }`, {}, forged);
    expect(r2.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('pairings', () => {
  it('lets the planner of the county pair a strong village with a weak one, audited, and shows it in the next query', async () => {
    const before = await auditCount();
    const { data, errors } = await server.graphql(CREATE_PAIRING, { i: { kind: 'STRONG_HELPS_WEAK', helperVillageCode: S, helpedVillageCode: W, startYear: 2024 } }, plannerA);
    expect(errors).toBeUndefined();
    expect(data.createPairing).toMatchObject({ kind: 'STRONG_HELPS_WEAK', version: 1, active: true, helperVillage: { code: S }, helpedVillage: { code: W } });
    expect(data.createPairing.distanceMeters).toBeGreaterThan(0);
    const next = await server.graphql(`query ($w: String!) { village(code: $w) { pairingsReceived { id } } }`, { w: W });
    expect(next.data.village.pairingsReceived.map((p: { id: number }) => p.id)).toContain(data.createPairing.id);
    expect(await auditCount()).toBe(before + 1);
    const [entry] = (await sql<{ subject: string; role: string; action: string; entity_id: string; county_code: string; before: unknown; after: { helpedVillage: string } }>(
      `select * from audit_entry order by id desc limit 1`,
    )) as [{ subject: string; role: string; action: string; entity_id: string; county_code: string; before: unknown; after: { helpedVillage: string } }];
    expect(entry).toMatchObject({ subject: 'planner-a', role: 'planner', action: 'createPairing', entity_id: String(data.createPairing.id), county_code: countyA, before: null });
    expect(entry.after.helpedVillage).toBe(W);
  });

  it('refuses a duplicate open pair, a self-pairing and a weak helper, with the reason', async () => {
    const before = await auditCount();
    const dup = await server.graphql(CREATE_PAIRING, { i: { kind: 'STRONG_HELPS_WEAK', helperVillageCode: S, helpedVillageCode: W, startYear: 2024 } }, plannerA);
    expect(dup.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(dup.errors?.[0]?.message).toContain('already has an open pairing');
    const self = await server.graphql(CREATE_PAIRING, { i: { kind: 'STRONG_HELPS_WEAK', helperVillageCode: W, helpedVillageCode: W, startYear: 2024 } }, plannerA);
    expect(self.errors?.[0]?.message).toContain('cannot pair with itself');
    const [weak] = (await sql<{ code: string }>(
      `select v.code from village v join village_year vy on vy.village_code = v.code and vy.year = 2024 where left(v.code, 6) = left($1, 6) and v.code <> $1 and ${STRENGTH} = 'WEAK' order by v.code limit 1`,
      [W],
    )) as [{ code: string }];
    const weakHelper = await server.graphql(CREATE_PAIRING, { i: { kind: 'STRONG_HELPS_WEAK', helperVillageCode: weak.code, helpedVillageCode: W, startYear: 2024 } }, plannerA);
    expect(weakHelper.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(weakHelper.errors?.[0]?.message).toMatch(new RegExp(`village ${weak.code} is WEAK in 2024 \\(.+\\); only a strong village may help`));
    const unknown = await server.graphql(CREATE_PAIRING, { i: { kind: 'STRONG_HELPS_WEAK', helperVillageCode: '159999999999', helpedVillageCode: W, startYear: 2024 } }, plannerA);
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(await auditCount()).toBe(before);
  });

  it('ends a pairing with the current version, and refuses a stale one with CONFLICT and the current version', async () => {
    const [{ id }] = (await sql<{ id: number }>(`select id from pairing where helper_village_code = $1 and helped_village_code = $2 and end_year is null`, [S, W])) as [{ id: number }];
    const END = `mutation ($id: Int!, $v: Int!) { endPairing(id: $id, endYear: 2025, version: $v) { id endYear version active } }`;
    const stale = await server.graphql(END, { id, v: 7 }, plannerA);
    expect(stale.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(stale.errors?.[0]?.extensions?.currentVersion).toBe(1);
    const ok = await server.graphql(END, { id, v: 1 }, plannerA);
    expect(ok.errors).toBeUndefined();
    expect(ok.data.endPairing).toMatchObject({ endYear: 2025, version: 2, active: false });
  });
});

describe('yearly figures', () => {
  const UPSERT = `mutation ($i: VillageYearInput!) { upsertVillageYear(input: $i) { year version poorPopulation povertyIncidence } }`;
  async function current(year: number) {
    const [row] = (await sql<Record<string, unknown>>(`select * from village_year where village_code = $1 and year = $2`, [W, year])) as [Record<string, unknown>];
    return row;
  }
  const input = (row: Record<string, unknown>, patch: object) => ({
    villageCode: W,
    year: row.year,
    version: row.version,
    households: row.households,
    ruralPopulation: row.rural_population,
    poorHouseholds: row.poor_households,
    poorPopulation: row.poor_population,
    collectiveIncome: Number(row.collective_income),
    partyMembers: row.party_members,
    memberPairings: row.member_pairings,
    secretaryIsDirector: row.secretary_is_director,
    softLax: row.soft_lax,
    branchRating: row.branch_rating,
    ...patch,
  });

  it('refuses impossible figures naming the field, and changes nothing', async () => {
    const row = await current(2019);
    const before = await auditCount();
    const r = await server.graphql(UPSERT, { i: input(row, { poorPopulation: Number(row.rural_population) + 1 }) }, plannerA);
    expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(r.errors?.[0]?.message).toContain('poorPopulation: must not exceed ruralPopulation');
    const negative = await server.graphql(UPSERT, { i: input(row, { households: -1 }) }, plannerA);
    expect(negative.errors?.[0]?.message).toContain('households: must be a whole number, 0 or more');
    const year = await server.graphql(UPSERT, { i: input(row, { year: 1990, version: null }) }, plannerA);
    expect(year.errors?.[0]?.message).toContain('year: must be a year from 2000 to 2100');
    expect(await current(2019)).toEqual(row);
    expect(await auditCount()).toBe(before);
  });

  it('changes the county aggregate at once', async () => {
    const row = await current(2019);
    const county = async () => (await server.graphql(`query ($c: String!) { county(code: $c) { figures(year: 2019) { poorPopulation } } }`, { c: countyA })).data.county.figures.poorPopulation as number;
    const was = await county();
    const newPoor = Math.min(Number(row.rural_population), Number(row.poor_population) + 5);
    const r = await server.graphql(UPSERT, { i: input(row, { poorPopulation: newPoor, poorHouseholds: Math.min(Number(row.poor_households), newPoor) }) }, plannerA);
    expect(r.errors).toBeUndefined();
    expect(r.data.upsertVillageYear.version).toBe(Number(row.version) + 1);
    expect(await county()).toBe(was + (newPoor - Number(row.poor_population)));
  });

  it('lets one of two updates with the same version win; the other gets CONFLICT and nothing is lost', async () => {
    const row = await current(2020);
    const [a, b] = await Promise.all([
      server.graphql(UPSERT, { i: input(row, { partyMembers: 41 }) }, plannerA),
      server.graphql(UPSERT, { i: input(row, { partyMembers: 42 }) }, plannerA),
    ]);
    const results = [a, b];
    const won = results.filter((r) => !r.errors);
    const lost = results.filter((r) => r.errors);
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]!.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const after = await current(2020);
    expect(after.version).toBe(Number(row.version) + 1);
    expect([41, 42]).toContain(after.party_members);
  });
});

describe('alliances', () => {
  it('forms an alliance of free villages in one township, refuses far, taken and centre-less member lists', async () => {
    const free = await sql<{ code: string; township_code: string }>(
      `select code, township_code from village where alliance_id is null and township_code = (
          select township_code from village where alliance_id is null and left(code, 6) = left($1, 6) group by township_code having count(*) >= 3 order by township_code limit 1)
        order by code limit 3`,
      [countyA],
    );
    expect(free).toHaveLength(3);
    const [far] = (await sql<{ code: string }>(
      `select v.code from village v join township t on t.code = v.township_code, township home
        where home.code = $1 and v.alliance_id is null and not ST_Intersects(t.boundary, home.boundary) and left(v.code, 6) = left($1, 6) order by v.code limit 1`,
      [free[0]!.township_code],
    )) as [{ code: string }];
    const [taken] = (await sql<{ code: string }>(`select code from village where alliance_id is not null and left(code, 6) = left($1, 6) order by code limit 1`, [countyA])) as [{ code: string }];
    const CREATE = `mutation ($i: AllianceInput!) { createAlliance(input: $i) { id version centre { code } members { code } footprint } }`;
    const base = { name: '测试联合党委', centreCode: free[0]!.code, foundedYear: 2024 };
    const before = await auditCount();
    const r1 = await server.graphql(CREATE, { i: { ...base, memberCodes: [free[0]!.code, far.code] } }, plannerA);
    expect(r1.errors?.[0]?.message).toContain(`village ${far.code} is neither in the centre's township nor in an adjacent one`);
    if (taken) {
      const r2 = await server.graphql(CREATE, { i: { ...base, memberCodes: [free[0]!.code, taken.code] } }, plannerA);
      expect(r2.errors?.[0]?.message).toMatch(new RegExp(`village ${taken.code} already belongs to alliance \\d+`));
    }
    const r3 = await server.graphql(CREATE, { i: { ...base, memberCodes: [free[1]!.code, free[2]!.code] } }, plannerA);
    expect(r3.errors?.[0]?.message).toContain('the centre village must be a member');
    expect(await auditCount()).toBe(before);

    const ok = await server.graphql(CREATE, { i: { ...base, memberCodes: [free[0]!.code, free[1]!.code] } }, plannerA);
    expect(ok.errors).toBeUndefined();
    expect(ok.data.createAlliance.members.map((m: { code: string }) => m.code)).toEqual([free[0]!.code, free[1]!.code]);
    expect(ok.data.createAlliance.footprint.type).toBe('Polygon');
    const add = await server.graphql(`mutation ($id: Int!, $v: String!) { addAllianceMember(id: $id, villageCode: $v, version: 1) { version members { code } } }`, { id: ok.data.createAlliance.id, v: free[2]!.code }, plannerA);
    expect(add.errors).toBeUndefined();
    expect(add.data.addAllianceMember.version).toBe(2);
    expect(add.data.addAllianceMember.members).toHaveLength(3);
    const removeCentre = await server.graphql(`mutation ($id: Int!, $v: String!) { removeAllianceMember(id: $id, villageCode: $v, version: 2) { version } }`, { id: ok.data.createAlliance.id, v: free[0]!.code }, plannerA);
    expect(removeCentre.errors?.[0]?.message).toContain('the centre village must be a member');
    expect(await auditCount()).toBe(before + 2);

    // Updates: rename and move the centre; a stale version, another county's planner and a failed member change leave no trace.
    const id = ok.data.createAlliance.id as number;
    const UPDATE = `mutation ($i: AllianceUpdateInput!) { updateAlliance(input: $i) { version name centre { code } members { code } } }`;
    const moved = await server.graphql(UPDATE, { i: { id, version: 2, name: '测试联合党委（二）', centreCode: free[1]!.code } }, plannerA);
    expect(moved.errors).toBeUndefined();
    expect(moved.data.updateAlliance).toMatchObject({ version: 3, name: '测试联合党委（二）', centre: { code: free[1]!.code } });
    const stale = await server.graphql(UPDATE, { i: { id, version: 2, name: 'x' } }, plannerA);
    expect(stale.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(stale.errors?.[0]?.extensions?.currentVersion).toBe(3);
    const otherCounty = await server.graphql(UPDATE, { i: { id, version: 3, name: 'x' } }, plannerB);
    expect(otherCounty.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const withFar = await server.graphql(UPDATE, { i: { id, version: 3, memberCodes: [free[1]!.code, free[2]!.code, far.code] } }, plannerA);
    expect(withFar.errors?.[0]?.message).toContain(`village ${far.code} is neither in the centre's township nor in an adjacent one`);
    const members = await sql<{ code: string }>(`select code from village where alliance_id = $1 order by code`, [id]);
    expect(members.map((m) => m.code)).toEqual(free.map((f) => f.code));
    const removed = await server.graphql(`mutation ($id: Int!, $v: String!) { removeAllianceMember(id: $id, villageCode: $v, version: 3) { version members { code } } }`, { id, v: free[0]!.code }, plannerA);
    expect(removed.errors).toBeUndefined();
    expect(removed.data.removeAllianceMember).toEqual({ version: 4, members: [{ code: free[1]!.code }, { code: free[2]!.code }] });
    expect((await sql<{ alliance_id: number | null }>(`select alliance_id from village where code = $1`, [free[0]!.code]))[0]!.alliance_id).toBeNull();
    expect(await auditCount()).toBe(before + 4);
    const [entry] = await sql<{ before: { name: string; memberCodes: string[] }; after: { name: string } }>(
      `select before, after from audit_entry where entity = 'Alliance' and entity_id = $1 and action = 'updateAlliance'`,
      [String(id)],
    );
    expect(entry!.before).toMatchObject({ name: '测试联合党委', memberCodes: free.map((f) => f.code) });
    expect(entry!.after).toMatchObject({ name: '测试联合党委（二）' });
  });
});

describe('industry projects and assignments', () => {
  const PROJECT = { name: '测试温室蔬菜', type: 'VEGETABLES', startYear: 2024, investmentTotal: 100, investmentFiscal: 60, investmentAssisting: 30, investmentCollective: 10, beneficiaryHouseholds: 40, beneficiaryPoorHouseholds: 5 };

  it('creates a project inside the village\'s township, refuses one outside or whose split does not add up, and retires it', async () => {
    const [v] = (await sql<{ lon: number; lat: number }>(`select ST_X(location) as lon, ST_Y(location) as lat from village where code = $1`, [W])) as [{ lon: number; lat: number }];
    const CREATE = `mutation ($i: IndustryProjectInput!) { createIndustryProject(input: $i) { id version location village { code } } }`;
    const before = await auditCount();
    const outside = await server.graphql(CREATE, { i: { ...PROJECT, villageCode: W, location: { type: 'Point', coordinates: [v.lon + 3, v.lat] } } }, plannerA);
    expect(outside.errors?.[0]?.message).toContain('location: must lie inside the township of village');
    const split = await server.graphql(CREATE, { i: { ...PROJECT, investmentTotal: 101, villageCode: W, location: { type: 'Point', coordinates: [v.lon, v.lat] } } }, plannerA);
    expect(split.errors?.[0]?.message).toContain('investmentTotal: the sources add up to 100.00, not 101.00');
    expect(await auditCount()).toBe(before);
    const ok = await server.graphql(CREATE, { i: { ...PROJECT, villageCode: W, location: { type: 'Point', coordinates: [v.lon, v.lat] } } }, plannerA);
    expect(ok.errors).toBeUndefined();
    const id = ok.data.createIndustryProject.id as number;
    const UPDATE = `mutation ($id: Int!, $v: Int!, $i: IndustryProjectInput!) { updateIndustryProject(id: $id, version: $v, input: $i) { name version investmentTotal } }`;
    const changed = { ...PROJECT, name: '测试温室蔬菜（扩建）', investmentTotal: 120, investmentFiscal: 80, villageCode: W, location: { type: 'Point', coordinates: [v.lon, v.lat] } };
    const updated = await server.graphql(UPDATE, { id, v: 1, i: changed }, plannerA);
    expect(updated.errors).toBeUndefined();
    expect(updated.data.updateIndustryProject).toEqual({ name: '测试温室蔬菜（扩建）', version: 2, investmentTotal: 120 });
    const stale = await server.graphql(UPDATE, { id, v: 1, i: { ...changed, name: '丢失的修改' } }, plannerA);
    expect(stale.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const badSplit = await server.graphql(UPDATE, { id, v: 2, i: { ...changed, investmentFiscal: 10 } }, plannerA);
    expect(badSplit.errors?.[0]?.message).toContain('investmentTotal: the sources add up to 50.00, not 120.00');
    const unknown = await server.graphql(UPDATE, { id: 999999, v: 1, i: changed }, plannerA);
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const [stored] = await sql<{ name: string; version: number }>(`select name, version from industry_project where id = $1`, [id]);
    expect(stored).toEqual({ name: '测试温室蔬菜（扩建）', version: 2 });
    const retire = await server.graphql(`mutation ($id: Int!) { retireIndustryProject(id: $id, version: 2, endYear: 2025) { endYear version activeIn(year: 2026) } }`, { id }, plannerA);
    expect(retire.data.retireIndustryProject).toMatchObject({ endYear: 2025, version: 3, activeIn: false });
    const again = await server.graphql(`mutation ($id: Int!) { retireIndustryProject(id: $id, version: 3, endYear: 2026) { endYear } }`, { id }, plannerA);
    expect(again.errors?.[0]?.message).toContain(`id: project ${id} was already retired in 2025`);
  });

  it('assigns an assisting unit with yearly funds, and refuses funds outside the period', async () => {
    const ASSIGN = `mutation ($i: AssignmentInput!) { assignUnit(input: $i) { id unit { id } village { code } funds { year amount } fundsTotal } }`;
    const bad = await server.graphql(ASSIGN, { i: { unitId: 1, villageCode: W, startYear: 2024, endYear: 2025, funds: [{ year: 2026, amount: 5 }] } }, plannerA);
    expect(bad.errors?.[0]?.message).toContain("funds[0].year: must be within the assignment's period 2024–2025");
    const ok = await server.graphql(ASSIGN, { i: { unitId: 1, villageCode: W, startYear: 2024, endYear: 2025, funds: [{ year: 2024, amount: 12.5 }, { year: 2025, amount: 7.5 }] } }, plannerA);
    expect(ok.errors).toBeUndefined();
    expect(ok.data.assignUnit.fundsTotal).toBe(20);
    const outOfScope = await server.graphql(ASSIGN, { i: { unitId: 1, villageCode: W, startYear: 2024, funds: [] } }, plannerB);
    expect(outOfScope.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const unknownUnit = await server.graphql(ASSIGN, { i: { unitId: 999999, villageCode: W, startYear: 2024, funds: [] } }, plannerA);
    expect(unknownUnit.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(unknownUnit.errors?.[0]?.extensions?.argument).toBe('unitId');
  });
});

describe('audit trail', () => {
  it('is readable by admins entirely and by planners for their counties only, never by viewers', async () => {
    const Q = `query ($f: AuditFilter) { auditTrail(filter: $f, limit: 500) { totalCount items { subject role action entity countyCode before after } } }`;
    const all = await server.graphql(Q, {}, admin);
    expect(all.errors).toBeUndefined();
    expect(all.data.auditTrail.totalCount).toBe(await auditCount());
    const mine = await server.graphql(Q, {}, plannerA);
    expect(mine.data.auditTrail.items.every((e: { countyCode: string }) => e.countyCode === countyA)).toBe(true);
    expect(mine.data.auditTrail.items.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['createPairing', 'endPairing', 'upsertVillageYear', 'createAlliance']));
    const theirs = await server.graphql(Q, { f: { countyCode: countyA } }, plannerB);
    expect(theirs.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const asViewer = await server.graphql(Q, {}, viewer);
    expect(asViewer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
