/**
 * The PostGIS GeoJSON type through every MikroORM path that has broken
 * before (insert, update, batch insert, query builder, populate), checked
 * against PostGIS itself with plain SQL.
 */
import type { MikroORM } from '@mikro-orm/postgresql';
import type { MultiPolygon, Point } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Township, Village } from '../../server/src/domain/entities.js';
import { sql, testOrm } from '../support/db.js';

let orm: MikroORM;
let townshipCode: string;
const codes: string[] = [];

function villageData(code: string, location: Point) {
  return {
    code,
    township: townshipCode,
    name: `测试村${code.slice(-3)}`,
    nameEn: `Test ${code.slice(-3)}`,
    kind: 'VILLAGE' as const,
    location,
    isPoorVillage: false,
    exitedYear: null,
    branchName: '测试党支部',
    branchFocus: null,
    branchGovernance15: false,
    alliance: null,
  };
}

async function stored(code: string): Promise<{ json: Point; srid: number }> {
  const [row] = await sql<{ json: string; srid: number }>(`select ST_AsGeoJSON(location) as json, ST_SRID(location) as srid from village where code = $1`, [code]);
  if (!row) throw new Error(`village ${code} not stored`);
  return { json: JSON.parse(row.json), srid: row.srid };
}

function nextCode(): string {
  const code = `${townshipCode.slice(0, 9)}${String(900 + codes.length).padStart(3, '0')}`;
  codes.push(code);
  return code;
}

beforeAll(async () => {
  orm = await testOrm();
  const [row] = await sql<{ code: string }>(`select code from township order by code limit 1`);
  townshipCode = row!.code;
});

afterAll(async () => {
  await sql(`delete from village where code = any($1)`, [codes]);
  await orm.close();
});

describe('GeometryType', () => {
  it('inserts through persist/flush and reads back the same GeoJSON in SRID 4326', async () => {
    const em = orm.em.fork();
    const code = nextCode();
    em.create(Village, villageData(code, { type: 'Point', coordinates: [116.5, 43.25] }));
    await em.flush();
    expect(await stored(code)).toEqual({ json: { type: 'Point', coordinates: [116.5, 43.25] }, srid: 4326 });
    const loaded = await orm.em.fork().findOneOrFail(Village, { code });
    expect(loaded.location).toEqual({ type: 'Point', coordinates: [116.5, 43.25] });
  });

  it('updates only when the geometry changed', async () => {
    const em = orm.em.fork();
    const code = nextCode();
    em.create(Village, villageData(code, { type: 'Point', coordinates: [116, 43] }));
    await em.flush();
    const village = await orm.em.fork().findOneOrFail(Village, { code });
    const em2 = orm.em.fork();
    const same = await em2.findOneOrFail(Village, { code });
    // Loading and flushing without a change must not write (snapshot comparison of GeoJSON).
    em2.getUnitOfWork().computeChangeSets();
    expect(em2.getUnitOfWork().getChangeSets()).toHaveLength(0);
    same.location = { type: 'Point', coordinates: [117.125, 44.5] };
    await em2.flush();
    expect((await stored(code)).json).toEqual({ type: 'Point', coordinates: [117.125, 44.5] });
    expect(village.location).toEqual({ type: 'Point', coordinates: [116, 43] });
  });

  it('batch-inserts many rows with insertMany', async () => {
    const em = orm.em.fork();
    const rows = [0, 1, 2].map((i) => villageData(nextCode(), { type: 'Point', coordinates: [115 + i, 42 + i / 2] }));
    await em.insertMany(Village, rows);
    for (const [i, row] of rows.entries()) {
      expect((await stored(row.code)).json).toEqual({ type: 'Point', coordinates: [115 + i, 42 + i / 2] });
    }
  });

  it('reads through the query builder, with the conversion applied', async () => {
    const code = codes[0]!;
    const result = await orm.em.fork().createQueryBuilder(Village, 'v').select(['code', 'location']).where({ code }).getSingleResult();
    expect(result?.location).toEqual({ type: 'Point', coordinates: [116.5, 43.25] });
  });

  it('reads a lazy MultiPolygon through populate, matching PostGIS', async () => {
    const em = orm.em.fork();
    const township = await em.findOneOrFail(Township, { code: townshipCode });
    await em.populate(township, ['boundary']);
    const boundary = township.boundary as MultiPolygon;
    expect(boundary.type).toBe('MultiPolygon');
    const [row] = await sql<{ json: string }>(`select ST_AsGeoJSON(boundary) as json from township where code = $1`, [townshipCode]);
    expect(boundary).toEqual(JSON.parse(row!.json));
  });

  it('loads relations with their geometry through populate of a to-many collection', async () => {
    const em = orm.em.fork();
    const township = await em.findOneOrFail(Township, { code: townshipCode }, { populate: ['villages'] });
    const test = township.villages.getItems().find((v) => v.code === codes[0]);
    expect(test?.location).toEqual({ type: 'Point', coordinates: [116.5, 43.25] });
  });

  it('promotes a Polygon to the MultiPolygon column and rejects invalid GeoJSON in the database', async () => {
    const em = orm.em.fork();
    const township = await em.findOneOrFail(Township, { code: townshipCode }, { populate: ['boundary'] });
    const original = township.boundary;
    const square = { type: 'Polygon', coordinates: [[[116, 43], [116.1, 43], [116.1, 43.1], [116, 43.1], [116, 43]]] };
    township.boundary = square as unknown as MultiPolygon;
    await em.flush();
    const [row] = await sql<{ t: string }>(`select GeometryType(boundary) as t from township where code = $1`, [townshipCode]);
    expect(row!.t).toBe('MULTIPOLYGON');
    township.boundary = original;
    await em.flush();
    const bad = orm.em.fork();
    bad.create(Village, villageData(nextCode(), { type: 'Point', coordinates: 'nonsense' } as unknown as Point));
    await expect(bad.flush()).rejects.toThrow();
  });
});
