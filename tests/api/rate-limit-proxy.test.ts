/**
 * Rate limits that work behind a proxy (issue 25, item 5): X-Forwarded-For
 * only with TRUST_PROXY, a bucket per token subject apart from the
 * address's, cost-weighted units, and a cheap, limited /readyz.
 */
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { loadConfig } from '../../server/src/config/config.js';
import { COST_PER_UNIT } from '../../server/src/graphql/limits.js';
import { READY_REFRESH_MS } from '../../server/src/http/health.js';
import { TILE_RATE_FACTOR } from '../../server/src/http/app.js';
import { mintToken } from '../../server/src/auth/tokens.js';
import { TEST_SECRET, startTestServer, token, type TestServer } from '../support/server.js';

const started: TestServer[] = [];
async function server(...args: Parameters<typeof startTestServer>): Promise<TestServer> {
  const s = await startTestServer(...args);
  started.push(s);
  return s;
}
afterAll(async () => {
  await Promise.all(started.map((s) => s.close()));
});

const CHEAP = JSON.stringify({ query: '{ prefecture { code } }' });

async function post(s: TestServer, headers: Record<string, string> = {}, body = CHEAP) {
  const res = await fetch(`${s.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  return { status: res.status, remaining: Number(/remaining=(\d+)/.exec(res.headers.get('ratelimit') ?? '')?.[1]), retryAfter: res.headers.get('retry-after'), body: (await res.json()) as { errors?: Array<{ message: string; extensions: Record<string, unknown> }> } };
}

async function statuses(s: TestServer, n: number, headers: Record<string, string> = {}): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push((await post(s, headers)).status);
  return out;
}

describe('TRUST_PROXY', () => {
  it('is off by default: X-Forwarded-For is ignored, every request counts for the connection', async () => {
    const s = await server({ rateLimitPerMinute: 3 });
    const seen = [];
    for (const client of ['203.0.113.1', '203.0.113.2', '203.0.113.3', '203.0.113.4']) seen.push((await post(s, { 'x-forwarded-for': client })).status);
    expect(seen).toEqual([200, 200, 200, 429]);
  });

  it('with the proxy trusted, names the client from X-Forwarded-For: one bucket per client, the spoofed part ignored', async () => {
    const s = await server({ rateLimitPerMinute: 3, trustProxy: ['loopback'] });
    expect(await statuses(s, 4, { 'x-forwarded-for': '203.0.113.1' })).toEqual([200, 200, 200, 429]);
    expect(await statuses(s, 1, { 'x-forwarded-for': '203.0.113.2' })).toEqual([200]);
    // A client that writes its own X-Forwarded-For is named by the address the trusted proxy appended (the last one).
    expect(await statuses(s, 1, { 'x-forwarded-for': '198.51.100.7, 203.0.113.1' })).toEqual([429]);
    // The proxy itself (no header) is a client of its own.
    expect(await statuses(s, 1)).toEqual([200]);
  });

  it('counts hops: with one, the last address is the client whoever sent the rest', async () => {
    const s = await server({ rateLimitPerMinute: 2, trustProxy: 1 });
    expect(await statuses(s, 3, { 'x-forwarded-for': '10.9.9.9, 203.0.113.5' })).toEqual([200, 200, 429]);
    expect(await statuses(s, 1, { 'x-forwarded-for': '10.9.9.8, 203.0.113.6' })).toEqual([200]);
  });

  it('is read from the environment: hops or addresses, never "trust everyone"', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'off' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.5, 10.1.0.0/16,loopback,::1' }).trustProxy).toEqual(['10.0.0.5', '10.1.0.0/16', 'loopback', '::1']);
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY: "true" is not an address/);
    expect(() => loadConfig({ TRUST_PROXY: '10.0.0.0/33' })).toThrow(/TRUST_PROXY/);
    expect(() => loadConfig({ TRUST_PROXY: '99' })).toThrow(/from 1 to 10/);
  });
});

describe('buckets per token', () => {
  it('gives each token subject a bucket of its own, apart from anonymous requests from the same address', async () => {
    const s = await server({ rateLimitPerMinute: 3 });
    const alice = { authorization: `Bearer ${await token('viewer', [], 1, 'alice')}` };
    const bob = { authorization: `Bearer ${await token('viewer', [], 1, 'bob')}` };
    expect(await statuses(s, 4, alice)).toEqual([200, 200, 200, 429]);
    expect(await statuses(s, 3, bob)).toEqual([200, 200, 200]);
    expect(await statuses(s, 3)).toEqual([200, 200, 200]);
    expect(await statuses(s, 1)).toEqual([429]);
    // A token that does not verify counts for its address (now spent), and is refused as before when it runs.
    expect(await statuses(s, 1, { authorization: 'Bearer not.a.token' })).toEqual([429]);
  });

  it('gives tiles the same buckets: a token\'s tiles do not spend its address\'s', async () => {
    const s = await server({ rateLimitPerMinute: 1 });
    const tile = async (headers: Record<string, string> = {}) => (await fetch(`${s.url}/tiles/counties/6/51/24.mvt`, { headers })).status;
    const alice = { authorization: `Bearer ${await token('viewer', [], 1, 'alice')}` };
    const anonymous: number[] = [];
    for (let i = 0; i < TILE_RATE_FACTOR + 1; i++) anonymous.push(await tile());
    expect(anonymous.slice(0, TILE_RATE_FACTOR).every((status) => status !== 429)).toBe(true);
    expect(anonymous.at(-1)).toBe(429);
    expect(await tile(alice)).not.toBe(429);
  });

  it('keeps embed tokens on their address: every visitor of an embedding page carries the same one', async () => {
    const s = await server({ rateLimitPerMinute: 3 });
    const embed = { authorization: `Bearer ${await mintToken(new TextEncoder().encode(TEST_SECRET), { subject: 'embed-page', role: 'viewer', days: 1, embed: true })}` };
    expect(await statuses(s, 2)).toEqual([200, 200]);
    // The address's third unit, then nothing left for the page's visitors from that address.
    expect(await statuses(s, 2, embed)).toEqual([200, 429]);
  });
});

describe('cost-weighted units', () => {
  it('takes one unit for a cheap request and one more per COST_PER_UNIT points for a costly one, refusing it past the budget', async () => {
    const s = await server({ rateLimitPerMinute: 20 });
    const cheap = await post(s);
    expect(cheap.status).toBe(200);
    expect(cheap.remaining).toBe(19);
    // Every county's boundary, ten times over: 10 × 11 × ~400 vertices ≈ 44,000 points, 1 + 8 units.
    expect(COST_PER_UNIT).toBe(5000);
    const costly = JSON.stringify({ query: `{ ${Array.from({ length: 10 }, (_, i) => `b${i}: counties { boundary }`).join(' ')} }` });
    const once = await post(s, {}, costly);
    expect(once.status).toBe(200);
    const units = 19 - once.remaining;
    expect(units).toBe(9);
    const twice = await post(s, {}, costly);
    expect(twice.status).toBe(200);
    expect(twice.remaining).toBe(19 - 2 * units);
    // Fewer units left than the query takes: refused, while a cheap request still fits.
    const refused = await post(s, {}, costly);
    expect(refused.status).toBe(429);
    expect(Number(refused.retryAfter)).toBeGreaterThan(0);
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', limit: 'RATE_LIMIT_PER_MINUTE', units });
    expect(refused.body.errors?.[0]?.message).toMatch(/this query takes 9 units/);
    expect(refused.remaining).toBe(0);
  });
});

describe('live-update sockets', () => {
  /** A WebSocket upgrade from `client` (as a proxy would forward it): 'open', or the HTTP status it was refused with. */
  function upgrade(s: TestServer, client: string): Promise<{ status: number | 'open'; socket?: WebSocket }> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(`${s.url.replace('http', 'ws')}/graphql`, 'graphql-transport-ws', { headers: { 'x-forwarded-for': client } });
      socket.once('open', () => resolve({ status: 'open', socket }));
      socket.once('unexpected-response', (_req, res) => resolve({ status: res.statusCode ?? 0 }));
      socket.once('error', (e) => {
        if (!/Unexpected server response/.test(String(e))) reject(e);
      });
    });
  }

  it('are counted per client as the rate limit names it: the forwarded address only with TRUST_PROXY', async () => {
    const plain = await server({ liveConnectionsPerClient: 1 });
    const proxied = await server({ liveConnectionsPerClient: 1, trustProxy: ['loopback'] });
    const opened: WebSocket[] = [];
    try {
      const a = await upgrade(plain, '203.0.113.1');
      const b = await upgrade(plain, '203.0.113.2');
      expect([a.status, b.status]).toEqual(['open', 429]);
      const c = await upgrade(proxied, '203.0.113.1');
      const d = await upgrade(proxied, '203.0.113.2');
      const e = await upgrade(proxied, '203.0.113.1');
      expect([c.status, d.status, e.status]).toEqual(['open', 'open', 429]);
      opened.push(...[a, b, c, d, e].flatMap((x) => (x.socket ? [x.socket] : [])));
    } finally {
      for (const socket of opened) socket.close();
    }
  });
});

describe('/readyz', () => {
  it('answers from its last check: a burst of calls asks the database at most once per READY_REFRESH_MS', async () => {
    const statements: string[] = [];
    const s = await server({}, { onQuery: (sql) => statements.push(sql) });
    statements.length = 0;
    const started = Date.now();
    const answers = await Promise.all(Array.from({ length: 20 }, () => fetch(`${s.url}/readyz`).then((r) => r.status)));
    for (let i = 0; i < 20; i++) answers.push((await fetch(`${s.url}/readyz`)).status);
    const elapsed = Date.now() - started;
    expect(answers.every((status) => status === 200)).toBe(true);
    const checks = statements.filter((sql) => /^select 1\b/i.test(sql.trim())).length;
    expect(checks).toBeGreaterThanOrEqual(1);
    expect(checks).toBeLessThanOrEqual(1 + Math.floor(elapsed / READY_REFRESH_MS));
  });

  it('has a rate limit of its own, apart from the API\'s', async () => {
    const s = await server({ rateLimitPerMinute: 3 });
    expect(await statuses(s, 4)).toEqual([200, 200, 200, 429]);
    const ready = [];
    for (let i = 0; i < 4; i++) ready.push((await fetch(`${s.url}/readyz`)).status);
    expect(ready).toEqual([200, 200, 200, 429]);
  });
});
