/**
 * Planner statistics after a bulk write. The embedded database (PGlite) runs
 * no autovacuum, so tables loaded there had none at all, and PostgreSQL
 * planned every read from its defaults: the nearest villages within a
 * prefecture were read by code and sorted, not walked by distance
 * (tests/api/nearest-plan.test.ts). On PostgreSQL autovacuum would analyze
 * them later; doing it at once there costs seconds against the minutes of a
 * load (docs/performance.md).
 */
import type { EntityManager } from '@mikro-orm/postgresql';

/** An import writing at least this many rows is a bulk write: the planner's picture of the tables may have changed. */
export const BULK_WRITE_ROWS = 1000;

/** Whether a committed write of `rows` rows calls for fresh statistics. */
export function isBulkWrite(committed: boolean, rows: number): boolean {
  return committed && rows >= BULK_WRITE_ROWS;
}

/** ANALYZE every table of the database (outside a transaction: after the write committed). */
export async function refreshStatistics(em: EntityManager): Promise<void> {
  await em.getConnection().execute('analyze');
}
