/**
 * Spatial queries on villages, industry projects and alliances, each compared
 * with SQL written here against PostGIS directly.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../support/db.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { strengthCase } from '../support/strength.js';

let server: TestServer;
let county: { code: string };
let township: { code: string };
let centre: { code: string; lon: number; lat: number };

beforeAll(async () => {
  server = await startTestServer();
  [county] = (await sql<{ code: string }>(`select code from county order by code limit 1 offset 2`)) as [{ code: string }];
  [township] = (await sql<{ code: string }>(`select code from township where county_code = $1 order by code limit 1`, [county.code])) as [{ code: string }];
  [centre] = (await sql<{ code: string; lon: number; lat: number }>(
    `select code, ST_X(location) as lon, ST_Y(location) as lat from village where township_code = $1 order by code limit 1`,
    [township.code],
  )) as [{ code: string; lon: number; lat: number }];
});
afterAll(async () => {
  await server?.close();
});

const codes = (items: Array<{ code: string }>) => items.map((i) => i.code);
const point = () => ({ type: 'Point', coordinates: [centre.lon, centre.lat] });

describe('villages: spatial conditions', () => {
  it('inside a county boundary given by code equals ST_CoveredBy in SQL', async () => {
    const { data, errors } = await server.graphql(`query ($c: String!) { villages(filter: { spatial: { inside: { countyCode: $c } } }, limit: 500) { totalCount items { code } } }`, { c: county.code });
    expect(errors).toBeUndefined();
    const expected = await sql<{ code: string }>(`select v.code from village v, county c where c.code = $1 and ST_CoveredBy(v.location, c.boundary) order by v.code`, [county.code]);
    expect(codes(data.villages.items)).toEqual(codes(expected));
    expect(data.villages.totalCount).toBe(expected.length);
    // the spatial answer agrees with the code hierarchy
    const byCode = await sql<{ n: string }>(`select count(*) as n from village where left(code, 6) = left($1, 6)`, [county.code]);
    expect(expected.length).toBe(Number(byCode[0]!.n));
  });

  it('inside a GeoJSON polygon (a literal object in the query text) equals SQL', async () => {
    const [{ geojson }] = (await sql<{ geojson: string }>(`select ST_AsGeoJSON(ST_Buffer(location::geography, 15000)::geometry, 6) as geojson from village where code = $1`, [centre.code])) as [{ geojson: string }];
    const polygon = JSON.parse(geojson);
    const literal = JSON.stringify(polygon).replace(/"(\w+)":/g, '$1:');
    const { data, errors } = await server.graphql(`{ villages(filter: { spatial: { inside: { polygon: ${literal} } } }, limit: 500) { items { code } } }`);
    expect(errors).toBeUndefined();
    const expected = await sql<{ code: string }>(`select code from village where ST_CoveredBy(location, ST_SetSRID(ST_GeomFromGeoJSON($1), 4326)) order by code`, [geojson]);
    expect(expected.length).toBeGreaterThan(1);
    expect(codes(data.villages.items)).toEqual(codes(expected));
  });

  it('in a bounding box equals the envelope test in SQL', async () => {
    const bbox = { west: centre.lon - 0.3, south: centre.lat - 0.2, east: centre.lon + 0.3, north: centre.lat + 0.2 };
    const { data, errors } = await server.graphql(`query ($b: BBoxInput!) { villages(filter: { spatial: { bbox: $b } }, limit: 500) { totalCount items { code } } }`, { b: bbox });
    expect(errors).toBeUndefined();
    const expected = await sql<{ code: string }>(`select code from village where ST_Intersects(location, ST_MakeEnvelope($1, $2, $3, $4, 4326)) order by code`, [bbox.west, bbox.south, bbox.east, bbox.north]);
    expect(expected.length).toBeGreaterThan(0);
    expect(codes(data.villages.items)).toEqual(codes(expected));
  });

  it('within 20 km of a village, ordered by geodesic distance, each with distanceMeters', async () => {
    const { data, errors } = await server.graphql(
      `query ($v: String!) { villages(filter: { spatial: { near: { villageCode: $v, radiusMeters: 20000 } } }, orderBy: DISTANCE, distanceFrom: { villageCode: $v }, limit: 500) { items { code distanceMeters } } }`,
      { v: centre.code },
    );
    expect(errors).toBeUndefined();
    const expected = await sql<{ code: string; d: number }>(
      `select v.code, ST_Distance(v.location::geography, c.location::geography) as d from village v, village c
        where c.code = $1 and ST_DWithin(v.location::geography, c.location::geography, 20000) order by d, v.code`,
      [centre.code],
    );
    expect(expected.length).toBeGreaterThan(2);
    expect(codes(data.villages.items)).toEqual(codes(expected));
    data.villages.items.forEach((v: { distanceMeters: number }, i: number) => expect(v.distanceMeters).toBeCloseTo(expected[i]!.d, 3));
    expect(data.villages.items[0].distanceMeters).toBe(0);
  });

  it('nearest k to a point (KNN) leaves nothing nearer out', async () => {
    const { data, errors } = await server.graphql(`query ($p: GeoJSON!) { nearestVillages(to: { point: $p }, k: 7) { code distanceMeters } }`, { p: point() });
    expect(errors).toBeUndefined();
    const expected = await sql<{ code: string; d: number }>(
      `select code, ST_Distance(location::geography, ST_SetSRID(ST_MakePoint($1, $2), 4326)::geography) as d from village order by d, code limit 7`,
      [centre.lon, centre.lat],
    );
    expect(codes(data.nearestVillages)).toEqual(codes(expected));
    data.nearestVillages.forEach((v: { distanceMeters: number }, i: number) => expect(v.distanceMeters).toBeCloseTo(expected[i]!.d, 3));
  });

  it('nearest k to a village leaves the village out and combines with attribute filters', async () => {
    const { data, errors } = await server.graphql(
      `query ($v: String!) { nearestVillages(to: { villageCode: $v }, k: 3, filter: { year: 2018, strength: [STRONG] }) { code distanceMeters figures(year: 2018) { strength } } }`,
      { v: centre.code },
    );
    expect(errors).toBeUndefined();
    expect(data.nearestVillages).toHaveLength(3);
    expect(codes(data.nearestVillages)).not.toContain(centre.code);
    for (const v of data.nearestVillages) expect(v.figures.strength).toBe('STRONG');
    const ds = data.nearestVillages.map((v: { distanceMeters: number }) => v.distanceMeters);
    expect([...ds].sort((a, b) => a - b)).toEqual(ds);
  });

  it('intersecting a line equals ST_Intersects on village polygons … and on points buffered by SQL', async () => {
    const [{ geojson }] = (await sql<{ geojson: string }>(`select ST_AsGeoJSON(ST_Buffer(location::geography, 8000)::geometry, 6) as geojson from village where code = $1`, [centre.code])) as [{ geojson: string }];
    const { data, errors } = await server.graphql(`query ($g: GeoJSON!) { villages(filter: { spatial: { intersects: $g } }) { items { code } } }`, { g: JSON.parse(geojson) });
    expect(errors).toBeUndefined();
    const expected = await sql<{ code: string }>(`select code from village where ST_Intersects(location, ST_SetSRID(ST_GeomFromGeoJSON($1), 4326)) order by code`, [geojson]);
    expect(codes(data.villages.items)).toEqual(codes(expected));
    expect(expected.map((e) => e.code)).toContain(centre.code);
  });
});

describe('villages: attribute filters and order', () => {
  it('filters weak villages of a county in a year as the rule in SQL says', async () => {
    const { data, errors } = await server.graphql(`query ($c: String!) { villages(filter: { countyCode: $c, year: 2017, strength: [WEAK] }, limit: 500) { totalCount items { code figures(year: 2017) { strength } } } }`, { c: county.code });
    expect(errors).toBeUndefined();
    const expected = await sql<{ code: string }>(
      `select v.code from village v join township t on t.code = v.township_code join village_year vy on vy.village_code = v.code and vy.year = 2017
        where t.county_code = $1 and ${strengthCase()} = 'WEAK'
        order by v.code`,
      [county.code],
    );
    expect(codes(data.villages.items)).toEqual(codes(expected));
    for (const v of data.villages.items) expect(v.figures.strength).toBe('WEAK');
  });

  it('combines status, soft/lax, 一肩挑, alliance membership and active pairings', async () => {
    const q = `query ($f: VillageFilter!) { villages(filter: $f, limit: 500) { totalCount } }`;
    const count = async (f: object) => (await server.graphql(q, { f })).data.villages.totalCount as number;
    const n = async (text: string) => Number((await sql<{ n: string }>(text))[0]!.n);
    expect(await count({ year: 2018, status: ['POOR'] })).toBe(await n(`select count(*) as n from village where is_poor_village and (exited_year is null or exited_year > 2018)`));
    expect(await count({ year: 2018, status: ['EXITED', 'NEVER_POOR'] })).toBe(await n(`select count(*) as n from village where not is_poor_village or exited_year <= 2018`));
    expect(await count({ year: 2016, softLax: true })).toBe(await n(`select count(*) as n from village_year where year = 2016 and soft_lax`));
    expect(await count({ year: 2022, secretaryIsDirector: true })).toBe(await n(`select count(*) as n from village_year where year = 2022 and secretary_is_director`));
    expect(await count({ year: 2020, branchRating: ['ADVANCED'] })).toBe(await n(`select count(*) as n from village_year where year = 2020 and branch_rating = 'ADVANCED'`));
    expect(await count({ inAlliance: true })).toBe(await n(`select count(*) as n from village where alliance_id is not null`));
    expect(await count({ year: 2021, hasActivePairing: true })).toBe(
      await n(`select count(distinct helped_village_code) as n from pairing where start_year <= 2021 and (end_year is null or end_year >= 2021)`),
    );
  });

  it('finds weak villages more than 20 km from any strong village, as ST_DWithin says, and refuses a radius out of range', async () => {
    const q = `query ($f: VillageFilter!) { villages(filter: $f, limit: 500) { totalCount items { code } } }`;
    const { data, errors } = await server.graphql(q, { f: { year: 2019, strength: ['WEAK'], noStrongVillageWithinMeters: 20000 } });
    expect(errors).toBeUndefined();
    const rule = strengthCase;
    const expected = await sql<{ code: string }>(
      `select v.code from village v join village_year vy on vy.village_code = v.code and vy.year = 2019
        where ${rule('v', 'vy')} = 'WEAK' and (select min(ST_Distance(c.location::geography, v.location::geography)) from village c
          join village_year cy on cy.village_code = c.code and cy.year = 2019 where c.code <> v.code and ${rule('c', 'cy')} = 'STRONG') > 20000
        order by v.code`,
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(codes(data.villages.items)).toEqual(codes(expected));
    const bad = await server.graphql(q, { f: { noStrongVillageWithinMeters: -5 } });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(bad.errors?.[0]?.message).toContain('noStrongVillageWithinMeters');
  });

  it('orders by poverty incidence, descending', async () => {
    const { data } = await server.graphql(`{ villages(filter: { year: 2016 }, orderBy: POVERTY_INCIDENCE, direction: DESC, limit: 5) { items { code figures(year: 2016) { povertyIncidence } } } }`);
    const expected = await sql<{ code: string }>(
      `select village_code as code from village_year where year = 2016 order by case when rural_population > 0 then poor_population::float8 * 100 / rural_population end desc nulls last, village_code limit 5`,
    );
    expect(codes(data.villages.items)).toEqual(codes(expected));
  });
});

describe('industry projects and alliances: spatial conditions', () => {
  it('finds projects of a type within a distance of a village', async () => {
    const { data, errors } = await server.graphql(
      `query ($v: String!) { industryProjects(filter: { spatial: { near: { villageCode: $v, radiusMeters: 60000 } } }, orderBy: DISTANCE, distanceFrom: { villageCode: $v }, limit: 500) { totalCount items { id distanceMeters village { code } } } }`,
      { v: centre.code },
    );
    expect(errors).toBeUndefined();
    const expected = await sql<{ id: number; d: number }>(
      `select p.id, ST_Distance(p.location::geography, c.location::geography) as d from industry_project p, village c
        where c.code = $1 and ST_DWithin(p.location::geography, c.location::geography, 60000) order by d, p.id`,
      [centre.code],
    );
    expect(data.industryProjects.items.map((p: { id: number }) => p.id)).toEqual(expected.map((e) => e.id));
  });

  it('nearest projects to a point', async () => {
    const { data, errors } = await server.graphql(`query ($p: GeoJSON!) { nearestIndustryProjects(to: { point: $p }, k: 4) { id distanceMeters } }`, { p: point() });
    expect(errors).toBeUndefined();
    const expected = await sql<{ id: number }>(`select id from industry_project order by ST_Distance(location::geography, ST_SetSRID(ST_MakePoint($1, $2), 4326)::geography), id limit 4`, [centre.lon, centre.lat]);
    expect(data.nearestIndustryProjects.map((p: { id: number }) => p.id)).toEqual(expected.map((e) => e.id));
  });

  it('alliances whose footprint intersects a box, with footprint polygons containing every member', async () => {
    const { data, errors } = await server.graphql(`{ alliances(limit: 100) { totalCount items { id footprint members { code location } centre { code } } } }`);
    expect(errors).toBeUndefined();
    const [{ n }] = (await sql<{ n: string }>(`select count(*) as n from alliance`)) as [{ n: string }];
    expect(data.alliances.totalCount).toBe(Number(n));
    for (const a of data.alliances.items) {
      expect(a.footprint.type).toBe('Polygon');
      expect(codes(a.members)).toContain(a.centre.code);
      const [{ ok }] = (await sql<{ ok: boolean }>(
        `select bool_and(ST_Covers(ST_SetSRID(ST_GeomFromGeoJSON($1), 4326), location)) as ok from village where alliance_id = $2`,
        [JSON.stringify(a.footprint), a.id],
      )) as [{ ok: boolean }];
      expect(ok).toBe(true);
    }
    const first = data.alliances.items[0];
    const loc = first.members[0].location.coordinates;
    const box = { west: loc[0] - 0.01, south: loc[1] - 0.01, east: loc[0] + 0.01, north: loc[1] + 0.01 };
    const inBox = await server.graphql(`query ($b: BBoxInput!) { alliances(filter: { spatial: { bbox: $b } }) { items { id } } }`, { b: box });
    expect(inBox.data.alliances.items.map((a: { id: number }) => a.id)).toContain(first.id);
  });
});

describe('spatial: unhappy paths', () => {
  it('rejects a self-intersecting polygon with BAD_USER_INPUT naming the argument', async () => {
    const bowtie = { type: 'Polygon', coordinates: [[[116, 43], [117, 44], [117, 43], [116, 44], [116, 43]]] };
    const { errors } = await server.graphql(`query ($g: GeoJSON!) { villages(filter: { spatial: { inside: { polygon: $g } } }) { totalCount } }`, { g: bowtie });
    expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(errors?.[0]?.message).toContain('filter.spatial.inside.polygon');
    expect(errors?.[0]?.message).toMatch(/not a valid geometry \(Self-intersection/);
  });

  it('rejects an unclosed ring, coordinates out of range and the wrong geometry type', async () => {
    const q = `query ($g: GeoJSON!) { villages(filter: { spatial: { inside: { polygon: $g } } }) { totalCount } }`;
    const open = await server.graphql(q, { g: { type: 'Polygon', coordinates: [[[116, 43], [117, 43], [117, 44], [116, 44]]] } });
    expect(open.errors?.[0]?.message).toMatch(/filter\.spatial\.inside\.polygon.*coordinates\[0\] is not closed/);
    const range = await server.graphql(q, { g: { type: 'Polygon', coordinates: [[[216, 43], [217, 43], [217, 44], [216, 43]]] } });
    expect(range.errors?.[0]?.message).toMatch(/longitude 216 is outside -180…180/);
    const wrongType = await server.graphql(q, { g: { type: 'Point', coordinates: [116, 43] } });
    expect(wrongType.errors?.[0]?.message).toMatch(/"type" must be one of Polygon, MultiPolygon/);
    for (const r of [open, range, wrongType]) expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('rejects a negative radius, an inverted box, and two references at once', async () => {
    const negative = await server.graphql(`query ($v: String!) { villages(filter: { spatial: { near: { villageCode: $v, radiusMeters: -5 } } }) { totalCount } }`, { v: centre.code });
    expect(negative.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(negative.errors?.[0]?.message).toContain('radiusMeters');
    const inverted = await server.graphql(`{ villages(filter: { spatial: { bbox: { west: 118, south: 43, east: 117, north: 44 } } }) { totalCount } }`);
    expect(inverted.errors?.[0]?.message).toMatch(/west must be less than east/);
    const both = await server.graphql(`query ($v: String!, $p: GeoJSON!) { nearestVillages(to: { villageCode: $v, point: $p }) { code } }`, { v: centre.code, p: point() });
    expect(both.errors?.[0]?.message).toMatch(/exactly one of point or villageCode/);
  });

  it('answers NOT_FOUND for unknown codes in spatial arguments', async () => {
    const a = await server.graphql(`{ villages(filter: { spatial: { inside: { countyCode: "159999000000" } } }) { totalCount } }`);
    expect(a.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const b = await server.graphql(`{ nearestVillages(to: { villageCode: "159999999999" }) { code } }`);
    expect(b.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(b.errors?.[0]?.message).toContain('159999999999');
  });

  it('needs a reference to order by distance', async () => {
    const { errors } = await server.graphql(`{ villages(orderBy: DISTANCE) { totalCount } }`);
    expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(errors?.[0]?.message).toContain('distanceFrom');
  });
});
