/**
 * Vector tiles: each layer holds the features the database and the GraphQL
 * API say lie in the tile, with their attributes; on PostGIS the ST_AsMVT
 * and the geojson-vt engines agree; ETag and 304; a write shows in the next
 * tile (through this hub at once, through another replica by NOTIFY, and
 * after an outage); bad addresses are refused by name; a private hub wants a
 * token; the rate limit and the metrics cover tiles.
 */
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { sql, villageYearInput } from '../support/db.js';
import { hubBehindRelay, type RelayedHub } from '../support/relay.js';
import { startTestServer, token, type TestServer } from '../support/server.js';

const postgis = inject('databaseMode') === 'postgres';
const YEAR = 2019;
const MARGIN = 64 / 4096;

interface Tile {
  z: number;
  x: number;
  y: number;
}

interface Decoded {
  type: number;
  id: number | undefined;
  properties: Record<string, string | number | boolean>;
  points: Array<{ x: number; y: number }>;
}

interface Response {
  status: number;
  headers: Headers;
  features: Decoded[];
  layers: string[];
}

const lonOf = (x: number, z: number) => (x / 2 ** z) * 360 - 180;
const latOf = (y: number, z: number) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * y) / 2 ** z))) * 180) / Math.PI;

function tileAt(lon: number, lat: number, z: number): Tile {
  const n = 2 ** z;
  const rad = (lat * Math.PI) / 180;
  return { z, x: Math.floor(((lon + 180) / 360) * n), y: Math.floor(((1 - Math.asinh(Math.tan(rad)) / Math.PI) / 2) * n) };
}

/** The tile's box in degrees, widened by `margin` tiles on each side. */
function box(t: Tile, margin = 0) {
  return { west: lonOf(t.x - margin, t.z), east: lonOf(t.x + 1 + margin, t.z), north: latOf(t.y - margin, t.z), south: latOf(t.y + 1 + margin, t.z) };
}

function inBox(p: readonly number[], b: ReturnType<typeof box>): boolean {
  return p[0]! >= b.west && p[0]! <= b.east && p[1]! >= b.south && p[1]! <= b.north;
}

const path = (layer: string, t: Tile, year: number | null = YEAR) => `/tiles/${layer}/${t.z}/${t.x}/${t.y}.mvt${year === null ? '' : `?year=${year}`}`;

async function get(server: TestServer, url: string, headers: Record<string, string> = {}): Promise<Response> {
  const res = await fetch(`${server.url}${url}`, { headers });
  const body = new Uint8Array(await res.arrayBuffer());
  const features: Decoded[] = [];
  const layers: string[] = [];
  if (res.status === 200) {
    const tile = new VectorTile(new PbfReader(body));
    for (const [name, layer] of Object.entries(tile.layers)) {
      layers.push(name);
      for (let i = 0; i < layer.length; i++) {
        const f = layer.feature(i);
        features.push({ type: f.type, id: f.id, properties: { ...f.properties }, points: f.loadGeometry().flat() });
      }
    }
  }
  return { status: res.status, headers: res.headers, features, layers };
}

const POINT = 1;
const LINE = 2;
const POLYGON = 3;

/** Which of the GeoJSON geometries meet the tile (inner) and the tile with its buffer (outer), by PostGIS. */
async function meeting(geometries: Array<{ key: string; geometry: unknown }>, t: Tile): Promise<{ inner: Set<string>; outer: Set<string> }> {
  const i = box(t);
  const o = box(t, MARGIN);
  const rows = await sql<{ key: string; inner: boolean; outer: boolean }>(
    `select e->>'key' as key,
            ST_Intersects(ST_SetSRID(ST_GeomFromGeoJSON(e->>'geometry'), 4326), ST_MakeEnvelope($2, $3, $4, $5, 4326)) as inner,
            ST_Intersects(ST_SetSRID(ST_GeomFromGeoJSON(e->>'geometry'), 4326), ST_MakeEnvelope($6, $7, $8, $9, 4326)) as outer
       from jsonb_array_elements($1::jsonb) e`,
    [JSON.stringify(geometries.map((g) => ({ key: g.key, geometry: JSON.stringify(g.geometry) }))), i.west, i.south, i.east, i.north, o.west, o.south, o.east, o.north],
  );
  return { inner: new Set(rows.filter((r) => r.inner).map((r) => r.key)), outer: new Set(rows.filter((r) => r.outer).map((r) => r.key)) };
}

/** inner ⊆ got ⊆ outer: a feature meeting the tile is there, one beyond its buffer is not; one only in the buffer may be dropped when it cuts down to nothing. */
function expectBetween(got: Iterable<string>, { inner, outer }: { inner: Set<string>; outer: Set<string> }): void {
  const set = new Set(got);
  expect([...inner].filter((k) => !set.has(k))).toEqual([]);
  expect([...set].filter((k) => !outer.has(k))).toEqual([]);
}

async function allPages<T>(server: TestServer, query: string, field: string, variables: Record<string, unknown> = {}): Promise<T[]> {
  const items: T[] = [];
  for (let offset = 0; ; offset += 500) {
    const r = await server.graphql(query, { ...variables, offset });
    expect(r.errors).toBeUndefined();
    items.push(...(r.data[field].items as T[]));
    if (!r.data[field].hasNextPage) return items;
  }
}

let server: TestServer;
/** The z=8 tile with the most villages, and coarser and finer tiles over it. */
let dense: Tile;
let region: Tile;
let close: Tile;
let villages: Array<{ code: string; lon: number; lat: number }>;

beforeAll(async () => {
  server = await startTestServer();
  villages = (await sql<{ code: string; lon: number; lat: number }>(`select code, ST_X(location) as lon, ST_Y(location) as lat from village order by code`)).map((v) => ({ ...v, lon: Number(v.lon), lat: Number(v.lat) }));
  const counts = new Map<string, number>();
  for (const v of villages) {
    const t = tileAt(v.lon, v.lat, 8);
    counts.set(`${t.x}/${t.y}`, (counts.get(`${t.x}/${t.y}`) ?? 0) + 1);
  }
  const [best] = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const [x, y] = best![0].split('/').map(Number) as [number, number];
  dense = { z: 8, x, y };
  const centre = { lon: lonOf(x + 0.5, 8), lat: latOf(y + 0.5, 8) };
  region = tileAt(centre.lon, centre.lat, 6);
  const inDense = villages.filter((v) => inBox([v.lon, v.lat], box(dense)));
  close = tileAt(inDense[0]!.lon, inDense[0]!.lat, 11);
}, 120_000);

afterAll(async () => {
  await server?.close();
});

describe('layers', () => {
  it('villages: every village in the tile and its buffer, with the status, strength and population GraphQL gives for the year', async () => {
    const items = await allPages<{ code: string; name: string; nameEn: string; figures: { status: string; strength: string; ruralPopulation: number } | null }>(
      server,
      `query ($offset: Int!) { villages(offset: $offset, limit: 500, orderBy: CODE) { hasNextPage items { code name nameEn figures(year: ${YEAR}) { status strength ruralPopulation } } } }`,
      'villages',
    );
    const byCode = new Map(items.map((v) => [v.code, v]));
    for (const t of [dense, region, close]) {
      const tile = await get(server, path('villages', t));
      expect(tile.status).toBe(200);
      expect(tile.layers).toEqual(['villages']);
      const expected = villages.filter((v) => inBox([v.lon, v.lat], box(t, MARGIN))).map((v) => v.code);
      expect(tile.features.map((f) => f.properties.code).sort()).toEqual(expected);
      // Drawn in tile order: larger villages first, those without figures last, so a small village is never hidden under a larger one.
      const order = (f: Decoded) => [-Number(f.properties.population ?? -1), String(f.properties.code)] as const;
      const drawn = tile.features.map(order);
      expect(drawn).toEqual([...drawn].sort((a, b) => a[0] - b[0] || a[1].localeCompare(b[1])));
      for (const f of tile.features) {
        const v = byCode.get(String(f.properties.code))!;
        expect(f.type).toBe(POINT);
        expect(f.id).toBe(Number(v.code));
        expect(f.properties).toEqual({
          code: v.code,
          name: v.name,
          nameEn: v.nameEn,
          ...(v.figures ? { status: v.figures.status, strength: v.figures.strength, population: v.figures.ruralPopulation } : {}),
        });
      }
    }
  });

  it('villages: the year changes the attributes, and no year means the latest with figures', async () => {
    const [{ latest }] = (await sql<{ latest: number }>(`select max(year) as latest from village_year`)) as [{ latest: number }];
    const implicit = await get(server, path('villages', dense, null));
    const explicit = await get(server, path('villages', dense, latest));
    expect(implicit.headers.get('etag')).toBe(explicit.headers.get('etag'));
    const early = await get(server, path('villages', dense, 2016));
    expect(early.headers.get('etag')).not.toBe(explicit.headers.get('etag'));
    const population = (r: Response) => r.features.map((f) => f.properties.population).join(',');
    expect(population(early)).not.toBe(population(explicit));
  });

  it('counties and townships: the areas meeting the tile, each with a label point carrying the same attributes', async () => {
    for (const [layer, table, t, extra] of [
      ['counties', 'county', region, 'kind'],
      ['counties', 'county', dense, 'kind'],
      ['townships', 'township', dense, 'county_code'],
      ['townships', 'township', close, 'county_code'],
    ] as const) {
      const rows = await sql<{ code: string; name: string; name_en: string; extra: string; geojson: string }>(
        `select code, name, name_en, ${extra} as extra, ST_AsGeoJSON(boundary) as geojson from ${table}`,
      );
      const tile = await get(server, path(layer, t, null));
      expect(tile.layers).toEqual([layer]);
      const polygons = tile.features.filter((f) => f.type === POLYGON);
      expectBetween(polygons.map((f) => String(f.properties.code)), await meeting(rows.map((r) => ({ key: r.code, geometry: JSON.parse(r.geojson) })), t));
      const byCode = new Map(rows.map((r) => [r.code, r]));
      for (const f of tile.features) {
        const r = byCode.get(String(f.properties.code))!;
        const attribute = layer === 'counties' ? { kind: r.extra } : { county: r.extra };
        expect(f.properties).toEqual({ code: r.code, name: r.name, nameEn: r.name_en, ...attribute });
        if (f.type === POLYGON) expect(f.id).toBe(Number(r.code));
        else expect([f.type, f.id]).toEqual([POINT, undefined]);
      }
      const labels = tile.features.filter((f) => f.type === POINT).map((f) => f.properties.code);
      expect(new Set(labels).size).toBe(labels.length);
      expect(labels.every((code) => polygons.some((p) => p.properties.code === code))).toBe(true);
    }
  });

  it('pairings: lines from helper to helped with kind, ends and their names, years, length and whether active in the year; an arrow point at the helped end', async () => {
    type End = { code: string; name: string; nameEn: string | null };
    const items = await allPages<{ id: number; kind: string; startYear: number; endYear: number | null; activeIn: boolean; distanceMeters: number | null; line: { type: 'LineString'; coordinates: number[][] } | null; helperVillage: End | null; helperOrganisation: { id: number; name: string } | null; helpedVillage: End }>(
      server,
      `query ($offset: Int!) { pairings(offset: $offset, limit: 500) { hasNextPage items { id kind startYear endYear activeIn(year: ${YEAR}) distanceMeters line helperVillage { code name nameEn } helperOrganisation { id name } helpedVillage { code name nameEn } } } }`,
      'pairings',
    );
    const drawn = items.filter((p) => p.line);
    const byId = new Map(drawn.map((p) => [p.id, p]));
    const t = tileAt(lonOf(dense.x + 0.5, 8), latOf(dense.y + 0.5, 8), 7);
    const tile = await get(server, path('pairings', t));
    const lines = tile.features.filter((f) => f.type === LINE);
    expect(lines.length).toBeGreaterThan(0);
    expectBetween(lines.map((f) => String(f.id)), await meeting(drawn.map((p) => ({ key: String(p.id), geometry: p.line })), t));
    const arrows = tile.features.filter((f) => f.type === POINT);
    expect(arrows.map((f) => f.properties.id).sort()).toEqual(drawn.filter((p) => inBox(p.line!.coordinates.at(-1)!, box(t, MARGIN))).map((p) => p.id).sort());
    const mercatorY = (lat: number) => Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360));
    for (const f of tile.features) {
      const p = byId.get(Number(f.properties.id))!;
      const { bearing, ...rest } = f.properties;
      expect(rest).toEqual({
        id: p.id,
        kind: p.kind,
        ...(p.helperVillage ? { helper: p.helperVillage.code } : {}),
        ...(p.helperOrganisation ? { helperOrganisation: p.helperOrganisation.id } : {}),
        helped: p.helpedVillage.code,
        helperName: p.helperVillage?.name ?? p.helperOrganisation?.name,
        ...(p.helperVillage?.nameEn ? { helperNameEn: p.helperVillage.nameEn } : {}),
        helpedName: p.helpedVillage.name,
        ...(p.helpedVillage.nameEn ? { helpedNameEn: p.helpedVillage.nameEn } : {}),
        startYear: p.startYear,
        ...(p.endYear !== null ? { endYear: p.endYear } : {}),
        active: p.activeIn,
        distanceMeters: Math.round(p.distanceMeters!),
      });
      if (f.type === POINT) {
        const [from, to] = [p.line!.coordinates[0]!, p.line!.coordinates.at(-1)!];
        const expected = (Math.atan2((to[0]! - from[0]!) * (Math.PI / 180), mercatorY(to[1]!) - mercatorY(from[1]!)) * 180) / Math.PI;
        expect(((((Number(bearing) - expected) % 360) + 540) % 360) - 180).toBeCloseTo(0, 6);
      } else {
        expect(bearing).toBeUndefined();
      }
    }
    expect(new Set(tile.features.map((f) => f.properties.active)).size).toBeGreaterThanOrEqual(1);
  });

  it('alliances: footprint, spokes from the centre to each member and the centre, as the API gives them, active once founded', async () => {
    const items = await allPages<{ id: number; name: string; foundedYear: number; footprint: unknown; centre: { code: string; location: { coordinates: number[] } }; members: Array<{ code: string; location: { coordinates: number[] } }> }>(
      server,
      `query ($offset: Int!) { alliances(offset: $offset, limit: 500, orderBy: ID) { hasNextPage items { id name foundedYear footprint centre { code location } members { code location } } } }`,
      'alliances',
    );
    const byId = new Map(items.map((a) => [a.id, a]));
    const t = tileAt(lonOf(dense.x + 0.5, 8), latOf(dense.y + 0.5, 8), 7);
    const tile = await get(server, path('alliances', t));
    const part = (name: string) => tile.features.filter((f) => f.properties.part === name);
    expect(part('footprint').length).toBeGreaterThan(0);
    expectBetween(part('footprint').map((f) => String(f.id)), await meeting(items.filter((a) => a.footprint).map((a) => ({ key: String(a.id), geometry: a.footprint })), t));
    const spokes = items.flatMap((a) => a.members.filter((m) => m.code !== a.centre.code).map((m) => ({ key: `${a.id}:${m.code}`, geometry: { type: 'LineString', coordinates: [a.centre.location.coordinates, m.location.coordinates] } })));
    expectBetween(part('spoke').map((f) => `${f.properties.id}:${f.properties.member}`), await meeting(spokes, t));
    expect(part('centre').map((f) => String(f.properties.code)).sort()).toEqual(items.filter((a) => inBox(a.centre.location.coordinates, box(t, MARGIN))).map((a) => a.centre.code).sort());
    for (const f of tile.features) {
      const a = byId.get(Number(f.properties.id))!;
      expect([f.properties.name, f.properties.foundedYear, f.properties.active]).toEqual([a.name, a.foundedYear, a.foundedYear <= YEAR]);
      expect(f.type).toBe({ footprint: POLYGON, spoke: LINE, centre: POINT }[String(f.properties.part)]);
    }
  });

  it('projects: each project in the tile with its type, investment, village and whether it runs in the year', async () => {
    const items = await allPages<{ id: number; name: string; type: string; startYear: number; endYear: number | null; investmentTotal: number; location: { coordinates: number[] }; village: { code: string } }>(
      server,
      `query ($offset: Int!) { industryProjects(offset: $offset, limit: 500, orderBy: ID) { hasNextPage items { id name type startYear endYear investmentTotal location village { code } } } }`,
      'industryProjects',
    );
    const byId = new Map(items.map((p) => [p.id, p]));
    const tile = await get(server, path('projects', region));
    expect(tile.features.map((f) => f.id).sort()).toEqual(items.filter((p) => inBox(p.location.coordinates, box(region, MARGIN))).map((p) => p.id).sort());
    for (const f of tile.features) {
      const p = byId.get(f.id!)!;
      expect(f.properties).toEqual({
        id: p.id,
        name: p.name,
        type: p.type,
        investment: p.investmentTotal,
        village: p.village.code,
        startYear: p.startYear,
        ...(p.endYear !== null ? { endYear: p.endYear } : {}),
        active: p.startYear <= YEAR && (p.endYear === null || p.endYear >= YEAR),
      });
    }
  });

  it('answers 204 for a tile with nothing in it, anywhere outside the region', async () => {
    for (const layer of ['counties', 'townships', 'villages', 'alliances', 'pairings', 'projects']) {
      const r = await fetch(`${server.url}/tiles/${layer}/8/0/0.mvt`);
      expect(r.status).toBe(204);
      expect((await r.arrayBuffer()).byteLength).toBe(0);
    }
  });
});

// PGlite's PostGIS has no protobuf: there the js engine is the only one, and asking for sql must fail by name.
// Each mode registers only its own cases (a skipped test fails .ci/run).
if (!postgis) describe('engines (embedded)', () => {
  it('serve from geojson-vt where ST_AsMVT is missing, and refuse TILE_ENGINE=sql with the reason', async () => {
    await expect(startTestServer({ tileEngine: 'sql' })).rejects.toThrow(/TILE_ENGINE=sql needs a PostGIS built with protobuf/);
    const tile = await get(server, path('villages', dense, YEAR));
    expect(tile.status).toBe(200);
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/engine="js"/);
    expect(metrics).not.toMatch(/engine="sql"/);
  });
});

if (postgis) describe('engines', () => {
  let js: TestServer;
  beforeAll(async () => {
    js = await startTestServer({ tileEngine: 'js' });
  }, 120_000);
  afterAll(async () => {
    await js?.close();
  });

  it('give the same features, ids, attributes and points with ST_AsMVT and with geojson-vt', async () => {
    const around = (z: number) => tileAt(lonOf(dense.x + 0.5, 8), latOf(dense.y + 0.5, 8), z);
    const cases: Array<[string, Tile]> = [
      ['counties', around(5)],
      ['counties', dense],
      ['townships', region],
      ['townships', close],
      ['villages', region],
      ['villages', dense],
      ['villages', close],
      ['alliances', around(7)],
      ['alliances', dense],
      ['pairings', around(7)],
      ['projects', region],
    ];
    const describeFeature = (f: Decoded) => JSON.stringify([f.type, f.id ?? null, Object.entries(f.properties).sort(([a], [b]) => a.localeCompare(b))]);
    for (const [layer, t] of cases) {
      const [a, b] = await Promise.all([get(server, path(layer, t)), get(js, path(layer, t))]);
      expect([layer, a.status]).toEqual([layer, 200]);
      expect(b.layers).toEqual(a.layers);
      expect(b.features.map(describeFeature).sort()).toEqual(a.features.map(describeFeature).sort());
      // Points are snapped to the same grid: a unit apart at most where the two round a half differently.
      const points = (r: Response) => new Map(r.features.filter((f) => f.type === POINT && f.id !== undefined).map((f) => [f.id, f.points[0]!]));
      const pb = points(b);
      for (const [id, p] of points(a)) {
        expect(Math.abs(p.x - pb.get(id)!.x)).toBeLessThanOrEqual(1);
        expect(Math.abs(p.y - pb.get(id)!.y)).toBeLessThanOrEqual(1);
      }
    }
    const metrics = async (s: TestServer) => (await fetch(`${s.url}/metrics`)).text();
    expect(await metrics(server)).toContain('engine="sql"');
    expect(await metrics(js)).toContain('engine="js"');
  });
});

describe('HTTP', () => {
  it('sends the tile with its type, a strong ETag and must-revalidate caching; 304 for If-None-Match; HEAD without a body', async () => {
    const first = await fetch(`${server.url}${path('villages', dense)}`);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('application/vnd.mapbox-vector-tile');
    expect(first.headers.get('cache-control')).toBe('public, no-cache');
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await fetch(`${server.url}${path('villages', dense)}`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect((await again.arrayBuffer()).byteLength).toBe(0);
    expect(again.headers.get('etag')).toBe(etag);
    const head = await fetch(`${server.url}${path('villages', dense)}`, { method: 'HEAD' });
    expect([head.status, head.headers.get('etag')]).toEqual([200, etag]);
    const other = await fetch(`${server.url}${path('villages', dense)}`, { headers: { 'if-none-match': '"something-else"' } });
    expect(other.status).toBe(200);
  });

  it('refuses a bad address with 400 naming the part at fault', async () => {
    const cases: Array<[string, string, RegExp]> = [
      ['/tiles/roads/8/1/1.mvt', 'layer', /one of counties, townships, villages, alliances, pairings, projects/],
      ['/tiles/villages/23/0/0.mvt', 'z', /z .* from 0 to 22/],
      ['/tiles/villages/x/0/0.mvt', 'z', /whole number/],
      ['/tiles/villages/2/4/0.mvt', 'x', /x .* from 0 to 3 at z = 2/],
      ['/tiles/villages/2/0/9.mvt', 'y', /y .* from 0 to 3 at z = 2/],
      ['/tiles/villages/2/0/1.5.mvt', 'y', /whole number/],
      ['/tiles/villages/2/0/0.png', 'path', /ends in \.mvt/],
      ['/tiles/villages/2/0.mvt', 'path', /\/tiles\/\{layer\}\/\{z\}\/\{x\}\/\{y\}\.mvt/],
      ['/tiles/villages/2/0/0.mvt?year=19', 'year', /year .* from 2000 to 2100/],
      ['/tiles/villages/2/0/0.mvt?year=2019&year=2020', 'year', /year/],
    ];
    for (const [url, part, message] of cases) {
      const res = await fetch(`${server.url}${url}`);
      const body = (await res.json()) as { errors: Array<{ message: string; extensions: { code: string; argument: string } }> };
      expect([url, res.status, body.errors[0]!.extensions]).toEqual([url, 400, { code: 'BAD_USER_INPUT', argument: part }]);
      expect(body.errors[0]!.message).toMatch(message);
    }
  });

  it('counts cache hits and misses in /metrics', async () => {
    await get(server, path('projects', dense));
    await get(server, path('projects', dense));
    const text = await (await fetch(`${server.url}/metrics`)).text();
    expect(text).toMatch(/lingyan_tile_cache_lookups_total\{layer="projects",result="miss"\} [1-9]/);
    expect(text).toMatch(/lingyan_tile_cache_lookups_total\{layer="projects",result="hit"\} [1-9]/);
    expect(text).toMatch(/lingyan_changes_listening 1/);
    expect(text).toMatch(/lingyan_http_request_duration_seconds_count\{method="GET",route="\/tiles",status="200"\} [1-9]/);
  });

  it('serves a private hub only to callers with a token', async () => {
    const hub = await startTestServer({ publicRead: false });
    try {
      const anonymous = await fetch(`${hub.url}${path('counties', region, null)}`);
      expect(anonymous.status).toBe(401);
      const body = (await anonymous.json()) as { errors: Array<{ message: string; extensions: { code: string } }> };
      expect(body.errors[0]!.extensions.code).toBe('UNAUTHENTICATED');
      expect(body.errors[0]!.message).toContain('needs a token');
      const viewer = await fetch(`${hub.url}${path('counties', region, null)}`, { headers: { authorization: `Bearer ${await token('viewer')}` } });
      expect(viewer.status).toBe(200);
      expect(viewer.headers.get('cache-control')).toBe('private, no-cache');
    } finally {
      await hub.close();
    }
  });

  it('limits tiles per client, on a counter of their own', async () => {
    const hub = await startTestServer({ rateLimitPerMinute: 1 });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 11; i++) statuses.push((await fetch(`${hub.url}${path('counties', { z: 8, x: i, y: 0 }, null)}`)).status);
      expect(statuses).toEqual([...Array(10).fill(204), 429]);
      expect((await hub.graphql(`{ prefecture { code } }`)).errors).toBeUndefined();
    } finally {
      await hub.close();
    }
  });
});

/** A village in `t` with figures in the year, and its figures as upsertVillageYear takes them. */
async function figuresIn(t: Tile) {
  const codes = villages.filter((v) => inBox([v.lon, v.lat], box(t))).map((v) => v.code);
  const [r] = await sql<{ code: string }>(`select village_code as code from village_year where year = $1 and village_code = any($2) order by village_code limit 1`, [YEAR, codes]);
  return villageYearInput(r!.code, YEAR);
}

const UPSERT = `mutation ($i: VillageYearInput!) { upsertVillageYear(input: $i) { version ruralPopulation } }`;
const populationIn = (r: Response, code: string) => r.features.find((f) => f.properties.code === code)?.properties.population;

describe('invalidation', () => {
  it('shows a planner\'s change in the next tile at once (new ETag, new attribute), and the old tile again once undone', async () => {
    const figures = await figuresIn(dense);
    const planner = await token('planner', [`${figures.villageCode.slice(0, 6)}000000`], 1, 'planner-tiles');
    const before = await get(server, path('villages', dense));
    expect(populationIn(before, figures.villageCode)).toBe(figures.ruralPopulation);
    const etag = before.headers.get('etag')!;
    expect((await get(server, path('villages', dense), { 'if-none-match': etag })).status).toBe(304);

    const written = await server.graphql(UPSERT, { i: { ...figures, ruralPopulation: figures.ruralPopulation + 7 } }, planner);
    expect(written.errors).toBeUndefined();
    const after = await get(server, path('villages', dense), { 'if-none-match': etag });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
    expect(populationIn(after, figures.villageCode)).toBe(figures.ruralPopulation + 7);

    const undone = await server.graphql(UPSERT, { i: { ...figures, version: figures.version + 1 } }, planner);
    expect(undone.errors).toBeUndefined();
    const back = await get(server, path('villages', dense));
    expect(back.headers.get('etag')).toBe(etag);
  });

  // A PostGIS-only case, registered only there: PGlite runs every socket on one session, so another process's
  // NOTIFY never reaches a listener (changes.ts); embedded serving is one process by design.
  if (postgis) it('shows a write through another replica, announced by NOTIFY', async () => {
    const other = await startTestServer();
    try {
      const figures = await figuresIn(dense);
      const planner = await token('planner', [`${figures.villageCode.slice(0, 6)}000000`], 1, 'planner-tiles-replica');
      await get(server, path('villages', dense));
      expect(populationIn(await get(server, path('villages', dense)), figures.villageCode)).toBe(figures.ruralPopulation);
      const written = await other.graphql(UPSERT, { i: { ...figures, ruralPopulation: figures.ruralPopulation + 11 } }, planner);
      expect(written.errors).toBeUndefined();
      // Delivered asynchronously to this replica: wait for it, however long it takes (within reason).
      await expect.poll(async () => populationIn(await get(server, path('villages', dense)), figures.villageCode), { timeout: 15_000, interval: 50 }).toBe(figures.ruralPopulation + 11);
      const undone = await other.graphql(UPSERT, { i: { ...figures, version: figures.version + 1 } }, planner);
      expect(undone.errors).toBeUndefined();
      await expect.poll(async () => populationIn(await get(server, path('villages', dense)), figures.villageCode), { timeout: 15_000, interval: 50 }).toBe(figures.ruralPopulation);
    } finally {
      await other.close();
    }
  });

  describe('while the database is away', () => {
    let away: RelayedHub;
    beforeAll(async () => {
      away = await hubBehindRelay();
    }, 120_000);
    afterAll(() => away?.close());

    it('answers 503 quickly instead of a cached tile it can no longer trust, and after it returns shows what changed meanwhile', async () => {
      const { relay, hub } = away;
      const figures = await figuresIn(close);
      const tile = path('villages', close);
      expect(populationIn(await get(hub, tile), figures.villageCode)).toBe(figures.ruralPopulation);
      expect((await get(hub, tile)).status).toBe(200);

      await relay.cut();
      await expect.poll(async () => (await get(hub, tile)).status, { timeout: 30_000, interval: 100 }).toBe(503);
      const started = Date.now();
      const refused = await fetch(`${hub.url}${tile}`);
      expect(refused.status).toBe(503);
      expect(Date.now() - started).toBeLessThan(10_000);
      const body = (await refused.json()) as { errors: Array<{ extensions: { code: string } }> };
      expect(body.errors[0]!.extensions.code).toBe('SERVICE_UNAVAILABLE');
      expect(refused.headers.get('retry-after')).toBe('5');

      // A write this hub cannot hear about.
      await sql(`update village_year set rural_population = rural_population + 5 where village_code = $1 and year = $2`, [figures.villageCode, YEAR]);
      try {
        await relay.open();
        await expect.poll(async () => (await get(hub, tile)).status, { timeout: 30_000, interval: 250 }).toBe(200);
        expect(populationIn(await get(hub, tile), figures.villageCode)).toBe(figures.ruralPopulation + 5);
        await expect.poll(async () => (await (await fetch(`${hub.url}/metrics`)).text()).includes('lingyan_changes_listening 1'), { timeout: 30_000, interval: 250 }).toBe(true);
        expect(populationIn(await get(hub, tile), figures.villageCode)).toBe(figures.ruralPopulation + 5);
      } finally {
        await sql(`update village_year set rural_population = $3 where village_code = $1 and year = $2`, [figures.villageCode, YEAR, figures.ruralPopulation]);
      }
    }, 120_000);
  });
});
