/**
 * A streaming standby of a test's own PostgreSQL cluster (pg-cluster.ts),
 * made as an operator makes one: `pg_basebackup -R` (which writes
 * primary_conninfo and standby.signal), started on a free loopback port, run
 * as the postgres user when the tests run as root. initdb's default pg_hba and
 * PostgreSQL 15's defaults (wal_level replica, max_wal_senders 10) allow it.
 */
import { clusterIn, run, type PgCluster } from './pg-cluster.js';

/** The standby: started, stopped and removed as a cluster is. */
export type PgStandby = PgCluster;

export function startStandby(primaryUrl: string): Promise<PgStandby> {
  const primary = new URL(primaryUrl);
  const user = decodeURIComponent(primary.username) || 'postgres';
  return clusterIn('lingyan-standby-', (dir, data) =>
    run(dir, 'pg_basebackup', ['-D', data, '-R', '-X', 'stream', '-c', 'fast', '-h', primary.hostname, '-p', primary.port || '5432', '-U', user]),
  );
}
