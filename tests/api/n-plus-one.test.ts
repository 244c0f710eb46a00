/**
 * No N+1: a nested query over 100+ villages costs a bounded number of SQL
 * statements, the same whether it touches 30 or 300 villages.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
let statements: string[] = [];

beforeAll(async () => {
  server = await startTestServer({}, { onQuery: (sql) => statements.push(sql) });
});
afterAll(async () => {
  await server?.close();
});

const QUERY = `query ($limit: Int!) {
  villages(limit: $limit) {
    items {
      code name
      township { code name county { code name } }
      alliance { name centre { code } }
      figures(year: 2025) { povertyIncidence strength incomeBand }
      pairingsReceived { kind helperVillage { name } }
      industryProjects { type }
      workTeams { members dispatchingUnit { name } }
    }
  }
}`;

async function count(limit: number): Promise<{ statements: number; villages: number }> {
  statements = [];
  const { data, errors } = await server.graphql(QUERY, { limit });
  expect(errors).toBeUndefined();
  return { statements: statements.filter((s) => /\b(select|insert|update|delete)\b/i.test(s)).length, villages: data.villages.items.length };
}

describe('nested queries', () => {
  it('cost the same number of SQL statements for 30 and for 300 villages', async () => {
    const small = await count(30);
    const large = await count(300);
    expect(small.villages).toBe(30);
    expect(large.villages).toBe(300);
    expect(small.statements).toBeGreaterThanOrEqual(8);
    // one statement per level of the query, not per village
    expect(large.statements).toBeLessThanOrEqual(20);
    // Not more for 300 than for 30. It may be fewer: two loaders of the same table at the same depth (an
    // alliance's centre, a pairing's helper) share one statement when their parents' rows arrive in the same tick.
    expect(large.statements).toBeLessThanOrEqual(small.statements);
  });
});
