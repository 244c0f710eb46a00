/** `pnpm start`: the hub as a process, or HUB_PROCESSES of them behind one port (cluster/hub-processes.ts). */
import cluster from 'node:cluster';
import v8 from 'node:v8';
import { processCount, superviseHubs } from './cluster/hub-processes.js';
import { ConfigError, checkHeap, loadConfig } from './config/config.js';
import { startEmbeddedAhead } from './db/embedded.js';

async function serve(): Promise<void> {
  const config = loadConfig();
  checkHeap(config, v8.getHeapStatistics().heap_size_limit);
  console.log(config.databaseUrl ? 'Lingyan: connecting to the database in DATABASE_URL …' : `Lingyan: starting the embedded database in ${config.dataDir} …`);
  // The embedded database boots on its own thread while the hub's modules load here (imported only now for that).
  if (!config.databaseUrl) startEmbeddedAhead(config.dataDir);
  const { bootstrap } = await import('./http/app.js');
  const app = await bootstrap(config);
  const who = cluster.isWorker ? ` (hub process ${process.pid})` : '';
  console.log(`Lingyan is serving at ${app.url}/${who}  (GraphQL: ${app.url}/graphql, health: ${app.url}/healthz, database: ${app.db.mode}, PostGIS ${app.db.postgisVersion})`);
  if (config.warmUp) {
    const warming = performance.now();
    void app.warmedUp.then(() => console.log(`Lingyan: warmed up in ${Math.round(performance.now() - warming)} ms${who} (the opening page's answers and tiles are ready)`));
  }
  const stop = async (signal: string) => {
    console.log(`Lingyan: ${signal} received, stopping …${who}`);
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
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
  process.exitCode = await superviseHubs(count).done;
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(`Lingyan cannot start: ${error.message}`);
  } else {
    console.error(`Lingyan cannot start: ${(error as Error)?.message ?? String(error)}`);
    console.error(error);
  }
  process.exit(1);
});
