/**
 * Live updates (issue 22): `subscription { dataChanged }` over graphql-ws at
 * /graphql. A planner's edit is announced within a few seconds, naming its
 * table and the tile layers it touches; a burst is folded; the socket keeps
 * the HTTP side's rules (token, PUBLIC_READ, origin, per-client cap,
 * subscriptions only); stopping the hub closes sockets at once and a client
 * reconnects to the hub started again; on PostGIS, an edit through one
 * replica and an import by another process reach the subscribers of both.
 */
import { createClient, type Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import WebSocket from 'ws';
import type { MikroORM, EntityManager } from '@mikro-orm/postgresql';
import { fileURLToPath } from 'node:url';
import { runImport } from '../../server/src/importer/run-import.js';
import { sql, testOrm, villageYearInput } from '../support/db.js';
import { startTestServer, token, type TestServer } from '../support/server.js';

const postgis = inject('databaseMode') === 'postgres';

const SUBSCRIBE = 'subscription Live { dataChanged { sequence everything tables tileLayers at } }';
const UPSERT = `mutation ($i: VillageYearInput!) { upsertVillageYear(input: $i) { version partyMembers } }`;

interface Change {
  sequence: number;
  everything: boolean;
  tables: string[];
  tileLayers: string[];
  at: string;
  /** performance.now() when it arrived */
  receivedAt: number;
}

interface Listener {
  client: Client;
  changes: Change[];
  errors: unknown[];
  closes: { code: number; reason: string }[];
  connections: number;
  /** times the hub said the subscription was complete (a client would then stop listening) */
  completions: number;
  /** The first change after `from` (an index into `changes`) that `matches`. */
  next(from: number, matches?: (c: Change) => boolean, timeoutMs?: number): Promise<Change>;
  close(): Promise<void>;
}

const wsUrl = (httpUrl: string, path = '/graphql') => `${httpUrl.replace(/^http/, 'ws')}${path}`;

/** A graphql-ws client in Node subscribed to dataChanged. `retry`: reconnect after a lost connection, quickly (tests). */
function listen(server: { url: string }, o: { token?: string; retry?: boolean } = {}): Listener {
  const changes: Change[] = [];
  const errors: unknown[] = [];
  const closes: { code: number; reason: string }[] = [];
  let connections = 0;
  let completions = 0;
  const client = createClient({
    url: wsUrl(server.url),
    webSocketImpl: WebSocket,
    connectionParams: o.token ? { authorization: `Bearer ${o.token}` } : {},
    retryAttempts: o.retry ? 100 : 0,
    retryWait: () => new Promise((resolve) => setTimeout(resolve, 100)),
    shouldRetry: () => o.retry === true,
    on: {
      connected: () => void connections++,
      closed: (event) => void closes.push({ code: (event as { code: number }).code, reason: String((event as { reason: unknown }).reason) }),
    },
  });
  client.subscribe<{ dataChanged: Omit<Change, 'receivedAt'> }>(
    { query: SUBSCRIBE },
    {
      next: (r) => {
        if (r.data) changes.push({ ...r.data.dataChanged, receivedAt: performance.now() });
        if (r.errors) errors.push(...r.errors);
      },
      error: (e) => void errors.push(e),
      complete: () => void completions++,
    },
  );
  return {
    client,
    changes,
    errors,
    closes,
    get connections() {
      return connections;
    },
    get completions() {
      return completions;
    },
    async next(from, matches = () => true, timeoutMs = 10_000) {
      let found: Change | undefined;
      await vi.waitFor(
        () => {
          found = changes.slice(from).find(matches);
          if (!found) throw new Error(`no matching change after #${from} (have ${changes.length})`);
        },
        { timeout: timeoutMs, interval: 20 },
      );
      return found!;
    },
    close: () => client.dispose() as Promise<void>,
  };
}

/** The hub's count of open dataChanged subscriptions (/metrics). */
async function subscriptions(server: { url: string }): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  return Number(/^lingyan_live_subscriptions (\d+)/m.exec(text)?.[1] ?? NaN);
}

/** Waits until the hub holds at least `n` subscriptions: a change made before a subscription is in would not reach it. */
async function subscribed(server: { url: string }, n = 1): Promise<void> {
  await vi.waitFor(async () => expect(await subscriptions(server)).toBeGreaterThanOrEqual(n), { timeout: 10_000, interval: 20 });
}

/** A raw WebSocket upgrade: 'open', or the HTTP status it was refused with. */
function upgrade(url: string, headers: Record<string, string> = {}): Promise<{ status: number | 'open'; body: string; socket?: WebSocket }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, 'graphql-transport-ws', { headers });
    socket.once('open', () => resolve({ status: 'open', body: '', socket }));
    socket.once('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    socket.once('error', (e) => {
      if (!/Unexpected server response/.test(String(e))) reject(e);
    });
  });
}

/** Villages with figures in `year`, one per test that writes (tests stay independent). */
async function villagesOf(year: number, count: number): Promise<string[]> {
  const rows = await sql<{ code: string }>(`select village_code as code from village_year where year = $1 order by village_code limit $2 offset 40`, [year, count]);
  return rows.map((r) => r.code);
}

/** One edit of a village's party members through `server`; resolves when it has committed (the mutation answered). */
async function edit(server: TestServer, planner: string, code: string, year: number): Promise<number> {
  const input = await villageYearInput(code, year);
  const started = performance.now();
  const r = await server.graphql(UPSERT, { i: { ...input, partyMembers: Number(input.partyMembers) + 1 } }, planner);
  expect(r.errors).toBeUndefined();
  return performance.now() - started;
}

const plannerOf = (code: string) => token('planner', [`${code.slice(0, 6)}000000`], 1, 'planner-live');

describe('live updates on one hub', () => {
  let server: TestServer;
  let villages: string[];
  beforeAll(async () => {
    server = await startTestServer();
    villages = await villagesOf(2020, 4);
  }, 120_000);
  afterAll(async () => {
    await server?.close();
  });

  it('announce a planner\'s edit within a few seconds, naming its table and the tile layers it touches', async () => {
    const live = listen(server);
    try {
      await subscribed(server);
      const code = villages[0]!;
      const planner = await plannerOf(code);
      const before = live.changes.length;
      await edit(server, planner, code, 2020);
      const committed = performance.now();
      const change = await live.next(before, (c) => c.tables.includes('village_year'), 5000);
      const latency = change.receivedAt - committed;
      console.log(`live updates: commit -> announcement ${latency.toFixed(0)} ms`);
      expect(latency).toBeLessThan(3000);
      expect(change).toMatchObject({ everything: false, tables: ['village_year'] });
      expect(change.tileLayers).toEqual(['villages']);
      expect(change.sequence).toBeGreaterThan(0);
      expect(Date.parse(change.at)).not.toBeNaN();
      expect(live.errors).toEqual([]);
    } finally {
      await live.close();
    }
  });

  it('fold a burst of edits into fewer announcements, at most one per 300 ms', async () => {
    const live = listen(server);
    try {
      await subscribed(server);
      const code = villages[1]!;
      const planner = await plannerOf(code);
      const before = live.changes.length;
      const started = performance.now();
      const EDITS = 8;
      for (let i = 0; i < EDITS; i++) await edit(server, planner, code, 2020);
      const elapsed = performance.now() - started;
      // The last edit is announced too.
      await live.next(before, (c) => c.receivedAt > started + elapsed - 1);
      const burst = live.changes.slice(before);
      expect(burst.length).toBeLessThan(EDITS);
      expect(burst.length).toBeLessThanOrEqual(Math.ceil(elapsed / 300) + 1);
      expect(burst.every((c) => c.tables.includes('village_year'))).toBe(true);
      // Sequence numbers go up by one: nothing was dropped in between.
      expect(burst.map((c) => c.sequence)).toEqual(burst.map((_, i) => burst[0]!.sequence + i));
    } finally {
      await live.close();
    }
  });

  it('carry subscriptions only: a query on the socket is sent back to POST, a subscription by POST is refused', async () => {
    const live = listen(server);
    try {
      const answer = await new Promise<unknown>((resolve) => {
        live.client.subscribe({ query: '{ prefecture { code } }' }, { next: resolve, error: resolve, complete: () => {} });
      });
      expect(answer).toEqual([{ message: 'this WebSocket carries subscriptions only; send queries by POST /graphql', extensions: { code: 'BAD_USER_INPUT' } }]);
      const bad = await new Promise<unknown>((resolve) => {
        live.client.subscribe({ query: 'subscription { dataChanged { nope } }' }, { next: resolve, error: resolve, complete: () => {} });
      });
      expect(bad).toMatchObject([{ message: 'Cannot query field "nope" on type "DataChange".', extensions: { code: 'BAD_USER_INPUT' } }]);
      const long = await new Promise<unknown>((resolve) => {
        live.client.subscribe({ query: `subscription { dataChanged { ${'at '.repeat(4000)} } }` }, { next: resolve, error: resolve, complete: () => {} });
      });
      expect(long).toEqual([{ message: 'token limit of 4000 exceeded', extensions: { code: 'LIMIT_EXCEEDED' } }]);
      // A message over 16 KiB closes the socket (1009, too big) before anything reads it.
      const big = listen(server);
      await new Promise<unknown>((resolve) => {
        big.client.subscribe({ query: `subscription { dataChanged { ${'sequence '.repeat(2000)} } }` }, { next: resolve, error: resolve, complete: () => {} });
      });
      expect(big.closes[0]?.code).toBe(1009);
      await big.close();
      const res = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: SUBSCRIBE }) });
      expect(res.status).toBe(400);
      const body = (await res.json()) as { data?: unknown; errors?: { message: string; extensions: { code: string } }[] };
      expect(body.data ?? null).toBeNull();
      expect(body.errors?.[0]).toMatchObject({ message: 'subscriptions are served over WebSocket at /graphql (graphql-ws protocol), not by POST', extensions: { code: 'BAD_USER_INPUT' } });
    } finally {
      await live.close();
    }
  });

  it('are refused to pages of other origins and on other paths', async () => {
    const foreign = await upgrade(wsUrl(server.url), { origin: 'https://portal.example.gov.cn' });
    expect(foreign.status).toBe(403);
    expect(foreign.body).toContain('CORS_ORIGINS');
    const other = await upgrade(wsUrl(server.url, '/tiles/x'));
    expect(other.status).toBe(404);
    const own = await upgrade(wsUrl(server.url), { origin: server.url });
    expect(own.status).toBe('open');
    own.socket!.close();
  });

  it('stop when the token expires', async () => {
    // Valid for two seconds: connected while valid, the first announcement after that closes the socket.
    const shortLived = await token('viewer', [], 2 / 86_400, 'viewer-expiring');
    const expiresAt = JSON.parse(Buffer.from(shortLived.split('.')[1]!, 'base64url').toString()).exp * 1000;
    const live = listen(server, { token: shortLived });
    try {
      await subscribed(server);
      expect(live.connections).toBe(1);
      await vi.waitUntil(() => Date.now() >= expiresAt, { timeout: 5000, interval: 50 });
      const code = villages[2]!;
      await edit(server, await plannerOf(code), code, 2020);
      await vi.waitFor(() => expect(live.closes.at(-1)).toEqual({ code: 4403, reason: 'Forbidden: the token has expired' }), { timeout: 5000 });
    } finally {
      await live.close();
    }
  });
});

describe('live updates on a hub that needs a token to read', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ publicRead: false, liveConnectionsPerClient: 2 });
  }, 120_000);
  afterAll(async () => {
    await server?.close();
  });

  it('refuse a connection without a token or with a bad one (4403), accept a viewer\'s token', async () => {
    for (const bad of [undefined, 'not-a-token']) {
      const live = listen(server, bad ? { token: bad } : {});
      await vi.waitFor(() => expect(live.closes[0]?.code).toBe(4403));
      expect(live.closes[0]!.reason).toContain('reading needs a valid token');
      expect(live.connections).toBe(0);
      await live.close();
    }
    const viewer = listen(server, { token: await token('viewer') });
    try {
      await vi.waitFor(() => expect(viewer.connections).toBe(1));
      await subscribed(server);
    } finally {
      await viewer.close();
    }
  });

  it('cap the sockets of one client (LIVE_CONNECTIONS_PER_CLIENT) and free a slot when one closes', async () => {
    await vi.waitFor(async () => expect(await subscriptions(server)).toBe(0));
    const first = await upgrade(wsUrl(server.url));
    const second = await upgrade(wsUrl(server.url));
    expect([first.status, second.status]).toEqual(['open', 'open']);
    const third = await upgrade(wsUrl(server.url));
    expect(third.status).toBe(429);
    expect(third.body).toContain('at most 2 at once from one client');
    const closed = new Promise((resolve) => first.socket!.once('close', resolve));
    first.socket!.close();
    await closed;
    await vi.waitFor(async () => {
      const again = await upgrade(wsUrl(server.url));
      expect(again.status).toBe('open');
      again.socket!.close();
    });
    second.socket!.close();
  });
});

describe('live updates across a restart of the hub', () => {
  it('close the sockets at once when the hub stops, and resubscribe to the hub started again on the same port', async () => {
    const first = await startTestServer();
    const live = listen(first, { retry: true });
    let second: TestServer | null = null;
    try {
      await subscribed(first);
      const stopping = performance.now();
      await first.close();
      // Without closing its sockets the HTTP server's drain would wait out its grace period (10 s).
      expect(performance.now() - stopping).toBeLessThan(5000);
      expect(live.closes[0]?.code).toBe(1001);
      // Closed, not completed: the client resubscribes on reconnecting.
      expect(live.completions).toBe(0);
      second = await startTestServer({ port: first.app.port });
      await vi.waitFor(() => expect(live.connections).toBe(2), { timeout: 15_000 });
      await subscribed(second);
      const [code] = await villagesOf(2021, 1);
      const before = live.changes.length;
      await edit(second, await plannerOf(code!), code!, 2021);
      const change = await live.next(before, (c) => c.tables.includes('village_year'));
      expect(change.tileLayers).toContain('villages');
    } finally {
      await live.close();
      await second?.close();
    }
  }, 60_000);
});

// On the embedded database one process owns the data (DATA_DIR is locked): other replicas and
// imports while the hub runs exist on PostgreSQL only, where NOTIFY reaches every listener.
if (postgis)
  describe('live updates across processes on one PostGIS database', () => {
    let a: TestServer;
    let b: TestServer;
    let orm: MikroORM;
    beforeAll(async () => {
      [a, b] = await Promise.all([startTestServer(), startTestServer()]);
      orm = await testOrm();
    }, 120_000);
    afterAll(async () => {
      await Promise.all([a?.close(), b?.close()]);
      await sql(`delete from county where code like '1525%'`);
      await sql(`delete from prefecture where code like '1525%'`);
      await sql(`delete from audit_entry where subject = 'import@cli'`);
      await orm?.close(true);
    });

    it('announce an edit through one replica to the subscribers of both', async () => {
      const onA = listen(a);
      const onB = listen(b);
      try {
        await Promise.all([subscribed(a), subscribed(b)]);
        const [code] = await villagesOf(2022, 1);
        const [fromA, fromB] = [onA.changes.length, onB.changes.length];
        await edit(a, await plannerOf(code!), code!, 2022);
        const committed = performance.now();
        const [seenA, seenB] = await Promise.all([onA.next(fromA, (c) => c.tables.includes('village_year')), onB.next(fromB, (c) => c.tables.includes('village_year'))]);
        console.log(`live updates across replicas: commit -> announcement ${(seenA.receivedAt - committed).toFixed(0)} ms (same hub), ${(seenB.receivedAt - committed).toFixed(0)} ms (other hub)`);
        expect(seenB.tileLayers).toEqual(['villages']);
      } finally {
        await Promise.all([onA.close(), onB.close()]);
      }
    });

    it('announce an import committed by another process', async () => {
      const live = listen(b);
      try {
        await subscribed(b);
        const before = live.changes.length;
        const result = await runImport(orm.em as unknown as EntityManager, {
          file: fileURLToPath(new URL('../fixtures/import/counties.geojson', import.meta.url)),
          kind: 'counties', dryRun: false, skipInvalid: false, repair: false, crs: 'wgs84', encoding: null, overrides: {}, prefectureName: '测试盟', demoRegion: 'keep',
        });
        expect(result.exitCode).toBe(0);
        const change = await live.next(before, (c) => c.tables.includes('county'));
        expect(change.tables).toEqual(expect.arrayContaining(['county', 'prefecture']));
        expect(change.tileLayers).toContain('counties');
      } finally {
        await live.close();
      }
    });
  });
