/**
 * The change bus: which tables were written, by this process or any other,
 * so in-process caches (vector tiles today; area aggregates and choropleths
 * later) can drop what a write made stale.
 *
 * Statement-level triggers (Migration20261127000006) raise
 * `pg_notify('lingyan_changes', <table>)`; PostgreSQL delivers each
 * notification at commit, once per table and transaction. Two paths bring
 * them here:
 *
 * - Every pooled connection LISTENs too. A session receives its own
 *   notifications before the ReadyForQuery that ends its COMMIT, so a write
 *   through this process has flushed the caches before the mutation answers:
 *   the next read sees it, with no race against a second socket. (Idle
 *   pooled connections hear other sessions' writes as well: duplicates,
 *   harmless, as a flush is idempotent.)
 * - One dedicated connection LISTENs for the other replicas' writes, and
 *   reconnects with backoff when the database goes away. While it is not
 *   listening, `live` is false and caches must not serve what they hold (a
 *   write may have been missed); when it listens again, everything is
 *   flushed once ('*'), since what changed meanwhile is unknown.
 *
 * Embedded mode: pglite-socket runs every connection on PGlite's single
 * session, so a notification comes back on the connection whose statement
 * raised it, never on another socket that LISTENs (checked with PGlite
 * 0.5.8 / pglite-socket 0.2.11). PGlite's own `listen()` API does not help
 * either: it only sees notifications of queries run through PGlite's query
 * API, not the raw protocol the socket forwards. Both are fine because one
 * process owns an embedded DATA_DIR and all its writes go through its own
 * pool, whose connections see their own notifications: the bus is live
 * without a dedicated listener. (A second process on the same socket, as in
 * tests, would not be seen; that setup is not supported for serving.)
 *
 * LISTEN needs a session: behind PgBouncer in transaction mode, point the
 * hub at PostgreSQL directly or use session mode.
 *
 * Seam on a library's internals (docs/architecture.md#seams-on-libraries-internals):
 * - buys: caches that hear every write on the embedded database without a
 *   listener of their own (no performance figure: a correctness seam).
 * - leans on: pglite-socket 0.2 running every connection in one PGlite
 *   session and returning a notification only to the connection whose
 *   statement raised it.
 * - guarded by: tests/api/live-updates.test.ts and
 *   tests/api/response-cache.test.ts (a write is heard and flushes the
 *   answers it made stale).
 */
import pg from 'pg';

export const CHANGES_CHANNEL = 'lingyan_changes';
/** Published when notifications may have been missed: anything may have changed. */
export const ANY_TABLE = '*';

export type ChangeListener = (table: string) => void;

export interface ChangeBusOptions {
  /** The database to listen on (postgres mode). */
  url: string;
  /** Embedded mode: this process is the only writer, its pool sees every notification. */
  soleWriter: boolean;
  onError?: (message: string, error?: unknown) => void;
}

const RECONNECT_MIN_MS = 100;
const RECONNECT_MAX_MS = 5000;
/** A half-open TCP connection raises no error; a periodic round trip notices it. */
const HEARTBEAT_MS = 15_000;
const DEADLINE_MS = 5000;

export class ChangeBus {
  private readonly listeners = new Set<ChangeListener>();
  private client: pg.Client | null = null;
  private retry: NodeJS.Timeout | null = null;
  private heartbeat: NodeJS.Timeout | null = null;
  private attempts = 0;
  private stopped = false;
  private isLive = false;

  constructor(private readonly o: ChangeBusOptions) {}

  /** Whether every committed write reaches this process now; while false, caches must not serve. */
  get live(): boolean {
    return this.isLive;
  }

  /** Calls `listener` with the name of each table written (or '*'); returns the unsubscribe function. */
  subscribe(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publish(table: string): void {
    for (const listener of this.listeners) {
      try {
        listener(table);
      } catch (error) {
        this.o.onError?.('a change listener failed', error);
      }
    }
  }

  /** For the pool: a new connection that LISTENs on the channel reports its notifications here. */
  attach(connection: pg.Client): void {
    connection.on('notification', (m) => {
      if (m.channel === CHANGES_CHANNEL) this.publish(m.payload || ANY_TABLE);
    });
  }

  /** Starts listening; resolves once the first attempt has ended (a failed one keeps retrying in the background). */
  async start(): Promise<void> {
    if (this.o.soleWriter) {
      this.setLive(true);
      return;
    }
    await this.connect();
  }

  async close(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    if (this.heartbeat) clearInterval(this.heartbeat);
    const client = this.client;
    this.client = null;
    this.isLive = false;
    await client?.end().catch(() => {});
  }

  private setLive(live: boolean): void {
    this.isLive = live;
    // Lost: what the caches hold can no longer be trusted. Regained: writes made meanwhile were not announced.
    this.publish(ANY_TABLE);
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = new pg.Client({ connectionString: this.o.url, connectionTimeoutMillis: DEADLINE_MS, query_timeout: DEADLINE_MS, keepAlive: true });
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    this.attach(client);
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANGES_CHANNEL}`);
    } catch (error) {
      client.end().catch(() => {});
      if (this.attempts === 0) this.o.onError?.('cannot listen for changes; tile caching is off until it can', error);
      this.schedule();
      return;
    }
    if (this.stopped) {
      await client.end().catch(() => {});
      return;
    }
    this.client = client;
    this.attempts = 0;
    this.heartbeat = setInterval(() => {
      client.query('select 1').catch(() => {
        this.lost(client);
        client.end().catch(() => {});
      });
    }, HEARTBEAT_MS);
    this.heartbeat.unref();
    this.setLive(true);
  }

  private lost(client: pg.Client): void {
    if (client !== this.client) return;
    this.client = null;
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
    this.setLive(false);
    this.schedule();
  }

  private schedule(): void {
    if (this.stopped || this.retry) return;
    const delay = Math.min(RECONNECT_MAX_MS, RECONNECT_MIN_MS * 2 ** this.attempts);
    this.attempts += 1;
    this.retry = setTimeout(() => {
      this.retry = null;
      void this.connect();
    }, delay);
    this.retry.unref();
  }
}
