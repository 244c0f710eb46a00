/**
 * The database goes away and comes back. The hub reaches the run's database
 * through a TCP relay this test controls, so cutting the relay is a real
 * outage (connections reset, new ones refused) without stopping the database
 * the other test files share. While it is away /readyz answers 503 and
 * GraphQL answers SERVICE_UNAVAILABLE instead of hanging; once it is back the
 * hub serves again by itself, with no restart.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseUrl } from '../support/db.js';
import { startTestServer, type TestServer } from '../support/server.js';

/** A TCP relay to host:port that can be cut (every socket destroyed, port closed) and restored on the same port. */
class Relay {
  private server: net.Server | null = null;
  private readonly sockets = new Set<net.Socket>();
  port = 0;
  constructor(
    private readonly host: string,
    private readonly target: number,
  ) {}

  async open(): Promise<void> {
    this.server = net.createServer((client) => {
      const upstream = net.connect(this.target, this.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => s.destroy());
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as net.AddressInfo).port;
  }

  async cut(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server!.close(() => resolve()));
    for (const s of this.sockets) s.destroy();
    await closed;
  }
}

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
  const target = new URL(databaseUrl());
  relay = new Relay(target.hostname, Number(target.port || 5432));
  await relay.open();
  const viaRelay = new URL(databaseUrl());
  viaRelay.hostname = '127.0.0.1';
  viaRelay.port = String(relay.port);
  server = await startTestServer({ databaseUrl: viaRelay.href, poolSize: 2 });
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
