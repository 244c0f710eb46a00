/**
 * Embed tokens limited to counties (auth/tokens.ts, createEmbedToken,
 * `pnpm run token --embed --county`): such a token reads only its counties
 * (lists, maps, tiles; lookups outside are NOT_FOUND) and is refused every
 * figure above county level with FORBIDDEN naming the counties. Planner
 * tokens limited to counties keep reading the whole prefecture. On the run's
 * database (the demo region), reading only.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintToken, signClaims, verifyToken } from '../../server/src/auth/tokens.js';
import { sql } from '../support/db.js';
import { REPO } from '../support/process.js';
import { TEST_SECRET, startTestServer, token, type TestServer } from '../support/server.js';

const SECRET = new TextEncoder().encode(TEST_SECRET);
let server: TestServer;
let counties: string[] = [];
/** the county the embed token reads, and one it does not */
let inside = '';
let outside = '';
let embed = '';
let year = 0;
let inspectionYear = 0;

/** A token's claims, as its payload says (the hub verifies them; here only read). */
const decodeJwt = (jwt: string): Record<string, unknown> => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8'));
const prefix = (code: string) => code.slice(0, 6);
const isInside = (code: string) => code.startsWith(prefix(inside));
const count = async (text: string, params: unknown[] = []) => Number((await sql<{ n: string }>(text, params))[0]!.n);

async function read(query: string, variables: Record<string, unknown> = {}, bearer = embed) {
  const answer = await server.graphql(query, variables, bearer);
  expect(answer.errors).toBeUndefined();
  return answer.data!;
}

async function tileCodes(layer: string, query: string, bearer = embed): Promise<string[]> {
  const res = await fetch(`${server.url}/tiles/${layer}/0/0/0.mvt${query}`, { headers: { authorization: `Bearer ${bearer}` } });
  if (res.status === 204) return [];
  expect(res.status).toBe(200);
  const tile = new VectorTile(new PbfReader(new Uint8Array(await res.arrayBuffer())));
  const l = tile.layers[layer];
  const codes = new Set<string>();
  for (let i = 0; i < (l?.length ?? 0); i++) codes.add(String(l!.feature(i).properties.code ?? l!.feature(i).properties.helped ?? l!.feature(i).properties.village));
  return [...codes].sort();
}

beforeAll(async () => {
  server = await startTestServer();
  counties = (await sql<{ code: string }>(`select code from county order by code`)).map((r) => r.code);
  // The county with the most inspections, so its lists are not empty.
  inside = (await sql<{ code: string }>(`select county_code as code from inspection group by county_code order by count(*) desc, county_code limit 1`))[0]!.code;
  outside = counties.find((c) => c !== inside)!;
  embed = await mintToken(SECRET, { subject: 'embed-counties-test', role: 'viewer', counties: [inside], days: 1, embed: true });
  year = Number((await sql<{ y: number }>(`select max(year) as y from village_year`))[0]!.y);
  inspectionYear = Number((await sql<{ y: number }>(`select extract(year from max(inspected_on))::int as y from inspection where county_code = $1`, [inside]))[0]!.y);
}, 120_000);

afterAll(async () => {
  await server?.close();
});

describe('an embed token limited to a county', () => {
  it('lists hold nothing outside its county', async () => {
    const data = await read(
      `query ($y: Int!) {
        counties { code }
        prefecture { code counties { code } }
        villages(filter: { year: $y }, limit: 500) { totalCount items { code } }
        pairings(limit: 500) { totalCount items { helpedVillage { code } } }
        alliances(limit: 500) { totalCount items { centre { code } members { code } } }
        industryProjects(limit: 500) { totalCount items { village { code } } }
        places(search: "嘎查", limit: 50) { code }
        organisations(limit: 500) { totalCount items { village { code } } }
      }`,
      { y: year },
    );
    expect(data.counties).toEqual([{ code: inside }]);
    expect(data.prefecture.counties).toEqual([{ code: inside }]);
    const like = `${prefix(inside)}%`;
    expect(data.villages.totalCount).toBe(await count(`select count(*) as n from village where code like $1`, [like]));
    expect(data.villages.totalCount).toBeGreaterThan(0);
    expect(data.villages.items.every((v: { code: string }) => isInside(v.code))).toBe(true);
    expect(data.pairings.totalCount).toBe(
      await count(`select count(*) as n from pairing where helped_village_code like $1 and (helper_village_code is null or helper_village_code like $1)`, [like]),
    );
    expect(data.pairings.items.every((p: any) => isInside(p.helpedVillage.code))).toBe(true);
    expect(data.alliances.totalCount).toBe(await count(`select count(*) as n from alliance where centre_code like $1`, [like]));
    expect(data.alliances.items.flatMap((a: any) => a.members.map((m: { code: string }) => m.code)).every(isInside)).toBe(true);
    expect(data.industryProjects.totalCount).toBe(await count(`select count(*) as n from industry_project where village_code like $1`, [like]));
    expect(data.places.every((p: { code: string }) => isInside(p.code))).toBe(true);
    // Enterprises without a home village belong to no county: not read by a county-limited token.
    expect(data.organisations.totalCount).toBe(await count(`select count(*) as n from organisation where village_code like $1`, [like]));
    expect(data.organisations.items.every((o: any) => o.village !== null && isInside(o.village.code))).toBe(true);
  });

  it('maps and findings hold nothing outside its county', async () => {
    const data = await read(
      `query ($y: Int!, $iy: Int!) {
        counties: choropleth(level: COUNTY, year: $y) { areas { code } }
        townships: choropleth(level: TOWNSHIP, year: $y) { areas { code } }
        findings(year: $iy, limit: 200) { totalCount items { inspection { place { countyCode } } } }
        warnings(year: $y, first: 200) { totalCount items { areaCode } }
        coverageGaps(year: $y, limit: 100) { items { village { code } nearestStrongVillage { code } } }
      }`,
      { y: year, iy: inspectionYear },
    );
    expect(data.counties.areas).toEqual([{ code: inside }]);
    expect(data.townships.areas.length).toBe(await count(`select count(*) as n from township where county_code = $1`, [inside]));
    expect(data.townships.areas.every((a: { code: string }) => isInside(a.code))).toBe(true);
    expect(data.findings.totalCount).toBeGreaterThan(0);
    expect(data.findings.items.every((f: any) => f.inspection.place.countyCode === inside)).toBe(true);
    expect(data.warnings.items.every((w: { areaCode: string }) => isInside(w.areaCode))).toBe(true);
    expect(data.coverageGaps.items.every((g: any) => isInside(g.village.code))).toBe(true);
  });

  it('tiles hold nothing outside its county; the whole prefecture\'s tiles for a planner limited to it', async () => {
    expect(await tileCodes('counties', '')).toEqual([inside]);
    const villages = await tileCodes('villages', `?year=${year}`);
    expect(villages.length).toBeGreaterThan(0);
    expect(villages.every(isInside)).toBe(true);
    expect((await tileCodes('projects', `?year=${year}`)).every(isInside)).toBe(true);
    expect((await tileCodes('pairings', `?year=${year}`)).every(isInside)).toBe(true);
    const planner = await token('planner', [inside], 1, 'planner-embed-counties');
    expect(await tileCodes('counties', '', planner)).toEqual(counties);
  });

  it('a county, township, village or pairing outside is NOT_FOUND; its own county is read', async () => {
    const { village, township } = (
      await sql<{ village: string; township: string }>(
        `select v.code as village, v.township_code as township from village v join township t on t.code = v.township_code where t.county_code = $1 order by v.code limit 1`,
        [outside],
      )
    )[0]!;
    const pairing = (await sql<{ id: number }>(`select id from pairing where helped_village_code not like $1 order by id limit 1`, [`${prefix(inside)}%`]))[0]!.id;
    const lookups: Array<[string, string, unknown]> = [
      ['county', 'query ($c: String!) { county(code: $c) { code } }', outside],
      ['township', 'query ($c: String!) { township(code: $c) { code } }', township],
      ['village', 'query ($c: String!) { village(code: $c) { code } }', village],
      ['pairing', 'query ($c: Int!) { pairing(id: $c) { id } }', pairing],
    ];
    for (const [, query, c] of lookups) {
      const answer = await server.graphql(query, { c }, embed);
      expect(answer.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    }
    const own = await read(`query ($c: String!, $y: Int!) { county(code: $c) { code figures(year: $y) { poorPopulation } trend { year } } }`, { c: inside, y: year });
    expect(own.county.code).toBe(inside);
    expect(own.county.figures.poorPopulation).toBe(
      await count(`select coalesce(sum(vy.poor_population), 0) as n from village_year vy where vy.year = $1 and vy.village_code like $2`, [year, `${prefix(inside)}%`]),
    );
    expect(own.county.trend.length).toBeGreaterThan(0);
  });

  it('figures above county level are refused with FORBIDDEN naming the counties', async () => {
    for (const query of [
      `query ($y: Int!) { summary(year: $y) { poorPopulation } }`,
      `query ($y: Int!) { prefecture { figures(year: $y) { poorPopulation } } }`,
      `{ prefecture { trend { year } } }`,
      `query ($y: Int!) { findingCounts(year: $y) { open } }`,
    ]) {
      const answer = await server.graphql(query, query.includes('$y') ? { y: year } : {}, embed);
      const error = answer.errors?.[0];
      expect(error?.extensions).toMatchObject({ code: 'FORBIDDEN', counties: [inside] });
      expect(error?.message).toContain(`此嵌入令牌仅限旗县 ${inside}`);
      expect(error?.message).toContain('figures above county level');
    }
  });

  it('a planner limited to the county still reads the whole prefecture', async () => {
    const planner = await token('planner', [inside], 1, 'planner-embed-counties');
    const data = await read(`query ($y: Int!) { counties { code } summary(year: $y) { counties } villages(limit: 1) { totalCount } }`, { y: year }, planner);
    expect(data.counties.map((c: { code: string }) => c.code)).toEqual(counties);
    expect(data.summary.counties).toBe(counties.length);
    expect(data.villages.totalCount).toBe(await count(`select count(*) as n from village`));
  });
});

describe('minting embed tokens limited to counties', () => {
  const MINT = `mutation ($l: String!, $d: Int!, $c: [String!]) { createEmbedToken(label: $l, days: $d, counties: $c) { token counties expiresAt } }`;

  it('an analyst mints one through the API; it reads only those counties', async () => {
    const analyst = await token('analyst', [], 1, 'analyst-embed-counties');
    const minted = await read(MINT, { l: '年度报告', d: 7, c: [inside, inside] }, analyst);
    expect(minted.createEmbedToken.counties).toEqual([inside]);
    const claims = decodeJwt(minted.createEmbedToken.token);
    expect(claims).toMatchObject({ use: 'embed', role: 'viewer', counties: [inside] });
    expect((await read(`{ counties { code } }`, {}, minted.createEmbedToken.token)).counties).toEqual([{ code: inside }]);
  });

  it('refuses a bad or unknown county code and more than 90 days, naming what is wrong', async () => {
    const analyst = await token('analyst', [], 1, 'analyst-embed-counties');
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ l: 'x', d: 7, c: ['1599'] }, 'counties', '旗县代码“1599”须为12位数字'],
      [{ l: 'x', d: 7, c: ['159998000000'] }, 'counties', '本库没有旗县“159998000000”'],
      [{ l: 'x', d: 7, c: [] }, 'counties', '限定旗县须为 1 至 50 个'],
      [{ l: 'x', d: 91, c: [inside] }, 'days', 'days must be from 1 to 90'],
    ];
    for (const [variables, argument, message] of cases) {
      const answer = await server.graphql(MINT, variables, analyst);
      expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
      expect(answer.errors?.[0]?.message).toContain(message);
    }
    // A viewer may not mint at all.
    const viewer = await token('viewer', [], 1, 'viewer-embed-counties');
    expect((await server.graphql(MINT, { l: 'x', d: 7, c: [inside] }, viewer)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('an embed token over 90 days is refused, with counties or not, minted or forged', async () => {
    await expect(mintToken(SECRET, { subject: 'e', role: 'viewer', counties: [inside], days: 91, embed: true })).rejects.toThrow('a embed token lives at most 90 days, not 91');
    const now = Math.floor(Date.now() / 1000);
    const forged = await signClaims(SECRET, { sub: 'e', role: 'viewer', use: 'embed', counties: [inside], iat: now, exp: now + 91 * 86_400 });
    await expect(verifyToken(SECRET, forged)).rejects.toThrow('the token lives longer than an embed token may (90 days)');
    const res = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${forged}` }, body: JSON.stringify({ query: '{ counties { code } }' }) });
    expect(res.status).toBe(401);
  });

  it('pnpm run token --embed --county mints one; a malformed county is refused', () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'lingyan-embed-counties-'));
    const env = { ...process.env, AUTH_SECRET: TEST_SECRET, DATA_DIR: dataDir, DATABASE_URL: '' };
    const ok = spawnSync('pnpm', ['run', 'token', '--embed', '--county', inside, '--days', '10'], { cwd: REPO, env, encoding: 'utf8' });
    expect(ok.status, ok.stderr).toBe(0);
    const minted = ok.stdout.trim().split('\n').at(-1)!;
    expect(decodeJwt(minted)).toMatchObject({ use: 'embed', role: 'viewer', counties: [inside] });
    const bad = spawnSync('pnpm', ['run', 'token', '--embed', '--county', '15990'], { cwd: REPO, env, encoding: 'utf8' });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('--county "15990" is not a 12-digit county code');
  });
});
