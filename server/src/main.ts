/** `pnpm start`: the hub as a process. */
import v8 from 'node:v8';
import { ConfigError, checkHeap, loadConfig } from './config/config.js';
import { bootstrap } from './http/app.js';

async function main(): Promise<void> {
  const config = loadConfig();
  checkHeap(config, v8.getHeapStatistics().heap_size_limit);
  console.log(config.databaseUrl ? 'Lingyan: connecting to the database in DATABASE_URL …' : `Lingyan: starting the embedded database in ${config.dataDir} …`);
  const app = await bootstrap(config);
  console.log(`Lingyan is serving at ${app.url}/  (GraphQL: ${app.url}/graphql, health: ${app.url}/healthz, database: ${app.db.mode}, PostGIS ${app.db.postgisVersion})`);
  if (config.warmUp) {
    const warming = performance.now();
    void app.warmedUp.then(() => console.log(`Lingyan: warmed up in ${Math.round(performance.now() - warming)} ms (the opening page's answers and tiles are ready)`));
  }
  const stop = async (signal: string) => {
    console.log(`Lingyan: ${signal} received, stopping …`);
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
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
