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
 */
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

/** How often the hub's thread asks the worker whether it is free. */
const PING_MS = 250;
/** How long past STATEMENT_TIMEOUT_MS a silent worker is given before it is ended. */
export const GRACE_MS = 1000;
/** How long stop() waits for PGlite to close cleanly (it writes its files) before ending the worker. */
const STOP_WAIT_MS = 10_000;

type Started = { worker: Worker; url: string };

function startWorker(options: EmbeddedOptions, pgDir: string | null, port: number): Promise<Started> {
  const require = createRequire(import.meta.url);
  const workerData: WorkerOptions = {
    modules: {
      pglite: require.resolve('@electric-sql/pglite'),
      postgis: require.resolve('@electric-sql/pglite-postgis'),
      socket: require.resolve('@electric-sql/pglite-socket'),
    },
    dataDir: pgDir,
    port,
    maxConnections: options.maxConnections ?? 16,
  };
  // eval: the worker's code is plain JavaScript kept as text, so it runs alike under tsx, vitest and the build.
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData });
  return new Promise<Started>((resolve, reject) => {
    const fail = (error: Error) => {
      worker.removeAllListeners();
      void worker.terminate().catch(() => 0);
      reject(error);
    };
    worker.once('error', fail);
    worker.once('exit', (code) => fail(new Error(`the embedded database stopped while starting (exit ${code})`)));
    worker.once('message', (message: WorkerMessage) => {
      worker.removeAllListeners();
      if (message.type === 'started') resolve({ worker, url: message.url });
      else fail(new Error(message.type === 'failed' ? message.error : `unexpected message from the embedded database: ${message.type}`));
    });
  });
}

export async function startEmbedded(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const pgDir = options.dataDir ? path.join(options.dataDir, 'pgdata') : null;
  const unlock = options.dataDir ? lockDataDir(options.dataDir) : () => {};
  let current: Started;
  try {
    current = await startWorker(options, pgDir, 0);
  } catch (error) {
    unlock();
    throw error;
  }
  const { url } = current;
  const port = Number(new URL(url).port);
  let stopping = false;
  let restarting: Promise<void> | null = null;
  let answered = Date.now();

  // A worker that fails later (out of memory) must not take the hub down with an unhandled 'error'; the pool reports the lost socket.
  const watch = (worker: Worker) => {
    worker.on('error', () => {});
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'pong') answered = Date.now();
    });
  };
  watch(current.worker);

  let limit = 0;
  let onEvent: (message: string) => void = () => {};
  let timer: NodeJS.Timeout | null = null;
  const tick = () => {
    if (stopping || restarting) return;
    // A moment after the client gave up on the statement (its query_timeout, orm.ts), so that request hears LIMIT_EXCEEDED.
    if (Date.now() - answered > limit + GRACE_MS) {
      restarting = restart(Date.now() - answered).finally(() => (restarting = null));
      return;
    }
    current.worker.postMessage({ type: 'ping' });
  };

  async function restart(stuckMs: number): Promise<void> {
    onEvent(`embedded database: no answer for ${stuckMs} ms, longer than STATEMENT_TIMEOUT_MS (${limit} ms); ending the statement and starting the database again`);
    const began = Date.now();
    await current.worker.terminate().catch(() => 0);
    // The port may take a moment to be free again; the pool meanwhile answers SERVICE_UNAVAILABLE.
    for (let attempt = 0; !stopping; attempt += 1) {
      try {
        current = await startWorker(options, pgDir, port);
        watch(current.worker);
        answered = Date.now();
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
  return {
    url,
    enforceTimeout(statementTimeoutMs, listener) {
      if (!pgDir || timer) return;
      limit = statementTimeoutMs;
      onEvent = listener;
      answered = Date.now();
      timer = setInterval(tick, PING_MS);
      timer.unref();
    },
    stop() {
      stopped ??= (async () => {
        stopping = true;
        if (timer) clearInterval(timer);
        await restarting;
        const { worker } = current;
        await new Promise<void>((resolve) => {
          // A worker stuck in a statement never reads 'stop': it is ended, as after a crash.
          const stuck = setTimeout(resolve, STOP_WAIT_MS);
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
      })();
      return stopped;
    },
  };
}
