/**
 * HUB_PROCESSES: one hub per core behind one port (server/src/cluster/hub-processes.ts),
 * run as `pnpm start` runs it.
 *
 * - On PostGIS: two processes on a database of this file's own (the first
 *   process migrates it and loads the demo region, the second starts after):
 *   new connections land on both; a write through one drops the other's cached
 *   answer; a worker killed is replaced while the other serves on; SIGTERM
 *   stops them all with exit code 0; a first worker that cannot start ends the
 *   whole hub instead of being restarted in a loop.
 * - On the embedded database more than one process is refused with a message
 *   naming DATABASE_URL (in both runs: the hub is started without it), and
 *   `auto` serves as one process.
 */
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { PROCESS_HEADER, processCount } from '../../server/src/cluster/hub-processes.js';
import { ConfigError, loadConfig } from '../../server/src/config/config.js';
import { ownDatabase, type OwnDatabase } from '../support/own-database.js';
import { runHub, type HubProcess } from '../support/process.js';
import { TEST_SECRET, token } from '../support/server.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lingyan-processes-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

interface Answer {
  status: number;
  pid: number | null;
  body: string;
}

/** One request on a connection of its own (no keep-alive), so the primary hands each to the next worker. */
function request(url: string, pathname: string, body?: unknown, bearer?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request(`${url}${pathname}`, {
      agent: false,
      method: payload ? 'POST' : 'GET',
      headers: { ...(payload ? { 'content-type': 'application/json' } : {}), ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
    });
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (text += d));
      res.on('end', () => {
        const pid = res.headers[PROCESS_HEADER.toLowerCase()];
        resolve({ status: res.statusCode!, pid: pid ? Number(pid) : null, body: text });
      });
    });
    req.on('error', reject);
    req.end(payload);
  });
}

/** A request answered by process `pid`: asked again (a new connection each time) until that process answers. */
async function on(pid: number, url: string, pathname: string, body?: unknown): Promise<Answer> {
  for (let i = 0; i < 40; i++) {
    const answer = await request(url, pathname, body);
    if (answer.pid === pid) return answer;
  }
  throw new Error(`process ${pid} answered none of 40 requests`);
}

/** The pids of the hub processes that say they serve (the output names each). */
function serving(hub: HubProcess): number[] {
  return [...new Set([...hub.output().matchAll(/serving at \S+ \(hub process (\d+)\)/g)].map((m) => Number(m[1])))];
}

async function until<T>(what: string, check: () => T | null | undefined | false | Promise<T | null | undefined | false>, limitMs = 90_000): Promise<T> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function cacheHits(metrics: string): number {
  return [...metrics.matchAll(/^lingyan_graphql_cache_lookups_total\{[^}]*result="hit"[^}]*\} (\d+)/gm)].reduce((n, m) => n + Number(m[1]), 0);
}

describe('HUB_PROCESSES, read', () => {
  it('is 1 by default, a count, or auto: one per core with DATABASE_URL, one on the embedded database', () => {
    expect(loadConfig({}).hubProcesses).toBe(1);
    expect(loadConfig({ HUB_PROCESSES: '3' }).hubProcesses).toBe(3);
    expect(loadConfig({ HUB_PROCESSES: 'AUTO' }).hubProcesses).toBe('auto');
    expect(processCount({ hubProcesses: 'auto', databaseUrl: 'postgres://x@h/d' }, 6)).toBe(6);
    expect(processCount({ hubProcesses: 'auto', databaseUrl: null }, 6)).toBe(1);
    expect(processCount({ hubProcesses: 1, databaseUrl: null }, 6)).toBe(1);
    expect(processCount({ hubProcesses: 4, databaseUrl: 'postgres://x@h/d' }, 2)).toBe(4);
  });

  it('refuses what is not auto or a count from 1 to 64, naming the value', () => {
    for (const bad of ['two', '0', '65', '1.5', '-1']) {
      expect(() => loadConfig({ HUB_PROCESSES: bad })).toThrow(ConfigError);
      expect(() => loadConfig({ HUB_PROCESSES: bad })).toThrow(new RegExp(`HUB_PROCESSES must be .*got "${bad.replace('.', '\\.')}"`));
    }
  });

  it('refuses more than one process on the embedded database, in Chinese and English, naming DATABASE_URL', () => {
    expect(() => processCount({ hubProcesses: 2, databaseUrl: null })).toThrow(/^HUB_PROCESSES=2 需要 PostgreSQL：请设置 DATABASE_URL.* \/ HUB_PROCESSES=2 needs PostgreSQL: set DATABASE_URL/);
  });
});

describe('HUB_PROCESSES on the embedded database (pnpm start)', () => {
  it('ends at once with one clear line, before it opens (or locks) DATA_DIR', async () => {
    const dataDir = tempDir();
    const hub = runHub({ DATABASE_URL: undefined, DATA_DIR: dataDir, PORT: '0', HUB_PROCESSES: '2' });
    expect(await hub.exited).toBe(1);
    expect(hub.output()).toMatch(/^Lingyan cannot start: HUB_PROCESSES=2 需要 PostgreSQL：请设置 DATABASE_URL/m);
    expect(hub.output()).toContain('needs PostgreSQL: set DATABASE_URL');
    expect(hub.output()).not.toMatch(/^\s+at /m);
    expect(fs.readdirSync(dataDir)).toEqual([]);
  });
});

if (inject('databaseMode') === 'postgres') {
  describe('two hub processes on one PostGIS (pnpm start, HUB_PROCESSES=2)', () => {
    let db: OwnDatabase;
    let hub: HubProcess;
    let url: string;
    let pids: number[];

    beforeAll(async () => {
      db = await ownDatabase('lingyan_hub_processes');
      // The rate limit is per process and not what this is about; the warm-up would only add statements.
      hub = runHub({ DATABASE_URL: db.url, DATA_DIR: tempDir(), PORT: '0', HUB_PROCESSES: '2', AUTH_SECRET: TEST_SECRET, RATE_LIMIT_PER_MINUTE: '0', WARM_UP: 'false' });
      url = await hub.ready;
      pids = await until('two processes serving', () => (serving(hub).length === 2 ? serving(hub) : null));
    }, 240_000);
    afterAll(async () => {
      await hub?.stop('SIGKILL');
      await db?.stop();
    });

    it('started the second process after the first had migrated and loaded the demo region, once', () => {
      const out = hub.output();
      expect(out).toMatch(/2 hub processes on one port/);
      expect(out.match(/loaded the demo region/g)).toHaveLength(1);
      expect(out.indexOf('loaded the demo region')).toBeLessThan(out.indexOf(`hub process ${pids[1]})`));
      expect(pids).not.toContain(hub.child.pid);
    });

    it('spreads new connections over both processes, each a whole hub', async () => {
      const answers = await Promise.all(Array.from({ length: 8 }, () => request(url, '/healthz')));
      for (const a of answers) expect(a.status).toBe(200);
      expect(new Set(answers.map((a) => a.pid))).toEqual(new Set(pids));
      for (const pid of pids) {
        const counties = JSON.parse((await on(pid, url, '/graphql', { query: '{ counties { code } }' })).body);
        expect(counties.data.counties.length).toBeGreaterThanOrEqual(9);
        expect((await on(pid, url, '/tiles/counties/0/0/0.mvt')).status).toBe(200);
      }
    });

    it('drops the other process’s cached answer when one writes', async () => {
      const [row] = await db.sql<Record<string, unknown>>(`select * from village_year where year = 2021 order by village_code limit 1`);
      const code = String(row!.village_code);
      const READ = { query: `query ($c: String!) { village(code: $c) { figures(year: 2021) { version partyMembers } } }`, variables: { c: code } };
      const figures = (a: Answer) => JSON.parse(a.body).data.village.figures as { version: number; partyMembers: number };
      // Both processes answer the question and keep the answer: the second ask is a hit in each.
      for (const pid of pids) {
        const hits = cacheHits((await on(pid, url, '/metrics')).body);
        const first = figures(await on(pid, url, '/graphql', READ));
        expect(figures(await on(pid, url, '/graphql', READ))).toEqual(first);
        expect(cacheHits((await on(pid, url, '/metrics')).body)).toBeGreaterThan(hits);
      }
      const before = figures(await on(pids[0]!, url, '/graphql', READ));
      const planner = await token('planner', [`${code.slice(0, 6)}000000`], 1, 'planner-hub-processes');
      const input = {
        villageCode: code,
        year: 2021,
        version: before.version,
        households: Number(row!.households),
        ruralPopulation: Number(row!.rural_population),
        poorHouseholds: Number(row!.poor_households),
        poorPopulation: Number(row!.poor_population),
        collectiveIncome: Number(row!.collective_income),
        partyMembers: before.partyMembers + 5,
        memberPairings: Number(row!.member_pairings),
        secretaryIsDirector: Boolean(row!.secretary_is_director),
        softLax: Boolean(row!.soft_lax),
        branchRating: String(row!.branch_rating),
      };
      const written = await request(url, '/graphql', { query: `mutation ($i: VillageYearInput!) { upsertVillageYear(input: $i) { version } }`, variables: { i: input } }, planner);
      expect(JSON.parse(written.body).errors).toBeUndefined();
      const other = pids.find((p) => p !== written.pid)!;
      // The other process hears the write by NOTIFY a moment after the commit.
      const seen = await until('the other process to answer the write', async () => {
        const f = figures(await on(other, url, '/graphql', READ));
        return f.partyMembers === before.partyMembers + 5 ? f : null;
      }, 10_000);
      expect(seen.version).toBe(before.version + 1);
      expect(figures(await on(written.pid!, url, '/graphql', READ)).partyMembers).toBe(before.partyMembers + 5);
    });

    it('replaces a process that dies while the other serves on', async () => {
      const [victim, survivor] = pids as [number, number];
      process.kill(victim, 'SIGKILL');
      await until('the primary to see it end', () => hub.output().includes(`hub process ${victim} ended (SIGKILL); starting another`), 10_000);
      // Until its replacement serves, the primary hands every new connection to the survivor.
      const during = await Promise.all(Array.from({ length: 6 }, () => request(url, '/healthz')));
      for (const a of during) expect(a.status).toBe(200);
      expect(during.filter((a) => a.pid === victim)).toEqual([]);
      const replacement = await until('a new process serving', () => serving(hub).find((p) => !pids.includes(p)));
      const after = await Promise.all(Array.from({ length: 8 }, () => request(url, '/healthz')));
      expect(new Set(after.map((a) => a.pid))).toEqual(new Set([survivor, replacement]));
      pids = [survivor, replacement];
    }, 120_000);

    it('stops every process on SIGTERM and ends with 0', async () => {
      expect(await hub.stop('SIGTERM')).toBe(0);
      for (const pid of pids) expect(alive(pid)).toBe(false);
      expect(hub.output()).toMatch(/SIGTERM received, stopping 2 hub processes/);
    }, 60_000);
  });

  describe('two hub processes whose first cannot start', () => {
    it('end with its message and code instead of restarting it', async () => {
      const blocker = net.createServer();
      await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
      const port = (blocker.address() as net.AddressInfo).port;
      try {
        const hub = runHub({ DATABASE_URL: inject('databaseUrl'), PORT: String(port), SEED_DEMO: 'false', WARM_UP: 'false', HUB_PROCESSES: '2', DATA_DIR: tempDir(), AUTH_SECRET: TEST_SECRET });
        expect(await hub.exited).toBe(1);
        expect(hub.output()).toMatch(new RegExp(`port ${port} on 127\\.0\\.0\\.1 is already in use`));
        expect(hub.output()).not.toContain('starting another');
        expect(hub.output().match(/connecting to the database/g)).toHaveLength(1);
      } finally {
        blocker.close();
      }
    }, 120_000);
  });
} else {
  describe('HUB_PROCESSES=auto on the embedded database (pnpm start)', () => {
    it('serves as one process, and says why', async () => {
      const hub = runHub({ DATABASE_URL: undefined, DATA_DIR: tempDir(), PORT: '0', HUB_PROCESSES: 'auto', WARM_UP: 'false' });
      try {
        const url = await hub.ready;
        expect(hub.output()).toContain('HUB_PROCESSES=auto on the embedded database runs one process');
        const answer = await request(url, '/healthz');
        expect(answer.status).toBe(200);
        // Not a cluster worker: no process header, and the pid serving is the one started.
        expect(answer.pid).toBeNull();
        expect(hub.output()).not.toMatch(/hub processes on one port/);
      } finally {
        // Its exit code is not this test's: on the embedded database a stop ends by the signal today (tests/api/start.test.ts).
        await hub.stop();
      }
    }, 240_000);
  });
}
