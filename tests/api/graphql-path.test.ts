/**
 * GraphQL POSTs have their own HTTP path (served before Express for speed,
 * server/src/http/graphql-path.ts) and answer as the Express chain did:
 * every status a POST to /graphql can get carries the same headers (security
 * headers, request id, CORS for allowed origins, the rate limit, type and
 * length, no ETag on GraphQL's own answers, a weak ETag on the body
 * reader's errors) and the same body; the request is logged and counted.
 * The statuses, header sets and bodies below were recorded from the Express
 * chain before the GraphQL path replaced it. What stays with Express (GET,
 * preflights, other methods, odd forms of the path) is checked to answer as
 * before too.
 */
import http from 'node:http';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../server/src/http/security-headers.js';
import { hubBehindRelay } from '../support/relay.js';
import { capturedLog, startTestServer, token, type TestServer } from '../support/server.js';

const ORIGIN = 'http://portal.example';
/** Hop-by-hop and per-connection headers, not the route's. */
const TRANSPORT = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding']);

const SECURITY = ['content-security-policy', 'cross-origin-opener-policy', 'referrer-policy', 'x-content-type-options', 'x-frame-options'];
const ALWAYS = [...SECURITY, 'x-request-id'];
const LIMIT = ['ratelimit', 'ratelimit-policy'];
/** GraphQL's own answers: type and length, no ETag. */
const ANSWER = ['content-type', 'content-length'];
/** The body reader's and the budget's errors, as Express's res.json sent them. */
const JSON_ERROR = ['content-type', 'content-length', 'etag'];
const JSON_TYPE = 'application/json; charset=utf-8';
const WEAK_ETAG = /^W\/"[0-9a-f]+-[\w+/]{27}"$/;

const sorted = (...groups: string[][]) => groups.flat().sort();

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  names: string[];
  body: string;
}

/** A request as sent on the wire (no client adds headers of its own); `path` may be the absolute form a proxy sends. */
function send(base: string, o: { method?: string; path?: string; headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<Answer> {
  const u = new URL(base);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: u.hostname, port: u.port, method: o.method ?? 'POST', path: o.path ?? '/graphql', headers: o.headers ?? {}, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const names = Object.keys(res.headers).filter((h) => !TRANSPORT.has(h)).sort();
        resolve({ status: res.statusCode!, headers: res.headers, names, body: Buffer.concat(chunks).toString('utf8') });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(o.body);
  });
}

const JSON_HEADERS = { 'content-type': 'application/json' };
const TYPENAME = JSON.stringify({ query: '{ __typename }' });
const TYPENAME_ANSWER = { data: { __typename: 'Query' } };
const CSRF_MESSAGE =
  "This operation has been blocked as a potential Cross-Site Request Forgery (CSRF). Please either specify a 'content-type' header (with a type that is not one of application/x-www-form-urlencoded, multipart/form-data, text/plain) or provide a non-empty value for one of the following headers: x-apollo-operation-name, apollo-require-preflight\n";

function errorOf(a: Answer): { message: string; extensions?: Record<string, unknown> } {
  return (JSON.parse(a.body) as { errors: Array<{ message: string; extensions?: Record<string, unknown> }> }).errors[0]!;
}

const { logger, lines } = capturedLog();

let hub: TestServer;
let closed: TestServer;
beforeAll(async () => {
  // CORS for one origin, a rate limit high enough not to refuse, and a log to read.
  hub = await startTestServer({ corsOrigins: [ORIGIN], rateLimitPerMinute: 1000 }, {}, logger);
  // No CORS, no rate limit: the headers of neither.
  closed = await startTestServer({ rateLimitPerMinute: 0 });
}, 120_000);
afterAll(async () => {
  await Promise.all([hub?.close(), closed?.close()]);
});

describe('GraphQL answers carry the headers of the Express chain', () => {
  it('200 from an allowed origin: CORS, rate limit, type and length, no ETag', async () => {
    const ok = await send(hub.url, { headers: { ...JSON_HEADERS, origin: ORIGIN }, body: TYPENAME });
    expect(ok.status).toBe(200);
    expect(ok.names).toEqual(sorted(ALWAYS, ['access-control-allow-origin', 'vary'], LIMIT, ANSWER));
    expect(JSON.parse(ok.body)).toEqual(TYPENAME_ANSWER);
    expect(ok.headers['content-length']).toBe(String(Buffer.byteLength(ok.body)));
    expect(ok.headers['content-type']).toBe(JSON_TYPE);
    expect(ok.headers['access-control-allow-origin']).toBe(ORIGIN);
    expect(ok.headers.vary).toBe('Origin');
    expect(ok.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(ok.headers['ratelimit-policy']).toBe('1000;w=60');
    expect(ok.headers.ratelimit).toMatch(/^limit=1000, remaining=\d+, reset=\d+$/);
  });

  it('the type Apollo chose by Accept is written through', async () => {
    const ok = await send(hub.url, { headers: { ...JSON_HEADERS, accept: 'application/graphql-response+json' }, body: TYPENAME });
    expect([ok.status, ok.headers['content-type']]).toEqual([200, 'application/graphql-response+json; charset=utf-8']);
    expect(JSON.parse(ok.body)).toEqual(TYPENAME_ANSWER);
  });

  it('from another origin: Vary but no CORS grant; without CORS or a rate limit configured: neither', async () => {
    const other = await send(hub.url, { headers: { ...JSON_HEADERS, origin: 'http://elsewhere.example' }, body: TYPENAME });
    expect([other.status, other.names]).toEqual([200, sorted(ALWAYS, ['vary'], LIMIT, ANSWER)]);
    const plain = await send(closed.url, { headers: { ...JSON_HEADERS, origin: ORIGIN }, body: TYPENAME });
    expect([plain.status, plain.names]).toEqual([200, sorted(ALWAYS, ANSWER)]);
    expect(JSON.parse(plain.body)).toEqual(TYPENAME_ANSWER);
  });

  it('a gzip body is read (body-parser inflates it)', async () => {
    const ok = await send(hub.url, { headers: { ...JSON_HEADERS, 'content-encoding': 'gzip' }, body: zlib.gzipSync(TYPENAME) });
    expect([ok.status, JSON.parse(ok.body)]).toEqual([200, TYPENAME_ANSWER]);
  });

  it('400 for a body that is not JSON, 413 past 1 MB, 415 for a charset or encoding it cannot read: with a weak ETag', async () => {
    const cases: Array<[string, Parameters<typeof send>[1], number, string, string]> = [
      ['malformed', { headers: JSON_HEADERS, body: '{"query":' }, 400, 'the request body is not valid JSON', 'BAD_USER_INPUT'],
      ['not an object or array', { headers: JSON_HEADERS, body: '"x"' }, 400, 'the request body is not valid JSON', 'BAD_USER_INPUT'],
      ['too large', { headers: JSON_HEADERS, body: 'x'.repeat(1024 * 1024 + 10) }, 413, 'the request body is larger than the limit of 1024 KiB', 'LIMIT_EXCEEDED'],
      ['latin1', { headers: { 'content-type': 'application/json; charset=latin1' }, body: TYPENAME }, 415, 'the request could not be read', 'BAD_USER_INPUT'],
      ['compress', { headers: { ...JSON_HEADERS, 'content-encoding': 'compress' }, body: TYPENAME }, 415, 'the request could not be read', 'BAD_USER_INPUT'],
    ];
    for (const [name, request, status, message, code] of cases) {
      const a = await send(hub.url, { ...request, headers: { ...request!.headers, origin: ORIGIN } });
      expect([name, a.status, a.names]).toEqual([name, status, sorted(ALWAYS, ['access-control-allow-origin', 'vary'], LIMIT, JSON_ERROR)]);
      expect(a.headers['content-type']).toBe(JSON_TYPE);
      expect(a.headers.etag).toMatch(WEAK_ETAG);
      expect(a.headers['content-length']).toBe(String(Buffer.byteLength(a.body)));
      expect(JSON.parse(a.body)).toEqual({ errors: [{ message, extensions: { code } }] });
    }
  });

  it("Apollo's refusals: CSRF, no usable body, an empty body, a batch, bad operations: 400, written through", async () => {
    const noBody = 'POST body missing, invalid Content-Type, or JSON object has no keys.';
    const cases: Array<[string, Parameters<typeof send>[1], string]> = [
      ['text/plain', { headers: { 'content-type': 'text/plain' }, body: TYPENAME }, CSRF_MESSAGE],
      ['no content type', { headers: {}, body: '' }, CSRF_MESSAGE],
      ['no body at all', { headers: {} }, CSRF_MESSAGE],
      ['a form, preflighted', { headers: { 'content-type': 'application/x-www-form-urlencoded', 'apollo-require-preflight': 'true' }, body: TYPENAME }, noBody],
      ['empty JSON', { headers: JSON_HEADERS, body: '' }, noBody],
      ['batched', { headers: JSON_HEADERS, body: `[${TYPENAME}]` }, 'Operation batching disabled.'],
      ['unknown field', { headers: JSON_HEADERS, body: JSON.stringify({ query: '{ nope }' }) }, 'Cannot query field "nope" on type "Query".'],
      ['syntax', { headers: JSON_HEADERS, body: JSON.stringify({ query: '{ ' }) }, 'Syntax Error: Expected Name, found <EOF>.'],
    ];
    for (const [name, request, message] of cases) {
      const a = await send(hub.url, request);
      expect([name, a.status, a.names]).toEqual([name, 400, sorted(ALWAYS, ['vary'], LIMIT, ANSWER)]);
      expect(a.headers['content-type']).toBe(JSON_TYPE);
      expect([name, errorOf(a).message, errorOf(a).extensions?.code]).toEqual([name, message, 'BAD_USER_INPUT']);
    }
  });

  it('X-Lingyan-Prefecture reaches the context: a prefecture the hub does not hold is refused, naming it', async () => {
    const a = await send(hub.url, { headers: { ...JSON_HEADERS, 'x-lingyan-prefecture': 'zz' }, body: JSON.stringify({ query: '{ prefecture { code } }' }) });
    expect([a.status, a.names]).toEqual([400, sorted(ALWAYS, ['vary'], LIMIT, ANSWER)]);
    expect(errorOf(a).message).toContain('X-Lingyan-Prefecture 中的盟市代码 "zz" 不存在');
  });

  it('the endpoint in any case, with a trailing slash, a query string or in absolute form; other paths stay with Express', async () => {
    for (const path of ['/GRAPHQL', '/graphql/', '/graphql?x=1', '/Graphql/?x=1', `${hub.url}/graphql`, '/graphql#x']) {
      const a = await send(hub.url, { path, headers: JSON_HEADERS, body: TYPENAME });
      expect([path, a.status, a.names, JSON.parse(a.body)]).toEqual([path, 200, sorted(ALWAYS, ['vary'], LIMIT, ANSWER), TYPENAME_ANSWER]);
    }
    // Express's mount took these too: the posts' own app (no ETag) the first, Apollo behind it (with Express's ETag) the second.
    const doubled = await send(hub.url, { path: '/graphql//', headers: JSON_HEADERS, body: TYPENAME });
    expect([doubled.status, doubled.names]).toEqual([200, sorted(ALWAYS, ['vary'], LIMIT, ANSWER)]);
    const under = await send(hub.url, { path: '/graphql/x', headers: JSON_HEADERS, body: TYPENAME });
    expect([under.status, under.names]).toEqual([200, sorted(ALWAYS, ['vary'], LIMIT, ANSWER, ['etag'])]);
    for (const path of ['/graphqlx', '/graphql;x', '//graphql', '/%67raphql']) {
      const a = await send(hub.url, { path, headers: JSON_HEADERS, body: TYPENAME });
      expect([path, a.status, a.headers['content-type']]).toEqual([path, 404, 'text/html; charset=utf-8']);
    }
  });

  it('GET, preflights and other methods stay with Express and answer as before', async () => {
    const query = `/graphql?query=${encodeURIComponent('{ __typename }')}`;
    const get = await send(hub.url, { method: 'GET', path: query, headers: { 'apollo-require-preflight': 'true' } });
    expect([get.status, get.names, JSON.parse(get.body)]).toEqual([200, sorted(ALWAYS, ['vary'], LIMIT, ANSWER, ['etag']), TYPENAME_ANSWER]);
    const fresh = await send(hub.url, { method: 'GET', path: query, headers: { 'apollo-require-preflight': 'true', 'if-none-match': get.headers.etag! } });
    expect(fresh.status).toBe(304);
    const unsafe = await send(hub.url, { method: 'GET', path: query });
    expect([unsafe.status, errorOf(unsafe).message]).toEqual([400, CSRF_MESSAGE]);

    const preflight = await send(hub.url, { method: 'OPTIONS', headers: { origin: ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });
    expect([preflight.status, preflight.names]).toEqual([204, sorted(ALWAYS, ['access-control-allow-origin', 'vary', 'access-control-allow-headers', 'access-control-allow-methods', 'access-control-max-age', 'content-length'])]);
    expect(preflight.headers['access-control-allow-methods']).toBe('GET,POST');
    const other = await send(hub.url, { method: 'OPTIONS', headers: { origin: 'http://elsewhere.example', 'access-control-request-method': 'POST' } });
    expect([other.status, other.headers['access-control-allow-origin']]).toEqual([204, undefined]);
    const closedPreflight = await send(closed.url, { method: 'OPTIONS', headers: { origin: ORIGIN, 'access-control-request-method': 'POST' } });
    expect([closedPreflight.status, closedPreflight.headers.allow, closedPreflight.body]).toEqual([200, 'POST', 'POST']);

    const put = await send(closed.url, { method: 'PUT', headers: JSON_HEADERS, body: TYPENAME });
    expect([put.status, put.names, put.headers.allow, errorOf(put).message]).toEqual([405, sorted(ALWAYS, ['allow'], JSON_ERROR), 'GET, POST', 'Apollo Server supports only GET/POST requests.']);
  });

  it('401 on a private hub without a valid token, with the status Apollo set; the answer with one', async () => {
    const hidden = await startTestServer({ publicRead: false, rateLimitPerMinute: 0 });
    try {
      const anonymous = await send(hidden.url, { headers: JSON_HEADERS, body: TYPENAME });
      expect([anonymous.status, anonymous.names]).toEqual([401, sorted(ALWAYS, ANSWER)]);
      expect(JSON.parse(anonymous.body)).toEqual({ errors: [{ message: 'reading needs a token: send "Authorization: Bearer <token>" (pnpm run token --role viewer mints one)', extensions: { http: { status: 401 }, code: 'UNAUTHENTICATED' } }] });
      const forged = await send(hidden.url, { headers: { ...JSON_HEADERS, authorization: 'Bearer not-a-token' }, body: TYPENAME });
      expect([forged.status, errorOf(forged)]).toEqual([401, { message: 'the token is not valid for this hub', extensions: { http: { status: 401 }, code: 'UNAUTHENTICATED' } }]);
      const viewer = await send(hidden.url, { headers: { ...JSON_HEADERS, authorization: `Bearer ${await token('viewer')}` }, body: TYPENAME });
      expect([viewer.status, viewer.names, JSON.parse(viewer.body)]).toEqual([200, sorted(ALWAYS, ANSWER), TYPENAME_ANSWER]);
    } finally {
      await hidden.close();
    }
  });

  it('429 past the budget, with Retry-After, the rate-limit headers and a weak ETag; a token has a bucket of its own', async () => {
    const limited = await startTestServer({ rateLimitPerMinute: 1 });
    try {
      expect((await send(limited.url, { headers: JSON_HEADERS, body: TYPENAME })).status).toBe(200);
      const refused = await send(limited.url, { headers: JSON_HEADERS, body: TYPENAME });
      expect([refused.status, refused.names]).toEqual([429, sorted(ALWAYS, LIMIT, ['retry-after'], JSON_ERROR)]);
      expect(refused.headers['retry-after']).toBe('60');
      expect(refused.headers.ratelimit).toMatch(/^limit=1, remaining=0, reset=\d+$/);
      expect(refused.headers.etag).toMatch(WEAK_ETAG);
      expect(errorOf(refused)).toMatchObject({ message: expect.stringContaining('at most 1 a minute'), extensions: { code: 'LIMIT_EXCEEDED', limit: 'RATE_LIMIT_PER_MINUTE' } });
      const viewer = await send(limited.url, { headers: { ...JSON_HEADERS, authorization: `Bearer ${await token('viewer')}` }, body: TYPENAME });
      expect([viewer.status, JSON.parse(viewer.body)]).toEqual([200, TYPENAME_ANSWER]);
    } finally {
      await limited.close();
    }
  });
});

/** An answer with what differs between two requests left out: the request id's and the budget's values. */
function comparable(a: Answer) {
  const headers = Object.fromEntries(a.names.filter((h) => !['x-request-id', 'ratelimit'].includes(h)).map((h) => [h, a.headers[h]]));
  return { status: a.status, names: a.names, headers, body: a.body };
}

/** POST `/graphql//`: Express's mount still takes it and answers it with the chain that answered `/graphql` before. */
const EXPRESS_CHAIN = '/graphql//';

describe('the GraphQL path and the Express chain answer alike, side by side', () => {
  it('for answers, refusals and body errors', async () => {
    const cases: Array<[string, Parameters<typeof send>[1]]> = [
      ['ok from an allowed origin', { headers: { ...JSON_HEADERS, origin: ORIGIN }, body: TYPENAME }],
      ['ok from another origin', { headers: { ...JSON_HEADERS, origin: 'http://elsewhere.example' }, body: TYPENAME }],
      ['graphql-response+json', { headers: { ...JSON_HEADERS, accept: 'application/graphql-response+json' }, body: TYPENAME }],
      ['malformed', { headers: JSON_HEADERS, body: '{"query":' }],
      ['too large', { headers: JSON_HEADERS, body: 'x'.repeat(1024 * 1024 + 10) }],
      ['latin1', { headers: { 'content-type': 'application/json; charset=latin1' }, body: TYPENAME }],
      ['text/plain', { headers: { 'content-type': 'text/plain' }, body: TYPENAME }],
      ['empty JSON', { headers: JSON_HEADERS, body: '' }],
      ['batched', { headers: JSON_HEADERS, body: `[${TYPENAME}]` }],
      ['unknown field', { headers: JSON_HEADERS, body: JSON.stringify({ query: '{ nope }' }) }],
      ['prefecture not held', { headers: { ...JSON_HEADERS, 'x-lingyan-prefecture': 'zz' }, body: JSON.stringify({ query: '{ prefecture { code } }' }) }],
    ];
    for (const [name, request] of cases) {
      const path = await send(hub.url, request);
      const express = await send(hub.url, { ...request, path: EXPRESS_CHAIN });
      expect([name, comparable(path)]).toEqual([name, comparable(express)]);
    }
  });

  it('503 with Retry-After while the database is away', async () => {
    const { relay, hub: cut, close } = await hubBehindRelay();
    try {
      const query = { headers: JSON_HEADERS, body: JSON.stringify({ query: '{ counties { code } }' }) };
      expect((await send(cut.url, query)).status).toBe(200);
      await relay.cut();
      const path = await send(cut.url, query);
      expect([path.status, path.headers['retry-after'], errorOf(path).extensions?.code]).toEqual([503, '5', 'SERVICE_UNAVAILABLE']);
      expect(path.names).toEqual(sorted(ALWAYS, LIMIT, ['retry-after'], ANSWER));
      const express = await send(cut.url, { ...query, path: EXPRESS_CHAIN });
      expect(comparable(path)).toEqual(comparable(express));
    } finally {
      await close();
    }
  }, 90_000);
});

describe('GraphQL requests are observed', () => {
  it('echo a sane X-Request-Id, and log one line with its id, path, status and operation', async () => {
    const mine = await send(hub.url, { path: '/graphql?x=1', headers: { ...JSON_HEADERS, 'x-request-id': 'gql-req-1' }, body: JSON.stringify({ query: 'query PathProbe { __typename }' }) });
    expect(mine.headers['x-request-id']).toBe('gql-req-1');
    const failed = await send(hub.url, { headers: { ...JSON_HEADERS, 'x-request-id': 'gql-req-2' }, body: JSON.stringify({ query: '{ nope }' }) });
    expect(failed.status).toBe(400);
    const entries = () => lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    await expect.poll(() => entries().find((e) => e.reqId === 'gql-req-1')).toMatchObject({ msg: 'request', method: 'POST', path: '/graphql', status: 200, operation: 'PathProbe' });
    await expect.poll(() => entries().find((e) => e.reqId === 'gql-req-2')).toMatchObject({ path: '/graphql', status: 400, errorCodes: ['BAD_USER_INPUT'] });
    const fresh = await send(hub.url, { headers: { ...JSON_HEADERS, 'x-request-id': 'not a sane id' }, body: TYPENAME });
    expect(fresh.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('count in the HTTP and operation metrics under the /graphql route', async () => {
    await send(hub.url, { headers: JSON_HEADERS, body: JSON.stringify({ query: 'query MetricProbe { __typename }' }) });
    await send(hub.url, { headers: JSON_HEADERS, body: '{' });
    const text = (await send(hub.url, { method: 'GET', path: '/metrics' })).body;
    expect(text).toMatch(/lingyan_http_request_duration_seconds_count\{method="POST",route="\/graphql",status="200"\} [1-9]/);
    expect(text).toMatch(/lingyan_http_request_duration_seconds_count\{method="POST",route="\/graphql",status="400"\} [1-9]/);
    expect(text).toMatch(/lingyan_graphql_operation_duration_seconds_count\{operation="MetricProbe",outcome="ok"\} 1/);
    expect(text).toMatch(/lingyan_graphql_errors_total\{code="BAD_USER_INPUT"\} [1-9]/);
  });
});
