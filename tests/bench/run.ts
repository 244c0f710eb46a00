/**
 * `pnpm bench`: the hub's queries and tiles side by side with the same work
 * done as raw SQL through `pg` behind a minimal HTTP handler, measured in one
 * run on the same database:
 *
 * - the demo region on the embedded database;
 * - with DATABASE_URL: the demo region on a fresh `lingyan_bench`, and the
 *   national dataset in `lingyan_national` (loaded once, ~10 min);
 * - for each: cold start of the hub as `pnpm start` runs it, and its memory
 *   under load;
 * - for each: the atlas page in Chromium, first idle and idle after a pan
 *   (atlas.ts).
 *
 * - with DATABASE_URL, for each PostgreSQL dataset: the same cases with one
 *   hub process and with one per core (HUB_PROCESSES, processes.ts), and
 *   BENCH_VIEWERS (200) atlas visitors for BENCH_VIEWERS_SECONDS (60) against
 *   two hub processes (viewers.ts), and again with reads on the streaming
 *   standbys BENCH_REPLICA_URLS names (DATABASE_REPLICA_URLS of the hub);
 * - with DATABASE_URL, for each PostgreSQL dataset: the hub started the
 *   production way against the plain prepared-statement handler and
 *   PostGraphile 5, answer cache off, then on apart, and a CPU profile of the
 *   hub (peers.ts; issue 27's targets). BENCH_PROFILE=0 leaves the profile out.
 * - once: `pnpm start`'s first start in a fresh clone and its second start on
 *   the unchanged tree, until /healthz (restart.ts).
 *
 * BENCH_DATASETS=embedded,demo,national picks datasets; BENCH_CASES picks
 * parts: server (queries, tiles, cold start), peers, atlas, processes,
 * viewers, restart. BENCH_SECONDS sets each load measurement's length, BENCH_ATLAS_RUNS
 * the atlas runs per dataset (5), BENCH_ATLAS_TIMEOUT_S how long a page may
 * take to settle (180).
 *
 * Prints the tables and writes them to tests/bench/RESULTS.md, a section per
 * part (and per dataset for peers and viewers), each stamped with its time and
 * load average: a run of some parts replaces only its own sections and keeps
 * the other parts' figures (results-file.ts); the sections docs/performance.md
 * marks (the peers') are written there too. Numbers are reported, not
 * asserted; the targets of issues 8 and 27 are evaluated in their sections.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig, type Config } from '../../server/src/config/config.js';
import type { App } from '../../server/src/http/app.js';
import { atlasSection, measureAtlas, type AtlasResult } from './atlas.js';
import { cachedCases, graphqlCases, prefectureHeader, tileCases, type Case } from './cases.js';
import { coldStart, type ColdStart } from './cold-start.js';
import { freshDatabase, nationalDatabase } from './datasets.js';
import { startHub } from './hub.js';
import { measure, type Measurement } from './measure.js';
import { measurePeers, peersSection } from './peers.js';
import { probe, type Probe } from './probe.js';
import { processesSection, measureProcesses, type ProcessesResult } from './processes.js';
import { rawServer } from './raw-server.js';
import { measureRestarts, restartSection, type RestartResult } from './restart.js';
import { peerTargets, targets } from './targets.js';
import { fillMarkedSections, stamp, writeResults } from './results-file.js';
import { manyViewers, viewersSection, type ViewersResult } from './viewers.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ALL_CASES = ['server', 'peers', 'atlas', 'processes', 'viewers', 'restart'];
const VIEWERS = Number(process.env.BENCH_VIEWERS ?? 200);
const VIEWERS_SECONDS = Number(process.env.BENCH_VIEWERS_SECONDS ?? 60);
/** Streaming standbys of DATABASE_URL's server (any database named): the viewers run again with reads on them. */
const REPLICAS = (process.env.BENCH_REPLICA_URLS ?? '').split(',').map((s) => s.trim()).filter(Boolean);

/** `server`'s URL naming the database `url` names (a standby holds the primary's databases under the same names). */
function sameDatabase(server: string, url: string): string {
  const u = new URL(server);
  u.pathname = new URL(url).pathname;
  return u.toString();
}
const CASES = new Set((process.env.BENCH_CASES ?? ALL_CASES.join(',')).split(',').map((s) => s.trim()));

export interface Row {
  c: Case;
  hub: Measurement;
  raw: Measurement | null;
}

export interface RunResult {
  label: string;
  mode: 'embedded' | 'postgres';
  probe: Probe;
  rows: Row[];
  start: ColdStart;
}

interface Dataset {
  /** name for BENCH_DATASETS */
  name: 'embedded' | 'demo' | 'national';
  label: string;
  config: Config;
  /** DATABASE_URL / DATA_DIR for the hub process of the cold-start measurement */
  env: Record<string, string | undefined>;
  cleanup?: () => void;
}

async function measureCases(app: App, cases: Case[], which: Case['cache']): Promise<Row[]> {
  const raw = await rawServer(app.db.url, cases);
  const rows: Row[] = [];
  try {
    for (const [i, c] of cases.entries()) {
      if (c.cache !== which) continue;
      const target = c.graphql ? { url: `${app.url}/graphql`, body: JSON.stringify({ query: c.graphql }), headers: c.headers } : { url: `${app.url}${c.path}` };
      const check = await fetch(target.url, target.body ? { method: 'POST', headers: { 'content-type': 'application/json', ...c.headers }, body: target.body } : {});
      const text = await check.text();
      if (!check.ok || (c.graphql && text.includes('"errors"'))) throw new Error(`${c.name}: ${check.status} ${text.slice(0, 500)}`);
      const hub = await measure(target, c.connections, SECONDS);
      const peer = c.sql ? await measure({ url: raw.url(i) }, c.connections, SECONDS) : null;
      const row = { c, hub, raw: peer };
      console.log(formatRow(row));
      rows.push(row);
    }
  } finally {
    await raw.close();
  }
  return rows;
}

function formatRow({ c, hub, raw }: Row): string {
  const r = raw ? `${raw.rps.toFixed(0)} | ${raw.p50} | ${raw.p95}` : 'n/a | | ';
  const ratio = raw ? `${(hub.rps / raw.rps).toFixed(2)}×` : '';
  return `| ${c.name} | ${c.connections} | ${hub.rps.toFixed(0)} | ${hub.p50} | ${hub.p95} | ${r} | ${ratio} |`;
}

async function runDataset(d: Dataset): Promise<RunResult> {
  console.log(`\n## ${d.label}`);
  let p: Probe | null = null;
  let mode: RunResult['mode'] = 'embedded';
  const rows: Row[] = [];
  // First with the hub's caches off (the work itself), then on (repeated requests), one hub at a time.
  for (const cache of ['off', 'on'] as const) {
    const caches = cache === 'off' ? { responseCacheMb: 0, tileCacheMb: 0 } : {};
    const app = await startHub(d.config, caches);
    try {
      mode = app.db.mode;
      if (!p) {
        p = await probe(app.db.url);
        console.log(`${p.villages} villages, ${p.counties} counties, year ${p.year}; point ${p.point.map((x) => x.toFixed(4)).join(', ')}; ${p.villagesInBbox} villages in the box`);
      }
      const cases = [...graphqlCases(p), ...cachedCases(p), ...tileCases(p, mode === 'postgres')];
      rows.push(...(await measureCases(app, cases, cache)));
    } finally {
      await app.close();
    }
  }
  // Under load: boxes of ~200 villages around the probe point, each a little different, so every answer is computed.
  const [w, s, e, n] = p!.bbox;
  const jittered = () => {
    const dx = (Math.random() - 0.5) * (e - w) * 0.2;
    const dy = (Math.random() - 0.5) * (n - s) * 0.2;
    return JSON.stringify({ query: `{ villages(filter: { spatial: { bbox: { west: ${w + dx}, south: ${s + dy}, east: ${e + dx}, north: ${n + dy} } } }, limit: 500) { totalCount items { code name location } } }` });
  };
  const start = await coldStart(d.env, jittered, Math.max(SECONDS, 10), prefectureHeader(p!));
  console.log(`cold start ${start.readyMs} ms; RSS ${start.rssIdleMb.toFixed(0)} MB idle, ${start.rssPeakMb.toFixed(0)} MB peak under load (${start.load.rps.toFixed(0)} req/s)`);
  return { label: d.label, mode, probe: p!, rows, start };
}

function section(r: RunResult): string[] {
  return [
    `## ${r.label}`,
    ``,
    `${r.probe.villages.toLocaleString('en')} villages in ${r.probe.counties.toLocaleString('en')} counties · year ${r.probe.year} · cold start (\`pnpm start\` until /readyz is 200) ${(r.start.readyMs / 1000).toFixed(1)} s · hub RSS ${r.start.rssIdleMb.toFixed(0)} MB idle, ${r.start.rssPeakMb.toFixed(0)} MB peak under ${SECONDS >= 10 ? SECONDS : 10} s of bbox queries at 8 connections (a different box each time, ${r.start.load.rps.toFixed(0)} req/s)`,
    ``,
    `| case | conn | hub req/s | p50 ms | p95 ms | raw SQL req/s | p50 ms | p95 ms | hub ÷ raw |`,
    `|---|---|---|---|---|---|---|---|---|`,
    ...r.rows.map(formatRow),
    ``,
  ];
}

async function main(): Promise<void> {
  const env = loadConfig();
  const datasets: Dataset[] = [];
  const embeddedDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lingyan-bench-'));
  // BENCH_DATASETS=embedded,demo,national picks some (default: all that apply).
  const wanted = new Set((process.env.BENCH_DATASETS ?? 'embedded,demo,national').split(',').map((s) => s.trim()));
  if (wanted.has('embedded')) datasets.push({
    name: 'embedded',
    label: 'demo region, embedded PGlite',
    config: { ...env, databaseUrl: null, dataDir: embeddedDir, seedDemo: true },
    env: { DATABASE_URL: undefined, DATA_DIR: embeddedDir },
    cleanup: () => fs.rmSync(embeddedDir, { recursive: true, force: true }),
  });
  if (env.databaseUrl) {
    if (wanted.has('demo')) {
      const demo = await freshDatabase(env.databaseUrl, 'lingyan_bench');
      datasets.push({ name: 'demo', label: 'demo region, PostgreSQL + PostGIS', config: { ...env, databaseUrl: demo, seedDemo: true }, env: { DATABASE_URL: demo } });
    }
    if (wanted.has('national')) {
      const national = await nationalDatabase(env.databaseUrl);
      datasets.push({ name: 'national', label: 'national dataset, PostgreSQL + PostGIS', config: { ...env, databaseUrl: national, seedDemo: false }, env: { DATABASE_URL: national } });
    }
  }
  const results: RunResult[] = [];
  const atlases: AtlasResult[] = [];
  const processes: ProcessesResult[] = [];
  let restarts: RestartResult | null = null;
  /** RESULTS.md's sections this run writes (results-file.ts) */
  const sections = new Map<string, string[]>();
  try {
    for (const d of datasets) {
      if (CASES.has('server')) results.push(await runDataset(d));
      const url = d.config.databaseUrl;
      if (url && CASES.has('peers')) {
        console.log(`\n## the hub against its peers: ${d.label}`);
        const r = await measurePeers(d.label, url, SECONDS);
        sections.set(`peers:${d.name}`, [stamp(SECONDS), '', ...peersSection(r, peerTargets(r))]);
      }
      if (CASES.has('atlas')) atlases.push(await measureAtlas(d.name, d.label, d.config));
      if (url && CASES.has('processes')) {
        console.log(`\n## every core: ${d.label}`);
        processes.push(await measureProcesses(d.label, url, (p) => [...graphqlCases(p), ...tileCases(p, true).filter((c) => c.cache === 'off')], SECONDS));
      }
      if (url && CASES.has('viewers')) {
        const viewers: ViewersResult[] = [];
        console.log(`\n## many viewers: ${d.label}, ${VIEWERS} visitors for ${VIEWERS_SECONDS} s`);
        viewers.push(await manyViewers({ label: `${d.label}, 2 hub processes`, databaseUrl: url, visitors: VIEWERS, seconds: VIEWERS_SECONDS, processes: 2 }));
        console.log(viewersSection(viewers.slice(-1)).join('\n'));
        if (REPLICAS.length) {
          const env = { DATABASE_REPLICA_URLS: REPLICAS.map((r) => sameDatabase(r, url)).join(',') };
          viewers.push(await manyViewers({ label: `${d.label}, 2 hub processes, reads on ${REPLICAS.length} replica${REPLICAS.length > 1 ? 's' : ''}`, databaseUrl: url, visitors: VIEWERS, seconds: VIEWERS_SECONDS, processes: 2, env }));
          console.log(viewersSection(viewers.slice(-1)).join('\n'));
        }
        sections.set(`viewers:${d.name}`, [stamp(VIEWERS_SECONDS), '', ...viewersSection(viewers)]);
      }
    }
    if (CASES.has('restart')) {
      console.log('\n## start times (a fresh clone)');
      restarts = await measureRestarts();
    }
  } finally {
    for (const d of datasets) d.cleanup?.();
  }
  if (CASES.has('server')) sections.set('server', [stamp(SECONDS), '', ...targets(results), ...results.flatMap(section)]);
  if (CASES.has('atlas')) sections.set('atlas', [stamp(SECONDS), '', ...atlasSection(atlases)]);
  if (CASES.has('processes')) sections.set('processes', [stamp(SECONDS), '', ...processesSection(processes)]);
  if (CASES.has('restart')) sections.set('restart', [stamp(SECONDS), '', ...restartSection(restarts)]);
  const header = [
    `# Benchmark results`,
    ``,
    `Written by \`pnpm bench\` (tests/bench/run.ts), a section per part; a run of some parts (BENCH_CASES, BENCH_DATASETS) replaces only its own sections, so sections may come from different runs: each says when it was measured and how busy the machine was. Load generator: undici (bodies discarded unread) on loopback, on the same machine.`,
  ];
  const file = path.join(HERE, 'RESULTS.md');
  const full = CASES.size === ALL_CASES.length && ['embedded', 'demo', 'national'].every((n) => datasets.some((d) => d.name === n));
  const report = writeResults(file, header, sections, full);
  console.log(`\n${report}\nwritten to ${path.relative(process.cwd(), file)} (${[...sections.keys()].join(', ')}${full ? '' : '; the other sections kept'})`);
  // The sections docs/performance.md marks (the peers' tables) carry the same figures there.
  const doc = path.join(HERE, '..', '..', 'docs', 'performance.md');
  const filled = fillMarkedSections(doc, sections);
  if (filled.length) console.log(`and to ${path.relative(process.cwd(), doc)} (${filled.join(', ')})`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
