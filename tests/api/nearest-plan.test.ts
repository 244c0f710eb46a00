/**
 * The k villages nearest a point within the read scope walk one index in
 * distance order with the scope's code range checked inside it
 * (Migration20261206000012_village_nearest_in_scope). Without it PostgreSQL
 * read and sorted the whole scope on the national dataset; here the hub's own
 * statement is explained on the run's database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeRanges } from '../../server/src/domain/region/read-scope.js';
import pg from 'pg';
import { databaseUrl, sql } from '../support/db.js';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
let statements: string[] = [];

beforeAll(async () => {
  server = await startTestServer({}, { onQuery: (s) => statements.push(s) });
});
afterAll(async () => {
  await server?.close();
});

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Index Cond'?: string;
  'Order By'?: string;
  Plans?: PlanNode[];
}

const nodes = (n: PlanNode): PlanNode[] => [n, ...(n.Plans ?? []).flatMap(nodes)];

/**
 * The statement the hub ran for the k nearest to `point`, and its plan. The
 * hook sees the text with placeholders; their values, in order: the point
 * (twice), the scope's code range, and integers (the candidates' limit, k,
 * the offset).
 */
async function nearestPlan(point: { type: 'Point'; coordinates: [number, number] }, k: number): Promise<PlanNode[]> {
  statements = [];
  const { errors } = await server.graphql(`query ($p: GeoJSON!, $k: Int!) { nearestVillages(to: { point: $p }, k: $k) { code } }`, { p: point, k });
  expect(errors).toBeUndefined();
  const knn = statements.filter((s) => s.includes('<->'));
  expect(knn).toHaveLength(1);
  const text = knn[0]!.replace(/ \[took .*\]$/, '');
  const [{ prefecture }] = (await sql<{ prefecture: string }>(`select min(prefecture_code) as prefecture from county`)) as [{ prefecture: string }];
  const [range] = codeRanges({ prefecture, counties: null });
  const geojson = JSON.stringify(point);
  const values = [geojson, range!.low, range!.high, geojson];
  const client = new pg.Client({ connectionString: databaseUrl() });
  await client.connect();
  try {
    await client.query(`prepare nearest as ${text}`);
    const { rows } = await client.query<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>(`explain (format json) execute nearest(${values.map((v) => client.escapeLiteral(v)).join(', ')}, ${k * 4}, ${k}, 0)`);
    return nodes(rows[0]!['QUERY PLAN'][0]!.Plan);
  } finally {
    await client.end();
  }
}

describe('nearest villages within the read scope', () => {
  it('walk the geography-and-code index in distance order, the scope an index condition', async () => {
    const [v] = await sql<{ x: number; y: number }>(`select ST_X(location) as x, ST_Y(location) as y from village order by code limit 1 offset 10`);
    const plan = await nearestPlan({ type: 'Point', coordinates: [v!.x, v!.y] }, 5);
    const scan = plan.find((n) => n['Index Name'] === 'village_location_geog_code_gist');
    expect(scan, JSON.stringify(plan.map((n) => [n['Node Type'], n['Index Name']]))).toBeDefined();
    expect(scan!['Order By']).toMatch(/<->/);
    expect(scan!['Index Cond']).toMatch(/code/);
    // no sort of the scope's villages by distance under the candidates' limit
    expect(plan.filter((n) => n['Node Type'] === 'Sort')).toHaveLength(1);
  });

  it('keep the old geography-only index out: the new one answers every geography question', async () => {
    const indexes = await sql<{ indexname: string; indexdef: string }>(`select indexname, indexdef from pg_indexes where tablename = 'village' and indexdef like '%geography%'`);
    expect(indexes.map((i) => i.indexname)).toEqual(['village_location_geog_code_gist']);
    expect(indexes[0]!.indexdef).toMatch(/USING gist \(\(\(location\)::geography\), code\)/);
  });

  it('are planned from statistics: loading the demo region analyzed its tables (PGlite runs no autovacuum)', async () => {
    const tables = ['county', 'township', 'village', 'village_year'];
    const rows = await sql<{ relname: string; analyzed: boolean }>(
      `select t as relname, exists (select 1 from pg_stats s where s.schemaname = current_schema() and s.tablename = t) as analyzed from unnest($1::text[]) t order by 1`,
      [tables],
    );
    expect(rows).toEqual(tables.map((relname) => ({ relname, analyzed: true })));
  });
});
