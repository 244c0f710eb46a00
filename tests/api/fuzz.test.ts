/**
 * Hostile and malformed input, a few thousand requests from a seeded
 * generator (the same every run): broken JSON, wrong types, huge numbers,
 * invalid and enormous geometries, deep nesting, unicode edge cases and
 * SQL-looking strings in every string argument. The hub must never crash,
 * never answer 5xx for a client's mistake, and give every rejection one of
 * its error codes; nothing may be written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../support/db.js';
import { startTestServer, type TestServer } from '../support/server.js';

const CODES = new Set(['BAD_USER_INPUT', 'NOT_FOUND', 'FORBIDDEN', 'UNAUTHENTICATED', 'CONFLICT', 'LIMIT_EXCEEDED', 'SERVICE_UNAVAILABLE', 'INTERNAL']);
const REQUESTS = 2400;

/** mulberry32: a small seeded PRNG, so a failure can be replayed. */
function prng(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STRINGS = [
  "' or 1=1 --",
  "159901'; drop table village; --",
  '"; select pg_sleep(10); --',
  '\u0000',
  '\ud800',
  '𠮷野家🙂',
  'ＡＢＣ１２３',
  '\u202e159901000000',
  '%_\\',
  ' ',
  '',
  'x'.repeat(5000),
  '<script>alert(1)</script>',
  '${process.exit()}',
  '159901000000',
];
const NUMBERS = [-1, 0, 1e308, -1e308, 2 ** 31, 2 ** 53 + 1, 1.5, Number.MAX_SAFE_INTEGER, -0.0001];
const GEOMETRIES: unknown[] = [
  { type: 'Point', coordinates: [999, 999] },
  { type: 'Point', coordinates: [114] },
  { type: 'Point', coordinates: ['a', 'b'] },
  { type: 'Polygon', coordinates: [[[114, 42], [115, 42], [115, 43]]] },
  { type: 'Polygon', coordinates: [[[114, 42], [115, 43], [115, 42], [114, 43], [114, 42]]] },
  { type: 'Polygon', coordinates: [Array.from({ length: 20_000 }, (_, i) => [114 + Math.cos(i) / 10, 42 + Math.sin(i) / 10]).concat([[114.1, 42]])] },
  { type: 'GeometryCollection', geometries: [] },
  { type: 'Feature', geometry: null },
  { type: 'LineString', coordinates: [] },
  { type: 'Nonsense', coordinates: [1, 2] },
  'POINT(114 42)',
  42,
  null,
  { type: 'Point', coordinates: [114, 42], crs: { type: 'name', properties: { name: 'EPSG:3857' } } },
];

type Pick = <T>(list: readonly T[]) => T;

/** One malformed request body (a string: some are not JSON at all). */
function request(pick: Pick, rnd: () => number): string {
  const s = () => pick(STRINGS);
  const n = () => pick(NUMBERS);
  const g = () => pick(GEOMETRIES);
  const kinds: Array<() => string> = [
    () => JSON.stringify({ query: 'query ($c: String!) { village(code: $c) { code name } }', variables: { c: s() } }),
    () => JSON.stringify({ query: 'query ($t: String) { villages(filter: { nameContains: $t }) { totalCount } }', variables: { t: s() } }),
    () => JSON.stringify({ query: 'query ($c: String) { villages(filter: { countyCode: $c }) { totalCount } }', variables: { c: s() } }),
    () => JSON.stringify({ query: 'query ($v: String!, $r: Float!) { pairingSuggestions(villageCode: $v, radiusMeters: $r) { candidates { score } } }', variables: { v: s(), r: n() } }),
    () => JSON.stringify({ query: 'query ($c: String, $y: Int) { coverageGaps(countyCode: $c, year: $y) { totalCount } }', variables: { c: s(), y: n() } }),
    () => JSON.stringify({ query: 'query ($g: GeoJSON!) { villages(filter: { spatial: { intersects: $g } }) { totalCount } }', variables: { g: g() } }),
    () => JSON.stringify({ query: 'query ($g: GeoJSON!, $k: Int!) { nearestVillages(to: { point: $g }, k: $k) { code } }', variables: { g: g(), k: n() } }),
    () => JSON.stringify({ query: 'query ($g: GeoJSON!, $r: Float!) { villages(filter: { spatial: { near: { point: $g, radiusMeters: $r } } }) { totalCount } }', variables: { g: g(), r: n() } }),
    () => JSON.stringify({ query: 'query ($y: Int!, $n: Int!) { choropleth(year: $y, classes: $n) { breaks } }', variables: { y: n(), n: n() } }),
    () => JSON.stringify({ query: 'query ($o: Int, $l: Int) { villages(offset: $o, limit: $l) { totalCount } }', variables: { o: n(), l: n() } }),
    () => JSON.stringify({ query: 'mutation ($i: PairingInput!) { createPairing(input: $i) { id } }', variables: { i: { kind: 'STRONG_HELPS_WEAK', helperVillageCode: s(), helpedVillageCode: s(), startYear: n() } } }),
    () => JSON.stringify({ query: 'query { village(code: 159901101201) { code } }' }),
    () => JSON.stringify({ query: 'query ($c: Int!) { village(code: $c) { code } }', variables: { c: 1 } }),
    () => JSON.stringify({ query: `{ ${'prefecture { counties { townships { county { '.repeat(1 + Math.floor(rnd() * 8))}code${' } } } }'.repeat(1 + Math.floor(rnd() * 8))} }` }),
    () => JSON.stringify({ query: `{ ${Array.from({ length: 40 }, (_, i) => `a${i}: counties { code }`).join(' ')} }` }),
    () => JSON.stringify({ query: `{ village(code: "${s().replace(/["\\]/g, '')}") { code } }` }),
    () => JSON.stringify({ query: '{ __typename ' }),
    () => JSON.stringify({ query: 42 }),
    () => JSON.stringify({ query: null, variables: 'nope' }),
    () => JSON.stringify([{ query: '{ counties { code } }' }, { query: '{ counties { code } }' }]),
    () => '{"query": "{ counties { code } }"',
    () => 'not json at all',
    () => JSON.stringify({ query: '{ counties { code } }', variables: { x: 'y' }, extensions: { persistedQuery: { version: 1, sha256Hash: s() } } }),
    () => JSON.stringify({ query: `query { villages(filter: { nameContains: "${'\\u0000'}" }) { totalCount } }` }),
    // Found under attack (issue 25): each answered 500 before.
    () => JSON.stringify({ query: 'query A { counties { code } } query B { counties { name } }', ...(rnd() < 0.5 ? {} : { operationName: s() }) }),
    () => JSON.stringify({ query: 'query A { counties { code } }', operationName: s() }),
    () => {
      const depth = 33 + Math.floor(rnd() * 8000);
      return `{"query":"query ($g: GeoJSON!) { villages(filter: { spatial: { intersects: $g } }) { totalCount } }","variables":{"g":{"type":"Polygon","coordinates":${'['.repeat(depth)}1${']'.repeat(depth)}}}}`;
    },
    () => JSON.stringify({ query: pick(['subscription { dataChanged { tables } }', 'subscription { x }', 'subscription { __typename }']) }),
  ];
  return pick(kinds)();
}

let server: TestServer;
let before: Record<string, number>;
const TABLES = ['pairing', 'alliance', 'village', 'village_year', 'industry_project', 'assignment', 'audit_entry'];

async function counts(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of TABLES) out[t] = Number((await sql<{ n: string }>(`select count(*) as n from ${t}`))[0]!.n);
  return out;
}

beforeAll(async () => {
  server = await startTestServer({ rateLimitPerMinute: 0 });
  before = await counts();
}, 120_000);
afterAll(async () => {
  await server?.close();
});

describe('fuzz', () => {
  it(`survives ${REQUESTS} malformed requests: no 5xx, every error coded, nothing written`, async () => {
    const rnd = prng(20261127);
    const pick: Pick = (list) => list[Math.floor(rnd() * list.length)]!;
    const bodies = Array.from({ length: REQUESTS }, () => request(pick, rnd));
    const problems: string[] = [];
    const statuses = new Map<number, number>();
    let next = 0;
    // Eight clients at a time, like a busy intranet.
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < bodies.length) {
          const i = next++;
          const body = bodies[i]!;
          const res = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          const text = await res.text();
          if (res.status >= 500) problems.push(`#${i} → ${res.status}: ${body.slice(0, 120)}`);
          let parsed: { errors?: Array<{ message?: string; extensions?: { code?: string } }> };
          try {
            parsed = JSON.parse(text);
          } catch {
            problems.push(`#${i} → ${res.status}, not JSON: ${text.slice(0, 80)}`);
            continue;
          }
          for (const e of parsed.errors ?? []) {
            if (!CODES.has(e.extensions?.code ?? '')) problems.push(`#${i} → error without a known code (${e.extensions?.code}): ${e.message?.slice(0, 80)}`);
            if (/\bat .+\.(js|ts):\d+|select .* from|ST_[A-Za-z]+\(/i.test(e.message ?? '')) problems.push(`#${i} → internals in message: ${e.message?.slice(0, 120)}`);
          }
          if (res.status >= 400 && !parsed.errors?.length) problems.push(`#${i} → ${res.status} without errors`);
        }
      }),
    );
    console.log(`fuzz: ${REQUESTS} requests, statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`);
    expect(problems.slice(0, 20)).toEqual([]);
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    expect(await counts()).toEqual(before);
  }, 300_000);
});
