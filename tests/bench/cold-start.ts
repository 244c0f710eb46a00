/**
 * Cold start and memory of the hub as `pnpm start` runs it (the server's
 * `start` script on the build in server/dist, a separate process group), on
 * a database that already holds the data: time until /readyz answers 200, and
 * the resident memory of every process in the group, sampled while the hub is
 * under load. The build itself (as `pnpm build` within `pnpm start`) is done
 * before the clock starts, as the client's build always was.
 */
import fs from 'node:fs';
import { buildServer, runHub } from '../support/process.js';
import { measure, type Measurement } from './measure.js';

/** Resident set of all processes in a process group (the hub and anything it starts). */
export function groupRss(pgid: number): number {
  let total = 0;
  for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // fields[2] is pgrp, fields[21] is rss in pages (proc(5), counting from "state")
      if (Number(fields[2]) === pgid) total += Number(fields[21]) * 4096;
    } catch {
      // the process ended while we looked
    }
  }
  return total;
}

export interface ColdStart {
  readyMs: number;
  rssIdleMb: number;
  rssPeakMb: number;
  load: Measurement;
}

export async function coldStart(env: Record<string, string | undefined>, loadBodies: () => string, seconds: number, headers: Record<string, string> = {}): Promise<ColdStart> {
  buildServer();
  const started = Date.now();
  // The bench runs under tsx with its own tsconfig setting, which the hub must not inherit.
  const hub = runHub({ PORT: '0', RATE_LIMIT_PER_MINUTE: '0', TSX_TSCONFIG_PATH: undefined, ...env });
  try {
    const url = await hub.ready;
    for (;;) {
      const r = await fetch(`${url}/readyz`).catch(() => null);
      if (r?.status === 200) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const readyMs = Date.now() - started;
    const pgid = hub.child.pid!;
    const rssIdle = groupRss(pgid);
    let peak = rssIdle;
    const sampler = setInterval(() => (peak = Math.max(peak, groupRss(pgid))), 250);
    const load = await measure({ url: `${url}/graphql`, body: loadBodies(), bodies: loadBodies, headers }, 8, seconds);
    clearInterval(sampler);
    peak = Math.max(peak, groupRss(pgid));
    return { readyMs, rssIdleMb: rssIdle / 2 ** 20, rssPeakMb: peak / 2 ** 20, load };
  } finally {
    await hub.stop();
  }
}
