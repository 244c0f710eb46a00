/**
 * Structured logs and metrics: one JSON line per request with its id,
 * operation, status, duration and error codes, never a token or the query's
 * values; /metrics in Prometheus format with per-operation latency, error
 * codes and the database pool.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capturedLog, startTestServer, token, type TestServer } from '../support/server.js';

const { logger, lines } = capturedLog();
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({}, {}, logger);
}, 120_000);
afterAll(async () => {
  await server?.close();
});

async function post(body: object, headers: Record<string, string> = {}) {
  return fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

function entries(): Array<Record<string, unknown>> {
  return lines.map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('request log', () => {
  it('writes one JSON line per request with the caller\'s request id, operation, status and duration', async () => {
    const res = await post({ query: 'query CountyNames { counties { code name } }' }, { 'x-request-id': 'test-req-1' });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBe('test-req-1');
    await expect.poll(() => entries().filter((e) => e.reqId === 'test-req-1')).toHaveLength(1);
    const [entry] = entries().filter((e) => e.reqId === 'test-req-1');
    expect(entry).toMatchObject({ level: 30, service: 'lingyan', msg: 'request', method: 'POST', path: '/graphql', status: 200, operation: 'CountyNames' });
    expect(typeof entry!.durationMs).toBe('number');
    expect(entry!.errorCodes).toBeUndefined();
    expect(typeof entry!.time).toBe('string');
  });

  it('gives a request without a usable id a new one, and logs the error codes of a failed operation', async () => {
    const res = await post({ query: 'query Missing { village(code: "159999999999") { code } }' }, { 'x-request-id': 'bad id with spaces' });
    const id = res.headers.get('x-request-id')!;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    await expect.poll(() => entries().find((e) => e.reqId === id)).toMatchObject({ operation: 'Missing', errorCodes: ['NOT_FOUND'] });
  });

  it('never writes a token, a header or the values of a request', async () => {
    const secret = await token('planner', ['159901000000'], 1, 'planner-log');
    await post({ query: 'mutation Leak($i: PairingInput!) { createPairing(input: $i) { id } }', variables: { i: { kind: 'STRONG_HELPS_WEAK', helperVillageCode: '159901101201', helpedVillageCode: '159901101201', startYear: 2024 } } }, { authorization: `Bearer ${secret}` });
    await expect.poll(() => entries().some((e) => e.operation === 'Leak')).toBe(true);
    const text = lines.join('\n');
    expect(text).not.toContain(secret);
    expect(text).not.toContain('Bearer');
    expect(text).not.toContain('159901101201');
    expect(text.toLowerCase()).not.toContain('authorization');
  });
});

describe('/metrics', () => {
  it('exposes per-operation latency, error codes, the pool and process memory in Prometheus format', async () => {
    await post({ query: 'query CountyNames { counties { code } }' });
    const res = await fetch(`${server.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    const count = Number(/lingyan_graphql_operation_duration_seconds_count\{operation="CountyNames",outcome="ok"\} (\d+)/.exec(text)?.[1]);
    expect(count).toBeGreaterThanOrEqual(2);
    expect(text).toMatch(/lingyan_graphql_errors_total\{code="NOT_FOUND"\} [1-9]/);
    expect(text).toMatch(/lingyan_http_request_duration_seconds_bucket\{le="[^"]+",method="POST",route="\/graphql",status="200"\}/);
    expect(text).toMatch(/lingyan_db_pool_connections\{state="used"\} \d+/);
    expect(text).toMatch(/lingyan_db_pool_connections\{state="pending"\} \d+/);
    expect(text).toMatch(/lingyan_process_resident_memory_bytes \d+/);
  });

  it('keeps operation labels bounded: names that are not GraphQL names count as anonymous', async () => {
    await post({ query: '{ counties { code } }' });
    const text = await (await fetch(`${server.url}/metrics`)).text();
    expect(text).toMatch(/lingyan_graphql_operation_duration_seconds_count\{operation="anonymous",outcome="ok"\} [1-9]/);
  });
});
