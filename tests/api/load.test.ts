/**
 * A bounded load test, short form (a few seconds in every test run): eight
 * loopback clients send a mix of read queries (map, lists, spatial search,
 * suggestions) and vector tiles while a planner writes figures, on the run's
 * database. It
 * must hold with zero errors (HTTP or GraphQL) and no lost write; latency
 * percentiles and memory are reported, not asserted (targets live in
 * benchmarks).
 */
import autocannon from 'autocannon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../support/db.js';
import { startTestServer, token, type TestServer } from '../support/server.js';

const SECONDS = Number(process.env.LOAD_SECONDS ?? 6);
let server: TestServer;

beforeAll(async () => {
  // As deployed: the answer cache on (the planner writes through the API, so each write empties it at once).
  server = await startTestServer({ rateLimitPerMinute: 0, responseCacheMb: 32 });
}, 120_000);
afterAll(async () => {
  await server?.close();
});

const READS = [
  `{ choropleth(year: 2021, method: JENKS, classes: 5) { breaks areas { code value classIndex } } }`,
  `{ summary(year: 2020) { poorPopulation weakVillages activePairings } }`,
  `{ villages(filter: { spatial: { bbox: { west: 114.5, south: 42.2, east: 115.5, north: 43.0 } } }, limit: 200) { totalCount items { code name location } } }`,
  `{ nearestVillages(to: { villageCode: "159901101201" }, k: 5) { code distanceMeters } }`,
  `{ villages(filter: { spatial: { near: { villageCode: "159901101201", radiusMeters: 20000 } }, strength: [WEAK], year: 2019 }) { totalCount } }`,
  `{ pairings(filter: { activeInYear: 2024 }, limit: 200) { totalCount items { id line distanceMeters } } }`,
  `{ coverageGaps(year: 2019, radiusMeters: 20000, limit: 20) { totalCount items { village { code } } } }`,
];

/** Tiles a map of the demo region asks for: counties at z5, villages and townships at z8, pairings at z7. */
const TILES = ['/tiles/counties/5/26/11.mvt', '/tiles/villages/8/210/94.mvt', '/tiles/villages/8/209/94.mvt', '/tiles/townships/8/210/94.mvt', '/tiles/pairings/7/105/47.mvt?year=2023'];

describe('load, short form', () => {
  it(`holds ${SECONDS} s of mixed reads from 8 clients plus a planner's writes with zero errors`, async () => {
    let graphqlErrors = 0;
    let tiles = 0;
    const rssBefore = process.memoryUsage().rss;
    // Memory through the run, not only its ends: flat means it levels off once the caches are full.
    const rssSeries: number[] = [];
    const sampler = setInterval(() => rssSeries.push(process.memoryUsage().rss), Math.max(1, SECONDS / 6) * 1000);
    const [{ code }] = (await sql<{ code: string }>(`select village_code as code from village_year where year = 2023 order by village_code limit 1`)) as [{ code: string }];
    const admin = await token('admin', [], 1, 'admin-load');
    // Read before the writer starts: its first write may commit before a later read.
    const [{ members: membersBefore }] = (await sql<{ members: number }>(`select party_members as members from village_year where village_code = $1 and year = 2023`, [code])) as [{ members: number }];
    let stop = false;
    let writes = 0;
    const writeErrors: string[] = [];
    // The planner: read the row, write it back with one more party member, as fast as answers come.
    const writer = (async () => {
      while (!stop) {
        const f = (await server.graphql(`{ village(code: "${code}") { figures(year: 2023) { version households ruralPopulation poorHouseholds poorPopulation collectiveIncome partyMembers memberPairings secretaryIsDirector softLax branchRating } } }`)).data.village.figures;
        const { version, ...rest } = f;
        const r = await server.graphql(`mutation ($i: VillageYearInput!) { upsertVillageYear(input: $i) { version } }`, { i: { ...rest, villageCode: code, year: 2023, version, partyMembers: f.partyMembers + 1 } }, admin);
        if (r.errors) writeErrors.push(r.errors[0]!.message);
        else writes++;
      }
    })();
    const result = await autocannon({
      url: `${server.url}/graphql`,
      connections: 8,
      duration: SECONDS,
      requests: [
        ...READS.map((query) => ({
          method: 'POST' as const,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query }),
          onResponse: (status: number, body: string) => {
            if (status === 200 && body.includes('"errors"')) graphqlErrors++;
          },
        })),
        ...TILES.map((path) => ({
          method: 'GET' as const,
          path,
          onResponse: (status: number) => {
            if (status === 200) tiles++;
          },
        })),
      ],
    });
    clearInterval(sampler);
    stop = true;
    await writer;
    const [{ members: membersAfter }] = (await sql<{ members: number }>(`select party_members as members from village_year where village_code = $1 and year = 2023`, [code])) as [{ members: number }];
    const rssAfter = process.memoryUsage().rss;
    console.log(
      `load: ${result.requests.total} reads (${tiles} of them tiles with features) in ${SECONDS} s (${result.requests.average.toFixed(0)} req/s), p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms; ` +
        `${writes} writes; non-2xx ${result.non2xx}, errors ${result.errors}, timeouts ${result.timeouts}, GraphQL errors ${graphqlErrors}; ` +
        `RSS ${(rssBefore / 2 ** 20).toFixed(0)} → ${(rssAfter / 2 ** 20).toFixed(0)} MB (test process, server included; ` +
        `through the run ${rssSeries.map((b) => (b / 2 ** 20).toFixed(0)).join(', ')} MB)`,
    );
    expect(result.requests.total).toBeGreaterThan(SECONDS * 5);
    expect(result.non2xx).toBe(0);
    expect(result.errors).toBe(0);
    expect(result.timeouts).toBe(0);
    expect(graphqlErrors).toBe(0);
    expect(tiles).toBeGreaterThan(0);
    expect(writeErrors).toEqual([]);
    expect(writes).toBeGreaterThan(0);
    // Every acknowledged write is there, none twice.
    expect(membersAfter - membersBefore).toBe(writes);
  }, (SECONDS + 60) * 1000);
});
