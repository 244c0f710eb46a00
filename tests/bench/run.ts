/**
 * `pnpm bench`: the hub's queries through GraphQL, side by side with the
 * same work done as raw SQL through `pg` behind a minimal HTTP handler, in
 * one run, on one database: DATABASE_URL's (its data as it is; a fresh
 * `lingyan_bench` database with the demo region when the URL names the
 * server's `postgres` database) or an embedded one with the demo region.
 * Prints a table (req/s, p50, p95, ratio to raw) and writes it to
 * tests/bench/RESULTS.md. Numbers are reported, not asserted.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import { loadConfig } from '../../server/src/config/config.js';
import { bootstrap } from '../../server/src/http/app.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const silent = { info: () => {}, error: (m: string, e?: unknown) => console.error(m, e), request: () => {} };

/** [west, south, east, north] of a box holding ~200 demo villages. */
const BBOX = [114.3, 42.0, 115.6, 43.2];
const POINT = [114.9, 42.6];

interface Case {
  name: string;
  connections: number;
  graphql: string;
  sql: string;
  params: unknown[];
}

const CASES: Case[] = [
  ...[1, 8].map((connections) => ({
    name: `villages in a bbox (GeoJSON), ${connections} conn`,
    connections,
    graphql: `{ villages(filter: { spatial: { bbox: { west: ${BBOX[0]}, south: ${BBOX[1]}, east: ${BBOX[2]}, north: ${BBOX[3]} } } }, limit: 500) { totalCount items { code name location } } }`,
    sql: `select code, name, ST_AsGeoJSON(location)::json as location from village where location && ST_MakeEnvelope($1, $2, $3, $4, 4326) order by code limit 500`,
    params: BBOX,
  })),
  {
    name: 'nearest 5 villages to a point',
    connections: 8,
    graphql: `{ nearestVillages(to: { point: { type: "Point", coordinates: [${POINT[0]}, ${POINT[1]}] } }, k: 5) { code distanceMeters } }`,
    sql: `select code, ST_Distance(location::geography, ST_SetSRID(ST_MakePoint($1, $2), 4326)::geography) as d from village order by location::geography <-> ST_SetSRID(ST_MakePoint($1, $2), 4326)::geography limit 5`,
    params: POINT,
  },
  {
    name: 'villages within 20 km',
    connections: 8,
    graphql: `{ villages(filter: { spatial: { near: { point: { type: "Point", coordinates: [${POINT[0]}, ${POINT[1]}] }, radiusMeters: 20000 } } }, limit: 500) { totalCount items { code } } }`,
    sql: `select code from village where ST_DWithin(location::geography, ST_SetSRID(ST_MakePoint($1, $2), 4326)::geography, 20000) order by code limit 500`,
    params: POINT,
  },
  {
    name: 'county choropleth for a year',
    connections: 8,
    graphql: `{ choropleth(year: 2019, level: COUNTY, metric: POVERTY_INCIDENCE, method: QUANTILE, classes: 5) { breaks areas { code value classIndex } } }`,
    // the hub reads the precomputed area figures (area_year_figures), so the raw peer does too
    sql: `select c.code, f.poor_population::float8 * 100 / nullif(f.rural_population, 0) as value
            from county c left join area_year_figures f on f.level = 'county' and f.year = $1 and f.code = c.code order by 1`,
    params: [2019],
  },
];

/** The raw-SQL peer: one route per case, a pooled `pg` query, JSON out. */
function rawServer(url: string): Promise<{ port: number; close(): Promise<void> }> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  const server = http.createServer(async (req, res) => {
    const c = CASES[Number(req.url?.slice(1))];
    if (!c) return void res.writeHead(404).end();
    try {
      const { rows } = await pool.query(c.sql, c.params);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: rows }));
    } catch (error) {
      res.writeHead(500).end(String(error));
    }
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        port: (server.address() as { port: number }).port,
        close: async () => {
          server.close();
          await pool.end();
        },
      }),
    ),
  );
}

async function measure(url: string, connections: number, body?: string) {
  const r = await autocannon({
    url,
    connections,
    duration: SECONDS,
    ...(body ? { method: 'POST' as const, headers: { 'content-type': 'application/json' }, body } : {}),
  });
  if (r.non2xx || r.errors) throw new Error(`${url}: ${r.non2xx} non-2xx, ${r.errors} errors`);
  return { rps: r.requests.average, p50: r.latency.p50, p95: r.latency.p97_5 ?? r.latency.p99 };
}

async function main(): Promise<void> {
  const env = loadConfig();
  let databaseUrl = env.databaseUrl;
  let dataDir: string | null = null;
  if (databaseUrl && new URL(databaseUrl).pathname === '/postgres') {
    // The server's maintenance database: bench on a fresh one with the demo region instead.
    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    await admin.query('drop database if exists lingyan_bench with (force)');
    await admin.query('create database lingyan_bench');
    await admin.end();
    const u = new URL(databaseUrl);
    u.pathname = '/lingyan_bench';
    databaseUrl = u.href;
  }
  if (!databaseUrl) dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lingyan-bench-'));
  const started = Date.now();
  const app = await bootstrap({ ...env, databaseUrl, dataDir: dataDir ?? env.dataDir, port: 0, seedDemo: true, rateLimitPerMinute: 0 }, silent);
  const boot = Date.now() - started;
  const raw = await rawServer(app.db.url);
  const rows: string[] = [];
  try {
    for (const [i, c] of CASES.entries()) {
      const body = JSON.stringify({ query: c.graphql });
      const check = (await (await fetch(`${app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })).json()) as { errors?: unknown };
      if (check.errors) throw new Error(`${c.name}: ${JSON.stringify(check.errors)}`);
      const g = await measure(`${app.url}/graphql`, c.connections, body);
      const r = await measure(`http://127.0.0.1:${raw.port}/${i}`, c.connections);
      const row = `| ${c.name} | ${g.rps.toFixed(0)} | ${g.p50} | ${g.p95} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p95} | ${(g.rps / r.rps).toFixed(2)}× |`;
      console.log(row);
      rows.push(row);
    }
  } finally {
    await raw.close();
    await app.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  }
  const rss = (process.memoryUsage().rss / 2 ** 20).toFixed(0);
  const report = [
    `# Benchmark results`,
    ``,
    `${new Date().toISOString()} · ${app.db.mode === 'embedded' ? 'embedded PGlite' : 'PostgreSQL + PostGIS'} · demo region (848 villages) · ${os.cpus().length} CPUs · ${SECONDS} s per measurement · boot ${(boot / 1000).toFixed(1)} s · RSS after ${rss} MB`,
    ``,
    `| query | GraphQL req/s | p50 ms | p97.5 ms | raw SQL req/s | p50 ms | p97.5 ms | GraphQL ÷ raw |`,
    `|---|---|---|---|---|---|---|---|`,
    ...rows,
    ``,
  ].join('\n');
  const file = path.join(HERE, `RESULTS-${app.db.mode}.md`);
  fs.writeFileSync(file, report);
  console.log(`\n${report}\nwritten to ${path.relative(process.cwd(), file)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
