/**
 * Whether an error is the pool running dry: no connection free within the
 * acquire timeout. The hub answers it SERVICE_UNAVAILABLE ("the database is
 * busy"), retryable, and logs it, since the hub's own pool size is the limit.
 *
 * Seam on a library's internals (docs/architecture.md#seams-on-libraries-internals):
 * - buys: a coded, retryable answer instead of INTERNAL when the pool is
 *   exhausted (no performance figure: an availability seam).
 * - leans on: knex's `KnexTimeoutError` (its class name, not exported
 *   through MikroORM) and its message "Timeout acquiring a connection",
 *   which MikroORM passes on unchanged.
 * - guarded by: tests/unit/graphql/pool-timeout.test.ts (knex itself
 *   times out acquiring a connection) and tests/api/database-outage.test.ts
 *   (answers while the database is away are SERVICE_UNAVAILABLE).
 */
export function isPoolTimeout(error: unknown): boolean {
  const e = typeof error === 'object' && error !== null ? (error as { name?: unknown; message?: unknown }) : null;
  return e?.name === 'KnexTimeoutError' || (typeof e?.message === 'string' && /Timeout acquiring a connection/.test(e.message));
}
