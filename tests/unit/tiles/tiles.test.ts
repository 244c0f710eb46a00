/** The pure parts of vector tiles: addresses, years, tolerances, validators, the statement's placeholders and the cache's bookkeeping. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS } from '../../../server/src/domain/rules.js';
import { TileCache, tileOf } from '../../../server/src/tiles/cache.js';
import { EXTENT, TileRequestError, metersToDegreesInTile, parseTilePath, parseYear, tileContaining, toleranceMeters } from '../../../server/src/tiles/coordinates.js';
import { LAYER_NAMES, layersReading } from '../../../server/src/tiles/layers.js';
import { etagMatches } from '../../../server/src/http/tile-route.js';
import { tileSql } from '../../../server/src/tiles/sql.js';

function refusal(work: () => unknown): { part: string; message: string } {
  try {
    work();
  } catch (error) {
    if (error instanceof TileRequestError) return { part: error.part, message: error.message };
    throw error;
  }
  throw new Error('not refused');
}

describe('parseTilePath', () => {
  it('reads layer, z, x and y', () => {
    expect(parseTilePath('/villages/8/210/93.mvt', LAYER_NAMES)).toEqual({ layer: 'villages', z: 8, x: 210, y: 93 });
    expect(parseTilePath('/counties/0/0/0.mvt', LAYER_NAMES)).toEqual({ layer: 'counties', z: 0, x: 0, y: 0 });
    expect(parseTilePath('/projects/22/4194303/4194303.mvt', LAYER_NAMES)).toEqual({ layer: 'projects', z: 22, x: 4194303, y: 4194303 });
  });

  it('names the layers when the layer is unknown', () => {
    const r = refusal(() => parseTilePath('/roads/1/0/0.mvt', LAYER_NAMES));
    expect(r.part).toBe('layer');
    expect(r.message).toContain('counties, townships, villages, alliances, pairings, projects');
  });

  it('refuses a zoom outside 0–22 or not a whole number, naming z', () => {
    for (const z of ['23', '-1', '1.5', 'a', '', '999999999']) {
      const r = refusal(() => parseTilePath(`/villages/${z}/0/0.mvt`, LAYER_NAMES));
      expect(r.part).toBe('z');
      expect(r.message).toContain('from 0 to 22');
    }
  });

  it('refuses x and y outside 0..2^z-1, naming which and the range at that zoom', () => {
    expect(refusal(() => parseTilePath('/villages/2/4/0.mvt', LAYER_NAMES))).toEqual({ part: 'x', message: expect.stringContaining('from 0 to 3 at z = 2') });
    expect(refusal(() => parseTilePath('/villages/2/0/4.mvt', LAYER_NAMES))).toEqual({ part: 'y', message: expect.stringContaining('from 0 to 3 at z = 2') });
    expect(refusal(() => parseTilePath('/villages/2/0/-1.mvt', LAYER_NAMES)).part).toBe('y');
    expect(refusal(() => parseTilePath('/villages/2/1e0/0.mvt', LAYER_NAMES)).part).toBe('x');
  });

  it('refuses another form of address', () => {
    expect(refusal(() => parseTilePath('/villages/2/0/0.png', LAYER_NAMES)).part).toBe('path');
    expect(refusal(() => parseTilePath('/villages/2/0.mvt', LAYER_NAMES)).part).toBe('path');
    expect(refusal(() => parseTilePath('/villages/2/0/0/0.mvt', LAYER_NAMES)).part).toBe('path');
  });
});

describe('parseYear', () => {
  it('takes a year from 2000 to 2100, or none', () => {
    expect(parseYear(undefined)).toBeNull();
    expect(parseYear('2019')).toBe(2019);
    expect(parseYear('2000')).toBe(2000);
    expect(parseYear('2100')).toBe(2100);
  });

  it('refuses anything else, naming year', () => {
    for (const bad of ['19', '1999', '2101', '2019.5', 'abc', '', ['2019', '2020'], { a: 1 }]) {
      expect(refusal(() => parseYear(bad)).part).toBe('year');
    }
  });
});

describe('tolerance and margins', () => {
  it('simplifies by 3 tile units: 3/4096 of the tile width in metres, halving with each zoom', () => {
    const world = 2 * 20037508.342789244;
    expect(toleranceMeters(0)).toBeCloseTo((3 * world) / EXTENT, 6);
    expect(toleranceMeters(8)).toBeCloseTo(114.6555, 3);
    for (let z = 1; z <= 22; z++) expect(toleranceMeters(z)).toBeCloseTo(toleranceMeters(z - 1) / 2, 9);
  });

  it('widens metres to degrees of longitude by the latitude farthest from the equator in the tile', () => {
    // Tile 8/210/94 spans 42.03°–43.07° N: 2 km is 2000 / (111320 · cos 43.07°) degrees.
    expect(metersToDegreesInTile(2000, 8, 94)).toBeCloseTo(2000 / (111_320 * Math.cos((43.0689 * Math.PI) / 180)), 6);
    // Just south of the equator a degree is 111,320 m.
    expect(metersToDegreesInTile(111_320, 20, 524288)).toBeCloseTo(1, 6);
  });
});

describe('tileContaining', () => {
  it('finds the XYZ tile of a point, and keeps points beyond the mercator limit in the edge rows', () => {
    expect(tileContaining(0, 0, 0)).toEqual({ z: 0, x: 0, y: 0 });
    // Beijing at z6: the tile web maps use (x 52, y 24).
    expect(tileContaining(116.39, 39.91, 6)).toEqual({ z: 6, x: 52, y: 24 });
    expect(tileContaining(180, -90, 3)).toEqual({ z: 3, x: 7, y: 7 });
    expect(tileContaining(-180, 90, 3)).toEqual({ z: 3, x: 0, y: 0 });
  });
});

describe('etagMatches', () => {
  it('compares If-None-Match weakly, in a list, and with *', () => {
    expect(etagMatches('"abc"', '"abc"')).toBe(true);
    expect(etagMatches('W/"abc"', '"abc"')).toBe(true);
    expect(etagMatches('"x", "abc"', '"abc"')).toBe(true);
    expect(etagMatches('*', '"abc"')).toBe(true);
    expect(etagMatches('"abd"', '"abc"')).toBe(false);
    expect(etagMatches(undefined, '"abc"')).toBe(false);
  });
});

describe('tileSql', () => {
  it('numbers its placeholders for plain pg, one per value', () => {
    for (const layer of LAYER_NAMES) {
      const q = tileSql(layer, 8, 210, 93, 2019, DEFAULT_THRESHOLDS);
      const placeholders = q.text.match(/\$\d+/g) ?? [];
      expect(q.text).not.toContain('?');
      expect(placeholders.length).toBe(q.values.length);
      expect(q.text).toContain('ST_AsMVT(');
      expect(q.text).toContain(`'${layer}'`);
    }
  });
});

describe('layersReading', () => {
  it('maps a table to the layers whose tiles it feeds', () => {
    expect(layersReading('village_year')).toEqual(['villages']);
    expect(layersReading('village')).toEqual(['villages', 'alliances', 'pairings']);
    expect(layersReading('prefecture')).toEqual(['villages']);
    expect(layersReading('county')).toEqual(['counties']);
    expect(layersReading('audit_entry')).toEqual([]);
  });
});

describe('TileCache', () => {
  const body = (n: number) => Buffer.alloc(n, 1);

  it('keeps tiles until their layer is flushed, and only while live', () => {
    let live = true;
    const cache = new TileCache(1024 * 1024, () => live);
    cache.set('villages', 'villages/8/1/1/2019', cache.generation('villages'), tileOf(body(10)));
    cache.set('counties', 'counties/8/1/1', cache.generation('counties'), tileOf(body(10)));
    expect(cache.get('villages/8/1/1/2019')?.body.length).toBe(10);
    live = false;
    expect(cache.get('villages/8/1/1/2019')).toBeUndefined();
    live = true;
    cache.flush(['villages']);
    expect(cache.get('villages/8/1/1/2019')).toBeUndefined();
    expect(cache.get('counties/8/1/1')).toBeDefined();
  });

  it('does not store a tile rendered before a flush of its layer', () => {
    const cache = new TileCache(1024 * 1024, () => true);
    const before = cache.generation('pairings');
    cache.flush(['pairings']);
    cache.set('pairings', 'pairings/8/1/1/2019', before, tileOf(body(10)));
    expect(cache.get('pairings/8/1/1/2019')).toBeUndefined();
  });

  it('stays within its bytes, dropping the least recently used', () => {
    const cache = new TileCache(10_000, () => true);
    for (let i = 0; i < 10; i++) cache.set('villages', `villages/8/${i}/0/2019`, 0, tileOf(body(2000)));
    expect(cache.bytes).toBeLessThanOrEqual(10_000);
    expect(cache.get('villages/8/9/0/2019')).toBeDefined();
    expect(cache.get('villages/8/0/0/2019')).toBeUndefined();
  });

  it('gives equal bodies equal strong ETags and an empty tile none', () => {
    expect(tileOf(body(5)).etag).toBe(tileOf(body(5)).etag);
    expect(tileOf(body(5)).etag).toMatch(/^"[\w-]+"$/);
    expect(tileOf(body(6)).etag).not.toBe(tileOf(body(5)).etag);
    expect(tileOf(Buffer.alloc(0)).etag).toBeNull();
  });
});
