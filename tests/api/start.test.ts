/**
 * `pnpm start` as a process: embedded database in a fresh DATA_DIR, demo
 * region loaded once, data kept across a restart; and bad configuration
 * answered with one clear line and a non-zero exit, never a bare stack trace.
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { afterAll, describe, expect, it } from 'vitest';
import { databaseUrl } from '../support/db.js';
import { REPO, runHub } from '../support/process.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lingyan-start-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

async function countCounties(url: string): Promise<number> {
  const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ counties { code } }' }) });
  const body = await res.json();
  return body.data.counties.length;
}

function expectCleanFailure(output: string, message: RegExp): void {
  expect(output).toMatch(message);
  expect(output).toMatch(/^Lingyan cannot start: /m);
  // One clear line, not a stack trace.
  expect(output).not.toMatch(/^\s+at /m);
}

/** The processes of a process group: pid and command line (Linux /proc). */
function processGroup(pgid: number): Array<{ pid: number; cmdline: string[] }> {
  const found: Array<{ pid: number; cmdline: string[] }> = [];
  for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]) !== pgid) continue;
      found.push({ pid: Number(pid), cmdline: fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean) });
    } catch {
      // ended meanwhile
    }
  }
  return found;
}

describe('pnpm start runs the build', () => {
  it('is one node process on server/dist, with no TypeScript loader, and serves the demo region from data/dist', async () => {
    const start = JSON.parse(fs.readFileSync(path.join(REPO, 'server/package.json'), 'utf8')).scripts.start;
    expect(start).toBe('node --max-old-space-size=1024 --conditions=lingyan-dist dist/main.js');
    const hub = runHub({ DATABASE_URL: undefined, DATA_DIR: tempDir(), PORT: '0' });
    try {
      expect(fs.existsSync(path.join(REPO, 'server/dist/main.js'))).toBe(true);
      expect(fs.existsSync(path.join(REPO, 'data/dist/index.js'))).toBe(true);
      const url = await hub.ready;
      const group = processGroup(hub.child.pid!);
      expect(group.map((p) => p.pid)).toEqual([hub.child.pid]);
      const cmdline = group[0]!.cmdline.join(' ');
      expect(cmdline).toMatch(/--max-old-space-size=1024 --conditions=lingyan-dist dist\/main\.js$/);
      expect(cmdline).not.toMatch(/tsx|--import|--require|--loader/);
      // The demo region was read by the compiled data package (its paths found from data/dist).
      expect(hub.output()).toContain('loaded the demo region');
      expect(await countCounties(url)).toBeGreaterThanOrEqual(9);
      expect((await fetch(`${url}/tiles/counties/0/0/0.mvt`)).status).toBe(200);
    } finally {
      expect(await hub.stop()).toBe(0);
    }
  }, 240_000);
});

describe('pnpm start (embedded)', () => {
  it('boots an empty DATA_DIR, loads the demo region once, and finds it again after a restart', async () => {
    const dataDir = tempDir();
    const env = { DATABASE_URL: undefined, DATA_DIR: dataDir, PORT: '0' };
    const first = runHub(env);
    const url = await first.ready;
    const health = await (await fetch(`${url}/healthz`)).json();
    expect(health).toMatchObject({ status: 'ok', database: 'embedded' });
    const counties = await countCounties(url);
    expect(counties).toBeGreaterThanOrEqual(9);
    expect(first.output()).toContain('loaded the demo region');
    expect(await first.stop()).toBe(0);
    expect(fs.existsSync(path.join(dataDir, 'lingyan.lock'))).toBe(false);

    const second = runHub(env);
    const url2 = await second.ready;
    expect(await countCounties(url2)).toBe(counties);
    expect(second.output()).not.toContain('loaded the demo region');
    expect(await second.stop()).toBe(0);
  }, 240_000);
});

describe('bad configuration', () => {
  it('names an unreachable DATABASE_URL', async () => {
    const hub = runHub({ DATABASE_URL: 'postgres://lingyan:secret@127.0.0.1:1/nowhere', PORT: '0' });
    expect(await hub.exited).toBe(1);
    expectCleanFailure(hub.output(), /cannot connect to the database at 127\.0\.0\.1:1\/nowhere \(connection refused\)/);
    expect(hub.output()).not.toContain('secret');
  });

  it('refuses a DATABASE_URL that is not a postgres URL', async () => {
    const hub = runHub({ DATABASE_URL: 'mysql://x@localhost/db', PORT: '0' });
    expect(await hub.exited).toBe(1);
    expectCleanFailure(hub.output(), /DATABASE_URL must start with postgres:\/\//);
  });

  it('names a database without PostGIS', async () => {
    const db = await PGlite.create();
    const socket = new PGLiteSocketServer({ db, port: 0, maxConnections: 4 });
    await socket.start();
    try {
      const hub = runHub({ DATABASE_URL: `postgres://postgres@${socket.getServerConn()}/postgres`, PORT: '0' });
      expect(await hub.exited).toBe(1);
      expectCleanFailure(hub.output(), /has no PostGIS; install PostGIS 3/);
    } finally {
      await socket.stop();
      await db.close();
    }
  });

  it('names a database with PostGIS but without btree_gist (the nearest-in-scope index needs it)', async () => {
    const db = await PGlite.create({ extensions: { postgis } });
    const socket = new PGLiteSocketServer({ db, port: 0, maxConnections: 4 });
    await socket.start();
    try {
      const hub = runHub({ DATABASE_URL: `postgres://postgres@${socket.getServerConn()}/postgres`, PORT: '0' });
      expect(await hub.exited).toBe(1);
      expectCleanFailure(hub.output(), /has no btree_gist extension; install PostgreSQL's contrib modules/);
    } finally {
      await socket.stop();
      await db.close();
    }
  });

  it('names a busy port', async () => {
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const hub = runHub({ DATABASE_URL: databaseUrl(), PORT: String(port), SEED_DEMO: 'false' });
      expect(await hub.exited).toBe(1);
      expectCleanFailure(hub.output(), new RegExp(`port ${port} on 127\\.0\\.0\\.1 is already in use`));
    } finally {
      blocker.close();
    }
  });

  it('names an unwritable DATA_DIR', async () => {
    const file = path.join(tempDir(), 'a-file');
    fs.writeFileSync(file, 'x');
    const hub = runHub({ DATABASE_URL: undefined, DATA_DIR: path.join(file, 'data'), PORT: '0' });
    expect(await hub.exited).toBe(1);
    expectCleanFailure(hub.output(), /DATA_DIR ".*a-file\/data" is not a writable directory/);
  });

  it('refuses an answer cache larger than half the heap', async () => {
    const hub = runHub({ RESPONSE_CACHE_MB: '600', PORT: '0' });
    expect(await hub.exited).toBe(1);
    expectCleanFailure(hub.output(), /RESPONSE_CACHE_MB=600 does not fit the server's JavaScript heap of 10\d\d MB/);
  });

  it('refuses a malformed PORT', async () => {
    const hub = runHub({ PORT: 'eighty' });
    expect(await hub.exited).toBe(1);
    expectCleanFailure(hub.output(), /PORT must be an integer from 0 to 65535, got "eighty"/);
  });
});
