/**
 * A streaming standby of a test's own PostgreSQL cluster (pg-cluster.ts),
 * made as an operator makes one: `pg_basebackup -R` (which writes
 * primary_conninfo and standby.signal), started on a free loopback port, run
 * as the postgres user when the tests run as root. initdb's default pg_hba and
 * PostgreSQL 15's defaults (wal_level replica, max_wal_senders 10) allow it.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort, run } from './pg-cluster.js';

const exec = promisify(execFile);
const asRoot = process.getuid?.() === 0;

export interface PgStandby {
  /** postgres:// URL of the standby's `postgres` database. */
  url: string;
  start(): Promise<void>;
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  remove(): Promise<void>;
}

export async function startStandby(primaryUrl: string): Promise<PgStandby> {
  const primary = new URL(primaryUrl);
  const dir = await fs.mkdtemp(path.join(asRoot ? '/tmp' : os.tmpdir(), 'lingyan-standby-'));
  const data = path.join(dir, 'data');
  let port = 0;
  const standby: PgStandby = {
    url: '',
    async start() {
      await run(dir, 'pg_ctl', ['-D', data, '-l', path.join(dir, 'server.log'), '-w', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, 'start']);
    },
    async stop(mode = 'fast') {
      await run(dir, 'pg_ctl', ['-D', data, '-m', mode, '-w', 'stop']);
    },
    async remove() {
      await standby.stop('immediate').catch(() => {});
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
  try {
    if (asRoot) await exec('chown', ['postgres:', dir]);
    await run(dir, 'pg_basebackup', ['-D', data, '-R', '-X', 'stream', '-c', 'fast', '-h', primary.hostname, '-p', primary.port || '5432', '-U', decodeURIComponent(primary.username) || 'postgres']);
    port = await freePort();
    standby.url = `postgres://postgres@127.0.0.1:${port}/postgres`;
    await standby.start();
  } catch (error) {
    await standby.remove();
    throw error;
  }
  return standby;
}
