/**
 * Reads scoped by prefecture (graphql/context.ts's `scope`): a database
 * holding the demo region and a second, smaller prefecture (two counties
 * with reported figures, imported with --keep-demo). Each atlas read answers
 * only the prefecture the request names (X-Lingyan-Prefecture, ?prefecture=
 * on tiles, connection_init on the socket); none named is the lowest code;
 * an unknown code is refused in Chinese and English; the answer cache never
 * serves one region's answer for the other.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { VectorTile } from '@mapbox/vector-tile';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { PbfReader } from 'pbf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { initORM } from '../../server/src/db/orm.js';
import { runImport, type ImportOptions } from '../../server/src/importer/run-import.js';
import { loadDemoRegion } from '../support/demo-database.js';
import { ownDatabase, type OwnDatabase } from '../support/own-database.js';
import { startTestServer, type TestServer } from '../support/server.js';

const DEMO = '159900000000';
const OWN = '152500000000';
const OWN_COUNTIES = ['152591000000', '152592000000'];
const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/import/${name}`, import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), 'lingyan-read-scope-'));

let own: OwnDatabase;
let server: TestServer;
/** every demo county's code, ascending */
let demoCounties: string[] = [];
/** a year with demo village figures and one with demo inspections */
let demoYear = 0;
let inspectionYear = 0;

interface Answer<T = any> {
  status: number;
  data?: T;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

/** POST /graphql naming `prefecture` in the header (none: no header). */
async function ask<T = any>(query: string, variables: Record<string, unknown> = {}, prefecture?: string): Promise<Answer<T>> {
  const res = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(prefecture !== undefined ? { 'x-lingyan-prefecture': prefecture } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, ...((await res.json()) as object) };
}

/** The data of a read that must succeed. */
async function read<T = any>(query: string, variables: Record<string, unknown> = {}, prefecture?: string): Promise<T> {
  const answer = await ask<T>(query, variables, prefecture);
  expect(answer.errors).toBeUndefined();
  return answer.data!;
}

const count = async (text: string) => Number((await own.sql<{ n: string }>(text))[0]!.n);

/** The codes of the features of `layer` in the whole-world tile, read with `query` (e.g. `?prefecture=…`). */
async function tileCodes(layer: string, query: string): Promise<string[]> {
  const res = await fetch(`${server.url}/tiles/${layer}/0/0/0.mvt${query}`);
  if (res.status === 204) return [];
  expect(res.status).toBe(200);
  const tile = new VectorTile(new PbfReader(new Uint8Array(await res.arrayBuffer())));
  const l = tile.layers[layer];
  const codes = new Set<string>();
  for (let i = 0; i < (l?.length ?? 0); i++) codes.add(String(l!.feature(i).properties.code));
  return [...codes].sort();
}

beforeAll(async () => {
  own = await ownDatabase('lingyan_test_read_scope');
  await loadDemoRegion(own.url);
  const orm: MikroORM = await initORM({ url: own.url, poolSize: 2, statementTimeoutMs: 60_000 });
  try {
    const run = (file: string, kind: ImportOptions['kind'], more: Partial<ImportOptions> = {}) =>
      runImport(orm.em as unknown as EntityManager, { file, kind, dryRun: false, skipInvalid: false, repair: false, crs: 'wgs84', encoding: null, overrides: {}, prefectureName: null, ...more });
    const counties = await run(fixture('counties.geojson'), 'counties', { prefectureName: '测试盟', demoRegion: 'keep' });
    expect(counties.summary).toMatchObject({ inserted: 2, written: true });
    const file = path.join(dir, '旗县数据.csv');
    const rows = [['旗县代码', '旗县名称', '年份', '贫困人口', '农村人口'], [OWN_COUNTIES[0], '甲旗', 2019, 1200, 30000], [OWN_COUNTIES[0], '甲旗', 2020, 300, 30100], [OWN_COUNTIES[1], '乙县', 2019, 800, 32000], [OWN_COUNTIES[1], '乙县', 2020, 100, 31000]];
    writeFileSync(file, `\uFEFF${rows.map((r) => r.join(',')).join('\r\n')}\r\n`, 'utf8');
    const figures = await run(file, 'county-figures');
    expect(figures.problems).toEqual([]);
  } finally {
    await orm.close(true);
  }
  demoCounties = (await own.sql<{ code: string }>(`select code from county where code like '1599%' order by code`)).map((r) => r.code);
  demoYear = Number((await own.sql<{ y: number }>(`select max(year) as y from village_year`))[0]!.y);
  inspectionYear = Number((await own.sql<{ y: number }>(`select extract(year from max(inspected_on))::int as y from inspection`))[0]!.y);
  // Written before the hub starts: its caches hear every change after that (the embedded database's other clients are not heard).
  server = await startTestServer({ databaseUrl: own.url, responseCacheMb: 8 });
}, 300_000);

afterAll(async () => {
  await server?.close();
  await own?.stop();
});

describe('which prefecture a request reads', () => {
  it('without a header, the lowest code; with one, the prefecture named', async () => {
    expect((await read(`{ prefecture { code name } }`)).prefecture).toEqual({ code: OWN, name: '测试盟' });
    expect((await read(`{ prefecture { code name } }`, {}, DEMO)).prefecture).toEqual({ code: DEMO, name: '查干高勒盟' });
    expect((await read(`{ prefectures { code } }`, {}, DEMO)).prefectures).toEqual([{ code: OWN }, { code: DEMO }]);
    // prefecture(code:) for the explorer: the one read, or NOT_FOUND.
    expect((await read(`{ prefecture(code: "${DEMO}") { code } }`, {}, DEMO)).prefecture.code).toBe(DEMO);
    expect((await ask(`{ prefecture(code: "${DEMO}") { code } }`)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('refuses a code the database does not hold with HTTP 400 BAD_USER_INPUT naming it, in Chinese and English', async () => {
    for (const bad of ['150100000000', 'x; drop table county']) {
      const answer = await ask(`{ prefecture { code } }`, {}, bad);
      expect(answer.status).toBe(400);
      expect(answer.data ?? null).toBeNull();
      const error = answer.errors?.[0];
      expect(error?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'prefecture', prefecture: bad });
      expect(error?.message).toContain(`盟市代码 "${bad}" 不存在`);
      expect(error?.message).toContain(`The prefecture code "${bad}" in the X-Lingyan-Prefecture header is not held by this hub; held: ${OWN}, ${DEMO}`);
    }
    // GET /graphql is held to the same rule.
    const res = await fetch(`${server.url}/graphql?query=${encodeURIComponent('{ prefecture { code } }')}`, { headers: { 'x-lingyan-prefecture': '159800000000', 'apollo-require-preflight': 'true' } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as Answer).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('counties, years, figures and the summary are the prefecture\'s own', async () => {
    const query = `{ prefecture { code years counties { code } } counties { code } }`;
    const mine = await read(query);
    expect(mine.prefecture.years).toEqual([2019, 2020]);
    expect(mine.counties.map((c: { code: string }) => c.code)).toEqual(OWN_COUNTIES);
    expect(mine.prefecture.counties.map((c: { code: string }) => c.code)).toEqual(OWN_COUNTIES);
    const demo = await read(query, {}, DEMO);
    expect(demo.counties.map((c: { code: string }) => c.code)).toEqual(demoCounties);
    expect(demo.prefecture.counties.map((c: { code: string }) => c.code)).toEqual(demoCounties);
    expect(demo.prefecture.years).toContain(demoYear);
    expect(demo.prefecture.years).not.toEqual([2019, 2020]);

    const summary = `query ($y: Int!) { summary(year: $y) { counties poorPopulation ruralPopulation } }`;
    expect((await read(summary, { y: 2019 })).summary).toEqual({ counties: 2, poorPopulation: 2000, ruralPopulation: 62000 });
    const demoSummary = (await read(summary, { y: demoYear }, DEMO)).summary;
    expect(demoSummary.counties).toBe(demoCounties.length);
    expect(demoSummary.poorPopulation).toBe(await count(`select coalesce(sum(poor_population), 0) as n from village_year where year = ${demoYear} and village_code like '1599%'`));
  });

  it('the choropleth maps the prefecture\'s areas only, and its default year is the prefecture\'s latest', async () => {
    const q = `query ($l: AreaLevel!) { choropleth(level: $l) { year areas { code value } } }`;
    const mine = (await read(q, { l: 'COUNTY' })).choropleth;
    expect(mine.year).toBe(2020);
    expect(mine.areas.map((a: { code: string }) => a.code)).toEqual(OWN_COUNTIES);
    expect(mine.areas.every((a: { value: number | null }) => a.value !== null)).toBe(true);
    const demo = (await read(q, { l: 'COUNTY' }, DEMO)).choropleth;
    expect(demo.year).toBe(demoYear);
    expect(demo.areas.map((a: { code: string }) => a.code)).toEqual(demoCounties);
    const townships = (await read(q, { l: 'TOWNSHIP' }, DEMO)).choropleth.areas as Array<{ code: string }>;
    expect(townships.length).toBe(await count(`select count(*) as n from township where code like '1599%'`));
    expect((await read(q, { l: 'TOWNSHIP' })).choropleth.areas).toEqual([]);
  });

  it('lists of villages, pairings, alliances, projects and places hold only the prefecture\'s', async () => {
    const lists = `query ($y: Int!) {
      villages(filter: { year: $y }, limit: 1) { totalCount }
      pairings(limit: 1) { totalCount }
      alliances(limit: 1) { totalCount }
      industryProjects(limit: 1) { totalCount }
    }`;
    const mine = await read(lists, { y: 2020 });
    expect([mine.villages.totalCount, mine.pairings.totalCount, mine.alliances.totalCount, mine.industryProjects.totalCount]).toEqual([0, 0, 0, 0]);
    const demo = await read(lists, { y: demoYear }, DEMO);
    expect(demo.villages.totalCount).toBe(await count(`select count(*) as n from village`));
    expect(demo.pairings.totalCount).toBe(await count(`select count(*) as n from pairing`));
    expect(demo.alliances.totalCount).toBe(await count(`select count(*) as n from alliance`));
    expect(demo.industryProjects.totalCount).toBe(await count(`select count(*) as n from industry_project`));
    expect(demo.villages.totalCount).toBeGreaterThan(0);

    // Both regions have a county named with 旗; each request finds its own.
    const places = `{ places(search: "旗", limit: 50) { code } }`;
    const ownPlaces = (await read(places)).places.map((p: { code: string }) => p.code);
    const demoPlaces = (await read(places, {}, DEMO)).places.map((p: { code: string }) => p.code);
    expect(ownPlaces).toContain(OWN_COUNTIES[0]);
    expect(ownPlaces.every((c: string) => c.startsWith('1525'))).toBe(true);
    expect(demoPlaces.length).toBeGreaterThan(0);
    expect(demoPlaces.every((c: string) => c.startsWith('1599'))).toBe(true);
  });

  it('findings, finding counts and warnings are the prefecture\'s', async () => {
    const q = `query ($y: Int!) { findings(year: $y, limit: 200) { totalCount items { inspection { place { countyCode } } } } findingCounts(year: $y) { open overdue rectified } warnings(year: $y, first: 200) { totalCount items { areaCode } } }`;
    const mine = await read(q, { y: inspectionYear });
    expect(mine.findings.totalCount).toBe(0);
    expect(mine.findingCounts).toEqual({ open: 0, overdue: 0, rectified: 0 });
    expect(mine.warnings.totalCount).toBe(0);
    const demo = await read(q, { y: inspectionYear }, DEMO);
    expect(demo.findings.totalCount).toBeGreaterThan(0);
    expect(demo.findings.items.every((f: any) => f.inspection.place.countyCode.startsWith('1599'))).toBe(true);
    expect(demo.warnings.totalCount).toBeGreaterThan(0);
    expect(demo.warnings.items.every((w: { areaCode: string }) => w.areaCode.startsWith('1599'))).toBe(true);
    // An area of the other prefecture is not found.
    expect((await ask(`query ($y: Int!, $a: String!) { findings(year: $y, areaCode: $a) { totalCount } }`, { y: inspectionYear, a: demoCounties[0] })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await ask(`query ($a: String!) { warnings(areaCode: $a) { totalCount } }`, { a: demoCounties[0] })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('a county, township or village of the other prefecture is NOT_FOUND', async () => {
    const { village, township } = (await own.sql<{ village: string; township: string }>(`select code as village, township_code as township from village order by code limit 1`))[0]!;
    const q = `query ($c: String!, $t: String!, $v: String!) { county(code: $c) { code } township(code: $t) { code } village(code: $v) { code } }`;
    const vars = { c: demoCounties[0], t: township, v: village };
    expect((await read(q, vars, DEMO)).village.code).toBe(village);
    for (const [field, code] of [['county', demoCounties[0]], ['township', township], ['village', village]] as const) {
      const elsewhere = await ask(`query ($c: String!) { ${field}(code: $c) { code } }`, { c: code });
      expect(elsewhere.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', id: code });
    }
    expect((await read(`query ($c: String!) { county(code: $c) { code } }`, { c: OWN_COUNTIES[1] })).county.code).toBe(OWN_COUNTIES[1]);
  });

  it('the answer cache keeps one answer per prefecture: the same text never answers for the other', async () => {
    const q = `query CacheScope { prefecture { code } counties { code } }`;
    for (let round = 0; round < 2; round++) {
      expect((await read(q, {}, DEMO)).prefecture.code).toBe(DEMO);
      expect((await read(q)).prefecture.code).toBe(OWN);
      expect((await read(q, {}, OWN)).counties.map((c: { code: string }) => c.code)).toEqual(OWN_COUNTIES);
    }
  });

  it('tiles hold only the prefecture named by ?prefecture= (none: the lowest code); an unknown one is refused', async () => {
    expect(await tileCodes('counties', '')).toEqual(OWN_COUNTIES);
    expect(await tileCodes('counties', `?prefecture=${OWN}`)).toEqual(OWN_COUNTIES);
    expect(await tileCodes('counties', `?prefecture=${DEMO}`)).toEqual(demoCounties);
    expect(await tileCodes('villages', `?prefecture=${OWN}`)).toEqual([]);
    const villages = await tileCodes('villages', `?prefecture=${DEMO}&year=${demoYear}`);
    expect(villages.length).toBeGreaterThan(0);
    expect(villages.every((c) => c.startsWith('1599'))).toBe(true);
    const res = await fetch(`${server.url}/tiles/counties/0/0/0.mvt?prefecture=150100000000`);
    expect(res.status).toBe(400);
    const body = (await res.json()) as Answer;
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'prefecture' });
    expect(body.errors?.[0]?.message).toContain('参数 prefecture 中的盟市代码 "150100000000" 不存在');
  });

  it('the live socket takes the prefecture in connection_init and closes with 4400 for an unknown one', async () => {
    const closed = (prefecture: string) =>
      new Promise<{ code: number; reason: string; acked: boolean }>((resolve, reject) => {
        const ws = new WebSocket(`${server.url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
        let acked = false;
        ws.on('open', () => ws.send(JSON.stringify({ type: 'connection_init', payload: { prefecture } })));
        ws.on('message', (m) => {
          if (JSON.parse(String(m)).type === 'connection_ack') {
            acked = true;
            ws.close(1000);
          }
        });
        ws.on('close', (code, reason) => resolve({ code, reason: String(reason), acked }));
        ws.on('error', reject);
      });
    expect(await closed(DEMO)).toMatchObject({ acked: true });
    const refused = await closed('150100000000');
    expect(refused).toMatchObject({ code: 4400, acked: false });
    expect(refused.reason).toBe('BAD_USER_INPUT: 盟市代码 150100000000 不存在 / unknown prefecture 150100000000');
  });
});
