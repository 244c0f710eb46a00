/**
 * The embedded database never blocks the hub (issue 25): PGlite runs in a
 * worker thread, so while a statement runs there /healthz keeps answering;
 * and a statement past STATEMENT_TIMEOUT_MS, which PGlite cannot cancel, is
 * answered LIMIT_EXCEEDED and ended by restarting the worker on the same
 * directory, keeping what was committed.
 *
 * The attack is the one found: a MultiPolygon of 12,000 near-identical
 * squares, which PGlite took 21–47 s to validate on the hub's own thread.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/src/config/config.js';
import { bootstrap, type App } from '../../server/src/http/app.js';
import { quietLogger, TEST_SECRET } from '../support/server.js';

// Long enough that ordinary statements on a busy machine finish; the attack takes 20 s and more.
const TIMEOUT_MS = 5000;

/**
 * 12,000 unit squares, each shifted 0.00001° east of the one before: every
 * edge crosses thousands of others, and the validity check meets them all
 * (quadratic: 2,000 squares take ~2 s in PGlite, 4,000 ~7 s). 0.9 MB, under
 * the 1 MiB body limit.
 */
function squares(n: number): object {
  const polygons = Array.from({ length: n }, (_, i) => {
    const [x0, x1] = [116 + i / 100_000, 117 + i / 100_000];
    return [[[x0, 43], [x1, 43], [x1, 44], [x0, 44], [x0, 43]]];
  });
  return { type: 'MultiPolygon', coordinates: polygons };
}

async function timed(url: string): Promise<{ ms: number; status: number }> {
  const began = performance.now();
  const res = await fetch(url);
  await res.arrayBuffer();
  return { ms: performance.now() - began, status: res.status };
}

let app: App;
let dataDir: string;
const events: string[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'lingyan-embedded-timeout-'));
  const logger = { ...quietLogger, info: (m: string) => events.push(m) };
  app = await bootstrap(
    { ...loadConfig({}), databaseUrl: null, dataDir, port: 0, seedDemo: false, authSecret: TEST_SECRET, responseCacheMb: 0, warmUp: false, rateLimitPerMinute: 0, statementTimeoutMs: TIMEOUT_MS },
    logger,
  );
  const client = new pg.Client({ connectionString: app.db.url });
  await client.connect();
  await client.query('create table canary (x int); insert into canary values (42)');
  await client.end();
}, 180_000);

afterAll(async () => {
  await app?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('the embedded database in its own thread', () => {
  it('answers /healthz while the statement runs, LIMIT_EXCEEDED at the timeout, and serves again with what was committed', async () => {
    const began = performance.now();
    const answer = fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'query ($g: GeoJSON!) { villages(filter: { spatial: { intersects: $g } }) { totalCount } }', variables: { g: squares(12_000) } }),
    }).then(async (res) => ({ status: res.status, body: (await res.json()) as { errors?: Array<{ extensions?: { code?: string } }> }, ms: performance.now() - began }));
    let done = false;
    void answer.finally(() => (done = true));
    const health: Array<{ ms: number; status: number }> = [];
    while (!done) {
      health.push(await timed(`${app.url}/healthz`));
      await new Promise((r) => setTimeout(r, 50));
    }
    const { status, body, ms } = await answer;
    const sorted = health.map((h) => h.ms).sort((a, b) => a - b);
    console.info(`embedded timeout: answered in ${Math.round(ms)} ms; /healthz ${health.length} times meanwhile, median ${sorted[sorted.length >> 1]?.toFixed(1)} ms, worst ${sorted.at(-1)?.toFixed(1)} ms`);
    expect(body.errors?.[0], JSON.stringify(body).slice(0, 400)).toBeDefined();
    expect(body.errors?.[0]?.extensions?.code, JSON.stringify(body).slice(0, 600)).toBe('LIMIT_EXCEEDED');
    expect(status).toBeLessThan(500);
    expect(ms).toBeLessThan(TIMEOUT_MS + 10_000);
    expect(health.length, JSON.stringify(body).slice(0, 400)).toBeGreaterThan(3);
    expect(health.every((h) => h.status === 200)).toBe(true);
    expect(sorted[sorted.length >> 1]).toBeLessThan(100);
    expect(sorted.at(-1)).toBeLessThan(1000);

    // Serving again: the worker was ended and started on the same directory and port.
    let data: unknown = null;
    for (let waited = 0; data === null; waited += 200) {
      if (waited > 120_000) throw new Error(`the hub did not serve again within 120 s; events: ${events.join(' | ')}`);
      const res = await fetch(`${app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ counties { code } }' }) });
      const json = (await res.json()) as { data?: unknown; errors?: unknown };
      if (!json.errors) data = json.data;
      else await new Promise((r) => setTimeout(r, 200));
    }
    expect(data).toEqual({ counties: [] });
    expect(events.some((e) => /longer than STATEMENT_TIMEOUT_MS/.test(e))).toBe(true);
    expect(events.some((e) => /serving again/.test(e))).toBe(true);
    const client = new pg.Client({ connectionString: app.db.url });
    await client.connect();
    try {
      expect((await client.query('select x from canary')).rows).toEqual([{ x: 42 }]);
    } finally {
      await client.end();
    }
  }, 240_000);
});
