/** Every entity through the API, relations navigable both ways, compared with SQL. */
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

describe('a village profile', () => {
  it('links branch, alliance, pairings, projects, organisations, assisting units with funds and work teams', async () => {
    const [v] = (await sql<{ code: string }>(
      `select v.code from village v where v.alliance_id is not null
          and exists (select 1 from pairing p where p.helped_village_code = v.code)
          and exists (select 1 from assignment a where a.village_code = v.code)
        order by v.code limit 1`,
    )) as [{ code: string }];
    expect(v).toBeDefined();
    const { data, errors } = await server.graphql(
      `query ($c: String!) { village(code: $c) {
          code branch { name focus governance15 }
          alliance { id members { code } }
          pairingsReceived { id helpedVillage { code } }
          pairingsGiven { id }
          industryProjects { id village { code } }
          organisations { id village { code } }
          assignments { id unit { id assignments { village { code } } } village { code } funds { year amount } fundsTotal }
          workTeams { id members village { code } dispatchingUnit { id workTeams { id } } }
      } }`,
      { c: v.code },
    );
    expect(errors).toBeUndefined();
    const got = data.village;
    const ids = (rows: Array<{ id: number }>) => rows.map((r) => Number(r.id)).sort((a, b) => a - b);
    const q = async (text: string) => (await sql<{ id: number }>(text, [v.code])).map((r) => Number(r.id)).sort((a, b) => a - b);
    expect(ids(got.pairingsReceived)).toEqual(await q(`select id from pairing where helped_village_code = $1`));
    expect(ids(got.pairingsGiven)).toEqual(await q(`select id from pairing where helper_village_code = $1`));
    expect(ids(got.industryProjects)).toEqual(await q(`select id from industry_project where village_code = $1`));
    expect(ids(got.organisations)).toEqual(await q(`select id from organisation where village_code = $1`));
    expect(ids(got.assignments)).toEqual(await q(`select id from assignment where village_code = $1`));
    expect(ids(got.workTeams)).toEqual(await q(`select id from work_team where village_code = $1`));
    expect(got.alliance.members.map((m: { code: string }) => m.code)).toContain(v.code);
    for (const p of got.pairingsReceived) expect(p.helpedVillage.code).toBe(v.code);
    for (const a of got.assignments) {
      expect(a.village.code).toBe(v.code);
      expect(a.unit.assignments.map((x: { village: { code: string } }) => x.village.code)).toContain(v.code);
      const [{ total }] = (await sql<{ total: string }>(`select coalesce(sum(amount), 0) as total from assignment_fund where assignment_id = $1`, [a.id])) as [{ total: string }];
      expect(a.fundsTotal).toBeCloseTo(Number(total), 6);
    }
    for (const w of got.workTeams) {
      expect(w.members).toBeGreaterThanOrEqual(2);
      expect(w.dispatchingUnit.workTeams.map((x: { id: number }) => x.id)).toContain(w.id);
    }
  });
});

describe('alliances', () => {
  it('expose centre, members, projects, cooperatives and households reached as SQL counts them', async () => {
    const [a] = (await sql<{ id: number }>(`select id from alliance where platform_company_id is not null order by id limit 1`)) as [{ id: number }];
    const { data, errors } = await server.graphql(
      `query ($id: Int!) { alliance(id: $id) { id name centre { code alliance { id } } members { code } platformCompany { kind alliances { id } } projects { id } cooperatives { id kind } householdsReached poorHouseholdsReached } }`,
      { id: a.id },
    );
    expect(errors).toBeUndefined();
    const got = data.alliance;
    expect(got.centre.alliance.id).toBe(got.id);
    expect(got.platformCompany.kind).toBe('PLATFORM_COMPANY');
    expect(got.platformCompany.alliances.map((x: { id: number }) => x.id)).toContain(got.id);
    const members = await sql<{ code: string }>(`select code from village where alliance_id = $1 order by code`, [a.id]);
    expect(got.members.map((m: { code: string }) => m.code)).toEqual(members.map((m) => m.code));
    const [{ n }] = (await sql<{ n: string }>(`select count(*) as n from industry_project p join village v on v.code = p.village_code where v.alliance_id = $1`, [a.id])) as [{ n: string }];
    expect(got.projects).toHaveLength(Number(n));
    const [reach] = (await sql<{ h: string; p: string }>(
      `select sum(member_households) as h, sum(poor_member_households) as p from organisation o
        where (o.kind = 'COOPERATIVE' and o.village_code in (select code from village where alliance_id = $1))
           or o.id = (select platform_company_id from alliance where id = $1)`,
      [a.id],
    )) as [{ h: string; p: string }];
    expect(got.householdsReached).toBe(Number(reach.h));
    expect(got.poorHouseholdsReached).toBe(Number(reach.p));
    for (const c of got.cooperatives) expect(c.kind).toBe('COOPERATIVE');
  });
});

describe('pairings', () => {
  it('give both ends, kind, active flag, geodesic distance and a line', async () => {
    const { data, errors } = await server.graphql(`{ pairings(filter: { kinds: [STRONG_HELPS_WEAK], active: true }, limit: 500) { totalCount items { id kind active startYear endYear distanceMeters line helperVillage { code location } helpedVillage { code location } helperOrganisation { id } } } }`);
    expect(errors).toBeUndefined();
    const [{ n }] = (await sql<{ n: string }>(`select count(*) as n from pairing where kind = 'STRONG_HELPS_WEAK' and end_year is null`)) as [{ n: string }];
    expect(data.pairings.totalCount).toBe(Number(n));
    const expected = new Map(
      (await sql<{ id: number; d: number }>(
        `select p.id, ST_Distance(h.location::geography, w.location::geography) as d from pairing p join village h on h.code = p.helper_village_code join village w on w.code = p.helped_village_code`,
      )).map((r) => [Number(r.id), r.d]),
    );
    for (const p of data.pairings.items) {
      expect(p.active).toBe(true);
      expect(p.endYear).toBeNull();
      expect(p.helperOrganisation).toBeNull();
      expect(p.distanceMeters).toBeCloseTo(expected.get(p.id)!, 3);
      expect(p.line.type).toBe('LineString');
      expect(p.line.coordinates[0]).toEqual(p.helperVillage.location.coordinates);
      expect(p.line.coordinates[1]).toEqual(p.helpedVillage.location.coordinates);
    }
  });

  it('show an enterprise helper with its pairings and projects', async () => {
    const { data, errors } = await server.graphql(`{ pairings(filter: { kinds: [ENTERPRISE_VILLAGE] }, limit: 5) { items { id helperVillage { code } helperOrganisation { id kind pairings { id } projects { id } } } } }`);
    expect(errors).toBeUndefined();
    expect(data.pairings.items.length).toBeGreaterThan(0);
    for (const p of data.pairings.items) {
      expect(p.helperVillage).toBeNull();
      expect(p.helperOrganisation.kind).toBe('ENTERPRISE');
      expect(p.helperOrganisation.pairings.map((x: { id: number }) => x.id)).toContain(p.id);
    }
  });

  it('filter by county and by the year they run in', async () => {
    const [c] = (await sql<{ code: string }>(`select code from county order by code limit 1`)) as [{ code: string }];
    const { data } = await server.graphql(`query ($c: String!) { pairings(filter: { countyCode: $c, activeInYear: 2020 }, limit: 500) { totalCount } }`, { c: c.code });
    const [{ n }] = (await sql<{ n: string }>(
      `select count(*) as n from pairing p join village w on w.code = p.helped_village_code where left(w.code, 6) = left($1, 6) and p.start_year <= 2020 and (p.end_year is null or p.end_year >= 2020)`,
      [c.code],
    )) as [{ n: string }];
    expect(data.pairings.totalCount).toBe(Number(n));
  });

  it('filter by whether the map can draw them: a helper village, or an enterprise with a home village', async () => {
    const { data, errors } = await server.graphql(
      `{ all: pairings(limit: 500) { totalCount } drawn: pairings(filter: { hasLine: true }, limit: 500) { totalCount items { line } }
         undrawn: pairings(filter: { hasLine: false }, limit: 500) { totalCount items { line helperOrganisation { id } } } }`,
    );
    expect(errors).toBeUndefined();
    const [{ n }] = (await sql<{ n: string }>(
      `select count(*) as n from pairing p left join organisation o on o.id = p.helper_organisation_id
        where p.helper_village_code is null and o.village_code is null`,
    )) as [{ n: string }];
    expect(Number(n)).toBeGreaterThan(0);
    expect(data.undrawn.totalCount).toBe(Number(n));
    expect(data.drawn.totalCount + data.undrawn.totalCount).toBe(data.all.totalCount);
    for (const p of data.drawn.items) expect(p.line?.type).toBe('LineString');
    for (const p of data.undrawn.items) {
      expect(p.line).toBeNull();
      expect(p.helperOrganisation).not.toBeNull();
    }
  });
});

describe('organisations, assisting units and unknown ids', () => {
  it('lists branch-led cooperatives of a county', async () => {
    const [c] = (await sql<{ code: string }>(`select code from county order by code limit 1`)) as [{ code: string }];
    const { data, errors } = await server.graphql(`query ($c: String!) { organisations(filter: { countyCode: $c, kinds: [COOPERATIVE], ledByBranch: true }, limit: 500) { totalCount items { village { code } } } }`, { c: c.code });
    expect(errors).toBeUndefined();
    const [{ n }] = (await sql<{ n: string }>(`select count(*) as n from organisation where kind = 'COOPERATIVE' and led_by_branch and left(village_code, 6) = left($1, 6)`, [c.code])) as [{ n: string }];
    expect(data.organisations.totalCount).toBe(Number(n));
  });

  it('totals an assisting unit\'s funds, overall and for a year', async () => {
    const { data, errors } = await server.graphql(`{ assistingUnits(limit: 3) { totalCount items { id funds funds2019: funds(year: 2019) } } }`);
    expect(errors).toBeUndefined();
    for (const u of data.assistingUnits.items) {
      const [row] = (await sql<{ all: string; y: string }>(
        `select coalesce(sum(f.amount), 0) as all, coalesce(sum(f.amount) filter (where f.year = 2019), 0) as y from assignment a join assignment_fund f on f.assignment_id = a.id where a.unit_id = $1`,
        [u.id],
      )) as [{ all: string; y: string }];
      expect(u.funds).toBeCloseTo(Number(row.all), 6);
      expect(u.funds2019).toBeCloseTo(Number(row.y), 6);
    }
  });

  it('answers NOT_FOUND for unknown ids of every kind', async () => {
    for (const q of ['{ alliance(id: 99999) { id } }', '{ pairing(id: 99999) { id } }', '{ industryProject(id: 99999) { id } }', '{ organisation(id: 99999) { id } }', '{ assistingUnit(id: 99999) { id } }', '{ township(code: "159999999000") { code } }', '{ village(code: "159999999999") { code } }']) {
      const { errors } = await server.graphql(q);
      expect(errors?.[0]?.extensions?.code, q).toBe('NOT_FOUND');
    }
  });
});
