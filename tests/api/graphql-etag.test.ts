/**
 * GraphQL's POST answers carry no ETag (server/src/http/post-answers.ts): a
 * POST is never answered 304, so hashing its body is work for nothing. What
 * a GET can revalidate keeps Express's ETag and its 304: queries sent as GET
 * and the hub's other routes. The POST path still behaves as before: the
 * same headers otherwise, errors in the same shape, the rate limit counted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ rateLimitPerMinute: 1000 });
}, 120_000);
afterAll(async () => {
  await server?.close();
});

/**
 * Headers of a revalidation as a browser sends it. fetch adds `Cache-Control:
 * no-cache` to a request with If-None-Match unless one is given, and Express
 * never answers 304 to no-cache.
 */
const revalidate = (etag: string) => ({ 'if-none-match': etag, 'cache-control': 'max-age=0' });

const post = (body: unknown) => fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('ETags', () => {
  it('are not computed for POST answers, whether data or errors', async () => {
    const ok = await post({ query: '{ prefecture { code name } }' });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('etag')).toBeNull();
    expect(ok.headers.get('x-powered-by')).toBeNull();
    expect(ok.headers.get('content-type')).toMatch(/^application\/(graphql-response\+)?json/);
    expect(ok.headers.get('ratelimit-policy')).toBe('1000;w=60');
    const text = await ok.text();
    expect(ok.headers.get('content-length')).toBe(String(Buffer.byteLength(text)));
    expect((JSON.parse(text) as { data: { prefecture: { code: string } } }).data.prefecture.code).toMatch(/^\d{12}$/);

    const bad = await post({ query: '{ prefecture { nothingHere } }' });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('etag')).toBeNull();
    expect(((await bad.json()) as { errors: Array<{ message: string; extensions: { code: string } }> }).errors[0]).toMatchObject({ message: expect.stringContaining('nothingHere'), extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('are kept for a query sent as GET, which If-None-Match answers 304', async () => {
    const url = `${server.url}/graphql?query=${encodeURIComponent('{ prefecture { code } }')}`;
    const first = await fetch(url, { headers: { 'apollo-require-preflight': 'true' } });
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^W\/"[0-9a-f]+-[\w+/]{27}"$/);
    const again = await fetch(url, { headers: { 'apollo-require-preflight': 'true', ...revalidate(etag!) } });
    expect(again.status).toBe(304);
    expect(again.headers.get('x-powered-by')).toBeNull();
  });

  it('are kept on the hub\'s other routes', async () => {
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    const etag = health.headers.get('etag');
    expect(etag).toMatch(/^W\//);
    expect((await fetch(`${server.url}/healthz`, { headers: revalidate(etag!) })).status).toBe(304);
  });
});
