/**
 * The tiles' own HTTP path (served before Express for speed) answers as the
 * Express chain did: every status a tile request can get carries the same
 * headers (security headers, request id, CORS for allowed origins and its
 * preflight, the tiles' rate limit, caching, validators, type), the errors
 * keep their JSON shape, and requests are counted in /metrics and logged.
 * The header sets below were recorded from the Express chain before the
 * tile path replaced it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../server/src/http/security-headers.js';
import { capturedLog, startTestServer, token, type TestServer } from '../support/server.js';

const ORIGIN = 'http://portal.example';
/** A tile of the demo region with features, and one outside it. */
const TILE = '/tiles/counties/5/26/11.mvt';
const EMPTY = '/tiles/counties/8/0/0.mvt';
/** Hop-by-hop and per-connection headers, not the route's. */
const TRANSPORT = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding']);

const SECURITY = ['content-security-policy', 'cross-origin-opener-policy', 'referrer-policy', 'x-content-type-options', 'x-frame-options'];
const ALWAYS = [...SECURITY, 'x-request-id'];
const CORS = ['access-control-allow-origin', 'vary'];
const LIMIT = ['ratelimit', 'ratelimit-policy'];
const JSON_BODY = ['content-type', 'content-length', 'etag'];

function names(res: Response): string[] {
  const all: string[] = [];
  res.headers.forEach((_value, name) => all.push(name));
  return all.filter((h) => !TRANSPORT.has(h)).sort();
}
const sorted = (...groups: string[][]) => groups.flat().sort();

const { logger, lines } = capturedLog();

let hub: TestServer;
let closed: TestServer;
beforeAll(async () => {
  // CORS for one origin, a rate limit high enough not to refuse (tiles: ten times it), and a log to read.
  hub = await startTestServer({ corsOrigins: [ORIGIN], rateLimitPerMinute: 100 }, {}, logger);
  // No CORS, no rate limit: the headers of neither.
  closed = await startTestServer({ rateLimitPerMinute: 0 });
}, 120_000);
afterAll(async () => {
  await Promise.all([hub?.close(), closed?.close()]);
});

describe('tile responses carry the headers of the Express chain', () => {
  it('200, 304, HEAD and 204, from an allowed origin', async () => {
    const ok = await fetch(`${hub.url}${TILE}`, { headers: { origin: ORIGIN } });
    expect(ok.status).toBe(200);
    expect(names(ok)).toEqual(sorted(ALWAYS, CORS, LIMIT, ['cache-control', 'etag', 'content-type', 'content-length']));
    const body = new Uint8Array(await ok.arrayBuffer());
    expect(ok.headers.get('content-length')).toBe(String(body.byteLength));
    expect(ok.headers.get('content-type')).toBe('application/vnd.mapbox-vector-tile');
    expect(ok.headers.get('cache-control')).toBe('public, no-cache');
    expect(ok.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(ok.headers.get('vary')).toBe('Origin');
    expect(ok.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(ok.headers.get('ratelimit-policy')).toBe('1000;w=60');
    expect(ok.headers.get('ratelimit')).toMatch(/^limit=1000, remaining=\d+, reset=\d+$/);
    const etag = ok.headers.get('etag')!;

    const notModified = await fetch(`${hub.url}${TILE}`, { headers: { origin: ORIGIN, 'if-none-match': `W/${etag}, "other"` } });
    expect(notModified.status).toBe(304);
    expect(names(notModified)).toEqual(sorted(ALWAYS, CORS, LIMIT, ['cache-control', 'etag']));

    const head = await fetch(`${hub.url}${TILE}`, { method: 'HEAD', headers: { origin: ORIGIN } });
    expect(head.status).toBe(200);
    expect(names(head)).toEqual(names(ok));
    expect(head.headers.get('content-length')).toBe(String(body.byteLength));
    expect((await head.arrayBuffer()).byteLength).toBe(0);

    const empty = await fetch(`${hub.url}${EMPTY}`, { headers: { origin: ORIGIN } });
    expect(empty.status).toBe(204);
    expect(names(empty)).toEqual(sorted(ALWAYS, CORS, LIMIT, ['cache-control']));
  });

  it('the same without CORS or a rate limit configured, and with no Origin', async () => {
    const ok = await fetch(`${closed.url}${TILE}`, { headers: { origin: ORIGIN } });
    expect(ok.status).toBe(200);
    expect(names(ok)).toEqual(sorted(ALWAYS, ['cache-control', 'etag', 'content-type', 'content-length']));
    const plain = await fetch(`${hub.url}${TILE}`);
    expect(names(plain)).toEqual(sorted(ALWAYS, ['vary'], LIMIT, ['cache-control', 'etag', 'content-type', 'content-length']));
  });

  it('errors: 400 naming the part, 405 with Allow, in the JSON shape of the other guards', async () => {
    const bad = await fetch(`${hub.url}/tiles/roads/5/26/11.mvt`, { headers: { origin: ORIGIN } });
    expect(bad.status).toBe(400);
    expect(names(bad)).toEqual(sorted(ALWAYS, CORS, LIMIT, ['cache-control'], JSON_BODY));
    expect(bad.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(bad.headers.get('cache-control')).toBe('no-store');
    const text = await bad.text();
    expect(bad.headers.get('content-length')).toBe(String(Buffer.byteLength(text)));
    expect(bad.headers.get('etag')).toMatch(/^W\/"[0-9a-f]+-[\w+/]{27}"$/);
    expect(JSON.parse(text)).toEqual({ errors: [{ message: expect.stringContaining('layer'), extensions: { code: 'BAD_USER_INPUT', argument: 'layer' } }] });

    const post = await fetch(`${hub.url}${TILE}`, { method: 'POST', headers: { origin: ORIGIN } });
    expect(post.status).toBe(405);
    expect(names(post)).toEqual(sorted(ALWAYS, CORS, LIMIT, ['cache-control', 'allow'], JSON_BODY));
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    expect(((await post.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]!.extensions.code).toBe('BAD_USER_INPUT');

    // The mount point itself and an upper-case mount: Express matched /tiles without regard to case.
    for (const url of ['/tiles', '/tiles/', '/TILES/counties/5/26/11.mvt?year=1']) {
      const r = await fetch(`${hub.url}${url}`);
      const b = (await r.json()) as { errors: Array<{ extensions: { argument: string } }> };
      expect([url, r.status, b.errors[0]!.extensions.argument]).toEqual([url, 400, url.includes('year') ? 'year' : 'path']);
    }
  });

  it('401 with WWW-Authenticate on a private hub, and the tile with a token', async () => {
    const hidden = await startTestServer({ publicRead: false, rateLimitPerMinute: 0 });
    try {
      const anonymous = await fetch(`${hidden.url}${TILE}`);
      expect(anonymous.status).toBe(401);
      expect(names(anonymous)).toEqual(sorted(ALWAYS, ['cache-control', 'www-authenticate'], JSON_BODY));
      expect(anonymous.headers.get('www-authenticate')).toBe('Bearer');
      expect(((await anonymous.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]!.extensions.code).toBe('UNAUTHENTICATED');
      const forged = await fetch(`${hidden.url}${TILE}`, { headers: { authorization: 'Bearer not-a-token' } });
      expect([forged.status, forged.headers.get('www-authenticate')]).toEqual([401, 'Bearer']);
      const viewer = await fetch(`${hidden.url}${TILE}`, { headers: { authorization: `Bearer ${await token('viewer')}` } });
      expect([viewer.status, viewer.headers.get('cache-control')]).toEqual([200, 'private, no-cache']);
    } finally {
      await hidden.close();
    }
  });

  it('CORS preflight: answered for an allowed origin, and a plain 405 where CORS is closed', async () => {
    const preflight = await fetch(`${hub.url}${TILE}`, { method: 'OPTIONS', headers: { origin: ORIGIN, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' } });
    expect(preflight.status).toBe(204);
    expect(names(preflight)).toEqual(sorted(ALWAYS, CORS, ['access-control-allow-headers', 'access-control-allow-methods', 'access-control-max-age', 'content-length']));
    expect(preflight.headers.get('access-control-allow-methods')).toBe('GET,POST');
    const other = await fetch(`${hub.url}${TILE}`, { method: 'OPTIONS', headers: { origin: 'http://elsewhere.example', 'access-control-request-method': 'GET' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const closedPreflight = await fetch(`${closed.url}${TILE}`, { method: 'OPTIONS', headers: { origin: ORIGIN, 'access-control-request-method': 'GET' } });
    expect(closedPreflight.status).toBe(405);
  });

  it('429 beyond the tiles\' budget, with Retry-After and the rate-limit headers', async () => {
    const limited = await startTestServer({ rateLimitPerMinute: 1 });
    try {
      for (let i = 0; i < 10; i++) expect((await fetch(`${limited.url}${EMPTY}`)).status).toBe(204);
      const refused = await fetch(`${limited.url}${EMPTY}`);
      expect(refused.status).toBe(429);
      expect(names(refused)).toEqual(sorted(ALWAYS, LIMIT, ['retry-after'], JSON_BODY));
      expect(refused.headers.get('retry-after')).toBe('60');
      expect(refused.headers.get('ratelimit')).toMatch(/^limit=10, remaining=0, reset=\d+$/);
      const body = (await refused.json()) as { errors: Array<{ message: string; extensions: { code: string } }> };
      expect(body.errors[0]!.extensions.code).toBe('LIMIT_EXCEEDED');
      expect(body.errors[0]!.message).toContain('at most 10 a minute');
      // GraphQL keeps its own budget.
      expect((await limited.graphql(`{ prefecture { code } }`)).errors).toBeUndefined();
    } finally {
      await limited.close();
    }
  });
});

describe('tile requests are observed', () => {
  it('echo a sane X-Request-Id, give others a new one, and log one line each with its id, path and status', async () => {
    const mine = await fetch(`${hub.url}${TILE}?year=2019`, { headers: { 'x-request-id': 'tile-req-1' } });
    expect(mine.headers.get('x-request-id')).toBe('tile-req-1');
    const fresh = await fetch(`${hub.url}${TILE}`, { headers: { 'x-request-id': 'not a sane id' } });
    const id = fresh.headers.get('x-request-id')!;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const entries = () => lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    await expect.poll(() => entries().find((e) => e.reqId === 'tile-req-1')).toMatchObject({ msg: 'request', method: 'GET', path: '/tiles/counties/5/26/11.mvt', status: 200 });
    await expect.poll(() => entries().find((e) => e.reqId === id)).toMatchObject({ path: TILE, status: 200 });
    expect(typeof entries().find((e) => e.reqId === id)!.durationMs).toBe('number');
  });

  it('count in the HTTP metrics by status, under the /tiles route', async () => {
    await fetch(`${hub.url}/tiles/roads/5/26/11.mvt`);
    const text = await (await fetch(`${hub.url}/metrics`)).text();
    expect(text).toMatch(/lingyan_http_request_duration_seconds_count\{method="GET",route="\/tiles",status="200"\} [1-9]/);
    expect(text).toMatch(/lingyan_http_request_duration_seconds_count\{method="GET",route="\/tiles",status="400"\} [1-9]/);
    expect(text).toMatch(/lingyan_http_request_duration_seconds_count\{method="OPTIONS",route="\/tiles",status="204"\} [1-9]/);
  });
});
