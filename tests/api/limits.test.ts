/** Limits and error hygiene: depth, cost, aliases, tokens, page size, batching, CSRF, no leaks. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../server/src/graphql/limits.js';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

describe('query limits', () => {
  it('refuses a query deeper than the limit with LIMIT_EXCEEDED', async () => {
    // prefecture(1) counties(2) townships(3) villages(4) township(5) county(6) townships(7) villages(8) township(9) county(10) code(11)
    const q = `{ prefecture { counties { townships { villages { township { county { townships { villages { township { county { code } } } } } } } } } } }`;
    expect(LIMITS.maxDepth).toBe(10);
    const { errors, data } = await server.graphql(q);
    expect(data).toBeUndefined();
    expect(errors?.[0]?.extensions?.code).toBe('LIMIT_EXCEEDED');
    expect(errors?.[0]?.message).toMatch(/depth limit of 10 exceeded/i);
  });

  it('refuses too many aliases', async () => {
    const fields = Array.from({ length: LIMITS.maxAliases + 1 }, (_, i) => `a${i}: prefecture { code }`).join(' ');
    const { errors } = await server.graphql(`{ ${fields} }`);
    expect(errors?.[0]?.extensions?.code).toBe('LIMIT_EXCEEDED');
  });

  it('refuses a query with too many tokens', async () => {
    const fields = Array.from({ length: LIMITS.maxTokens }, () => 'code').join(' ');
    const { errors } = await server.graphql(`{ prefecture { ${fields} } }`);
    expect(errors?.[0]?.extensions?.code).toBe('LIMIT_EXCEEDED');
    expect(errors?.[0]?.message).toMatch(/token limit/i);
  });

  it('accepts a realistic nested query of the cookbook kind', async () => {
    const { errors } = await server.graphql(`{ counties { code figures(year: 2019) { povertyIncidence } townships { code villages { code figures(year: 2019) { strength } alliance { name } pairingsReceived { helperVillage { name } } } } } }`);
    expect(errors).toBeUndefined();
  });

  it('refuses batched requests', async () => {
    const res = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify([{ query: '{ prefecture { code } }' }, { query: '{ prefecture { code } }' }]) });
    expect(res.status).toBe(400);
  });
});

describe('error hygiene', () => {
  it('says which variable is wrong without repeating its value', async () => {
    const secret = 'DROP TABLE village; -- 秘密';
    const { errors } = await server.graphql(`query ($y: Int!) { summary(year: $y) { year } }`, { y: secret });
    expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(errors?.[0]?.message).toContain('$y');
    expect(errors?.[0]?.message).toBe('Variable "$y" got an invalid value; expected Int!');
    expect(JSON.stringify(errors)).not.toContain('秘密');
    expect(JSON.stringify(errors)).not.toContain('DROP');
  });

  it('keeps SQL-looking strings as data: no match, no error, no leak', async () => {
    const { data, errors } = await server.graphql(`query ($q: String!) { villages(filter: { nameContains: $q }) { totalCount } }`, { q: "x' or 1=1 --" });
    expect(errors).toBeUndefined();
    expect(data.villages.totalCount).toBe(0);
  });

  it('never sends stack traces', async () => {
    const { errors } = await server.graphql(`{ county(code: "1") { code } }`);
    expect(errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(JSON.stringify(errors)).not.toMatch(/stacktrace|\.ts:\d+|at .*\(/);
  });

  it('keeps CSRF prevention on: a simple GET query without a preflight header is refused', async () => {
    const res = await fetch(`${server.url}/graphql?query=${encodeURIComponent('{ prefecture { code } }')}`);
    expect(res.status).toBe(400);
    const ok = await fetch(`${server.url}/graphql?query=${encodeURIComponent('{ prefecture { code } }')}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(ok.status).toBe(200);
  });
});
