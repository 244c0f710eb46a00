/**
 * The benchmark's cases: each is a request to the hub and the same work as
 * one raw SQL statement through `pg` (the peer the hub is compared with).
 */
import { DEFAULT_THRESHOLDS } from '../../server/src/domain/rules.js';
import { tileSql } from '../../server/src/tiles/index.js';
import type { Probe } from './probe.js';

export interface Case {
  name: string;
  connections: number;
  /** GraphQL query text, or a GET path (tiles) */
  graphql?: string;
  path?: string;
  /** request headers: the prefecture the hub reads (X-Lingyan-Prefecture) */
  headers?: Record<string, string>;
  /** the raw peer's statement; null when there is none on this database (ST_AsMVT on PGlite) */
  sql: { text: string; values: unknown[]; binary?: boolean } | null;
  /** the hub's caches (GraphQL answers, tiles): off to time the work itself, on to time a repeated request */
  cache: 'on' | 'off';
}

/**
 * The four questions every peer answers alike: the hub's GraphQL and the one
 * statement doing the same work, within the prefecture the request names (the
 * hub reads one per request: its code range, as server/src/spatial/scope-sql.ts
 * writes it, is the statement's last two values).
 */
export interface Question {
  key: 'box' | 'nearest' | 'within' | 'choropleth';
  name: string;
  graphql: string;
  headers: Record<string, string>;
  sql: { text: string; values: unknown[] };
}

/** The header naming the prefecture a request reads (docs/api.md). */
export const prefectureHeader = (p: Probe) => ({ 'x-lingyan-prefecture': p.prefecture });

export function questions(p: Probe): Question[] {
  const [w, s, e, n] = p.bbox;
  const [lon, lat] = p.point;
  const { low, high } = p.scope;
  const headers = prefectureHeader(p);
  return [
    {
      key: 'box',
      headers,
      name: `villages in a bbox (${p.villagesInBbox}, GeoJSON)`,
      graphql: `{ villages(filter: { spatial: { bbox: { west: ${w}, south: ${s}, east: ${e}, north: ${n} } } }, limit: 500) { totalCount items { code name location } } }`,
      sql: {
        text: `select code, name, ST_AsGeoJSON(location)::json as location, count(*) over () as total from village where location && ST_MakeEnvelope($1, $2, $3, $4, 4326) and code between $5 and $6 order by code limit 500`,
        values: [...p.bbox, low, high],
      },
    },
    {
      key: 'nearest',
      headers,
      name: 'nearest 5 villages to a point',
      graphql: `{ nearestVillages(to: { point: { type: "Point", coordinates: [${lon}, ${lat}] } }, k: 5) { code distanceMeters } }`,
      sql: {
        text: `select code, ST_Distance(location::geography, ST_SetSRID(ST_MakePoint($1, $2), 4326)::geography) as d from village where code between $3 and $4 order by location::geography <-> ST_SetSRID(ST_MakePoint($1, $2), 4326)::geography limit 5`,
        values: [...p.point, low, high],
      },
    },
    {
      key: 'within',
      headers,
      name: 'villages within 20 km',
      graphql: `{ villages(filter: { spatial: { near: { point: { type: "Point", coordinates: [${lon}, ${lat}] }, radiusMeters: 20000 } } }, limit: 500) { totalCount items { code } } }`,
      sql: {
        text: `select code, count(*) over () as total from village where ST_DWithin(location::geography, ST_SetSRID(ST_MakePoint($1, $2), 4326)::geography, 20000) and code between $3 and $4 order by code limit 500`,
        values: [...p.point, low, high],
      },
    },
    {
      key: 'choropleth',
      headers,
      name: `county choropleth for a year (${p.countiesInScope} counties)`,
      graphql: `{ choropleth(year: ${p.year}, level: COUNTY, metric: POVERTY_INCIDENCE, method: QUANTILE, classes: 5) { breaks areas { code value classIndex } } }`,
      // The hub reads the stored area figures (area_year_figures), so the raw peer does too.
      sql: {
        text: `select c.code, f.poor_population::float8 * 100 / nullif(f.rural_population, 0) as value
               from county c left join area_year_figures f on f.level = 'county' and f.year = $1 and f.code = c.code where c.code between $2 and $3 order by 1`,
        values: [p.year, low, high],
      },
    },
  ];
}

export function graphqlCases(p: Probe): Case[] {
  const q = Object.fromEntries(questions(p).map((x) => [x.key, x])) as Record<Question['key'], Question>;
  const at = (x: Question, connections: number, named = `${x.name}, ${connections} conn`): Case => ({ name: named, connections, graphql: x.graphql, headers: x.headers, sql: x.sql, cache: 'off' });
  return [at(q.box, 1), at(q.box, 8), at(q.nearest, 8, q.nearest.name), at(q.within, 8, q.within.name), at(q.choropleth, 1), at(q.choropleth, 8)];
}

/** The tile cases: uncached tiles against their own ST_AsMVT statement; the raw peer is absent where PostGIS has no protobuf. */
export function tileCases(p: Probe, mvt: boolean): Case[] {
  const tile = (layer: 'villages' | 'counties', t: { z: number; x: number; y: number }, cache: Case['cache'], connections: number): Case => ({
    name: `${layer} tile z=${t.z} ${t.x}/${t.y}${cache === 'on' ? ', cached' : ''}`,
    connections,
    path: `/tiles/${layer}/${t.z}/${t.x}/${t.y}.mvt?year=${p.year}&prefecture=${p.prefecture}`,
    sql: mvt ? { ...tileSql(layer, t.z, t.x, t.y, p.year, DEFAULT_THRESHOLDS, { prefecture: p.prefecture, counties: null }), binary: true } : null,
    cache,
  });
  return [tile('villages', p.villageTile, 'off', 1), tile('villages', p.villageTile, 'off', 8), tile('counties', p.countyTile, 'off', 8), tile('villages', p.villageTile, 'on', 8)];
}

/** Repeated questions with the answer cache on (what a room of leaders on the same map does). */
export function cachedCases(p: Probe): Case[] {
  return graphqlCases(p)
    .filter((c) => c.connections === 8 && (c.name.startsWith('villages in a bbox') || c.name.startsWith('county choropleth')))
    .map((c) => ({ ...c, name: `${c.name}, answer cached`, cache: 'on' as const }));
}
