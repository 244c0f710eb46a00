/**
 * The code of the embedded database's worker thread (db/embedded.ts starts
 * it): PGlite with PostGIS and the pglite-socket server on a loopback port.
 *
 * It is kept as JavaScript text and started with `eval`, because a worker
 * file must be JavaScript Node can load as it is: under tsx and vitest the
 * hub's modules are TypeScript compiled on the fly, which a worker does not
 * inherit. The three packages are required by absolute path, resolved by the
 * hub's thread.
 */

export interface WorkerOptions {
  modules: { pglite: string; postgis: string; socket: string };
  /** PGlite's directory; null keeps the database in memory (tests) */
  dataDir: string | null;
  /** the loopback port to listen on; 0 picks a free one (a restarted worker takes its predecessor's) */
  port: number;
  maxConnections: number;
}

export type WorkerMessage = { type: 'started'; url: string } | { type: 'failed'; error: string } | { type: 'stopped' } | { type: 'pong' };

export const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { PGlite } = require(workerData.modules.pglite);
const { postgis } = require(workerData.modules.postgis);
const { PGLiteSocketServer } = require(workerData.modules.socket);

let db = null;
let server = null;

async function start() {
  try {
    db = await PGlite.create({ ...(workerData.dataDir ? { dataDir: workerData.dataDir } : {}), extensions: { postgis } });
    // Loading PostGIS into a fresh directory takes seconds; the migrations would do it too,
    // but doing it here keeps the first migration portable.
    await db.exec('CREATE EXTENSION IF NOT EXISTS postgis');
    server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: workerData.port, maxConnections: workerData.maxConnections });
    await server.start();
    const [host, port] = server.getServerConn().split(':');
    parentPort.postMessage({ type: 'started', url: 'postgres://postgres:postgres@' + host + ':' + port + '/postgres' });
  } catch (error) {
    await stop();
    parentPort.postMessage({ type: 'failed', error: String((error && error.stack) || error) });
  }
}

async function stop() {
  if (server) await server.stop().catch(() => {});
  if (db) await db.close().catch(() => {});
  server = null;
  db = null;
}

parentPort.on('message', async (message) => {
  // Answered only between statements: a statement runs synchronously, so a worker stuck in one stays silent.
  if (message.type === 'ping') return parentPort.postMessage({ type: 'pong' });
  if (message.type !== 'stop') return;
  await stop();
  parentPort.postMessage({ type: 'stopped' });
  parentPort.close();
});

start();
`;
