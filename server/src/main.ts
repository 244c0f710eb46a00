/** `pnpm start`: the hub as a process, or HUB_PROCESSES of them behind one port (cluster/hub-processes.ts). */
import { spawn } from 'node:child_process';
import cluster from 'node:cluster';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import { processCount, superviseHubs } from './cluster/hub-processes.js';
import { ConfigError, checkHeap, loadConfig } from './config/config.js';
import { startEmbeddedAhead, stopEmbeddedDatabases } from './db/embedded.js';
import type { App } from './http/app.js';

/**
 * After SIGTERM or SIGINT the hub has this long to stop cleanly (requests
 * drained, the database closed; about a second when idle) before it exits
 * anyway: a stop must not hang on a stuck statement or a slow client. Under
 * the cluster supervisor's own 30 s for a worker.
 */
const STOP_BOUND_MS = 20_000;
/** A signal during the start-up gives the embedded database this long to close before its worker is ended. */
const STARTING_STOP_WAIT_MS = 2000;

/**
 * `--build-client` (the root `pnpm start`): the client's build
 * (client/build-if-changed.mjs, nothing to do on an unchanged tree) runs in a
 * child process while the embedded database boots and the hub's modules
 * load. The hub starts serving only once it is done: no page is served from
 * a build in progress.
 */
function buildClient(): Promise<void> {
  // Hub processes under HUB_PROCESSES inherit the flag; the supervisor has built the client before forking them.
  if (!process.argv.includes('--build-client') || cluster.isWorker) return Promise.resolve();
  const script = fileURLToPath(new URL('../../client/build-if-changed.mjs', import.meta.url));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script], { stdio: 'inherit' });
    child.once('error', reject);
    child.once('exit', (code, signal) => (code === 0 ? resolve() : reject(new Error(`the client's build failed (${signal ?? `exit code ${code}`}); its output is above`))));
  });
}

/**
 * Signals are heard from the first moment, not only once the hub serves: a
 * signal during the start-up (the demo region's load takes seconds) used to
 * end the process by the default action (exit 143) with the embedded
 * database still open. A second signal while stopping changes nothing; the
 * bound ends a stop that hangs.
 */
function stopOnSignals(who: () => string): { serving(app: App): void; stopping(): boolean } {
  let app: App | null = null;
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`Lingyan: ${signal} received, stopping …${who()}`);
    setTimeout(() => {
      console.error(`Lingyan: not stopped within ${STOP_BOUND_MS / 1000} s of ${signal}; exiting without waiting further${who()}`);
      process.exit(1);
    }, STOP_BOUND_MS).unref();
    // Still starting: the start-up is abandoned and the embedded database closed, or ended when busy with the
    // start-up's statements (the migrations and the demo load are transactions: nothing is left half-done).
    const closing = app ? app.close() : stopEmbeddedDatabases(STARTING_STOP_WAIT_MS);
    closing.then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`Lingyan: stopping failed: ${(error as Error)?.message ?? String(error)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return {
    serving(started) {
      app = started;
      if (stopping) void started.close().then(() => process.exit(0));
    },
    stopping: () => stopping,
  };
}

async function serve(): Promise<void> {
  const who = () => (cluster.isWorker ? ` (hub process ${process.pid})` : '');
  const signals = stopOnSignals(who);
  const config = loadConfig();
  checkHeap(config, v8.getHeapStatistics().heap_size_limit);
  const built = buildClient();
  console.log(config.databaseUrl ? 'Lingyan: connecting to the database in DATABASE_URL …' : `Lingyan: starting the embedded database in ${config.dataDir} …`);
  // The embedded database boots on its own thread while the hub's modules load here (imported only now for that).
  if (!config.databaseUrl) startEmbeddedAhead(config.dataDir);
  let app: App;
  try {
    const [{ bootstrap }] = await Promise.all([import('./http/app.js'), built]);
    app = await bootstrap(config);
  } catch (error) {
    // A start-up cut short by a signal (its database closed under it) is a stop, not a failure.
    if (signals.stopping()) return;
    throw error;
  }
  signals.serving(app);
  console.log(`Lingyan is serving at ${app.url}/${who()}  (GraphQL: ${app.url}/graphql, health: ${app.url}/healthz, database: ${app.db.mode}, PostGIS ${app.db.postgisVersion})`);
  if (config.warmUp) {
    const warming = performance.now();
    void app.warmedUp.then(() => console.log(`Lingyan: warmed up in ${Math.round(performance.now() - warming)} ms${who()} (the opening page's answers and tiles are ready)`));
  }
}

async function main(): Promise<void> {
  if (cluster.isWorker) return serve();
  const config = loadConfig();
  const count = processCount(config);
  if (count === 1) {
    if (config.hubProcesses === 'auto') console.log('Lingyan: HUB_PROCESSES=auto on the embedded database runs one process (more need DATABASE_URL)');
    return serve();
  }
  checkHeap(config, v8.getHeapStatistics().heap_size_limit);
  await buildClient();
  process.exitCode = await superviseHubs(count).done;
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(`Lingyan cannot start: ${error.message}`);
  } else {
    console.error(`Lingyan cannot start: ${(error as Error)?.message ?? String(error)}`);
    console.error(error);
  }
  // An embedded database started ahead (the client's build failed meanwhile) is closed, its directory let go.
  void stopEmbeddedDatabases().finally(() => process.exit(1));
});
