/**
 * Pairing suggestions, coverage gaps and what-if coverage, checked against
 * plain SQL written here (the oracle), and the planner's path of issue 4:
 * find the gaps of a county, ask for helpers, pair, see the gap closed.
 * Other files of the run change pairings too, so every expectation is
 * computed from the database at the moment it is checked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../support/db.js';
import { startTestServer, token, type TestServer } from '../support/server.js';
import { strengthCase } from '../support/strength.js';

const YEAR = 2018;
const RADIUS = 15_000;

const STRENGTH = strengthCase;

/** Villages with their strength in YEAR. */
const STRENGTHS = `select v.code, v.location, vy.collective_income::float8 as income, vy.poor_population, ${STRENGTH('v', 'vy')} as strength
  from village v join village_year vy on vy.village_code = v.code and vy.year = ${YEAR}`;

/** A village is covered when an active pairing helps it from within the radius (an enterprise: from its village, or anywhere if it has none). */
const COVERED = (code: string, radius: number) => `exists (select 1 from pairing p
    left join village h on h.code = p.helper_village_code
    left join organisation o on o.id = p.helper_organisation_id
    left join village ov on ov.code = o.village_code
    join village hw on hw.code = p.helped_village_code
    where p.helped_village_code = ${code} and p.start_year <= ${YEAR} and (p.end_year is null or p.end_year >= ${YEAR})
      and ((h.code is not null and ST_Distance(h.location::geography, hw.location::geography) <= ${radius})
        or (o.id is not null and (ov.code is null or ST_Distance(ov.location::geography, hw.location::geography) <= ${radius}))))`;

let server: TestServer;
let county: string;
let planner: string;
let viewer: string;

beforeAll(async () => {
  server = await startTestServer();
  // The county with the most uncovered weak villages that a strong village could reach.
  const [row] = (await sql<{ county: string }>(
    `with s as (${STRENGTHS})
     select left(w.code, 6) || '000000' as county from s w
      where w.strength = 'WEAK' and not ${COVERED('w.code', RADIUS)}
        and exists (select 1 from s c where c.strength = 'STRONG' and c.code <> w.code and ST_DWithin(c.location::geography, w.location::geography, ${RADIUS}))
      group by 1 order by count(*) desc, 1 limit 1`,
  )) as [{ county: string }];
  county = row.county;
  planner = await token('planner', [county], 1, 'planner-gaps');
  viewer = await token('viewer');
});
afterAll(async () => {
  await server?.close();
});

const GAPS = `query ($county: String, $year: Int, $r: Float!, $offset: Int, $limit: Int) {
  coverageGaps(countyCode: $county, year: $year, radiusMeters: $r, offset: $offset, limit: $limit) {
    totalCount hasNextPage
    items { village { code } weakReasons povertyIncidence collectiveIncome strongVillagesWithinRadius nearestStrongVillage { code } nearestStrongDistanceMeters }
  } }`;

const SUGGEST = `query ($v: String!, $year: Int, $r: Float!, $limit: Int) {
  pairingSuggestions(villageCode: $v, year: $year, radiusMeters: $r, limit: $limit) {
    village { code } year radiusMeters strength weakReasons
    candidates { village { code } distanceMeters score factors { factor weight value points explanation } }
  } }`;

interface Gap {
  village: { code: string };
  weakReasons: string[];
  povertyIncidence: number | null;
  collectiveIncome: number;
  strongVillagesWithinRadius: number;
  nearestStrongVillage: { code: string } | null;
  nearestStrongDistanceMeters: number | null;
}

async function gaps(countyCode: string, radius = RADIUS): Promise<Gap[]> {
  const r = await server.graphql(GAPS, { county: countyCode, year: YEAR, r: radius, limit: 500 });
  expect(r.errors).toBeUndefined();
  return r.data.coverageGaps.items;
}

describe('coverage gaps', () => {
  it('are exactly the weak villages of the county without an active helper within the radius', async () => {
    const expected = await sql<{ code: string }>(
      `with s as (${STRENGTHS}) select w.code from s w where w.strength = 'WEAK' and left(w.code, 6) = left($1, 6) and not ${COVERED('w.code', RADIUS)} order by 1`,
      [county],
    );
    const found = await gaps(county);
    expect(found.length).toBeGreaterThan(0);
    expect(found.map((g) => g.village.code).sort()).toEqual(expected.map((e) => e.code));
  });

  it('grow when the radius shrinks (a far helper stops counting), and include every weak village at radius 1 m without helpers at its door', async () => {
    const wide = await gaps(county, 100_000);
    const narrow = await gaps(county, 1);
    expect(narrow.length).toBeGreaterThanOrEqual(wide.length);
    const [{ n }] = (await sql<{ n: number }>(`with s as (${STRENGTHS}) select count(*)::int as n from s w where w.strength = 'WEAK' and left(w.code, 6) = left($1, 6) and not ${COVERED('w.code', 1)}`, [county])) as [{ n: number }];
    expect(narrow).toHaveLength(n);
  });

  it('are ordered by need: more weak reasons first, then higher incidence, then lower income', async () => {
    const found = await gaps(county);
    for (let i = 1; i < found.length; i++) {
      const [a, b] = [found[i - 1]!, found[i]!];
      const key = (g: Gap) => [-g.weakReasons.length, -(g.povertyIncidence ?? -1), g.collectiveIncome];
      const [ka, kb] = [key(a), key(b)];
      const cmp = ka[0]! - kb[0]! || ka[1]! - kb[1]! || ka[2]! - kb[2]!;
      expect(cmp, `${a.village.code} before ${b.village.code}`).toBeLessThanOrEqual(0);
    }
  });

  it('report the strong villages within reach and the nearest one as SQL finds them', async () => {
    const [first] = await gaps(county);
    const g = first!;
    const [o] = (await sql<{ within: number; nearest: string; meters: number }>(
      `with s as (${STRENGTHS}), w as (select * from s where code = $1)
       select (select count(*)::int from s c, w where c.strength = 'STRONG' and c.code <> w.code and ST_Distance(c.location::geography, w.location::geography) <= ${RADIUS}) as within,
              c.code as nearest, ST_Distance(c.location::geography, w.location::geography) as meters
       from s c, w where c.strength = 'STRONG' and c.code <> w.code order by 3 limit 1`,
      [g.village.code],
    )) as [{ within: number; nearest: string; meters: number }];
    expect(g.strongVillagesWithinRadius).toBe(o.within);
    expect(g.nearestStrongVillage?.code).toBe(o.nearest);
    expect(g.nearestStrongDistanceMeters).toBeCloseTo(o.meters, 3);
  });

  it('page with totalCount and hasNextPage, and cover the whole prefecture without a county', async () => {
    const all = await gaps(county);
    const p = await server.graphql(GAPS, { county, year: YEAR, r: RADIUS, offset: 1, limit: 2 });
    expect(p.data.coverageGaps.totalCount).toBe(all.length);
    expect(p.data.coverageGaps.items.map((g: Gap) => g.village.code)).toEqual(all.slice(1, 3).map((g) => g.village.code));
    expect(p.data.coverageGaps.hasNextPage).toBe(all.length > 3);
    const region = await server.graphql(GAPS, { year: YEAR, r: RADIUS, limit: 1 });
    expect(region.data.coverageGaps.totalCount).toBeGreaterThanOrEqual(all.length);
  });

  it('refuse an unknown county, a radius out of range and a year out of range, naming the argument', async () => {
    const unknown = await server.graphql(GAPS, { county: '159999000000', r: RADIUS });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(unknown.errors?.[0]?.message).toBe('County "159999000000" does not exist');
    for (const r of [0, 100_001]) {
      const bad = await server.graphql(GAPS, { county, r });
      expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(bad.errors?.[0]?.message).toContain('radiusMeters');
    }
    const year = await server.graphql(GAPS, { county, r: RADIUS, year: 1990 });
    expect(year.errors?.[0]?.message).toContain('year');
  });
});

describe('pairing suggestions', () => {
  let weak: string;
  beforeAll(async () => {
    // The weak village with the most strong villages in reach, anywhere in the region.
    const r = await server.graphql(GAPS, { year: YEAR, r: RADIUS, limit: 500 });
    const best = (r.data.coverageGaps.items as Gap[]).reduce((a, b) => (b.strongVillagesWithinRadius > a.strongVillagesWithinRadius ? b : a));
    expect(best.strongVillagesWithinRadius).toBeGreaterThanOrEqual(2);
    weak = best.village.code;
  });

  it('list the strong villages within the radius not already helping, each with its distance', async () => {
    const r = await server.graphql(SUGGEST, { v: weak, year: YEAR, r: RADIUS, limit: 50 });
    expect(r.errors).toBeUndefined();
    const s = r.data.pairingSuggestions;
    expect(s.village.code).toBe(weak);
    expect(s.strength).toBe('WEAK');
    expect(s.weakReasons.length).toBeGreaterThan(0);
    const expected = await sql<{ code: string; meters: number }>(
      `with s as (${STRENGTHS}), w as (select * from s where code = $1)
       select c.code, ST_Distance(c.location::geography, w.location::geography) as meters from s c, w
        where c.strength = 'STRONG' and c.code <> w.code and ST_Distance(c.location::geography, w.location::geography) <= ${RADIUS}
          and not exists (select 1 from pairing p where p.helper_village_code = c.code and p.helped_village_code = w.code and p.end_year is null)
        order by 1`,
      [weak],
    );
    const got = [...s.candidates].sort((a: { village: { code: string } }, b: { village: { code: string } }) => a.village.code.localeCompare(b.village.code));
    expect(got.map((c: { village: { code: string } }) => c.village.code)).toEqual(expected.map((e) => e.code));
    got.forEach((c: { distanceMeters: number }, i: number) => expect(c.distanceMeters).toBeCloseTo(expected[i]!.meters, 3));
  });

  it('rank by the documented score: the sum of weight × value, highest first, with every factor explained', async () => {
    const r = await server.graphql(SUGGEST, { v: weak, year: YEAR, r: RADIUS, limit: 50 });
    const candidates = r.data.pairingSuggestions.candidates as Array<{ village: { code: string }; distanceMeters: number; score: number; factors: Array<{ factor: string; weight: number; value: number; points: number; explanation: string }> }>;
    for (let i = 1; i < candidates.length; i++) expect(candidates[i - 1]!.score).toBeGreaterThanOrEqual(candidates[i]!.score);
    const [{ income: weakIncome }] = (await sql<{ income: number }>(`select collective_income::float8 as income from village_year where village_code = $1 and year = ${YEAR}`, [weak])) as [{ income: number }];
    for (const c of candidates) {
      expect(c.factors.map((f) => f.factor)).toEqual(['DISTANCE', 'INCOME_GAP', 'SHARED_INDUSTRY', 'LOAD']);
      expect(c.factors.map((f) => f.weight)).toEqual([40, 30, 20, 10]);
      expect(c.score).toBeCloseTo(c.factors.reduce((s, f) => s + f.points, 0), 1);
      const [distance, income, , load] = c.factors as [(typeof c.factors)[0], (typeof c.factors)[0], (typeof c.factors)[0], (typeof c.factors)[0]];
      expect(distance.value).toBeCloseTo(1 - c.distanceMeters / RADIUS, 3);
      expect(distance.explanation).toBe(`${(c.distanceMeters / 1000).toFixed(1)} km away (radius 15.0 km)`);
      const [{ income: helperIncome, helps }] = (await sql<{ income: number; helps: number }>(
        `select collective_income::float8 as income, (select count(*)::int from pairing p where p.helper_village_code = $1 and p.start_year <= ${YEAR} and (p.end_year is null or p.end_year >= ${YEAR})) as helps
           from village_year where village_code = $1 and year = ${YEAR}`,
        [c.village.code],
      )) as [{ income: number; helps: number }];
      expect(income.value).toBeCloseTo(Math.min(1, (helperIncome - weakIncome) / 20), 3);
      expect(load.value).toBeCloseTo(1 / (1 + helps), 3);
    }
  });

  it('respect the limit, and refuse an unknown village, a year without figures and a radius out of range', async () => {
    const one = await server.graphql(SUGGEST, { v: weak, year: YEAR, r: RADIUS, limit: 1 });
    expect(one.data.pairingSuggestions.candidates).toHaveLength(1);
    const unknown = await server.graphql(SUGGEST, { v: '159999999999', r: RADIUS });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(unknown.errors?.[0]?.extensions?.argument).toBe('villageCode');
    const noFigures = await server.graphql(SUGGEST, { v: weak, year: 2035, r: RADIUS });
    expect(noFigures.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(noFigures.errors?.[0]?.message).toBe(`the request breaks a rule: year: village ${weak} has no figures for 2035`);
    const far = await server.graphql(SUGGEST, { v: weak, r: 200_000 });
    expect(far.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(far.errors?.[0]?.message).toContain('radiusMeters');
  });
});

const WHAT_IF = `query ($county: String!, $p: [ProposedPairingInput!]!) {
  pairingWhatIf(countyCode: $county, year: ${YEAR}, radiusMeters: ${RADIUS}, proposals: $p) {
    before { weakVillages coveredWeakVillages uncoveredWeakVillages coverageShare poorPopulationUncovered pairings helperVillages maxHelperLoad meanDistanceMeters }
    after { weakVillages coveredWeakVillages uncoveredWeakVillages coverageShare poorPopulationUncovered pairings helperVillages maxHelperLoad meanDistanceMeters }
    proposals { helperVillage { code } helpedVillage { code } distanceMeters }
  } }`;

describe('what-if', () => {
  it('shows the county\'s coverage as it stands, agreeing with the gaps, and with the proposals made, storing nothing', async () => {
    const open = (await gaps(county)).filter((g) => g.strongVillagesWithinRadius > 0).slice(0, 2);
    expect(open.length).toBe(2);
    const proposals = [];
    for (const g of open) {
      const s = await server.graphql(SUGGEST, { v: g.village.code, year: YEAR, r: RADIUS, limit: 1 });
      proposals.push({ helperVillageCode: s.data.pairingSuggestions.candidates[0].village.code, helpedVillageCode: g.village.code });
    }
    const [{ n: pairingsBefore }] = (await sql<{ n: number }>(`select count(*)::int as n from pairing`)) as [{ n: number }];
    const r = await server.graphql(WHAT_IF, { county, p: proposals });
    expect(r.errors).toBeUndefined();
    const { before, after } = r.data.pairingWhatIf;
    expect(before.uncoveredWeakVillages).toBe((await gaps(county)).length);
    expect(before.weakVillages).toBe(before.coveredWeakVillages + before.uncoveredWeakVillages);
    expect(after.weakVillages).toBe(before.weakVillages);
    expect(after.coveredWeakVillages).toBe(before.coveredWeakVillages + 2);
    expect(after.pairings).toBe(before.pairings + 2);
    const poor = await sql<{ p: number }>(`select poor_population as p from village_year where year = ${YEAR} and village_code = any($1)`, [open.map((g) => g.village.code)]);
    expect(before.poorPopulationUncovered - after.poorPopulationUncovered).toBe(poor.reduce((s, x) => s + x.p, 0));
    expect(after.coverageShare).toBeCloseTo((after.coveredWeakVillages / after.weakVillages) * 100, 6);
    expect(r.data.pairingWhatIf.proposals.map((p: { distanceMeters: number }) => p.distanceMeters).every((d: number) => d > 0 && d <= RADIUS)).toBe(true);
    const [{ n: pairingsAfter }] = (await sql<{ n: number }>(`select count(*)::int as n from pairing`)) as [{ n: number }];
    expect(pairingsAfter).toBe(pairingsBefore);
    expect((await gaps(county)).length).toBe(before.uncoveredWeakVillages);
  });

  it('with no proposals, before and after are the same', async () => {
    const r = await server.graphql(WHAT_IF, { county, p: [] });
    expect(r.data.pairingWhatIf.after).toEqual(r.data.pairingWhatIf.before);
  });

  it('refuses a proposal that createPairing would refuse, naming the proposal and field', async () => {
    const [w] = await gaps(county);
    const [{ code: otherCounty }] = (await sql<{ code: string }>(`with s as (${STRENGTHS}) select code from s where strength = 'WEAK' and left(code, 6) <> left($1, 6) order by code limit 1`, [county])) as [{ code: string }];
    const weakHelper = await server.graphql(WHAT_IF, { county, p: [{ helperVillageCode: otherCounty, helpedVillageCode: w!.village.code }] });
    expect(weakHelper.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(weakHelper.errors?.[0]?.message).toMatch(new RegExp(`^the proposal breaks a rule: proposals\\[0\\]\\.helperVillageCode: village ${otherCounty} is WEAK in ${YEAR} \\(`));
    const s = await server.graphql(SUGGEST, { v: w!.village.code, year: YEAR, r: RADIUS, limit: 1 });
    const helper = s.data.pairingSuggestions.candidates[0]?.village.code ?? w!.nearestStrongVillage!.code;
    const twice = await server.graphql(WHAT_IF, { county, p: [{ helperVillageCode: helper, helpedVillageCode: w!.village.code }, { helperVillageCode: helper, helpedVillageCode: w!.village.code }] });
    expect(twice.errors?.[0]?.message).toContain('proposals[1].helpedVillageCode: this helper already has an open pairing with this village');
    const outside = await server.graphql(WHAT_IF, { county, p: [{ helperVillageCode: helper, helpedVillageCode: otherCounty }] });
    expect(outside.errors?.[0]?.message).toContain(`proposals[0].helpedVillageCode: village ${otherCounty} is not in county ${county}`);
    const unknown = await server.graphql(WHAT_IF, { county, p: [{ helperVillageCode: '159999999999', helpedVillageCode: w!.village.code }] });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(unknown.errors?.[0]?.extensions?.argument).toBe('proposals[0].helperVillageCode');
  });
});

describe('the planner\'s path: gaps → suggestions → pairing → gap closed', () => {
  it('a planner of the county closes a gap; a viewer is refused; the next queries show the pairing', async () => {
    const [gap] = (await gaps(county)).filter((g) => g.strongVillagesWithinRadius > 0);
    const weak = gap!.village.code;
    const s = await server.graphql(SUGGEST, { v: weak, year: YEAR, r: RADIUS, limit: 3 }, planner);
    const helper = s.data.pairingSuggestions.candidates[0].village.code as string;
    const CREATE = `mutation ($i: PairingInput!) { createPairing(input: $i) { id active helperVillage { code } helpedVillage { code } distanceMeters } }`;
    const input = { i: { kind: 'STRONG_HELPS_WEAK', helperVillageCode: helper, helpedVillageCode: weak, startYear: YEAR } };
    const refused = await server.graphql(CREATE, input, viewer);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(refused.errors?.[0]?.message).toBe('createPairing needs role planner; this token has role viewer');
    const made = await server.graphql(CREATE, input, planner);
    expect(made.errors).toBeUndefined();
    expect(made.data.createPairing.active).toBe(true);
    expect(made.data.createPairing.distanceMeters).toBeCloseTo(s.data.pairingSuggestions.candidates[0].distanceMeters, 3);
    expect((await gaps(county)).map((g) => g.village.code)).not.toContain(weak);
    const v = await server.graphql(`query ($c: String!) { village(code: $c) { pairingsReceived { id helperVillage { code } } } }`, { c: weak });
    expect(v.data.village.pairingsReceived).toContainEqual({ id: made.data.createPairing.id, helperVillage: { code: helper } });
    const again = await server.graphql(SUGGEST, { v: weak, year: YEAR, r: RADIUS, limit: 50 });
    expect(again.data.pairingSuggestions.candidates.map((c: { village: { code: string } }) => c.village.code)).not.toContain(helper);
  });
});
