/**
 * The GraphQL answer cache (graphql/response-cache.ts): a repeated read is
 * served from memory with the same answer; a write through the API empties
 * it before the mutation answers, so the next read is fresh; errors and
 * mutations are never kept; callers with different read scopes never share
 * an answer; on PostGIS another connection's write reaches it by NOTIFY.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { sql, villageYearInput } from '../support/db.js';
import { startTestServer, token, type TestServer } from '../support/server.js';

const postgis = inject('databaseMode') === 'postgres';
let server: TestServer;
let code: string;
let county: string;
let planner: string;

beforeAll(async () => {
  server = await startTestServer({ responseCacheMb: 8 });
  [{ code }] = (await sql<{ code: string }>(`select village_code as code from village_year where year = 2022 order by village_code limit 1 offset 7`)) as [{ code: string }];
  county = `${code.slice(0, 6)}000000`;
  planner = await token('planner', [county], 1, 'planner-response-cache');
}, 120_000);
afterAll(async () => {
  await server?.close();
});

async function lookups(): Promise<{ hit: number; miss: number }> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  const value = (result: string) => Number(text.match(new RegExp(`^lingyan_graphql_cache_lookups_total\\{result="${result}"\\} (\\d+)`, 'm'))?.[1] ?? 0);
  return { hit: value('hit'), miss: value('miss') };
}

async function counted<T>(work: () => Promise<T>): Promise<{ result: T; hit: number; miss: number }> {
  const before = await lookups();
  const result = await work();
  const after = await lookups();
  return { result, hit: after.hit - before.hit, miss: after.miss - before.miss };
}

const READ = `query ($c: String!, $county: String!) {
  village(code: $c) { figures(year: 2022) { version partyMembers } }
  county(code: $county) { figures(year: 2022) { partyMembers } } }`;
const UPSERT = `mutation ($i: VillageYearInput!) { upsertVillageYear(input: $i) { version partyMembers } }`;

describe('the GraphQL answer cache', () => {
  it('serves a repeated read from memory with the same answer', async () => {
    const first = await counted(() => server.graphql(READ, { c: code, county }));
    expect(first.result.errors).toBeUndefined();
    expect(first).toMatchObject({ hit: 0, miss: 1 });
    const second = await counted(() => server.graphql(READ, { c: code, county }));
    expect(second).toMatchObject({ hit: 1, miss: 0 });
    expect(second.result).toEqual(first.result);
    // Other variables are another question.
    const [{ other: otherCounty }] = (await sql<{ other: string }>(`select code as other from county where code <> $1 order by code limit 1`, [county])) as [{ other: string }];
    const other = await counted(() => server.graphql(READ, { c: code, county: otherCounty }));
    expect(other.result.errors).toBeUndefined();
    expect(other).toMatchObject({ hit: 0, miss: 1 });
  });

  it('is emptied by a write through the API before the mutation answers: the next read is fresh', async () => {
    const before = (await server.graphql(READ, { c: code, county })).data;
    await server.graphql(READ, { c: code, county });
    const input = await villageYearInput(code, 2022);
    const written = await counted(() => server.graphql(UPSERT, { i: { ...input, partyMembers: input.partyMembers + 3 } }, planner));
    expect(written.result.errors).toBeUndefined();
    expect(written).toMatchObject({ hit: 0, miss: 0 });
    const after = await counted(() => server.graphql(READ, { c: code, county }));
    expect(after.miss).toBe(1);
    expect(after.result.data.village.figures.partyMembers).toBe(before.village.figures.partyMembers + 3);
    expect(after.result.data.county.figures.partyMembers).toBe(before.county.figures.partyMembers + 3);
    const undone = await server.graphql(UPSERT, { i: { ...input, version: input.version + 1 } }, planner);
    expect(undone.errors).toBeUndefined();
    const back = (await server.graphql(READ, { c: code, county })).data;
    expect([back.village.figures.partyMembers, back.county.figures.partyMembers]).toEqual([before.village.figures.partyMembers, before.county.figures.partyMembers]);
  });

  it('never keeps an answer with errors', async () => {
    const q = `{ village(code: "159999999999") { name } }`;
    const first = await counted(() => server.graphql(q));
    const second = await counted(() => server.graphql(q));
    expect(first.result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(second.result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(first.miss + second.miss).toBe(2);
    expect(second.hit).toBe(0);
  });

  it('keeps callers with different read scopes apart', async () => {
    const q = `{ summary(year: 2021) { poorPopulation activePairings } }`;
    const viewer = await token('viewer', [], 1, 'viewer-response-cache');
    const anonymous = await counted(() => server.graphql(q));
    const withToken = await counted(() => server.graphql(q, undefined, viewer));
    const countyPlanner = await counted(() => server.graphql(q, undefined, planner));
    expect([anonymous.miss, withToken.miss, countyPlanner.miss]).toEqual([1, 1, 1]);
    expect(withToken.result).toEqual(anonymous.result);
    const again = await counted(() => server.graphql(q, undefined, viewer));
    expect(again).toMatchObject({ hit: 1, miss: 0 });
  });

  if (postgis) {
    // Another replica, or psql: the write arrives by NOTIFY on the hub's listening connection, a moment after commit.
    it('drops what another connection\'s write made stale', async () => {
      const q = `query ($c: String!) { village(code: $c) { figures(year: 2022) { softLax } } }`;
      const before = (await server.graphql(q, { c: code })).data.village.figures.softLax as boolean;
      expect((await counted(() => server.graphql(q, { c: code }))).hit).toBe(1);
      await sql(`update village_year set soft_lax = not soft_lax where village_code = $1 and year = 2022`, [code]);
      try {
        await expect.poll(async () => (await server.graphql(q, { c: code })).data.village.figures.softLax, { timeout: 15_000, interval: 50 }).toBe(!before);
      } finally {
        await sql(`update village_year set soft_lax = $2 where village_code = $1 and year = 2022`, [code, before]);
      }
    });
  }
});
