/**
 * The embedded database: PGlite (Postgres compiled to WebAssembly) with
 * PostGIS, persisted in DATA_DIR and served on loopback through
 * pglite-socket, so the rest of the server talks to it over the wire protocol
 * exactly as it talks to a real PostgreSQL.
 *
 * PGlite runs a statement synchronously on the thread that holds it: on the
 * hub's own thread a slow statement (a huge geometry to validate) stopped
 * every request, /healthz included, for as long as it ran. It runs in a
 * worker thread of its own (db/embedded-worker.ts holds its code), and the
 * hub's thread only speaks to its socket.
 *
 * The socket asks a password (SCRAM-SHA-256, db/embedded-auth.ts): PGlite
 * itself lets any connection in as its superuser, past the hub's roles and
 * audit trail.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { ConfigError } from '../config/config.js';
import { WORKER_SOURCE, type WorkerMessage, type WorkerOptions } from './embedded-worker.js';

export interface EmbeddedDatabase {
  /** postgres:// URL of the loopback socket */
  url: string;
  /**
   * Enforces STATEMENT_TIMEOUT_MS from now on. PGlite cannot cancel a
   * statement (one thread, no signals), so a worker that has not answered a
   * ping for this long is stuck in one: it is ended and started again on the
   * same directory and port, as after a crash (committed data survives; the
   * embedded-crash test kills a hub three times over). Only with a data
   * directory: an in-memory database would lose everything. Called once the
   * migrations ran, which may hold the database longer on a first start.
   */
  enforceTimeout(statementTimeoutMs: number, onEvent: (message: string) => void): void;
  /**
   * Stops the socket server, closes PGlite and releases the data directory
   * lock. A worker that has not closed within `waitMs` (busy with a
   * statement) is ended, as after a crash: committed data survives.
   */
  stop(waitMs?: number): Promise<void>;
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

/**
 * Takes an exclusive lock on the data directory: two processes writing one
 * PGlite directory corrupt it. The lock names the holder's pid and, where the
 * system tells it (Linux), when that process started: after a crash the pid
 * may be reused by another process, and a lock whose pid now names a process
 * that started at another time is stale, not held.
 */
export function lockDataDir(dir: string): () => void {
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.accessSync(dir, fs.constants.W_OK);
  } catch (error) {
    throw new ConfigError(`DATA_DIR "${dir}" is not a writable directory (${(error as NodeJS.ErrnoException).code ?? String(error)}); set DATA_DIR to a folder this user can write`);
  }
  const lockPath = path.join(dir, 'lingyan.lock');
  const own = [process.pid, processStartTime(process.pid)].filter((part) => part !== null).join(' ');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, own, { flag: 'wx' });
      return () => fs.rmSync(lockPath, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = lockHolder(fs.readFileSync(lockPath, 'utf8'));
      if (holder) {
        throw new ConfigError(`DATA_DIR "${dir}" is in use by another Lingyan process (pid ${holder}); stop it or set another DATA_DIR`);
      }
      // A stale lock from a process that died: take it over.
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new ConfigError(`could not lock DATA_DIR "${dir}"`);
}

/** The pid of the live process holding `dir` (a running hub), or null when none does. */
export function dataDirHolder(dir: string): number | null {
  try {
    return lockHolder(fs.readFileSync(path.join(dir, 'lingyan.lock'), 'utf8'));
  } catch {
    return null;
  }
}

/** The pid of the live process a lock's text names ("pid" or "pid start"), or null when that process is gone. */
function lockHolder(text: string): number | null {
  const [pidText, startText] = text.trim().split(/\s+/);
  const pid = Number(pidText);
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid || !isAlive(pid)) return null;
  // A lock without a start time (older hubs, other systems) is held while its pid lives.
  if (startText === undefined) return pid;
  const start = processStartTime(pid);
  return start === null || String(start) === startText ? pid : null;
}

/**
 * When the process started, in clock ticks since boot (Linux: field 22 of
 * /proc/<pid>/stat), or null where the system does not say. The command name
 * (field 2) may hold spaces and parentheses: fields are counted after its last ")".
 */
export function processStartTime(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const start = Number(fields[22 - 3]);
    return Number.isInteger(start) ? start : null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The password of the embedded database's socket (db/embedded-auth.ts checks
 * it): made at the first start and kept in DATA_DIR/db-password, readable by
 * the hub's user only, so an operator can reach the database with psql; an
 * in-memory database (tests) gets a new one each time.
 */
export function socketPassword(dataDir: string | null): string {
  if (!dataDir) return crypto.randomBytes(24).toString('base64url');
  const file = path.join(dataDir, 'db-password');
  try {
    // 'wx': two processes starting at once must not overwrite each other's password.
    fs.writeFileSync(file, crypto.randomBytes(24).toString('base64url'), { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  // A copied DATA_DIR may have lost its modes: only the hub's user may read the password.
  if ((fs.statSync(file).mode & 0o077) !== 0) fs.chmodSync(file, 0o600);
  const password = fs.readFileSync(file, 'utf8').trim();
  if (password.length < 16) {
    throw new ConfigError(`the embedded database password in "${file}" is ${password.length} characters long; it must be at least 16 (remove the file to have a new one made)`);
  }
  return password;
}

/** How often the hub's thread asks the worker whether it is free. */
const PING_MS = 250;
/** How long past STATEMENT_TIMEOUT_MS a silent worker is given before it is ended. */
export const GRACE_MS = 3000;
/** How long stop() waits for PGlite to close cleanly (it writes its files) before ending the worker. */
const STOP_WAIT_MS = 10_000;

type Started = { worker: Worker; url: string };

function startWorker(options: EmbeddedOptions, pgDir: string | null, port: number, password: string): Promise<Started> {
  const require = createRequire(import.meta.url);
  const workerData: WorkerOptions = {
    modules: {
      pglite: require.resolve('@electric-sql/pglite'),
      postgis: require.resolve('@electric-sql/pglite-postgis'),
      btreeGist: require.resolve('@electric-sql/pglite/contrib/btree_gist'),
      socket: require.resolve('@electric-sql/pglite-socket'),
    },
    dataDir: pgDir,
    port,
    maxConnections: options.maxConnections ?? 16,
    password,
  };
  // eval: the worker's code is plain JavaScript kept as text, so it runs alike under tsx, vitest and the build.
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData });
  return new Promise<Started>((resolve, reject) => {
    // Only these listeners are removed, never all: Node's Worker keeps listeners of its own ('newListener',
    // 'removeListener') that start its message port for a 'message' listener added later. Without them the
    // watchdog's pongs were held back, and an idle database was restarted every STATEMENT_TIMEOUT_MS + 3 s.
    const settle = () => {
      worker.off('error', fail);
      worker.off('exit', exited);
      worker.off('message', started);
    };
    const fail = (error: Error) => {
      settle();
      void worker.terminate().catch(() => 0);
      reject(error);
    };
    const exited = (code: number) => fail(new Error(`the embedded database stopped while starting (exit ${code})`));
    const started = (message: WorkerMessage) => {
      settle();
      if (message.type === 'started') resolve({ worker, url: message.url });
      else fail(new Error(message.type === 'failed' ? message.error : `unexpected message from the embedded database: ${message.type}`));
    };
    worker.once('error', fail);
    worker.once('exit', exited);
    worker.once('message', started);
  });
}

/** A start begun ahead of the hub (main.ts), handed to the next startEmbedded of the same directory. */
let ahead: { dataDir: string; started: Promise<EmbeddedDatabase> } | null = null;

/**
 * Starts the embedded database of `dataDir` now, for the hub's own
 * startEmbedded to take over: PGlite boots on its worker thread (~3 s of CPU)
 * while the hub's modules load on the main thread (~2.5 s), on two cores at once.
 */
export function startEmbeddedAhead(dataDir: string): void {
  const started = startEmbedded({ dataDir });
  // Its failure is reported by the startEmbedded that takes it.
  started.catch(() => {});
  ahead = { dataDir, started };
}

/** Embedded databases of this process, started and not yet stopped; and those still starting. */
const open = new Set<EmbeddedDatabase>();
const starting = new Set<Promise<EmbeddedDatabase>>();

/**
 * Stops every embedded database this process started, those still starting
 * once they have: what a signal during the hub's start-up ends (main.ts),
 * before the hub holds the database and would close it itself. Start-up work
 * interrupted this way left nothing half-done: the migrations and the demo
 * load each run in one transaction.
 */
export async function stopEmbeddedDatabases(waitMs?: number): Promise<void> {
  await Promise.allSettled([...starting]);
  await Promise.all([...open].map((db) => db.stop(waitMs)));
}

export function startEmbedded(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  if (ahead && ahead.dataDir === options.dataDir && options.maxConnections === undefined) {
    const { started } = ahead;
    ahead = null;
    return started;
  }
  const started = launchEmbedded(options);
  starting.add(started);
  void started.finally(() => starting.delete(started)).catch(() => {});
  return started;
}

async function launchEmbedded(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const pgDir = options.dataDir ? path.join(options.dataDir, 'pgdata') : null;
  const unlock = options.dataDir ? lockDataDir(options.dataDir) : () => {};
  let current: Started;
  let password: string;
  try {
    password = socketPassword(options.dataDir);
    current = await startWorker(options, pgDir, 0, password);
  } catch (error) {
    unlock();
    throw error;
  }
  const { url } = current;
  const port = Number(new URL(url).port);
  let stopping = false;
  let restarting: Promise<void> | null = null;
  // Since when a ping has gone unanswered; null while the worker has answered the last one.
  let waitingSince: number | null = null;

  // A worker that fails later (out of memory) must not take the hub down with an unhandled 'error'; the pool reports the lost socket.
  const watch = (worker: Worker) => {
    worker.on('error', () => {});
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'pong') waitingSince = null;
    });
  };
  watch(current.worker);

  let limit = 0;
  let onEvent: (message: string) => void = () => {};
  let timer: NodeJS.Timeout | null = null;
  let lastTick = Date.now();
  /**
   * The worker is stuck when a ping it was sent has gone unanswered too long.
   * Counted from the ping, not from the last answer: while the hub's own
   * thread is busy (parsing a large request) no ping is sent, and that time is
   * not the worker's. A tick that comes late (the hub's thread was busy) waits
   * one more round for the answers queued meanwhile.
   */
  const tick = () => {
    if (stopping || restarting) return;
    const now = Date.now();
    const late = now - lastTick > 4 * PING_MS;
    lastTick = now;
    if (late) return;
    // A moment after the client gave up on the statement (its query_timeout, orm.ts), so that request hears LIMIT_EXCEEDED.
    if (waitingSince !== null && now - waitingSince > limit + GRACE_MS) {
      restarting = restart(now - waitingSince).finally(() => (restarting = null));
      return;
    }
    waitingSince ??= now;
    current.worker.postMessage({ type: 'ping' });
  };

  async function restart(stuckMs: number): Promise<void> {
    onEvent(`embedded database: no answer for ${stuckMs} ms, longer than STATEMENT_TIMEOUT_MS (${limit} ms); ending the statement and starting the database again`);
    const began = Date.now();
    await current.worker.terminate().catch(() => 0);
    // The port may take a moment to be free again; the pool meanwhile answers SERVICE_UNAVAILABLE.
    for (let attempt = 0; !stopping; attempt += 1) {
      try {
        current = await startWorker(options, pgDir, port, password);
        watch(current.worker);
        waitingSince = null;
        onEvent(`embedded database: serving again after ${Date.now() - began} ms`);
        return;
      } catch (error) {
        if (attempt >= 20) {
          onEvent(`embedded database: could not start again (${String(error)})`);
          return;
        }
        await new Promise((r) => setTimeout(r, 250));
      }
    }
  }

  let stopped: Promise<void> | null = null;
  const database: EmbeddedDatabase = {
    url,
    enforceTimeout(statementTimeoutMs, listener) {
      if (!pgDir || timer) return;
      limit = statementTimeoutMs;
      onEvent = listener;
      waitingSince = null;
      lastTick = Date.now();
      timer = setInterval(tick, PING_MS);
      timer.unref();
    },
    stop(waitMs = STOP_WAIT_MS) {
      stopped ??= (async () => {
        stopping = true;
        if (timer) clearInterval(timer);
        await restarting;
        const { worker } = current;
        await new Promise<void>((resolve) => {
          // A worker stuck in a statement never reads 'stop': it is ended, as after a crash.
          const stuck = setTimeout(resolve, waitMs);
          const done = () => {
            clearTimeout(stuck);
            resolve();
          };
          worker.once('exit', done);
          worker.on('message', (message: WorkerMessage) => {
            if (message.type === 'stopped') done();
          });
          worker.postMessage({ type: 'stop' });
        });
        await worker.terminate().catch(() => 0);
        unlock();
        open.delete(database);
      })();
      return stopped;
    },
  };
  open.add(database);
  return database;
}
