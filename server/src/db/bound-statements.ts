/**
 * Statements sent with their values as bound parameters, each text prepared
 * once per connection under a name, on a PostgreSQL server.
 *
 * MikroORM 6's `execute(sql, values)` writes the values into the SQL text
 * (`platform.formatQuery`) and sends the text by the simple protocol: every
 * answer's statements are new texts to PostgreSQL, parsed and planned again,
 * and their whole text crosses the socket each time. Here a string statement
 * with values goes to `pg` as text with `$n` placeholders plus the values, and
 * under a name: `pg` sends Parse once per connection and name, then only Bind
 * and Execute. Everything else (statements without values, the ORM's own
 * query builders) takes the ORM's path unchanged.
 *
 * Not on the embedded database: pglite-socket serves every connection from
 * one PostgreSQL session and queues the protocol's messages one by one, so
 * one connection's Parse and Bind could be split by another's; there the
 * ORM's one-message simple protocol stays (database.ts decides).
 *
 * Seam on a library's internals (docs/architecture.md#seams-on-libraries-internals):
 * - buys: statements planned once per connection and not sent again as
 *   text; figure in docs/performance.md#what-the-workarounds-buy.
 * - leans on: MikroORM 6's `AbstractSqlConnection.execute` (replaced here for
 *   a string with values, keeping its steps: `ensureConnection`, the `onQuery`
 *   option, the logged text its private `getSql` would give, the protected
 *   `executeQuery` that logs and times it, `transformRawResult`, and the
 *   transaction it is given), and knex's public `raw(...).options({ name })`,
 *   which its PostgreSQL client hands to `pg` as the statement's name.
 * - guarded by: tests/api/bound-statements.test.ts (on PostgreSQL: the named
 *   statement in pg_prepared_statements, the statement hook, transactions,
 *   types of values; on the embedded database: none prepared),
 *   tests/unit/db/statement-names.test.ts, and
 *   tests/api/streaming-replicas.test.ts (bound statements on a replica).
 */
import type { Dictionary } from '@mikro-orm/core';
import { PostgreSqlConnection, type Knex } from '@mikro-orm/postgresql';

/**
 * A name for each statement text, the same for the process's life. At most
 * `capacity` texts are named: PostgreSQL keeps each named statement's plan
 * per connection until it closes, so a text past that runs unnamed (still
 * bound). The hub's reads have a few tens of shapes; the cap is against a
 * caller that builds a new text per request.
 */
export class StatementNames {
  private readonly names = new Map<string, string>();

  constructor(private readonly capacity = 256) {}

  /** The text's name, or undefined when the cap is reached. */
  of(text: string): string | undefined {
    let name = this.names.get(text);
    if (name === undefined && this.names.size < this.capacity) {
      name = `lingyan_${this.names.size + 1}`;
      this.names.set(text, name);
    }
    return name;
  }

  get size(): number {
    return this.names.size;
  }
}

type ExecuteArgs = Parameters<PostgreSqlConnection['execute']>;
type Method = NonNullable<ExecuteArgs[2]>;

/** One set of names for the process: a text keeps its name across pools and replicas. */
const processNames = new StatementNames();

/**
 * Values `pg` sends as the ORM would have written them: scalars, dates and
 * bytes. The ORM writes an array as a list (`in (?)` with [1, 2] is `in (1, 2)`)
 * where `pg` would send one array value, and `??` names an identifier: such
 * statements keep the ORM's path.
 */
function bindable(text: string, values: readonly unknown[]): boolean {
  if (values.length === 0 || text.includes('??')) return false;
  return values.every((v) => v === null || v === undefined || typeof v !== 'object' || v instanceof Date || Buffer.isBuffer(v));
}

/** knex refuses an undefined binding; the ORM's formatting wrote it as NULL. */
const bound = (values: readonly unknown[]): Knex.RawBinding[] => values.map((v) => (v === undefined ? null : (v as Knex.RawBinding)));

export function boundConnection(names: StatementNames = processNames): typeof PostgreSqlConnection {
  return class BoundConnection extends PostgreSqlConnection {
    override async execute<T extends Dictionary | Dictionary[] = Dictionary[]>(...args: ExecuteArgs): Promise<T> {
      const [query, params = [], method = 'all', ctx, loggerContext] = args;
      if (typeof query !== 'string' || !bindable(query, params)) return super.execute<T>(...args);
      await this.ensureConnection();
      const text = this.config.get('onQuery')(query, params);
      const knex = this.getKnex();
      const logger = this.config.getLogger();
      // What the ORM's getSql logs: the text with $n, or with the values written in when asked to log them.
      const logged = !logger.isEnabled('query', loggerContext) ? text : logger.isEnabled('query-params', loggerContext) ? this.platform.formatQuery(text, params) : knex.client.positionBindings(text);
      return this.executeQuery(
        logged,
        async () => {
          const statement = knex.raw(text, bound(params));
          const name = names.of(text);
          if (name) statement.options({ name });
          if (ctx) statement.transacting(ctx);
          return this.transformRawResult<T>(await statement, method as Method);
        },
        { query: text, params, ...loggerContext },
      );
    }
  };
}
