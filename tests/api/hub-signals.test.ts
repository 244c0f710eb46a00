/**
 * SIGTERM ends the hub cleanly: exit code 0, the embedded database closed
 * and DATA_DIR let go, whether the hub is serving or still starting.
 *
 * Started with NODE_ENV=production, as a served hub is: Apollo Server then
 * adds signal handlers of its own (not under NODE_ENV=test), which stopped
 * Apollo alone and raised the signal again, ending the hub by the default
 * action (exit 143) with its database still open (main.ts removes them).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runHub } from '../support/process.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lingyan-signals-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

const hubEnv = (dataDir: string) => ({ DATABASE_URL: undefined, HUB_PROCESSES: undefined, DATA_DIR: dataDir, PORT: '0', NODE_ENV: 'production' });

/** Resolves once the hub's output matches `pattern`; rejects if it exits first. */
function outputMatches(hub: ReturnType<typeof runHub>, pattern: RegExp): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (!pattern.test(hub.output())) return;
      hub.child.stdout!.off('data', check);
      hub.child.stderr!.off('data', check);
      resolve();
    };
    hub.child.stdout!.on('data', check);
    hub.child.stderr!.on('data', check);
    void hub.exited.then((code) => reject(new Error(`hub exited with ${code} before ${pattern}:\n${hub.output()}`)));
    check();
  });
}

async function counties(url: string): Promise<number> {
  const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ counties { code } }' }) });
  return ((await res.json()) as { data: { counties: unknown[] } }).data.counties.length;
}

describe('SIGTERM', () => {
  it('stops a serving hub with exit code 0 and lets go of DATA_DIR', async () => {
    const dataDir = tempDir();
    const hub = runHub(hubEnv(dataDir));
    try {
      await hub.ready;
      await outputMatches(hub, /warmed up/);
    } finally {
      expect(await hub.stop('SIGTERM'), hub.output()).toBe(0);
    }
    expect(hub.output()).toMatch(/SIGTERM received, stopping/);
    expect(fs.existsSync(path.join(dataDir, 'lingyan.lock'))).toBe(false);
  }, 300_000);

  it('during the start-up work, exits 0 and the next start finds a whole demo region', async () => {
    const dataDir = tempDir();
    const first = runHub(hubEnv(dataDir));
    // The database is up and the migrations run: the start-up work is under way.
    await outputMatches(first, /Applied 'Migration/);
    expect(await first.stop('SIGTERM'), first.output()).toBe(0);
    expect(first.output()).not.toMatch(/serving at/);
    expect(fs.existsSync(path.join(dataDir, 'lingyan.lock'))).toBe(false);

    // What the stop cut short was rolled back, not left half-done: the demo region is loaded whole.
    const second = runHub(hubEnv(dataDir));
    try {
      const url = await second.ready;
      expect(second.output()).toContain('loaded the demo region');
      expect(await counties(url)).toBeGreaterThanOrEqual(9);
    } finally {
      expect(await second.stop('SIGTERM'), second.output()).toBe(0);
    }
  }, 300_000);
});
