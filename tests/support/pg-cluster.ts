/**
 * A throwaway PostgreSQL + PostGIS cluster owned by one test file, on a free
 * loopback port, which the test may stop and start again: a real database
 * outage without touching the run's shared database. Debian's PostgreSQL 15
 * by default (PG_BIN overrides the binaries' folder).
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';
const exec = promisify(execFile);
// initdb and postgres refuse to run as root; .ci/run runs as root, so there they run as the postgres user.
const asRoot = process.getuid?.() === 0;

export interface PgCluster {
  /** postgres:// URL of the cluster's `postgres` database, as superuser. */
  url: string;
  /** The server's log file (what `pg_ctl -l` writes). */
  log: string;
  /** Starts the server on its port again; resolves once it accepts connections. */
  start(): Promise<void>;
  /** `fast` ends every session and closes the port, as an administrator's stop does; `immediate` is a crash. */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  /** Stops the server if it runs and deletes its files. */
  remove(): Promise<void>;
}

export function run(dir: string, tool: string, args: string[]) {
  const binary = path.join(BIN, tool);
  // cwd: the postgres user may not be allowed into the caller's working directory.
  return asRoot ? exec('runuser', ['-u', 'postgres', '--', binary, ...args], { cwd: dir }) : exec(binary, args, { cwd: dir });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * A cluster in a new folder under /tmp (`prefix`), on a free loopback port:
 * `makeData(dir, data)` makes its data folder (initdb, or pg_basebackup for a
 * standby), then the server is started. The folder is removed if any step fails.
 */
export async function clusterIn(prefix: string, makeData: (dir: string, data: string) => Promise<unknown>): Promise<PgCluster> {
  // Under /tmp as root: the postgres user must be able to reach the folder, and TMPDIR may be root's own.
  const dir = await fs.mkdtemp(path.join(asRoot ? '/tmp' : os.tmpdir(), prefix));
  const data = path.join(dir, 'data');
  let port = 0;
  const cluster: PgCluster = {
    url: '',
    log: path.join(dir, 'server.log'),
    async start() {
      await run(dir, 'pg_ctl', ['-D', data, '-l', cluster.log, '-w', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, 'start']);
    },
    async stop(mode = 'fast') {
      await run(dir, 'pg_ctl', ['-D', data, '-m', mode, '-w', 'stop']);
    },
    async remove() {
      await cluster.stop('immediate').catch(() => {});
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
  try {
    if (asRoot) await exec('chown', ['postgres:', dir]);
    await makeData(dir, data);
    port = await freePort();
    cluster.url = `postgres://postgres@127.0.0.1:${port}/postgres`;
    await cluster.start();
  } catch (error) {
    await cluster.remove();
    throw error;
  }
  return cluster;
}

/** A new, empty cluster (initdb: trust on loopback, superuser `postgres`). */
export function startPgCluster(): Promise<PgCluster> {
  return clusterIn('lingyan-pg-', (dir, data) =>
    run(dir, 'initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--encoding=UTF8', '--locale=C.UTF-8', '--no-sync']),
  );
}
