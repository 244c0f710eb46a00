/** places(search:): counties, townships and villages by name or code prefix, against SQL. */
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

const Q = `query ($search: String!, $limit: Int) {
  places(search: $search, limit: $limit) { level code name nameEn parentName parentNameEn bbox } }`;

interface PlaceHit {
  level: string;
  code: string;
  name: string;
  nameEn: string;
  parentName: string | null;
  parentNameEn: string | null;
  bbox: number[];
}

async function places(search: string, limit?: number): Promise<PlaceHit[]> {
  const { data, errors } = await server.graphql(Q, { search, limit });
  expect(errors).toBeUndefined();
  return data.places;
}

describe('places', () => {
  it('finds a township by its full Chinese name first, with its county and its extent', async () => {
    const [township] = await sql<{ code: string; name: string; county: string; w: number; s: number; e: number; n: number }>(
      `select t.code, t.name, c.name as county, ST_XMin(t.boundary) as w, ST_YMin(t.boundary) as s, ST_XMax(t.boundary) as e, ST_YMax(t.boundary) as n
         from township t join county c on c.code = t.county_code order by t.code limit 1`,
    );
    const hits = await places(township!.name);
    expect(hits[0]).toMatchObject({ level: 'TOWNSHIP', code: township!.code, name: township!.name, parentName: township!.county });
    hits[0]!.bbox.forEach((v, i) => expect(v).toBeCloseTo([township!.w, township!.s, township!.e, township!.n][i]!, 9));
  });

  it('matches part of a Chinese name in counties, townships and villages, counties first', async () => {
    const expected = await sql<{ code: string }>(
      `select code from (select code, 0 as l from county where name like '%淖尔%'
                          union all select code, 1 from township where name like '%淖尔%'
                          union all select code, 2 from village where name like '%淖尔%') x`,
    );
    expect(expected.length).toBeGreaterThan(1);
    const hits = await places('淖尔', 50);
    expect(new Set(hits.map((h) => h.code))).toEqual(new Set(expected.slice(0, 50).map((e) => e.code)));
    const levels = hits.filter((h) => !h.name.startsWith('淖尔') && h.name !== '淖尔').map((h) => h.level);
    expect(levels).toEqual([...levels].sort((a, b) => ['COUNTY', 'TOWNSHIP', 'VILLAGE'].indexOf(a) - ['COUNTY', 'TOWNSHIP', 'VILLAGE'].indexOf(b)));
  });

  it('matches English names case-insensitively and code prefixes, and gives a village a point extent', async () => {
    const [village] = await sql<{ code: string; name_en: string; township: string }>(
      `select v.code, v.name_en, t.name as township from village v join township t on t.code = v.township_code order by v.code limit 1`,
    );
    const byEnglish = await places(village!.name_en.toUpperCase(), 50);
    const hit = byEnglish.find((h) => h.code === village!.code);
    expect(hit).toMatchObject({ level: 'VILLAGE', parentName: village!.township });
    expect(hit!.bbox[0]).toBe(hit!.bbox[2]);
    expect(hit!.bbox[1]).toBe(hit!.bbox[3]);

    const byCode = await places(village!.code.slice(0, 9), 50);
    expect(byCode.map((h) => h.code)).toContain(village!.code);
    expect(byCode.every((h) => h.code.startsWith(village!.code.slice(0, 9)))).toBe(true);
  });

  it('treats LIKE wildcards as text and caps the answer at the limit', async () => {
    expect(await places('%')).toEqual([]);
    expect(await places('_')).toEqual([]);
    expect(await places('1599', 3)).toHaveLength(3);
    const { errors } = await server.graphql(Q, { search: '', limit: 3 });
    expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
