/**
 * Restarts (issue 27): how long `pnpm start` takes until /healthz answers, on
 * the embedded database, in a fresh clone of the repository's HEAD (a clone:
 * the working tree may hold edits, and the first start must be a first one):
 *
 * - first start of a fresh clone: after `pnpm install --offline` (timed
 *   apart), the client and server built, the embedded database made, migrated
 *   and loaded with the demo region; target ≤ 30 s;
 * - second start on the unchanged tree: nothing to build, the data there;
 *   target ≤ 5 s.
 *
 * Each start is split by the moments its output marks: the builds checked or
 * done ("server: unchanged…" / "server built:"), node running the hub
 * ("Lingyan: starting the embedded database"), listening ("serving at"), and
 * /healthz answering 200.
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO } from '../support/process.js';

export interface StartTiming {
  /** ms from spawning `pnpm start` to each mark; null when the mark was not seen */
  built: number | null;
  hubRunning: number | null;
  listening: number | null;
  healthy: number;
  /** the machine's 1-minute load average when the start began: figures taken on a busy machine are slower */
  load: number;
}

export interface RestartResult {
  commit: string;
  installMs: number;
  first: StartTiming;
  second: StartTiming;
}

const MARKS: Array<[keyof Omit<StartTiming, 'healthy'>, RegExp]> = [
  ['built', /^server(: unchanged| built:)/m],
  ['hubRunning', /^Lingyan: (starting the embedded database|connecting to the database)/m],
  ['listening', /serving at http:\/\/\S+/m],
];

/** `pnpm start` in `dir` until /healthz is 200; then SIGTERM to its process group, and its end awaited. */
async function timedStart(dir: string, env: Record<string, string>, limitMs = 600_000): Promise<StartTiming> {
  const load = os.loadavg()[0]!;
  const started = performance.now();
  const child = spawn('pnpm', ['start'], { cwd: dir, env: { ...process.env, TSX_TSCONFIG_PATH: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let out = '';
  const seen: Partial<StartTiming> = {};
  const onData = (d: Buffer) => {
    out += d;
    const at = performance.now() - started;
    for (const [name, re] of MARKS) if (seen[name] === undefined && re.test(out)) seen[name] = Math.round(at);
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`pnpm start ended before /healthz answered:\n${out.slice(-3000)}`);
      if (performance.now() - started > limitMs) throw new Error(`pnpm start not healthy within ${limitMs / 1000} s:\n${out.slice(-3000)}`);
      const url = /serving at (http:\/\/[^/\s]+)/.exec(out)?.[1];
      if (url && (await fetch(`${url}/healthz`).catch(() => null))?.status === 200) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return { built: seen.built ?? null, hubRunning: seen.hubRunning ?? null, listening: seen.listening ?? null, healthy: Math.round(performance.now() - started), load };
  } finally {
    if (child.exitCode === null) process.kill(-child.pid!, 'SIGTERM');
    await exited;
  }
}

/**
 * Waits until no process holds DATA_DIR: pnpm exits on the signal before the
 * hub it started has closed the embedded database and let go of the lock.
 */
async function released(dataDir: string, limitMs = 60_000): Promise<void> {
  const lock = path.join(dataDir, 'lingyan.lock');
  const started = performance.now();
  while (fs.existsSync(lock)) {
    const pid = Number(fs.readFileSync(lock, 'utf8').trim().split(/\s+/)[0]);
    try {
      process.kill(pid, 0);
    } catch {
      return; // the holder is gone; its lock is stale and the next start takes it over
    }
    if (performance.now() - started > limitMs) throw new Error(`DATA_DIR still held by pid ${pid} after ${limitMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export async function measureRestarts(): Promise<RestartResult> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'lingyan-restart-'));
  const clone = path.join(root, 'repo');
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO, encoding: 'utf8' }).trim();
    execFileSync('git', ['clone', '--quiet', '--no-hardlinks', REPO, clone], { stdio: 'inherit' });
    const installing = performance.now();
    // The packages come from this machine's pnpm store: nothing is fetched.
    execFileSync('pnpm', ['install', '--offline', '--frozen-lockfile', '--silent'], { cwd: clone, stdio: 'inherit' });
    const installMs = Math.round(performance.now() - installing);
    const env = { PORT: '0', DATA_DIR: path.join(root, 'data'), DATABASE_URL: '', HUB_PROCESSES: '' };
    const first = await timedStart(clone, env);
    await released(env.DATA_DIR);
    const second = await timedStart(clone, env);
    return { commit, installMs, first, second };
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

const s = (ms: number | null) => (ms === null ? '–' : (ms / 1000).toFixed(1));
const verdict = (ok: boolean) => (ok ? 'met' : '**missed**');

export function restartSection(r: RestartResult | null): string[] {
  if (!r) return [];
  const row = (name: string, t: StartTiming) => `| ${name} | ${s(t.built)} | ${s(t.hubRunning)} | ${s(t.listening)} | ${s(t.healthy)} | ${t.load.toFixed(1)} |`;
  return [
    `## Start times (\`pnpm start\` until /healthz, embedded database, a fresh clone of ${r.commit})`,
    ``,
    `- a second start on the unchanged tree ≤ 5 s: ${s(r.second.healthy)} s — ${verdict(r.second.healthy <= 5000)}`,
    `- a fresh clone's first start ≤ 30 s (after \`pnpm install --offline\`, ${s(r.installMs)} s): ${s(r.first.healthy)} s — ${verdict(r.first.healthy <= 30_000)}`,
    ``,
    `Seconds from \`pnpm start\` to each mark: builds checked or done, node running the hub, listening, /healthz 200.`,
    ``,
    `| start | builds | hub running | listening | healthy | load average (${os.availableParallelism()} cores) |`,
    `|---|---|---|---|---|---|`,
    row('first (fresh clone)', r.first),
    row('second (unchanged tree)', r.second),
    ``,
  ];
}
