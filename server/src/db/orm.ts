/**
 * MikroORM over `pg`: one config for both database modes, migrations listed
 * in code, the built-in dataloader on for every relation.
 */
import { DataloaderType, type Options } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { MikroORM, PostgreSqlDriver, type PostgreSqlConnection } from '@mikro-orm/postgresql';
import type pg from 'pg';
import { entities } from '../domain/entities.js';
import { CHANGES_CHANNEL, type ChangeBus } from './changes.js';
import { migrationsList } from './migrations/index.js';
import type { ReadRouter } from './replicas.js';
import { routedDriver } from './routed-driver.js';

export interface OrmOptions {
  url: string;
  poolSize: number;
  statementTimeoutMs: number;
  /**
   * How long a request may wait for a pooled connection, and for a new one to
   * connect, before it fails (SERVICE_UNAVAILABLE): when the database goes
   * away, requests answer quickly instead of hanging. Default 5000 ms.
   */
  acquireTimeoutMs?: number;
  /**
   * The embedded database cannot cancel a statement; the client stops waiting
   * for its answer after this long ('Query read timeout', answered
   * LIMIT_EXCEEDED as a cancelled statement is).
   */
  clientTimeoutMs?: number;
  debug?: boolean;
  /** Called with every SQL statement (tests count statements with it). */
  onQuery?: (sql: string) => void;
  /** Every pooled connection LISTENs and reports to the bus (see changes.ts: a write's own notification arrives before its COMMIT returns). */
  changes?: ChangeBus;
  /** Streaming replicas for reads outside transactions, routed by `router` (replicas.ts); none by default. */
  replicas?: { urls: string[]; router: ReadRouter<PostgreSqlConnection> };
}

/** MikroORM colours its log lines when the terminal says it may (FORCE_COLOR); hand the hook plain SQL. */
function queryLogger(onQuery: (sql: string) => void) {
  // eslint-disable-next-line no-control-regex -- the colour codes are escape sequences
  return (message: string) => onQuery(message.replace(/\x1B\[[0-9;]*m/g, '').replace(/^\[query\] /, ''));
}

/** Replica pools set the same statement timeout but do not LISTEN (a standby cannot: changes are heard on the primary). */
function replicaOptions(o: OrmOptions, urls: string[]): Options<PostgreSqlDriver>['replicas'] {
  return urls.map((clientUrl, i) => ({
    name: `replica-${i + 1}`,
    clientUrl,
    driverOptions: {
      pool: {
        afterCreate(conn: pg.Client, done: (err: Error | null, conn: unknown) => void) {
          conn.query(`SET statement_timeout = ${Math.trunc(o.statementTimeoutMs)}`, (err: Error | null) => done(err, conn));
        },
      },
      // A replica that does not answer is given up sooner than the primary: the read is run elsewhere meanwhile.
      acquireConnectionTimeout: Math.min(o.acquireTimeoutMs ?? 5000, 2000),
      connection: { connectionTimeoutMillis: Math.min(o.acquireTimeoutMs ?? 5000, 2000), application_name: 'lingyan-read' },
    },
  }));
}

export function ormConfig(o: OrmOptions): Options<PostgreSqlDriver> {
  return {
    driver: o.replicas ? routedDriver(o.replicas.router) : PostgreSqlDriver,
    ...(o.replicas ? { replicas: replicaOptions(o, o.replicas.urls), preferReadReplicas: true } : {}),
    clientUrl: o.url,
    entities,
    // Explicit types on every property: no reflection, same behaviour under tsc, tsx and vitest.
    discovery: { requireEntitiesArray: true },
    dataloader: DataloaderType.ALL,
    extensions: [Migrator],
    migrations: { migrationsList, transactional: true, allOrNothing: true, snapshot: false },
    pool: {
      min: 0,
      max: o.poolSize,
      // A runaway query must not hold a connection (or, embedded, the whole database) for ever.
      afterCreate(conn: pg.Client, done: (err: Error | null, conn: unknown) => void) {
        o.changes?.attach(conn);
        const listen = o.changes ? `; LISTEN ${CHANGES_CHANNEL}` : '';
        conn.query(`SET statement_timeout = ${Math.trunc(o.statementTimeoutMs)}${listen}`, (err: Error | null) => done(err, conn));
      },
    },
    driverOptions: {
      acquireConnectionTimeout: o.acquireTimeoutMs ?? 5000,
      connection: { connectionTimeoutMillis: o.acquireTimeoutMs ?? 5000, keepAlive: true, ...(o.clientTimeoutMs ? { query_timeout: o.clientTimeoutMs } : {}) },
    },
    ...(o.onQuery ? { debug: ['query' as const], logger: queryLogger(o.onQuery), colors: false } : { debug: o.debug ?? false }),
    allowGlobalContext: false,
  };
}

export async function initORM(o: OrmOptions): Promise<MikroORM> {
  return MikroORM.init(ormConfig(o));
}
