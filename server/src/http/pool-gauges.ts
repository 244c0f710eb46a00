/**
 * The database pool's connections (used, free, waiting) for /metrics'
 * `lingyan_db_pool_connections`: a pool that runs dry shows here before
 * requests start failing with SERVICE_UNAVAILABLE.
 *
 * Seam on a library's internals (docs/architecture.md#seams-on-libraries-internals):
 * - buys: the pool's state in /metrics; MikroORM exposes no pool figures.
 * - leans on: knex's private `client.pool` (a tarn pool: numUsed, numFree,
 *   numPendingAcquires) behind MikroORM's `getConnection().getKnex()`.
 *   Without it the gauge reports nothing rather than failing.
 * - guarded by: tests/api/observability.test.ts (the gauge's used and
 *   pending lines in /metrics).
 */
import type { Database } from '../db/database.js';
import type { PoolStats } from './observability.js';

/** The part of knex's client this reads (private in knex's types). */
interface TarnPool {
  numUsed(): number;
  numFree(): number;
  numPendingAcquires(): number;
}

interface KnexWithPool {
  client: { pool?: TarnPool };
}

/** Connections of the pool behind the ORM, or null when the pool is not (yet, or any more) there. */
export function poolGauges(db: Database): PoolStats | null {
  const knex: KnexWithPool = db.orm.em.getConnection().getKnex();
  const pool = knex.client.pool;
  return pool ? { used: pool.numUsed(), free: pool.numFree(), pending: pool.numPendingAcquires() } : null;
}
