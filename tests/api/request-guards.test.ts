/**
 * Guards in front of the API: the per-client rate limit (429, Retry-After,
 * an error code), bodies that are too large or not JSON (a code, never an
 * HTML page or a stack trace), introspection off when configured, and CORS
 * closed unless an origin is configured.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';

const started: TestServer[] = [];
async function server(overrides: Parameters<typeof startTestServer>[0] = {}): Promise<TestServer> {
  const s = await startTestServer(overrides);
  started.push(s);
  return s;
}
afterAll(async () => {
  await Promise.all(started.map((s) => s.close()));
});

function post(s: TestServer, body: string, headers: Record<string, string> = {}) {
  return fetch(`${s.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
}

describe('rate limit', () => {
  it('answers 429 with Retry-After and LIMIT_EXCEEDED once a client passes its budget, and not before', async () => {
    const s = await server({ rateLimitPerMinute: 5 });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await post(s, JSON.stringify({ query: '{ counties { code } }' }))).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    const refused = await post(s, JSON.stringify({ query: '{ counties { code } }' }));
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    const body = (await refused.json()) as { errors: Array<{ message: string; extensions: { code: string } }> };
    expect(body.errors[0]!.extensions.code).toBe('LIMIT_EXCEEDED');
    expect(body.errors[0]!.message).toContain('at most 5 a minute');
    // Health checks are not limited: a load balancer must still see the replica.
    expect((await fetch(`${s.url}/readyz`)).status).toBe(200);
  });
});

describe('request bodies', () => {
  it('refuses a body over 1 MB with 413 and LIMIT_EXCEEDED, and broken JSON with 400 and BAD_USER_INPUT', async () => {
    const s = await server();
    const big = await post(s, JSON.stringify({ query: `{ counties { code } } # ${'x'.repeat(1_100_000)}` }));
    expect(big.status).toBe(413);
    expect(((await big.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]!.extensions.code).toBe('LIMIT_EXCEEDED');
    const broken = await post(s, '{"query": "{ counties { code } }"');
    expect(broken.status).toBe(400);
    const text = await broken.text();
    expect(JSON.parse(text).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(text).not.toMatch(/at .*\.js|<html|SyntaxError/);
  });
});

describe('introspection and CORS', () => {
  const INTROSPECT = JSON.stringify({ query: '{ __schema { queryType { name } } }' });

  it('answers introspection by default and refuses it when INTROSPECTION is off', async () => {
    const open = await server();
    expect(((await (await post(open, INTROSPECT)).json()) as { data: { __schema: { queryType: { name: string } } } }).data.__schema.queryType.name).toBe('Query');
    const closed = await server({ introspection: false });
    const body = (await (await post(closed, INTROSPECT)).json()) as { errors: Array<{ message: string; extensions: { code: string } }> };
    expect(body.errors[0]!.extensions.code).toBe('BAD_USER_INPUT');
    expect(body.errors[0]!.message).toContain('introspection');
  });

  it('sends no CORS headers unless the origin is configured, and allows exactly the configured one', async () => {
    const closed = await server();
    const denied = await fetch(`${closed.url}/graphql`, { method: 'OPTIONS', headers: { origin: 'http://portal.example', 'access-control-request-method': 'POST' } });
    expect(denied.headers.get('access-control-allow-origin')).toBeNull();
    const open = await server({ corsOrigins: ['http://portal.example'] });
    const allowed = await fetch(`${open.url}/graphql`, { method: 'OPTIONS', headers: { origin: 'http://portal.example', 'access-control-request-method': 'POST' } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://portal.example');
    const other = await fetch(`${open.url}/graphql`, { method: 'OPTIONS', headers: { origin: 'http://elsewhere.example', 'access-control-request-method': 'POST' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});
