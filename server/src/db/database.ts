/**
 * Opens the database the configuration names: DATABASE_URL when set, the
 * embedded PGlite otherwise. Checks PostGIS, runs pending migrations, and
 * turns the usual failures into messages that say what to do.
 */
import type { EntityManager, MikroORM, PostgreSqlConnection } from '@mikro-orm/postgresql';
import pg from 'pg';
import { ConfigError, REPLICAS_NEED_DATABASE_URL, type Config } from '../config/config.js';
import { ChangeBus } from './changes.js';
import { GRACE_MS, startEmbedded, type EmbeddedDatabase } from './embedded.js';
import { initORM } from './orm.js';
import { ReadRouter, type ReplicaStatus } from './replicas.js';

export type DatabaseMode = 'embedded' | 'postgres';

export interface Database {
  mode: DatabaseMode;
  orm: MikroORM;
  /** The URL the pool connects to (embedded: the loopback socket). */
  url: string;
  postgisVersion: string;
  /** Which tables were written (by any process); started by the server, not by scripts. */
  changes: ChangeBus;
  /** Each streaming replica's state and lag (DATABASE_REPLICA_URLS); empty without replicas. */
  replicas(): ReplicaStatus[];
  close(): Promise<void>;
}

function describe(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || 5432}/${u.pathname.replace(/^\//, '')}`;
  } catch {
    return 'DATABASE_URL';
  }
}

/** Connects once with plain `pg` to give a precise message before the ORM starts. */
async function probe(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    const why = e.code === 'ECONNREFUSED' ? 'connection refused' : e.code === '28P01' ? 'password authentication failed' : e.code === '3D000' ? 'the database does not exist' : (e.code ?? e.message);
    throw new ConfigError(`cannot connect to the database at ${describe(url)} (${why}); check DATABASE_URL and that PostgreSQL is running`);
  }
  try {
    // Installed, or there for the migrations to create: PostGIS, and btree_gist (PostgreSQL's contrib) for the nearest-in-scope index.
    const { rows } = await client.query<{ name: string }>(
      `select name from pg_available_extensions where name in ('postgis', 'btree_gist') union select extname from pg_extension where extname in ('postgis', 'btree_gist')`,
    );
    const present = new Set(rows.map((r) => r.name));
    if (!present.has('postgis')) {
      throw new ConfigError(`the database at ${describe(url)} has no PostGIS; install PostGIS 3 on that server (Debian: apt install postgresql-15-postgis-3) or unset DATABASE_URL to use the embedded database`);
    }
    if (!present.has('btree_gist')) {
      throw new ConfigError(`the database at ${describe(url)} has no btree_gist extension; install PostgreSQL's contrib modules on that server (Debian ships them in postgresql-15; elsewhere postgresql-contrib) or unset DATABASE_URL to use the embedded database`);
    }
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * The hub's own work at start, after the migrations (the demo region into an
 * empty database): given an EntityManager of its own, outside the limits set
 * for requests.
 */
export type StartupWork = (em: EntityManager) => Promise<void>;

/**
 * Migrations and `startup` run on an ORM of their own, closed before the
 * hub's: no statement_timeout, no client query timeout, and on the embedded
 * database before its watchdog is armed. Those limits are there to end a
 * runaway request; on a starved machine (load ~20) one insert of the demo
 * region took 18 s and the 15 s limit stopped the hub from starting at all.
 */
async function runStartupWork(url: string, startup: StartupWork | undefined, onQuery: ((sql: string) => void) | undefined, acquireTimeoutMs: number | undefined): Promise<void> {
  const orm = await initORM({ url, poolSize: 1, statementTimeoutMs: 0, ...(acquireTimeoutMs ? { acquireTimeoutMs } : {}), ...(onQuery ? { onQuery } : {}) });
  try {
    await orm.getMigrator().up();
    await startup?.(orm.em.fork());
  } finally {
    await orm.close(true);
  }
}

export async function openDatabase(config: Config, onQuery?: (sql: string) => void, onEvent?: (message: string) => void, startup?: StartupWork): Promise<Database> {
  const replicaUrls = config.databaseReplicaUrls ?? [];
  if (replicaUrls.length > 0 && !config.databaseUrl) throw new ConfigError(REPLICAS_NEED_DATABASE_URL);
  let embedded: EmbeddedDatabase | null = null;
  let url: string;
  if (config.databaseUrl) {
    url = config.databaseUrl;
  } else {
    embedded = await startEmbedded({ dataDir: config.dataDir });
    url = embedded.url;
  }
  const changes = new ChangeBus({ url, soleWriter: embedded !== null });
  const router = replicaUrls.length > 0 ? new ReadRouter<PostgreSqlConnection>({ primaryUrl: url, replicaUrls, ...(onEvent ? { onEvent } : {}) }) : null;
  try {
    await probe(url);
    // Connecting waits past STATEMENT_TIMEOUT_MS on the embedded database (see below), at start-up too.
    const acquireTimeoutMs = embedded ? config.statementTimeoutMs + 2 * GRACE_MS : undefined;
    try {
      await runStartupWork(url, startup, onQuery, acquireTimeoutMs);
    } catch (error) {
      if ((error as { code?: string }).code === '42501') {
        throw new ConfigError(`the database user may not create the PostGIS and btree_gist extensions or tables at ${describe(url)}; run "CREATE EXTENSION postgis; CREATE EXTENSION btree_gist" as a superuser once, and grant CREATE on the schema`);
      }
      throw error;
    }
    const orm = await initORM({
      url,
      // PGlite runs one query at a time: a large pool only queues on the socket.
      poolSize: config.poolSize ?? (embedded ? 4 : 10),
      statementTimeoutMs: config.statementTimeoutMs,
      // PGlite ignores statement_timeout: the client gives up at the same time, and the worker is restarted (embedded.ts).
      // Connecting waits past that: a request that connects while a statement holds PGlite's one thread must not
      // time out before that statement does (its own request hears LIMIT_EXCEEDED, the others SERVICE_UNAVAILABLE).
      ...(embedded ? { clientTimeoutMs: config.statementTimeoutMs, acquireTimeoutMs } : {}),
      changes,
      ...(router ? { replicas: { urls: replicaUrls, router } } : {}),
      ...(onQuery ? { onQuery } : {}),
    });
    const [row] = await orm.em.getConnection().execute<{ v: string }[]>(`select postgis_lib_version() as v`);
    embedded?.enforceTimeout(config.statementTimeoutMs, onEvent ?? (() => {}));
    if (router) {
      // Another process's write is heard here; while the feed is not live (or not started, as in scripts) reads stay on the primary.
      changes.subscribe(() => router.wrote());
      await router.start(() => changes.live);
    }
    return {
      mode: embedded ? 'embedded' : 'postgres',
      orm,
      url,
      postgisVersion: row?.v ?? 'unknown',
      changes,
      replicas: () => router?.status() ?? [],
      async close() {
        await router?.stop();
        await changes.close();
        await orm.close(true);
        await embedded?.stop();
      },
    };
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
}
