/**
 * Reads on PostgreSQL streaming replicas (DATABASE_REPLICA_URLS).
 *
 * What goes where (the routing itself is in routed-driver.ts):
 * - Every transaction, every write and every statement that is not plainly a
 *   read goes to the primary; so do LISTEN (changes.ts) and the migrations.
 * - A read outside a transaction goes to a replica that is answering and has
 *   replayed every write this process knows of; otherwise to the primary.
 *
 * Read-after-write is kept with the primary's WAL position, for everyone
 * rather than per caller: whenever a write is known (a commit or a write
 * statement of this process, or a change notification from any process), the
 * router asks the primary its WAL insert position (the "fence") and sends
 * reads to a replica only once that replica's replay position has reached it.
 * Between the write and the primary's answer, every read goes to the primary.
 * A planner's write notifies this process before its COMMIT returns
 * (changes.ts), so the read after it never meets a replica that has not
 * replayed it. Per caller would not do: the answer cache and the tile cache
 * are emptied on a change notification, and a read from a lagging replica
 * right after would fill them again with what the write replaced, for
 * everyone. A window of time would not do either: replication lag has no
 * upper bound (a replica's replay can stop for minutes), and the WAL
 * position needs only one tiny statement per write burst. While the change
 * feed is not live (a write may have been missed), every read goes to the
 * primary.
 *
 * A replica that fails a read with a connection error is taken out at once
 * and the read is run again on another replica or the primary; a monitor
 * asks every replica its replay position once a second (every 50 ms while
 * one is behind the fence) and brings it back when it answers. The same
 * figures give each replica's lag in bytes and seconds for /readyz.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';

export type ReplicaState = 'streaming' | 'catching-up' | 'down';

export interface ReplicaStatus {
  /** The replica's host:port/database (never its password). */
  name: string;
  /** streaming: takes reads; catching-up: answers but has not yet replayed the latest write (reads go elsewhere); down: does not answer (out of rotation). */
  state: ReplicaState;
  /** Seconds since the last transaction it replayed, 0 when it has replayed all the primary wrote; null when unknown. */
  lagSeconds: number | null;
  /** Bytes of WAL written on the primary and not yet replayed on it; null when unknown. */
  lagBytes: number | null;
  /** Why it is down. */
  reason?: string;
  /** Reads it has answered since start. */
  reads: number;
}

/** What the router needs of a replica's connection. */
export interface ReadTarget {
  execute(...args: never[]): Promise<unknown>;
}

interface Member<C> {
  name: string;
  url: string;
  connection: C;
  up: boolean;
  replay: bigint | null;
  sinceReplaySeconds: number | null;
  /** When the monitor last saw it with all the primary had written replayed (ms, monotonic). */
  caughtUpAt: number;
  reason: string | null;
  reads: number;
  client: pg.Client | null;
}

export interface ReadRouterOptions {
  primaryUrl: string;
  replicaUrls: string[];
  /** Events worth a log line: a replica taken out or back. */
  onEvent?: (message: string) => void;
}

const CHECK_MS = 1000;
const CATCH_UP_CHECK_MS = 50;
const CHECK_DEADLINE_MS = 1500;

/** Statements that write or hold session state even when they begin with select: they go to the primary. */
const WRITES =
  /\b(?:insert|update|delete|merge|truncate|create|alter|drop|grant|revoke|lock|copy|call|do|notify|listen|unlisten|vacuum|analyze|refresh|cluster|reindex|nextval|setval|set_config|pg_notify|lo_\w+|txid_current|pg_current_xact_id)\b|\b(?:pg_advisory|pg_try_advisory)\w*|\bfor\s+(?:no\s+key\s+)?(?:update|share|key\s+share)\b|flush\w*\s*\(/i;
const READS = /^\s*(?:(?:--[^\n]*\n|\/\*[\s\S]*?\*\/)\s*)*(?:select|with)\b/i;

/** Whether a statement only reads (a replica may answer it). Conservative: anything unsure goes to the primary. */
export function isReadStatement(sql: string): boolean {
  return READS.test(sql) && !WRITES.test(sql);
}

/** 'X/Y' (a pg_lsn as text) as a number of bytes. */
export function parseLsn(text: string | null): bigint | null {
  if (!text) return null;
  const [hi, lo] = text.split('/');
  return (BigInt(`0x${hi}`) << 32n) + BigInt(`0x${lo}`);
}

function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || 5432}/${u.pathname.replace(/^\//, '') || 'postgres'}`;
  } catch {
    return 'replica';
  }
}

const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', '57P01', '57P02', '57P03', '53300']);

/** A failure of the replica rather than of the statement: another server may answer it. */
export function isUnreachable(error: unknown): boolean {
  const e = error as { code?: string; name?: string; message?: string; errors?: unknown[] };
  if (!e) return false;
  if (Array.isArray(e.errors) && e.errors.some(isUnreachable)) return true;
  if (e.code && (UNREACHABLE_CODES.has(e.code) || e.code.startsWith('08'))) return true;
  if (e.name === 'KnexTimeoutError') return true;
  return /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(e.message ?? '');
}

/** The primary must answer this: a statement that writes after all (25006), or a recovery conflict on the standby (40001). */
function primaryMustAnswer(error: unknown): boolean {
  const code = (error as { code?: string })?.code;
  return code === '25006' || code === '40001';
}

const primaryScope = new AsyncLocalStorage<true>();

/** Runs `work` with every read on the primary (readiness of the primary itself; reads that must see the latest commit of any process). */
export function onPrimary<T>(work: () => Promise<T>): Promise<T> {
  return primaryScope.run(true, work);
}

export class ReadRouter<C extends ReadTarget = ReadTarget> {
  private members: Member<C>[] = [];
  private primary: pg.Client | null = null;
  private primaryLsn: bigint | null = null;
  /** Every read waits for replicas to have replayed this position. */
  private fence = 0n;
  /** True from a known write until the primary has told its position (and until the first position at start). */
  private fenceUnknown = true;
  private fenceDirty = false;
  private fencing = false;
  private timer: NodeJS.Timeout | null = null;
  private checking: Promise<void> | null = null;
  private recheck = false;
  private started = false;
  private stopped = false;
  private next = 0;
  /** False while the change feed is not live: a write may have gone unheard. */
  private writesHeard: () => boolean = () => true;

  constructor(private readonly o: ReadRouterOptions) {}

  /** Called by the driver with the connections MikroORM made from its `replicas` option, in DATABASE_REPLICA_URLS order. */
  bind(connections: C[]): void {
    this.members = connections.map((connection, i) => ({
      name: describeUrl(this.o.replicaUrls[i] ?? ''),
      url: this.o.replicaUrls[i] ?? '',
      connection,
      up: false,
      replay: null,
      sinceReplaySeconds: null,
      caughtUpAt: performance.now(),
      reason: 'not checked yet',
      reads: 0,
      client: null,
    }));
  }

  /** Starts routing (after the migrations); resolves once every replica has been asked once. */
  async start(writesHeard: () => boolean): Promise<void> {
    this.writesHeard = writesHeard;
    this.started = true;
    await this.check();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.started = false;
    if (this.timer) clearTimeout(this.timer);
    await this.checking?.catch(() => {});
    await Promise.all([this.primary, ...this.members.map((m) => m.client)].map((c) => c?.end().catch(() => {})));
  }

  /** A write is known (this process's commit or statement, or another's notification): reads wait for replicas to replay it. */
  wrote(): void {
    if (!this.started) return;
    this.fenceDirty = true;
    if (!this.fencing) void this.raiseFence();
  }

  /** The replica to read from now, or null for the primary. */
  private pick(): Member<C> | null {
    if (!this.started || this.fenceUnknown || this.fencing || !this.writesHeard() || primaryScope.getStore()) return null;
    const n = this.members.length;
    for (let i = 0; i < n; i++) {
      const m = this.members[(this.next + i) % n]!;
      if (m.up && m.replay !== null && m.replay >= this.fence) {
        this.next = (this.next + i + 1) % n;
        return m;
      }
    }
    return null;
  }

  /** Runs a read on a replica when one may answer it, else (or when replicas fail it) on the primary. */
  async read<T>(onReplica: (connection: C) => Promise<T>, onPrimaryConnection: () => Promise<T>): Promise<T> {
    for (let attempt = 0; attempt < this.members.length; attempt++) {
      const m = this.pick();
      if (!m) break;
      try {
        const result = await onReplica(m.connection);
        m.reads += 1;
        return result;
      } catch (error) {
        if (primaryMustAnswer(error)) break;
        if (!isUnreachable(error)) throw error;
        this.takeOut(m, error);
      }
    }
    return onPrimaryConnection();
  }

  status(): ReplicaStatus[] {
    return this.members.map((m) => {
      const lagBytes = m.up && m.replay !== null && this.primaryLsn !== null ? Number(this.primaryLsn > m.replay ? this.primaryLsn - m.replay : 0n) : null;
      // Behind: the age of the last transaction it replayed (the primary's commit time), or, when it has replayed none since it
      // started, how long ago it was last seen caught up.
      const lagSeconds = lagBytes === null ? null : lagBytes === 0 ? 0 : (m.sinceReplaySeconds ?? (performance.now() - m.caughtUpAt) / 1000);
      // Streaming exactly when a read may go to it (a write just known, its position not yet told, counts as not replayed).
      const state: ReplicaState = !m.up ? 'down' : m.replay !== null && !this.fenceUnknown && !this.fencing && m.replay >= this.fence ? 'streaming' : 'catching-up';
      return { name: m.name, state, lagSeconds, lagBytes, ...(m.up ? {} : { reason: m.reason ?? 'not answering' }), reads: m.reads };
    });
  }

  private takeOut(m: Member<C>, error: unknown): void {
    if (!m.up) return;
    m.up = false;
    m.reason = (error as Error)?.message || String(error);
    this.o.onEvent?.(`replica ${m.name} stopped answering (${m.reason}); reads go to the other replicas or the primary until it answers again`);
    m.client?.end().catch(() => {});
    m.client = null;
  }

  private async raiseFence(): Promise<void> {
    this.fencing = true;
    try {
      while (this.fenceDirty && !this.stopped) {
        this.fenceDirty = false;
        try {
          const lsn = await this.askPrimary();
          if (lsn > this.fence) this.fence = lsn;
          this.fenceUnknown = false;
        } catch {
          // The primary did not tell: reads stay on it until the monitor learns its position.
          this.fenceUnknown = true;
        }
      }
    } finally {
      this.fencing = false;
    }
    this.kick();
  }

  private async connect(url: string): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: CHECK_DEADLINE_MS, query_timeout: CHECK_DEADLINE_MS, application_name: 'lingyan-replica-monitor' });
    client.on('error', () => {});
    try {
      await client.connect();
    } catch (error) {
      client.end().catch(() => {});
      throw error;
    }
    return client;
  }

  /** The primary's WAL insert position: at or past the end of every commit made so far. */
  private async askPrimary(): Promise<bigint> {
    try {
      this.primary ??= await this.connect(this.o.primaryUrl);
      const { rows } = await this.primary.query<{ lsn: string }>('select pg_current_wal_insert_lsn()::text as lsn');
      const lsn = parseLsn(rows[0]!.lsn)!;
      this.primaryLsn = lsn;
      return lsn;
    } catch (error) {
      this.primary?.end().catch(() => {});
      this.primary = null;
      throw error;
    }
  }

  private async checkMember(m: Member<C>): Promise<void> {
    try {
      m.client ??= await this.connect(m.url);
      const { rows } = await m.client.query<{ standby: boolean; replay: string | null; since: number | null }>(
        'select pg_is_in_recovery() as standby, pg_last_wal_replay_lsn()::text as replay, extract(epoch from now() - pg_last_xact_replay_timestamp())::float8 as since',
      );
      const r = rows[0]!;
      if (!r.standby) throw new Error('it is not a standby (pg_is_in_recovery() is false); reads there could miss writes');
      m.replay = parseLsn(r.replay);
      m.sinceReplaySeconds = r.since === null ? null : Math.max(0, Number(r.since));
      if (m.replay !== null && this.primaryLsn !== null && m.replay >= this.primaryLsn) m.caughtUpAt = performance.now();
      if (!m.up) {
        m.up = true;
        const was = m.reason;
        m.reason = null;
        if (was !== 'not checked yet') this.o.onEvent?.(`replica ${m.name} answers again; back in rotation`);
      }
    } catch (error) {
      if (m.up) this.takeOut(m, error);
      else {
        m.reason = (error as Error)?.message || String(error);
        m.client?.end().catch(() => {});
        m.client = null;
      }
    }
  }

  /** Asks the primary and every replica once; the next check comes sooner while a replica is behind the fence. */
  private check(): Promise<void> {
    if (this.checking) {
      this.recheck = true;
      return this.checking;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.checking = (async () => {
      do {
        this.recheck = false;
        await Promise.all([
          this.askPrimary().then(
            (lsn) => {
              // The first position at start, or after the primary could not tell one: everything up to it must be replayed.
              if (this.fenceUnknown && !this.fencing) {
                if (lsn > this.fence) this.fence = lsn;
                this.fenceUnknown = false;
              }
            },
            () => {},
          ),
          ...this.members.map((m) => this.checkMember(m)),
        ]);
      } while (this.recheck && !this.stopped);
    })().finally(() => {
      this.checking = null;
      this.schedule();
    });
    return this.checking;
  }

  private kick(): void {
    if (this.started && !this.stopped) void this.check();
  }

  private schedule(): void {
    if (!this.started || this.stopped) return;
    const behind = this.members.some((m) => m.up && (m.replay === null || m.replay < this.fence));
    this.timer = setTimeout(() => void this.check(), behind || this.fenceUnknown ? CATCH_UP_CHECK_MS : CHECK_MS);
    this.timer.unref();
  }
}
