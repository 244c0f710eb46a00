/**
 * Reads on PostgreSQL streaming replicas (DATABASE_REPLICA_URLS,
 * server/src/db/replicas.ts).
 *
 * - Everywhere: the setting is refused without DATABASE_URL (the embedded
 *   database has no streaming replication) with its message, and a bad entry
 *   is named.
 * - On PostGIS: a cluster of this file's own (the run's shared database is
 *   never written) and a real standby made from it with `pg_basebackup -R`.
 *   Where a statement ran is read from each server's log (both log every
 *   statement with its values, written before the answer leaves the server),
 *   with a marker no other statement holds; the session that ran it from the
 *   standby's pg_stat_activity (the hub's replica pool says application_name
 *   `lingyan-read`).
 *   The standby's replay is paused to make it lag for real, and it is stopped
 *   and started again to take it out of rotation and back.
 */
import fs from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig, REPLICAS_NEED_DATABASE_URL } from '../../server/src/config/config.js';
import { openDatabase } from '../../server/src/db/database.js';
import { onPrimary } from '../../server/src/db/replicas.js';
import { loadDemoRegion } from '../support/demo-database.js';
import { sqlAt } from '../support/own-database.js';
import { startPgCluster, type PgCluster } from '../support/pg-cluster.js';
import { startStandby, type PgStandby } from '../support/pg-standby.js';
import { capturedLog, startTestServer, token, type TestServer } from '../support/server.js';

describe('DATABASE_REPLICA_URLS where it cannot work', () => {
  it('is refused without DATABASE_URL (the embedded database), saying why and what to do', () => {
    expect(() => loadConfig({ DATABASE_REPLICA_URLS: 'postgres://postgres@127.0.0.1:5433/postgres' })).toThrow(REPLICAS_NEED_DATABASE_URL);
    expect(REPLICAS_NEED_DATABASE_URL).toMatch(/embedded database has no streaming replicas; set DATABASE_URL .* or unset DATABASE_REPLICA_URLS/);
  });

  it('stops a hub on the embedded database before it opens anything', async () => {
    await expect(startTestServer({ databaseUrl: null, databaseReplicaUrls: ['postgres://postgres@127.0.0.1:1/postgres'] })).rejects.toThrow(REPLICAS_NEED_DATABASE_URL);
  });

  it('names the entry that is not a PostgreSQL URL, and reads a list with spaces', () => {
    const primary = { DATABASE_URL: 'postgres://postgres@db:5432/lingyan' };
    expect(() => loadConfig({ ...primary, DATABASE_REPLICA_URLS: 'postgres://r1:5432/lingyan, mysql://r2/lingyan' })).toThrow(
      'DATABASE_REPLICA_URLS: entry 2 must start with postgres:// or postgresql://, got "mysql://"',
    );
    expect(() => loadConfig({ ...primary, DATABASE_REPLICA_URLS: 'r1:5432' })).toThrow(/entry 1 (is not a URL|must start with postgres:\/\/)/);
    expect(loadConfig({ ...primary, DATABASE_REPLICA_URLS: ' postgres://r1:5432/lingyan , postgresql://r2/lingyan ,' }).databaseReplicaUrls).toEqual([
      'postgres://r1:5432/lingyan',
      'postgresql://r2/lingyan',
    ]);
    expect(loadConfig(primary).databaseReplicaUrls).toEqual([]);
  });
});

interface ReplicaStatus {
  name: string;
  state: 'streaming' | 'catching-up' | 'down';
  lagSeconds: number | null;
  lagBytes: number | null;
  reason?: string;
  reads: number;
}

function streamingCases(): void {
  let primary: PgCluster;
  let standby: PgStandby;
  let hub: TestServer;
  let log: string[];
  let planner: string;
  let county: string;
  const YEAR = 2021;
  // A year no figure has: the read's SQL holds it as `[<year>]`, which no other statement does.
  let marker = 1000;

  const READ = `query ($c: String!, $y: Int!) { county(code: $c) { reportedFigures(year: $y) { year poorPopulation } } }`;
  const UPSERT = `mutation ($i: ReportedFiguresInput!) { upsertReportedFigures(input: $i) { version poorPopulation } }`;

  async function readyz(): Promise<{ status: number; body: { status: string; replicas?: ReplicaStatus[] } }> {
    const res = await fetch(`${hub.url}/readyz`);
    return { status: res.status, body: (await res.json()) as never };
  }
  const replica = async () => (await readyz()).body.replicas?.[0];

  /**
   * Where the hub ran a marked read: which server logged it. A server logs
   * a statement before it answers: final once the hub has answered (a
   * session's last statement in pg_stat_activity is overwritten by the hub's
   * next statement on that pooled session).
   */
  async function whereRan(year: number): Promise<{ standby: boolean; primary: boolean }> {
    const ran = async (log: string) => (await fs.readFile(log, 'utf8')).includes(`[${year}]`);
    return { standby: await ran(standby.log), primary: await ran(primary.log) };
  }

  /** Scans of the reported figures table a server has counted (flushed within about a second of a session going idle). */
  const figureReadsAt = async (url: string): Promise<number> =>
    Number((await sqlAt<{ n: string }>(url, `select coalesce(seq_scan, 0) + coalesce(idx_scan, 0) as n from pg_stat_user_tables where relname = 'reported_area_figures'`))[0]!.n);

  /** Pauses the standby's replay and waits until it has stopped (a pause is taken between WAL records). */
  async function pauseReplay(): Promise<void> {
    await sqlAt(standby.url, `select pg_wal_replay_pause()`);
    await expect.poll(async () => (await sqlAt<{ s: string }>(standby.url, `select pg_get_wal_replay_pause_state() as s`))[0]!.s, { timeout: 10_000, interval: 50 }).toBe('paused');
  }

  async function markedRead(): Promise<number> {
    marker += 1;
    const r = await hub.graphql(READ, { c: county, y: marker });
    expect(r.errors).toBeUndefined();
    expect(r.data.county.reportedFigures).toEqual([]);
    return marker;
  }

  async function reportedPoor(): Promise<number | null> {
    const r = await hub.graphql(READ, { c: county, y: YEAR });
    expect(r.errors).toBeUndefined();
    return r.data.county.reportedFigures[0]?.poorPopulation ?? null;
  }

  /** Waits until the hub sees its replica streaming (expect.poll cannot run in beforeAll). */
  async function replayed(): Promise<void> {
    const deadline = Date.now() + 30_000;
    let last: ReplicaStatus | undefined;
    while ((last = await replica())?.state !== 'streaming') {
      if (Date.now() > deadline) throw new Error(`the replica is not streaming after 30 s: ${JSON.stringify(last)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  beforeAll(async () => {
    primary = await startPgCluster();
    await loadDemoRegion(primary.url);
    // Every statement of a session of this database logged with its values, on the standby too (a catalog setting, replicated).
    await sqlAt(primary.url, `alter database postgres set log_min_duration_statement = 0`);
    standby = await startStandby(primary.url);
    [{ county }] = (await sqlAt<{ county: string }>(primary.url, `select code as county from county order by code limit 1`)) as [{ county: string }];
    planner = await token('planner', [county], 1, 'planner-streaming-replicas');
    const captured = capturedLog();
    log = captured.lines;
    hub = await startTestServer({ databaseUrl: primary.url, databaseReplicaUrls: [standby.url], poolSize: 4 }, {}, captured.logger);
    await replayed();
  }, 240_000);

  afterAll(async () => {
    await hub?.close();
    await standby?.remove();
    await primary?.remove();
  });

  it('sends reads outside transactions to the replica, not the primary', async () => {
    const before = (await replica())!.reads;
    const year = await markedRead();
    expect(await whereRan(year)).toEqual({ standby: true, primary: false });
    const sessions = await sqlAt<{ application_name: string }>(standby.url, `select distinct application_name from pg_stat_activity where pid <> pg_backend_pid() and query like '%reported_area_figures%'`);
    expect(sessions.map((s) => s.application_name)).toEqual(['lingyan-read']);
    expect((await replica())!.reads).toBeGreaterThan(before);
    // The change notifications are listened for on the primary only (a standby cannot LISTEN; the next test hears one).
    expect(await sqlAt(standby.url, `select 1 from pg_stat_activity where pid <> pg_backend_pid() and query ilike '%listen %'`)).toEqual([]);
  });

  it('gives each replica its state, lag and reads in /metrics', async () => {
    await markedRead();
    const text = await (await fetch(`${hub.url}/metrics`)).text();
    const name = (await replica())!.name;
    expect(text).toContain(`lingyan_db_replica_state{replica="${name}",state="streaming"} 1`);
    expect(text).toContain(`lingyan_db_replica_state{replica="${name}",state="down"} 0`);
    // Figures, not zeros: autovacuum on the primary may write WAL at any moment.
    expect(text).toMatch(new RegExp(`lingyan_db_replica_lag_bytes\\{replica="${name.replace(/\./g, '\\.')}"\\} \\d+\n`));
    expect(text).toMatch(new RegExp(`lingyan_db_replica_lag_seconds\\{replica="${name.replace(/\./g, '\\.')}"\\} [\\d.e-]+\n`));
    expect(Number(text.match(new RegExp(`lingyan_db_replica_reads\\{replica="${name.replace(/\./g, '\\.')}"\\} (\\d+)`))?.[1])).toBeGreaterThan(0);
  });

  it("writes on the primary, and a planner's read right after their write sees it while the replica has not replayed it", async () => {
    await pauseReplay();
    try {
      const written = await hub.graphql(UPSERT, { i: { level: 'COUNTY', code: county, year: YEAR, poorPopulation: 4321, ruralPopulation: 98_765, households: 7 } }, planner);
      // A standby refuses every write (25006): the answer itself says it ran on the primary.
      expect(written.errors).toBeUndefined();
      expect(written.data.upsertReportedFigures.poorPopulation).toBe(4321);
      // The replica really is behind: read there, the write is not there yet.
      expect(await sqlAt(standby.url, `select 1 from reported_area_figures where code = $1 and year = $2`, [county, YEAR])).toEqual([]);
      expect(await reportedPoor()).toBe(4321);
      const behind = await replica();
      expect(behind!.state).toBe('catching-up');
      await expect.poll(async () => (await replica())!.lagBytes, { timeout: 10_000, interval: 100 }).toBeGreaterThan(0);
      const lagging = (await replica())!;
      expect(lagging.lagSeconds).toBeGreaterThan(0);
      // Reads stay off the replica while it is behind.
      const year = await markedRead();
      expect(await whereRan(year)).toEqual({ standby: false, primary: true });
      expect((await readyz()).status).toBe(200);
    } finally {
      await sqlAt(standby.url, `select pg_wal_replay_resume()`);
    }
    await replayed();
    await expect.poll(async () => { const r = (await replica())!; return [r.lagBytes, r.lagSeconds]; }, { timeout: 10_000, interval: 100 }).toEqual([0, 0]);
    const year = await markedRead();
    expect(await whereRan(year)).toEqual({ standby: true, primary: false });
    expect(await reportedPoor()).toBe(4321);
  });

  it("hears another process's write on the primary and keeps reads off a replica that has not replayed it", async () => {
    await pauseReplay();
    try {
      await sqlAt(primary.url, `update reported_area_figures set poor_population = 1234 where level = 'county' and code = $1 and year = $2`, [county, YEAR]);
      expect((await sqlAt<{ p: number }>(standby.url, `select poor_population as p from reported_area_figures where code = $1 and year = $2`, [county, YEAR]))[0]?.p).toBe(4321);
      // The notification arrives a moment after that commit: from then on the hub reads the primary.
      await expect.poll(reportedPoor, { timeout: 5000, interval: 50 }).toBe(1234);
      for (let i = 0; i < 5; i++) expect(await reportedPoor()).toBe(1234);
    } finally {
      await sqlAt(standby.url, `select pg_wal_replay_resume()`);
    }
    await replayed();
  });

  it('takes a replica that stops out of rotation, reads going on on the primary, and back once it answers', async () => {
    await standby.stop('fast');
    const started = Date.now();
    for (let i = 0; i < 6; i++) expect(await reportedPoor()).toBe(1234);
    // The first read may meet the stopped replica and be run again on the primary: well under the clients' patience.
    expect(Date.now() - started).toBeLessThan(10_000);
    await expect.poll(async () => (await replica())?.state, { timeout: 10_000, interval: 100 }).toBe('down');
    const ready = await readyz();
    expect(ready.status).toBe(200);
    expect(ready.body.status).toBe('ready');
    expect(ready.body.replicas![0]).toMatchObject({ state: 'down', lagBytes: null, lagSeconds: null });
    expect(ready.body.replicas![0]!.reason).toBeTruthy();
    expect(ready.body.replicas![0]!.name).toBe(new URL(standby.url).host + '/postgres');
    // The primary ran it: its own count of reads of the figures table grows (a session's last statement in
    // pg_stat_activity is no proof here, the hub's next statement on that pooled session overwrites it).
    const before = await figureReadsAt(primary.url);
    await markedRead();
    await expect.poll(() => figureReadsAt(primary.url), { timeout: 10_000, interval: 100 }).toBeGreaterThan(before);
    expect(log.some((line) => line.includes('stopped answering'))).toBe(true);

    await standby.start();
    await replayed();
    const back = await markedRead();
    expect(await whereRan(back)).toEqual({ standby: true, primary: false });
    expect(log.some((line) => line.includes('answers again; back in rotation'))).toBe(true);
  }, 60_000);

  it('runs raw SQL outside transactions on the replica, and every statement of a transaction, onPrimary and writes on the primary', async () => {
    const db = await openDatabase({ ...loadConfig({}), databaseUrl: primary.url, databaseReplicaUrls: [standby.url], seedDemo: false, poolSize: 2 });
    try {
      await db.changes.start();
      const em = db.orm.em.fork();
      const ran = async (tag: string) => {
        const count = (url: string) => sqlAt<{ n: string }>(url, `select count(*) as n from pg_stat_activity where query like $1 and query not like '%pg_stat_activity%'`, [`%${tag}%`]).then(([r]) => Number(r!.n));
        return { standby: await count(standby.url), primary: await count(primary.url) };
      };
      await expect.poll(async () => db.replicas()[0]?.state, { timeout: 10_000, interval: 100 }).toBe('streaming');
      await em.execute(`select 'routed-execute' as tag`);
      expect(await ran('routed-execute')).toEqual({ standby: 1, primary: 0 });
      await em.getConnection().execute(`select 'routed-connection' as tag`);
      expect(await ran('routed-connection')).toEqual({ standby: 1, primary: 0 });
      // With values, as spatial/sql.ts sends them: the servers' logs say where it ran.
      expect(await em.execute(`select ?::text as tag`, ['routed-values'])).toEqual([{ tag: 'routed-values' }]);
      const logged = async (log: string) => (await fs.readFile(log, 'utf8')).includes(`'routed-values'`);
      expect({ standby: await logged(standby.log), primary: await logged(primary.log) }).toEqual({ standby: true, primary: false });
      // Asked inside the transaction: after it, the session's last statement is its COMMIT.
      const inTransaction = await em.transactional(async (tx) => {
        await tx.execute(`select 'in-transaction' as tag`);
        return ran('in-transaction');
      });
      expect(inTransaction).toEqual({ standby: 0, primary: 1 });
      await onPrimary(() => em.execute(`select 'on-primary' as tag`));
      expect(await ran('on-primary')).toEqual({ standby: 0, primary: 1 });
      // A statement that writes though it begins with select: kept on the primary.
      await em.execute(`select set_config('lingyan.tag', 'set-config', false)`);
      expect(await ran('set-config')).toEqual({ standby: 0, primary: 1 });
    } finally {
      await db.close();
    }
  });

  it('starts with a replica that does not answer, reading from the primary meanwhile', async () => {
    const other = await startTestServer({ databaseUrl: primary.url, databaseReplicaUrls: ['postgres://postgres@127.0.0.1:1/postgres', standby.url], poolSize: 2 });
    try {
      const res = await fetch(`${other.url}/readyz`);
      expect(res.status).toBe(200);
      const body = (await res.json()) as { replicas: ReplicaStatus[] };
      expect(body.replicas[0]).toMatchObject({ name: '127.0.0.1:1/postgres', state: 'down', lagBytes: null });
      expect(body.replicas[0]!.reason).toMatch(/ECONNREFUSED/);
      expect(body.replicas[1]!.state).toBe('streaming');
      for (let i = 0; i < 4; i++) {
        const r = await other.graphql(READ, { c: county, y: YEAR });
        expect(r.errors).toBeUndefined();
      }
      const after = (await (await fetch(`${other.url}/readyz`)).json()) as { replicas: ReplicaStatus[] };
      expect(after.replicas[0]!.reads).toBe(0);
      expect(after.replicas[1]!.reads).toBeGreaterThanOrEqual(4);
    } finally {
      await other.close();
    }
  });
}

// Each run registers only what its database can do: .ci/run counts a skipped test as a failure.
if (inject('databaseMode') === 'postgres') describe('reads on a streaming standby made with pg_basebackup -R', streamingCases);
