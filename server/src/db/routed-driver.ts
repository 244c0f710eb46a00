/**
 * MikroORM's PostgreSQL driver with its reads routed by replicas.ts.
 *
 * MikroORM 6 makes one connection (pool) per entry of its `replicas` option
 * and sends reads outside transactions to a random one (`getConnection('read')`),
 * with no notion of a replica that stopped answering or has not replayed a
 * write, and raw SQL (`em.execute`, `em.getConnection().execute`, how
 * spatial/, tiles and the GraphQL reads run their statements) always on the
 * primary. Here every statement passes the primary connection's `execute`:
 * outside a transaction, a plain read is handed to the router (a replica, or
 * the primary when none may answer), anything else runs on the primary and
 * raises the router's fence; a commit raises it too. `getConnection('read')`
 * returns the primary connection, so the ORM's own reads take the same path.
 */
import type { Configuration, ConnectionType, Dictionary } from '@mikro-orm/core';
import { PostgreSqlConnection, PostgreSqlDriver } from '@mikro-orm/postgresql';
import { isReadStatement, type ReadRouter } from './replicas.js';

type ExecuteArgs = Parameters<PostgreSqlConnection['execute']>;

function sqlText(query: ExecuteArgs[0]): string {
  return typeof query === 'string' ? query : (query as { toSQL(): { sql: string } }).toSQL().sql;
}

function inTransaction(query: ExecuteArgs[0], ctx: unknown): boolean {
  return Boolean(ctx) || (typeof query !== 'string' && Boolean((query as { client?: { transacting?: unknown } }).client?.transacting));
}

export function routedDriver(router: ReadRouter<PostgreSqlConnection>): typeof PostgreSqlDriver {
  class RoutedConnection extends PostgreSqlConnection {
    override async execute<T extends Dictionary | Dictionary[] = Dictionary[]>(...args: ExecuteArgs): Promise<T> {
      const [query, , , ctx] = args;
      if (inTransaction(query, ctx)) return super.execute<T>(...args);
      if (!isReadStatement(sqlText(query))) {
        try {
          return await super.execute<T>(...args);
        } finally {
          router.wrote();
        }
      }
      return router.read(
        (replica) => replica.execute<T>(...args),
        () => super.execute<T>(...args),
      );
    }

    override async commit(...args: Parameters<PostgreSqlConnection['commit']>): Promise<void> {
      try {
        await super.commit(...args);
      } finally {
        router.wrote();
      }
    }
  }

  return class RoutedPostgreSqlDriver extends PostgreSqlDriver {
    constructor(config: Configuration) {
      super(config);
      // The base made a plain primary connection (not connected yet); ours routes.
      (this as unknown as { connection: PostgreSqlConnection }).connection = new RoutedConnection(this.config);
      router.bind(this.replicas);
    }

    override getConnection(_type: ConnectionType = 'write'): PostgreSqlConnection {
      return this.connection;
    }
  };
}
