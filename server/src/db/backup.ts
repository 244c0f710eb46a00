/**
 * Backup and restore for both database modes. PostgreSQL: pg_dump's custom
 * format and pg_restore (the tools of the server's own version). Embedded:
 * PGlite's dump of its data directory (a gzipped tarball), loaded into an
 * empty DATA_DIR. Restores go into an empty target only, so a backup never
 * overwrites data by accident.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { postgis } from '@electric-sql/pglite-postgis';
import { ConfigError } from '../config/config.js';
import { lockDataDir } from './embedded.js';

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += String(chunk)));
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'ENOENT' ? new ConfigError(`${command} is not installed; install the PostgreSQL client tools (Debian: apt install postgresql-client-15)`) : error),
    );
    child.on('close', (code) => (code === 0 ? resolve() : reject(new ConfigError(`${command} failed (exit ${code}): ${stderr.trim().split('\n').slice(-3).join(' ')}`))));
  });
}

/**
 * A backup holds every row and the audit trail: only its owner may read it.
 * The file is made (or emptied) with mode 0600 before anything is written, so
 * it is never readable by others, not even while the dump runs.
 */
function privateFile(file: string): void {
  fs.writeFileSync(file, '', { mode: 0o600 });
  fs.chmodSync(file, 0o600);
}

export async function backupPostgres(url: string, file: string): Promise<void> {
  privateFile(file);
  await run('pg_dump', ['--format=custom', '--no-owner', '--file', file, '--dbname', url]);
}

/** Restores into the (empty) database at `url`; stops at the first error. */
export function restorePostgres(file: string, url: string): Promise<void> {
  return run('pg_restore', ['--no-owner', '--exit-on-error', '--single-transaction', '--dbname', url, file]);
}

/** The extensions the hub's migrations create (embedded-worker.ts loads the same). */
const EXTENSIONS = { postgis, btree_gist };

const pgDataOf = (dataDir: string) => path.join(dataDir, 'pgdata');

/** Dumps the embedded database in `dataDir` (the hub must be stopped: the directory is locked). */
export async function backupEmbedded(dataDir: string, file: string): Promise<void> {
  if (!fs.existsSync(pgDataOf(dataDir))) throw new ConfigError(`there is no embedded database in DATA_DIR "${dataDir}"`);
  const unlock = lockDataDir(dataDir);
  try {
    const db = await PGlite.create({ dataDir: pgDataOf(dataDir), extensions: EXTENSIONS });
    try {
      const dump = await db.dumpDataDir('gzip');
      privateFile(file);
      fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
    } finally {
      await db.close();
    }
  } finally {
    unlock();
  }
}

/** Loads a dump made by backupEmbedded into an empty `dataDir`. */
export async function restoreEmbedded(file: string, dataDir: string): Promise<void> {
  if (fs.existsSync(pgDataOf(dataDir)) && fs.readdirSync(pgDataOf(dataDir)).length > 0) {
    throw new ConfigError(`DATA_DIR "${dataDir}" already holds a database; restore into an empty DATA_DIR`);
  }
  const dump = new Blob([fs.readFileSync(file)]);
  const unlock = lockDataDir(dataDir);
  try {
    const db = await PGlite.create({ dataDir: pgDataOf(dataDir), loadDataDir: dump, extensions: EXTENSIONS });
    await db.query('select 1');
    await db.close();
  } finally {
    unlock();
  }
}
