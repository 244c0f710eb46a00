/**
 * Where to measure, chosen from the data itself so the same cases fit the
 * demo region and the national dataset: a point at a village in the densest
 * county, a box holding about 200 villages around it, the z=8 tile over it
 * (a dense village tile) and the z=5 tile over it (a county tile).
 */
import pg from 'pg';
import { tileContaining } from '../../server/src/tiles/coordinates.js';

export interface Probe {
  villages: number;
  counties: number;
  year: number;
  point: [number, number];
  /** the prefecture of the densest county: the hub reads one prefecture per request (X-Lingyan-Prefecture) */
  prefecture: string;
  /** its read scope as the hub writes it in SQL: codes from `low` to `high` (server/src/domain/region/read-scope.ts) */
  scope: { low: string; high: string };
  /** west, south, east, north */
  bbox: [number, number, number, number];
  villagesInBbox: number;
  /** counties within the scope (the choropleth's areas) */
  countiesInScope: number;
  villageTile: { z: number; x: number; y: number };
  countyTile: { z: number; x: number; y: number };
}

export async function probe(url: string): Promise<Probe> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const q = async <T>(text: string, values: unknown[] = []) => (await client.query(text, values)).rows[0] as T;
    const { villages, counties, year } = await q<{ villages: number; counties: number; year: number }>(
      `select (select count(*) from village)::int as villages, (select count(*) from county)::int as counties, (select max(year) from village_year)::int as year`,
    );
    // The county with the most villages, its prefecture, and its village nearest to its villages' centroid.
    const centre = await q<{ lon: number; lat: number; prefecture: string }>(
      `with densest as (select t.county_code from village v join township t on t.code = v.township_code group by 1 order by count(*) desc, 1 limit 1),
            c as (select ST_Centroid(ST_Collect(v.location)) as g from village v join township t on t.code = v.township_code where t.county_code = (select county_code from densest))
       select ST_X(v.location) as lon, ST_Y(v.location) as lat, (select prefecture_code from county where code = (select county_code from densest)) as prefecture
         from village v, c order by v.location <-> c.g limit 1`,
    );
    const box = await q<{ w: number; s: number; e: number; n: number }>(
      `select ST_XMin(b) as w, ST_YMin(b) as s, ST_XMax(b) as e, ST_YMax(b) as n
         from (select ST_Extent(location)::geometry as b from (select location from village order by location <-> ST_SetSRID(ST_MakePoint($1, $2), 4326) limit 200) k) e`,
      [centre.lon, centre.lat],
    );
    const low = centre.prefecture.slice(0, 4).padEnd(12, '0');
    const high = centre.prefecture.slice(0, 4).padEnd(12, '9');
    const { n: countiesInScope } = await q<{ n: number }>(`select count(*)::int as n from county where code between $1 and $2`, [low, high]);
    const { n: inBox } = await q<{ n: number }>(`select count(*)::int as n from village where location && ST_MakeEnvelope($1, $2, $3, $4, 4326) and code between $5 and $6`, [box.w, box.s, box.e, box.n, low, high]);
    return {
      villages,
      counties,
      year,
      point: [centre.lon, centre.lat],
      prefecture: centre.prefecture,
      scope: { low, high },
      bbox: [box.w, box.s, box.e, box.n],
      villagesInBbox: inBox,
      countiesInScope,
      villageTile: tileContaining(centre.lon, centre.lat, 8),
      countyTile: tileContaining(centre.lon, centre.lat, 5),
    };
  } finally {
    await client.end();
  }
}
