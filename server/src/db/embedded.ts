/**
 * The embedded database: PGlite (Postgres compiled to WebAssembly) with
 * PostGIS, persisted in DATA_DIR and served on loopback through
 * pglite-socket, so the rest of the server talks to it over the wire protocol
 * exactly as it talks to a real PostgreSQL.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { ConfigError } from '../config/config.js';

export interface EmbeddedDatabase {
  /** postgres:// URL of the loopback socket */
  url: string;
  /** Stops the socket server, closes PGlite and releases the data directory lock. */
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Directory for the database files; null keeps everything in memory (tests). */
  dataDir: string | null;
  /**
   * Connections the socket accepts at once. pglite-socket's default of 1
   * refuses every other connection, which a pool would see as random resets.
   */
  maxConnections?: number;
}

/** Takes an exclusive lock on the data directory: two processes writing one PGlite directory corrupt it. */
export function lockDataDir(dir: string): () => void {
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.accessSync(dir, fs.constants.W_OK);
  } catch (error) {
    throw new ConfigError(`DATA_DIR "${dir}" is not a writable directory (${(error as NodeJS.ErrnoException).code ?? String(error)}); set DATA_DIR to a folder this user can write`);
  }
  const lockPath = path.join(dir, 'lingyan.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: 'wx' });
      return () => fs.rmSync(lockPath, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(fs.readFileSync(lockPath, 'utf8'));
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isAlive(holder)) {
        throw new ConfigError(`DATA_DIR "${dir}" is in use by another Lingyan process (pid ${holder}); stop it or set another DATA_DIR`);
      }
      // A stale lock from a process that died: take it over.
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new ConfigError(`could not lock DATA_DIR "${dir}"`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function startEmbedded(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const pgDir = options.dataDir ? path.join(options.dataDir, 'pgdata') : null;
  const unlock = options.dataDir ? lockDataDir(options.dataDir) : () => {};
  let db: PGlite | null = null;
  let server: PGLiteSocketServer | null = null;
  try {
    db = await PGlite.create({ ...(pgDir ? { dataDir: pgDir } : {}), extensions: { postgis } });
    // Loading PostGIS into a fresh directory takes seconds; the migrations
    // would do it too, but doing it here keeps the first migration portable.
    await db.exec('CREATE EXTENSION IF NOT EXISTS postgis');
    server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: options.maxConnections ?? 16 });
    await server.start();
  } catch (error) {
    await server?.stop().catch(() => {});
    await db?.close().catch(() => {});
    unlock();
    throw error;
  }
  const [host, port] = server.getServerConn().split(':');
  const running = { db, server };
  let stopped = false;
  return {
    url: `postgres://postgres:postgres@${host}:${port}/postgres`,
    async stop() {
      if (stopped) return;
      stopped = true;
      await running.server.stop();
      await running.db.close();
      unlock();
    },
  };
}
