/**
 * Many viewers (issue 27): VISITORS simulated atlas visitors (200) against the
 * hub as `pnpm start` runs it with two processes (HUB_PROCESSES=2) on one
 * PostgreSQL database, answer and tile caches on as deployed. Each visitor
 * opens the atlas at a view of its own (a village of the region as centre, a
 * zoom from 5 to 11, a year): the page's opening GraphQL operations (the
 * shipped documents in schema/operations/Atlas*.graphql, with the variables
 * the page sends, and the region of that centre as the page names it:
 * X-Lingyan-Prefecture, `prefecture=` on tiles) and the vector tiles a 1280×800 map asks for at that view
 * (512-pixel tiles: counties always, villages and pairings from zoom 5,
 * townships from 8.5); then, after 1–3 s of looking, pans, zooms, changes the
 * year (the year's figures and tiles again) or opens a village's or a
 * county's detail, until the time is up. Each visitor has up to 4
 * connections (a browser keeps 6 per host). Visitors arrive over the first
 * few seconds.
 *
 * Reported: requests, errors (an answer outside 2xx, or a GraphQL answer with
 * errors), latency percentiles of GraphQL and tiles apart, and the resident
 * memory of the hub's processes at start, half way and at the end (flat: the
 * caches fill and stay within their budget).
 */
import fs from 'node:fs';
import path from 'node:path';
import { Pool } from 'undici';
import pg from 'pg';
import { REPO } from '../support/process.js';
import { groupRss } from './cold-start.js';
import { startHubProcesses } from './processes.js';

export interface ViewersOptions {
  label: string;
  databaseUrl: string;
  visitors: number;
  seconds: number;
  processes: number;
  /** extra environment for the hub (e.g. a replica setting) */
  env?: Record<string, string | undefined>;
}

interface Latencies {
  count: number;
  p50: number;
  p95: number;
  p99: number;
}

export interface ViewersResult {
  label: string;
  visitors: number;
  seconds: number;
  processes: number;
  requests: number;
  errors: number;
  firstErrors: string[];
  graphql: Latencies;
  tiles: Latencies;
  rssStartMb: number;
  rssHalfMb: number;
  rssEndMb: number;
  rssPeakMb: number;
}

interface Region {
  centres: Array<{ code: string; county: string; prefecture: string; lon: number; lat: number }>;
  years: number[];
}

function operations(): Map<string, string> {
  const dir = path.join(REPO, 'schema/operations');
  const docs = new Map<string, string>();
  for (const file of fs.readdirSync(dir).filter((f) => /^Atlas.*\.graphql$/.test(f))) {
    const text = fs.readFileSync(path.join(dir, file), 'utf8');
    for (const m of text.matchAll(/^query (\w+)/gm)) docs.set(m[1]!, text);
  }
  return docs;
}

async function region(url: string): Promise<Region> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const centres = (
      await client.query<{ code: string; county: string; prefecture: string; lon: number; lat: number }>(
        `select v.code, t.county_code as county, c.prefecture_code as prefecture, ST_X(v.location) as lon, ST_Y(v.location) as lat
           from village v join township t on t.code = v.township_code join county c on c.code = t.county_code order by md5(v.code) limit 400`,
      )
    ).rows;
    const years = (await client.query<{ year: number }>(`select distinct year from village_year order by 1`)).rows.map((r) => r.year);
    return { centres, years };
  } finally {
    await client.end();
  }
}

/** The 512-pixel tiles a 1280×800 map shows at (lon, lat, zoom), at the tile zoom MapLibre asks for. */
function tilesInView(lon: number, lat: number, zoom: number): Array<{ z: number; x: number; y: number }> {
  const z = Math.floor(zoom);
  const n = 2 ** z;
  const scale = 512 * 2 ** (zoom - z);
  const x = ((lon + 180) / 360) * n;
  const r = (lat * Math.PI) / 180;
  const y = ((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n;
  const tiles = [];
  for (let tx = Math.floor(x - 640 / scale); tx <= Math.floor(x + 640 / scale); tx++) {
    for (let ty = Math.floor(y - 400 / scale); ty <= Math.floor(y + 400 / scale); ty++) {
      if (ty >= 0 && ty < n) tiles.push({ z, x: ((tx % n) + n) % n, y: ty });
    }
  }
  return tiles;
}

function percentiles(values: number[]): Latencies {
  const sorted = Float64Array.from(values).sort();
  const at = (p: number) => (sorted.length ? Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]! * 10) / 10 : NaN);
  return { count: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99) };
}

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;

export async function manyViewers(o: ViewersOptions): Promise<ViewersResult> {
  const docs = operations();
  // The hub first: on an empty database its first process loads the demo region.
  const { url, hub, close } = await startHubProcesses(o.databaseUrl, o.processes, o.env);
  const graphqlMs: number[] = [];
  const tileMs: number[] = [];
  let errors = 0;
  const firstErrors: string[] = [];
  const fail = (what: string) => {
    errors += 1;
    if (firstErrors.length < 5) firstErrors.push(what);
  };
  try {
    const { centres, years } = await region(o.databaseUrl);
    const pgid = hub.child.pid!;
    const rssStart = groupRss(pgid);
    let rssHalf = rssStart;
    let peak = rssStart;
    const sampler = setInterval(() => (peak = Math.max(peak, groupRss(pgid))), 1000);
    const half = setTimeout(() => (rssHalf = groupRss(pgid)), (o.seconds * 1000) / 2);
    const until = performance.now() + o.seconds * 1000;

    const visitor = async (index: number) => {
      // Arrivals spread over the first 5 s (or the first tenth of the run).
      await new Promise((resolve) => setTimeout(resolve, (index / o.visitors) * Math.min(5000, o.seconds * 100)));
      const pool = new Pool(url, { connections: 4, pipelining: 1 });
      // A visitor reads one region (the prefecture of its first view), as the atlas does; its details are of villages and counties there.
      const home = pick(centres);
      const near = centres.filter((c) => c.prefecture === home.prefecture);
      const graphql = async (operationName: string, variables: Record<string, unknown> = {}) => {
        const sent = performance.now();
        try {
          const answer = await pool.request({ path: '/graphql', method: 'POST', headers: { 'content-type': 'application/json', 'x-lingyan-prefecture': home.prefecture }, body: JSON.stringify({ query: docs.get(operationName), operationName, variables }) });
          const text = await answer.body.text();
          if (answer.statusCode !== 200) fail(`${operationName}: HTTP ${answer.statusCode} ${text.slice(0, 200)}`);
          else if (text.includes('"errors"')) fail(`${operationName}: ${text.slice(0, 300)}`);
        } catch (error) {
          fail(`${operationName}: ${(error as Error).message}`);
        }
        graphqlMs.push(performance.now() - sent);
      };
      const tile = async (layer: string, t: { z: number; x: number; y: number }, year?: number) => {
        const sent = performance.now();
        try {
          const answer = await pool.request({ path: `/tiles/${layer}/${t.z}/${t.x}/${t.y}.mvt?prefecture=${home.prefecture}${year ? `&year=${year}` : ''}`, method: 'GET' });
          if (answer.statusCode < 200 || answer.statusCode >= 300) fail(`tile ${layer} ${t.z}/${t.x}/${t.y}: HTTP ${answer.statusCode} ${(await answer.body.text()).slice(0, 200)}`);
          else await answer.body.dump({ limit: Infinity });
        } catch (error) {
          fail(`tile ${layer}: ${(error as Error).message}`);
        }
        tileMs.push(performance.now() - sent);
      };
      const view = { ...home, zoom: 5 + Math.floor(Math.random() * 7), year: pick(years) };
      const showTiles = () => {
        const tiles = tilesInView(view.lon, view.lat, view.zoom);
        return Promise.all([
          ...tiles.map((t) => tile('counties', t)),
          ...(view.zoom >= 5 ? tiles.flatMap((t) => [tile('villages', t, view.year), tile('pairings', t, view.year)]) : []),
          ...(view.zoom >= 8.5 ? tiles.map((t) => tile('townships', t)) : []),
        ]);
      };
      const yearFigures = () =>
        Promise.all([
          graphql('AtlasSummary', { year: view.year }),
          graphql('AtlasChoropleth', { year: view.year, metric: 'POVERTY_INCIDENCE', method: 'QUANTILE', classes: 5, scope: 'YEAR', breaks: null, cause: 'ILLNESS' }),
          graphql('AtlasPairingCounts', { year: view.year }),
          graphql('AtlasVillageCounts', { year: view.year }),
          graphql('AtlasWarningCounts', { year: view.year }),
        ]);
      try {
        // Opening the page.
        await Promise.all([graphql('Atlas'), graphql('AtlasRegions'), graphql('AtlasCountyBoundaries'), yearFigures(), showTiles()]);
        while (performance.now() < until) {
          await new Promise((resolve) => setTimeout(resolve, 1000 + Math.random() * 2000));
          if (performance.now() >= until) break;
          const action = Math.random();
          if (action < 0.4) {
            // A pan of about half the view.
            const span = 360 / 2 ** view.zoom;
            view.lon += (Math.random() - 0.5) * span;
            view.lat += (Math.random() - 0.5) * span * 0.6;
            await showTiles();
          } else if (action < 0.6) {
            view.zoom = Math.min(12, Math.max(5, view.zoom + (Math.random() < 0.6 ? 1 : -1)));
            await showTiles();
          } else if (action < 0.75) {
            view.year = pick(years);
            await Promise.all([yearFigures(), showTiles()]);
          } else if (action < 0.9) {
            const v = pick(near);
            await graphql('AtlasDetailVillage', { code: v.code, year: view.year });
          } else {
            await graphql('AtlasDetailCounty', { code: pick(near).county, year: view.year, weakest: 5 });
          }
        }
      } finally {
        await pool.close();
      }
    };
    await Promise.all(Array.from({ length: o.visitors }, (_, i) => visitor(i)));
    clearInterval(sampler);
    clearTimeout(half);
    const rssEnd = groupRss(pgid);
    peak = Math.max(peak, rssEnd);
    const mb = (b: number) => Math.round(b / 2 ** 20);
    return {
      label: o.label,
      visitors: o.visitors,
      seconds: o.seconds,
      processes: o.processes,
      requests: graphqlMs.length + tileMs.length,
      errors,
      firstErrors,
      graphql: percentiles(graphqlMs),
      tiles: percentiles(tileMs),
      rssStartMb: mb(rssStart),
      rssHalfMb: mb(rssHalf),
      rssEndMb: mb(rssEnd),
      rssPeakMb: mb(peak),
    };
  } finally {
    await close();
  }
}

export function formatViewers(r: ViewersResult): string {
  return `| ${r.label} | ${r.visitors} | ${r.processes} | ${r.seconds} | ${r.requests} (${(r.requests / r.seconds).toFixed(0)}/s) | ${r.errors} | ${r.graphql.p50} / ${r.graphql.p95} / ${r.graphql.p99} | ${r.tiles.p50} / ${r.tiles.p95} / ${r.tiles.p99} | ${r.rssStartMb} → ${r.rssHalfMb} → ${r.rssEndMb} (peak ${r.rssPeakMb}) |`;
}

export function viewersSection(results: ViewersResult[]): string[] {
  if (!results.length) return [];
  return [
    `## Many viewers (atlas visitors against hub processes on one PostgreSQL, caches on)`,
    ``,
    `Each visitor opens the atlas at a view of its own (the page's GraphQL operations and the tiles a 1280×800 map asks for), then every 1–3 s pans, zooms, changes the year or opens a detail (tests/bench/viewers.ts). Errors: answers outside 2xx or GraphQL answers with errors. Memory: resident set of all the hub's processes at start → half way → end.`,
    ``,
    `| setup | visitors | processes | s | requests | errors | GraphQL p50 / p95 / p99 ms | tiles p50 / p95 / p99 ms | RSS MB |`,
    `|---|---|---|---|---|---|---|---|---|`,
    ...results.map(formatViewers),
    ``,
    ...results.flatMap((r) => (r.firstErrors.length ? [`First errors (${r.label}):`, '', ...r.firstErrors.map((e) => `- ${e.replace(/\n/g, ' ')}`), ''] : [])),
  ];
}
