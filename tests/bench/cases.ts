/**
 * The benchmark's cases: each is a request to the hub and the same work as
 * one raw SQL statement through `pg` (the peer the hub is compared with).
 */
import type { Probe } from './probe.js';

export interface Case {
  name: string;
  connections: number;
  /** GraphQL query text, or a GET path (tiles) */
  graphql?: string;
  path?: string;
  /** the raw peer's statement; null when there is none on this database (ST_AsMVT on PGlite) */
  sql: { text: string; values: unknown[]; binary?: boolean } | null;
  /** which server answers: the one with its tile cache on, or off (to time tile making itself) */
  cache: 'on' | 'off';
}

export function graphqlCases(p: Probe): Case[] {
  const [w, s, e, n] = p.bbox;
  const [lon, lat] = p.point;
  const bbox = (connections: number): Case => ({
    name: `villages in a bbox (${p.villagesInBbox}, GeoJSON), ${connections} conn`,
    connections,
    graphql: `{ villages(filter: { spatial: { bbox: { west: ${w}, south: ${s}, east: ${e}, north: ${n} } } }, limit: 500) { totalCount items { code name location } } }`,
    sql: {
      text: `select code, name, ST_AsGeoJSON(location)::json as location, count(*) over () as total from village where location && ST_MakeEnvelope($1, $2, $3, $4, 4326) order by code limit 500`,
      values: p.bbox,
    },
    cache: 'on',
  });
  return [
    bbox(1),
    bbox(8),
    {
      name: 'nearest 5 villages to a point',
      connections: 8,
      graphql: `{ nearestVillages(to: { point: { type: "Point", coordinates: [${lon}, ${lat}] } }, k: 5) { code distanceMeters } }`,
      sql: {
        text: `select code, ST_Distance(location::geography, ST_SetSRID(ST_MakePoint($1, $2), 4326)::geography) as d from village order by location::geography <-> ST_SetSRID(ST_MakePoint($1, $2), 4326)::geography limit 5`,
        values: p.point,
      },
      cache: 'on',
    },
    {
      name: 'villages within 20 km',
      connections: 8,
      graphql: `{ villages(filter: { spatial: { near: { point: { type: "Point", coordinates: [${lon}, ${lat}] }, radiusMeters: 20000 } } }, limit: 500) { totalCount items { code } } }`,
      sql: {
        text: `select code, count(*) over () as total from village where ST_DWithin(location::geography, ST_SetSRID(ST_MakePoint($1, $2), 4326)::geography, 20000) order by code limit 500`,
        values: p.point,
      },
      cache: 'on',
    },
    {
      name: `county choropleth for a year (${p.counties} counties)`,
      connections: 8,
      graphql: `{ choropleth(year: ${p.year}, level: COUNTY, metric: POVERTY_INCIDENCE, method: QUANTILE, classes: 5) { breaks areas { code value classIndex } } }`,
      sql: {
        text: `select t.county_code as code, sum(vy.poor_population)::float8 * 100 / nullif(sum(vy.rural_population), 0) as value
                 from village_year vy join village v on v.code = vy.village_code join township t on t.code = v.township_code
                where vy.year = $1 group by t.county_code order by 1`,
        values: [p.year],
      },
      cache: 'on',
    },
  ];
}
