/**
 * Requests that are the client's mistake answer a 4xx with one of the hub's
 * documented codes, never a 500 (issue 25): an ambiguous or unknown
 * operation name, variables nested deeper than any input type, a
 * subscription sent over POST.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';

const DOCUMENTED = ['BAD_USER_INPUT', 'NOT_FOUND', 'FORBIDDEN', 'UNAUTHENTICATED', 'CONFLICT', 'LIMIT_EXCEEDED', 'SERVICE_UNAVAILABLE', 'INTERNAL'];

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

async function post(body: unknown): Promise<{ status: number; codes: string[]; messages: string[] }> {
  const res = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  const json = (await res.json()) as { errors?: Array<{ message: string; extensions?: { code?: string } }> };
  return { status: res.status, codes: (json.errors ?? []).map((e) => e.extensions?.code ?? ''), messages: (json.errors ?? []).map((e) => e.message) };
}

/** JSON text of a value nested `depth` arrays deep (built as text: JSON.stringify itself would overflow). */
const nested = (depth: number): string => `${'['.repeat(depth)}"x"${']'.repeat(depth)}`;

describe('client mistakes answer 4xx with a documented code', () => {
  it('two operations and no operationName', async () => {
    const answer = await post({ query: 'query A { counties { code } } query B { counties { name } }' });
    expect(answer.status).toBe(400);
    expect(answer.codes).toEqual(['BAD_USER_INPUT']);
    expect(answer.messages[0]).toMatch(/operation name/i);
  });

  it('an operationName the document does not have', async () => {
    const answer = await post({ query: 'query A { counties { code } }', operationName: 'Nope' });
    expect(answer.status).toBe(400);
    expect(answer.codes).toEqual(['BAD_USER_INPUT']);
    expect(answer.messages[0]).toContain('Nope');
  });

  it('variables nested 5,000 arrays deep', async () => {
    const answer = await post(`{"query":"query ($c: String!) { village(code: $c) { code } }","variables":{"c":${nested(5000)}}}`);
    expect(answer.status).toBe(400);
    expect(answer.codes).toEqual(['BAD_USER_INPUT']);
  });

  it('variables nested deep inside an object a variable may hold', async () => {
    const query = 'query ($g: GeoJSON!) { villages(filter: { spatial: { intersects: $g } }) { totalCount } }';
    const answer = await post(`{"query":${JSON.stringify(query)},"variables":{"g":{"type":"Polygon","coordinates":${nested(5000)}}}}`);
    expect(answer.status).toBe(400);
    expect(answer.codes).toEqual(['BAD_USER_INPUT']);
  });

  it('a subscription over POST', async () => {
    const answer = await post({ query: 'subscription { dataChanged { tables } }' });
    expect(answer.status).toBe(400);
    expect(answer.codes).toEqual(['BAD_USER_INPUT']);
    expect(answer.messages[0]).toMatch(/WebSocket|graphql-ws/i);
  });

  it('a subscription field that does not exist', async () => {
    const answer = await post({ query: 'subscription { x }' });
    expect(answer.status).toBe(400);
    for (const code of answer.codes) expect(DOCUMENTED).toContain(code);
  });

  it('the hub still answers afterwards', async () => {
    const { data } = await server.graphql<{ counties: unknown[] }>('{ counties { code } }');
    expect(data?.counties.length).toBeGreaterThan(0);
  });
});
