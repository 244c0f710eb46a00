/**
 * Cost that counts what it returns (issue 25, item 4): list sizes and
 * geometry vertices in the estimate (graphql/cost.ts), the response-size cap
 * (RESPONSE_MAX_BYTES, RESPONSE_TOO_LARGE), the per-request deadline
 * (REQUEST_DEADLINE_MS) and large answers kept out of the answer cache.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, type OperationDefinitionNode } from 'graphql';
import { createSchema } from '../../server/src/graphql/schema.js';
import { DEMO_REGION, MAX_SIZE_ARGUMENT, estimateCost } from '../../server/src/graphql/cost.js';
import { LIMITS } from '../../server/src/graphql/limits.js';
import { sql } from '../support/db.js';
import { startTestServer, type TestServer } from '../support/server.js';

const started: TestServer[] = [];
async function server(...args: Parameters<typeof startTestServer>): Promise<TestServer> {
  const s = await startTestServer(...args);
  started.push(s);
  return s;
}
afterAll(async () => {
  await Promise.all(started.map((s) => s.close()));
});

interface Answer {
  status: number;
  bytes: number;
  ms: number;
  body: { data?: unknown; errors?: Array<{ message: string; extensions: Record<string, unknown> }> };
}

async function post(s: TestServer, query: string, variables: Record<string, unknown> = {}, operationName?: string): Promise<Answer> {
  const started = performance.now();
  const res = await fetch(`${s.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables, operationName }) });
  const text = await res.text();
  return { status: res.status, bytes: Buffer.byteLength(text), ms: Math.round(performance.now() - started), body: JSON.parse(text) };
}

/** The amplification: ~2 KB asking for every boundary of the region 28 times over (9.7 MB before the cost counted vertices). */
const AMPLIFIED = `{ ${Array.from({ length: 28 }, (_, i) => `a${i}: prefecture { boundary counties { boundary townships { boundary } } }`).join(' ')} }`;

describe('the cost estimate', () => {
  let schema: Awaited<ReturnType<typeof createSchema>>;
  const cost = (query: string, variables: Record<string, unknown> = {}) => {
    const document = parse(query);
    return estimateCost(schema, document, document.definitions[0] as OperationDefinitionNode, variables, DEMO_REGION);
  };
  beforeAll(async () => {
    schema = await createSchema();
  });

  it('multiplies by list sizes: a size argument (literal, variable or default), a page\'s items, the region\'s counts', () => {
    // items × (item + code): the page's own limit reaches its items.
    expect(cost(`{ villages(limit: 500) { items { code } } }`).cost).toBe(1 + 500 * 2);
    expect(cost(`query ($n: Int!) { villages(limit: $n) { items { code } } }`, { n: 40 })).toEqual({ cost: 1 + 40 * 2, usesVariables: true });
    // The schema's default limit (100) where none is sent.
    expect(cost(`{ villages { items { code } } }`).cost).toBe(1 + 100 * 2);
    // No size argument: the region's figures (11 counties, 89 townships, 848 villages in the demo region).
    expect(cost(`{ counties { code } }`).cost).toBe(11 * 2);
    expect(cost(`{ counties { townships { villages { code } } } }`).cost).toBe(11 + 11 * 9 + 11 * 9 * 10 * 2);
    // A choropleth's areas are its level's.
    expect(cost(`{ choropleth(level: TOWNSHIP) { areas { code } } }`).cost).toBe(1 + 89 * 2);
    // A size beyond any page counts as MAX_SIZE_ARGUMENT: the argument's own check answers it (below).
    expect(cost(`{ villages(limit: 100000) { items { code } } }`).cost).toBe(1 + MAX_SIZE_ARGUMENT * 2);
    // A page of a small table holds its rows at most: 500 asked of the region's alliances.
    expect(cost(`{ alliances(limit: 500) { items { id } } }`).cost).toBe(1 + DEMO_REGION.rows.alliance * 2);
    expect(cost(`{ alliances(limit: 5) { items { id } } }`).cost).toBe(1 + 5 * 2);
  });

  it('weighs a geometry by its expected vertices: boundaries by level, villages as points', () => {
    expect(cost(`{ prefecture { boundary } }`).cost).toBe(1 + DEMO_REGION.prefectureVertices);
    expect(cost(`{ counties { boundary } }`).cost).toBe(11 + 11 * DEMO_REGION.countyVertices);
    expect(cost(`{ villages(limit: 10) { items { location } } }`).cost).toBe(1 + 10 * 2);
    expect(cost(AMPLIFIED).cost).toBeGreaterThan(LIMITS.maxCost);
  });
});

describe('a large answer', () => {
  let hub: TestServer;
  beforeAll(async () => {
    hub = await server();
  });

  it('is refused before it runs when its estimate is over the limit, naming how to page', async () => {
    expect(Buffer.byteLength(JSON.stringify({ query: AMPLIFIED }))).toBeLessThan(2500);
    const a = await post(hub, AMPLIFIED);
    expect(a.status).toBe(400);
    expect(a.body.data).toBeUndefined();
    const error = a.body.errors![0]!;
    expect(error.extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', limit: 'cost', maxCost: LIMITS.maxCost });
    expect(error.extensions.cost).toBeGreaterThan(LIMITS.maxCost);
    expect(error.message).toContain(`cost limit of ${LIMITS.maxCost} exceeded`);
    expect(error.message).toMatch(/limit\/offset/);
    expect(error.message).toMatch(/first\/after/);
    expect(error.message).toMatch(/分页/);
    console.log(`amplified request: ${a.bytes} bytes answered in ${a.ms} ms (cost ${error.extensions.cost})`);
  });

  it('from a variable is refused, and the same document with a smaller page runs', async () => {
    // 500 villages, each with its township's and county's boundary: ~500 × (106 + 400) vertices.
    const query = `query ($n: Int!) { villages(limit: $n) { items { code township { boundary county { boundary } } } } }`;
    const big = await post(hub, query, { n: 500 });
    expect(big.status).toBe(400);
    expect(big.body.errors![0]!.extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', limit: 'cost' });
    const small = await post(hub, query, { n: 5 });
    expect(small.status).toBe(200);
    expect(small.body.errors).toBeUndefined();
    expect((small.body.data as { villages: { items: unknown[] } }).villages.items).toHaveLength(5);
  });

  it('with a size beyond the page maximum is answered by the argument\'s own check, not the cost', async () => {
    const a = await post(hub, `{ villages(limit: 100000) { items { code } } }`);
    expect(a.body.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    expect(a.body.errors?.[0]?.message).toMatch(/limit/);
  });

  it('over RESPONSE_MAX_BYTES is replaced by RESPONSE_TOO_LARGE (400) naming how to page; smaller ones pass', async () => {
    const capped = await server({ responseMaxBytes: 64 * 1024 });
    const query = `{ prefecture { boundary } counties { code boundary } }`;
    // The same answer, uncapped, is larger than the cap.
    const whole = await post(hub, query);
    expect(whole.status).toBe(200);
    expect(whole.bytes).toBeGreaterThan(64 * 1024);
    const a = await post(capped, query);
    expect(a.status).toBe(400);
    expect(a.body.data).toBeUndefined();
    expect(a.body.errors).toHaveLength(1);
    const error = a.body.errors![0]!;
    expect(error.extensions).toMatchObject({ code: 'RESPONSE_TOO_LARGE', maxBytes: 64 * 1024 });
    expect(error.extensions.bytes).toBe(whole.bytes);
    expect(error.message).toMatch(/RESPONSE_MAX_BYTES/);
    expect(error.message).toMatch(/limit\/offset/);
    expect(error.message).toMatch(/超过上限/);
    expect(a.bytes).toBeLessThan(2000);
    const small = await post(capped, `{ counties { code name } }`);
    expect(small.status).toBe(200);
    expect(small.body.errors).toBeUndefined();
  });
});

describe('the answer cache', () => {
  it('keeps small answers but not those over its share of the budget', async () => {
    // 1 MiB of cache: an entry may take 64 KiB (two bytes a character), ~32,000 characters.
    const cached = await server({ responseCacheMb: 1 });
    const lookups = async () => {
      const text = await (await fetch(`${cached.url}/metrics`)).text();
      return Number(/^lingyan_graphql_cache_lookups_total\{result="hit"\} (\d+)/m.exec(text)?.[1] ?? 0);
    };
    const large = `{ counties { code boundary } }`;
    const first = await post(cached, large);
    expect(first.status).toBe(200);
    expect(first.bytes).toBeGreaterThan(40_000);
    const hitsBefore = await lookups();
    expect((await post(cached, large)).body).toEqual(first.body);
    expect(await lookups()).toBe(hitsBefore);
    const small = `{ counties { code name } }`;
    await post(cached, small);
    const again = await post(cached, small);
    expect(again.body.errors).toBeUndefined();
    expect(await lookups()).toBe(hitsBefore + 1);
  });
});

describe('the request deadline', () => {
  it('answers LIMIT_EXCEEDED when an operation runs past REQUEST_DEADLINE_MS, and abandons what is left of it', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let arrived!: () => void;
    const waiting = new Promise<void>((resolve) => (arrived = resolve));
    const statements: string[] = [];
    const slow = await server(
      { requestDeadlineMs: 300 },
      {
        onQuery: (s) => statements.push(s),
        // The artificially slow path: the operation named Slow waits at the gate before it runs.
        beforeExecute: async (rc) => {
          if (rc.request.operationName !== 'Slow') return;
          arrived();
          await gate;
        },
      },
    );
    // Statements from now on: the start's own (the region's figures) are not the operation's.
    statements.length = 0;
    const answer = post(slow, `query Slow { counties { code townships { code } } }`, {}, 'Slow');
    await waiting;
    const a = await answer;
    expect(a.status).toBe(400);
    expect(a.body.data).toBeUndefined();
    expect(a.body.errors![0]!.extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', limit: 'REQUEST_DEADLINE_MS', deadlineMs: 300 });
    expect(a.body.errors![0]!.message).toMatch(/did not finish within 300 ms/);
    expect(a.body.errors![0]!.message).toMatch(/毫秒/);
    expect(a.ms).toBeGreaterThanOrEqual(300);
    expect(a.ms).toBeLessThan(5000);
    // Let the stopped operation go on: it finds its deadline passed and asks the database nothing.
    release();
    const after = await post(slow, `query Quick { prefecture { code } }`, {}, 'Quick');
    expect(after.status).toBe(200);
    expect(after.body.errors).toBeUndefined();
    expect(statements.filter((s) => /from "?(county|township)"?/i.test(s))).toEqual([]);
    expect(statements.some((s) => /from "?prefecture"?/i.test(s))).toBe(true);
  });

  it('leaves an operation that finishes in time alone', async () => {
    const [{ n }] = (await sql<{ n: string }>(`select count(*) as n from county`)) as [{ n: string }];
    const hub = await server({ requestDeadlineMs: 10_000 });
    const a = await post(hub, `{ counties { code townships { code } } }`);
    expect(a.status).toBe(200);
    expect(a.body.errors).toBeUndefined();
    expect((a.body.data as { counties: unknown[] }).counties).toHaveLength(Number(n));
  });
});
