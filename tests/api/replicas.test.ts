/**
 * Two hub processes on one database behave as one service: a planner's write
 * through one is visible through the other at once, in the rows and in the
 * aggregates computed from them, and a stale version sent to the other is
 * refused. (Caches across replicas: tests/api/tiles.test.ts checks that a
 * write through one replica reaches the other's tile cache by NOTIFY; when
 * precomputed aggregates arrive, their invalidation belongs here.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, villageYearInput } from '../support/db.js';
import { startTestServer, token, type TestServer } from '../support/server.js';

let a: TestServer;
let b: TestServer;
let planner: string;
let code: string;
let county: string;

beforeAll(async () => {
  [a, b] = await Promise.all([startTestServer(), startTestServer()]);
  [{ code }] = (await sql<{ code: string }>(`select village_code as code from village_year where year = 2021 order by village_code desc limit 1`)) as [{ code: string }];
  county = `${code.slice(0, 6)}000000`;
  planner = await token('planner', [county], 1, 'planner-replicas');
}, 120_000);
afterAll(async () => {
  await Promise.all([a?.close(), b?.close()]);
});

const READ = `query ($c: String!, $county: String!) {
  village(code: $c) { figures(year: 2021) { version partyMembers poorPopulation } }
  county(code: $county) { figures(year: 2021) { partyMembers } } }`;
const UPSERT = `mutation ($i: VillageYearInput!) { upsertVillageYear(input: $i) { version partyMembers } }`;

async function input(patch: Record<string, unknown>) {
  return { ...(await villageYearInput(code, 2021)), ...patch };
}

describe('two replicas on one database', () => {
  it('show a write through one at once through the other, aggregates included', async () => {
    const before = (await b.graphql(READ, { c: code, county })).data;
    const members = Number(before.village.figures.partyMembers) + 3;
    const written = await a.graphql(UPSERT, { i: await input({ partyMembers: members }) }, planner);
    expect(written.errors).toBeUndefined();
    const after = (await b.graphql(READ, { c: code, county })).data;
    expect(after.village.figures.partyMembers).toBe(members);
    expect(after.village.figures.version).toBe(before.village.figures.version + 1);
    expect(after.county.figures.partyMembers).toBe(before.county.figures.partyMembers + 3);
  });

  it('refuse through one a version that was current before a write through the other', async () => {
    const stale = await input({});
    const first = await a.graphql(UPSERT, { i: { ...stale, partyMembers: Number(stale.partyMembers) + 1 } }, planner);
    expect(first.errors).toBeUndefined();
    const second = await b.graphql(UPSERT, { i: { ...stale, partyMembers: Number(stale.partyMembers) + 2 } }, planner);
    expect(second.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const [row] = await sql<{ party_members: number }>(`select party_members from village_year where village_code = $1 and year = 2021`, [code]);
    expect(row!.party_members).toBe(Number(stale.partyMembers) + 1);
  });
});
