/**
 * Every core (issue 27): the same cases against the hub as `pnpm start` runs
 * it with HUB_PROCESSES=1 and with one process per core, on the same
 * PostgreSQL database, caches off (every answer computed), so the table shows
 * how throughput scales with processes. PostgreSQL only: the embedded
 * database runs one process (cluster/hub-processes.ts).
 *
 * The load generator runs on the same machine and takes CPU from the hubs:
 * on 2 cores, two hub processes plus the generator and PostgreSQL share them.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Case } from './cases.js';
import { measure, type Measurement } from './measure.js';
import { probe, type Probe } from './probe.js';
import { runHub, type HubProcess } from '../support/process.js';

export interface ProcessesRow {
  c: Case;
  /** by process count */
  by: Map<number, Measurement>;
}

export interface ProcessesResult {
  label: string;
  counts: number[];
  rows: ProcessesRow[];
}

/** How many processes say they serve (the primary's workers each print their line). */
const servingCount = (hub: HubProcess) => new Set([...hub.output().matchAll(/serving at \S+ \(hub process (\d+)\)/g)].map((m) => m[1])).size;

/** The hub as `pnpm start` runs it, with `count` processes, ready once all of them listen. */
export async function startHubProcesses(databaseUrl: string, count: number, env: Record<string, string | undefined> = {}): Promise<{ hub: HubProcess; url: string; close(): Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lingyan-bench-processes-'));
  // The bench runs under tsx with its own tsconfig setting, which the hub must not inherit.
  // An empty database gets the demo region (loaded by the first process alone), as with `pnpm start`.
  const hub = runHub({ DATABASE_URL: databaseUrl, DATA_DIR: dataDir, PORT: '0', HUB_PROCESSES: String(count), RATE_LIMIT_PER_MINUTE: '0', TSX_TSCONFIG_PATH: undefined, DATABASE_REPLICA_URLS: undefined, ...env });
  const close = async () => {
    await hub.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const url = await hub.ready;
    const deadline = Date.now() + 180_000;
    while (count > 1 && servingCount(hub) < count) {
      if (Date.now() > deadline || hub.child.exitCode !== null) throw new Error(`${servingCount(hub)} of ${count} hub processes serving:\n${hub.output().slice(-2000)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return { hub, url, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** `cases` from the data: asked once the first hub has started (it loads the demo region into an empty database). */
export async function measureProcesses(label: string, databaseUrl: string, cases: (p: Probe) => Case[], seconds: number, counts = [1, os.availableParallelism()]): Promise<ProcessesResult> {
  let rows: ProcessesRow[] | null = null;
  for (const count of counts) {
    const { url, close } = await startHubProcesses(databaseUrl, count, { RESPONSE_CACHE_MB: '0', TILE_CACHE_MB: '0', WARM_UP: 'false' });
    try {
      rows ??= cases(await probe(databaseUrl)).map((c) => ({ c, by: new Map() }));
      for (const row of rows) {
        const c = row.c;
        const target = c.graphql ? { url: `${url}/graphql`, body: JSON.stringify({ query: c.graphql }), headers: c.headers } : { url: `${url}${c.path}` };
        const m = await measure(target, c.connections, seconds);
        row.by.set(count, m);
        console.log(`| ${c.name} | ${c.connections} | ${count} process${count > 1 ? 'es' : ''} | ${m.rps.toFixed(0)} req/s | p95 ${m.p95} ms |`);
      }
    } finally {
      await close();
    }
  }
  return { label, counts, rows: rows ?? [] };
}

export function processesSection(results: ProcessesResult[]): string[] {
  return results.flatMap((r) => {
    const [one, many] = [r.counts[0]!, r.counts[r.counts.length - 1]!];
    return [
      `## Every core: ${one} vs ${many} hub processes (${r.label}, HUB_PROCESSES, caches off)`,
      ``,
      `The hub as \`pnpm start\` runs it; the load generator shares the ${os.availableParallelism()} cores with the hubs and PostgreSQL.`,
      ``,
      `| case | conn | ${r.counts.map((n) => `${n} proc req/s | p95 ms`).join(' | ')} | ${many} ÷ ${one} |`,
      `|---|---|${r.counts.map(() => '---|---|').join('')}---|`,
      ...r.rows.map(({ c, by }) => {
        const cells = r.counts.map((n) => {
          const m = by.get(n);
          return m ? `${m.rps.toFixed(0)} | ${m.p95}` : '– | –';
        });
        const a = by.get(one);
        const b = by.get(many);
        return `| ${c.name} | ${c.connections} | ${cells.join(' | ')} | ${a && b ? `${(b.rps / a.rps).toFixed(2)}×` : ''} |`;
      }),
      ``,
    ];
  });
}
