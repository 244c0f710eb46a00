/**
 * The database goes away and comes back. The hub reaches the run's database
 * through a TCP relay this test controls, so cutting the relay is a real
 * outage (connections reset, new ones refused) without stopping the database
 * the other test files share. While it is away /readyz answers 503 and
 * GraphQL answers SERVICE_UNAVAILABLE instead of hanging; once it is back the
 * hub serves again by itself, with no restart.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseUrl } from '../support/db.js';
import { relayTo, type Relay } from '../support/relay.js';
import { startTestServer, type TestServer } from '../support/server.js';

let relay: Relay;
let server: TestServer;

async function readyz(): Promise<number> {
  return (await fetch(`${server.url}/readyz`)).status;
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = Date.now();
  const value = await work();
  return { value, ms: Date.now() - started };
}

beforeAll(async () => {
  relay = await relayTo(databaseUrl());
  server = await startTestServer({ databaseUrl: relay.via(databaseUrl()), poolSize: 2 });
}, 120_000);

afterAll(async () => {
  await server?.close();
  await relay?.cut().catch(() => {});
});

const QUERY = `{ counties { code } }`;

describe('database outage', () => {
  it('is ready and serves while the database is there', async () => {
    expect(await readyz()).toBe(200);
    const r = await server.graphql(QUERY);
    expect(r.errors).toBeUndefined();
    expect(r.data.counties.length).toBeGreaterThan(0);
  });

  it('turns /readyz to 503 and answers GraphQL with SERVICE_UNAVAILABLE, without hanging, while it is away', async () => {
    await relay.cut();
    const ready = await timed(async () => {
      const res = await fetch(`${server.url}/readyz`);
      return { status: res.status, body: (await res.json()) as { status: string; reason: string } };
    });
    expect(ready.value.status).toBe(503);
    expect(ready.value.body.status).toBe('unavailable');
    // The deadlines are 1.5 s (readiness) and 5 s (connection): far below any client's patience.
    expect(ready.ms).toBeLessThan(10_000);
    for (let i = 0; i < 3; i++) {
      const answer = await timed(() => server.graphql(QUERY));
      expect(answer.value.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
      expect(answer.value.errors?.[0]?.message).toMatch(/^the database is (not reachable|busy); try again shortly$/);
      expect(answer.ms).toBeLessThan(15_000);
    }
  }, 90_000);

  it('serves again by itself once the database is back', async () => {
    await relay.open();
    const back = Date.now();
    await expect.poll(readyz, { timeout: 30_000, interval: 250 }).toBe(200);
    const r = await server.graphql(QUERY);
    expect(r.errors).toBeUndefined();
    expect(r.data.counties.length).toBeGreaterThan(0);
    console.log(`database outage: ready again ${Date.now() - back} ms after the database returned`);
  }, 60_000);
});
