/**
 * The hub started the production way for the peer comparison: `node <the
 * server's start flags> dist/main.js` on the build `pnpm build` makes (what
 * `pnpm start` runs), one process, a process group of its own, no rate limit
 * (the load is ours), the answer and tile caches off (every answer computed)
 * or at their defaults. `nodeFlags` go before the start flags (--cpu-prof).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildServer, startCommand } from '../support/process.js';
import { serverProcess, type ServerProcess } from './server-process.js';

export interface HubServer {
  url: string;
  process: ServerProcess;
  /** stops the hub: SIGTERM, SIGKILL after `graceMs` (a CPU profile is written only on a clean exit) */
  close(graceMs?: number): Promise<void>;
}

export async function productionHub(databaseUrl: string, options: { cache: boolean; nodeFlags?: string[] }): Promise<HubServer> {
  buildServer();
  const { command, args, cwd } = startCommand();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lingyan-bench-hub-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    DATA_DIR: dataDir,
    PORT: '0',
    HUB_PROCESSES: '1',
    RATE_LIMIT_PER_MINUTE: '0',
    WARM_UP: 'false',
    ...(options.cache ? {} : { RESPONSE_CACHE_MB: '0', TILE_CACHE_MB: '0' }),
  };
  // The bench runs under tsx with its own settings, which the hub must not inherit.
  for (const k of ['TSX_TSCONFIG_PATH', 'DATABASE_REPLICA_URLS', 'NODE_OPTIONS']) delete env[k];
  const child = spawn(command, [...(options.nodeFlags ?? []), ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const p = serverProcess('the hub', child, /serving at http:\/\/[^\s/]+:(\d+)/);
  const close = async (graceMs?: number) => {
    await p.stop(graceMs);
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    return { url: `http://127.0.0.1:${await p.port}`, process: p, close };
  } catch (error) {
    await close();
    throw error;
  }
}
