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
import { AUTH_SOURCE } from './embedded-auth.js';

export interface WorkerOptions {
  modules: { pglite: string; postgis: string; btreeGist: string; socket: string };
  /** PGlite's directory; null keeps the database in memory (tests) */
  dataDir: string | null;
  /** the loopback port to listen on; 0 picks a free one (a restarted worker takes its predecessor's) */
  port: number;
  maxConnections: number;
  /** what a client must prove it knows (SCRAM-SHA-256, db/embedded-auth.ts) */
  password: string;
}

export type WorkerMessage = { type: 'started'; url: string } | { type: 'failed'; error: string } | { type: 'stopped' } | { type: 'pong' };

/**
 * pglite-socket detaches a connection whose socket closed one turn of the
 * event loop later, and asks PGlite then whether a transaction is open
 * (`isInTransaction`, which reads PGlite's module). A client hanging up as the
 * worker stops can be detached after PGlite closed: that threw "Cannot read
 * properties of undefined (reading '_IsTransactionBlock')". A closed database
 * has no transaction open. Tested by tests/api/embedded-stop.test.ts.
 */
export const CLOSED_DATABASE_GUARD_SOURCE = `
function answerWhenClosed(db) {
  const isInTransaction = db.isInTransaction.bind(db);
  db.isInTransaction = () => !db.closed && isInTransaction();
}
`;

export const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { PGlite } = require(workerData.modules.pglite);
const { postgis } = require(workerData.modules.postgis);
const { btree_gist } = require(workerData.modules.btreeGist);
const { PGLiteSocketServer } = require(workerData.modules.socket);
${AUTH_SOURCE}
${CLOSED_DATABASE_GUARD_SOURCE}

if (typeof PGLiteSocketServer.prototype.handleConnection !== 'function') {
  throw new Error('pglite-socket no longer has handleConnection: the embedded database would take connections without a password');
}

/**
 * pglite-socket's server, with the password asked before a connection reaches
 * it. handleConnection is the server's own (not public) per-connection step,
 * which its listener calls; pglite-socket is pinned to an exact version in
 * server/package.json, and tests/api/embedded-socket-auth.test.ts fails if
 * the step is ever skipped.
 */
class AuthenticatingServer extends PGLiteSocketServer {
  constructor(options, keys) {
    super(options);
    this.keys = keys;
  }
  async handleConnection(socket) {
    const startup = await authenticate(socket, this.keys);
    if (!startup) return;
    socket.unshift(startup);
    await super.handleConnection(socket);
    socket.resume();
  }
}

let db = null;
let server = null;

async function start() {
  try {
    db = await PGlite.create({ ...(workerData.dataDir ? { dataDir: workerData.dataDir } : {}), extensions: { postgis, btree_gist } });
    answerWhenClosed(db);
    // Loading PostGIS into a fresh directory takes seconds; the migrations would do it too,
    // but doing it here keeps the first migration portable.
    await db.exec('CREATE EXTENSION IF NOT EXISTS postgis');
    const keys = scramKeys(workerData.password);
    server = new AuthenticatingServer({ db, host: '127.0.0.1', port: workerData.port, maxConnections: workerData.maxConnections }, keys);
    await server.start();
    const [host, port] = server.getServerConn().split(':');
    parentPort.postMessage({ type: 'started', url: 'postgres://postgres:' + encodeURIComponent(workerData.password) + '@' + host + ':' + port + '/postgres' });
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
