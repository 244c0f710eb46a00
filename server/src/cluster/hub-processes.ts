/**
 * HUB_PROCESSES: one hub per core behind one port. Node's cluster module
 * forks the hub `n` times; the first process (the primary) serves nothing
 * itself: it holds the listening socket, hands each new connection to a
 * worker in turn (round-robin), restarts a worker that dies and stops them all
 * on SIGTERM/SIGINT.
 *
 * Each worker is a whole hub (bootstrap() in http/app.ts) with its own pool,
 * caches and change listener on the shared PostgreSQL, so a write through one
 * worker reaches the others' caches the way it reaches another machine's hub
 * (db/changes.ts). What stays per process: the rate-limit buckets (a client
 * may send HUB_PROCESSES times RATE_LIMIT_PER_MINUTE when its requests land
 * on different workers), the answer and tile caches (each fills its own), and
 * /metrics (each scrape reads the worker that answers it).
 *
 * Only with DATABASE_URL. The embedded database is refused for more than one
 * process: PGlite runs one statement at a time on one thread, so more hubs
 * would not answer faster, and a write made through one socket connection is
 * announced on that connection only (db/changes.ts), so the other workers'
 * caches would keep serving stale answers. `auto` on the embedded database
 * means one process.
 */
import cluster, { type Worker } from 'node:cluster';
import os from 'node:os';
import { ConfigError, type Config } from '../config/config.js';

/** The header naming the process that answered, set only by cluster workers (tests and the bench see the spread). */
export const PROCESS_HEADER = 'X-Lingyan-Process';
export const processHeader: string | null = cluster.isWorker ? String(process.pid) : null;

/** A worker that dies sooner than this after it started is restarted after a growing pause (a crash at start must not spin). */
const STEADY_MS = 10_000;
const MAX_PAUSE_MS = 30_000;
/** After SIGTERM, a worker still draining after this long is killed. */
const STOP_GRACE_MS = 30_000;

/** How many hub processes to run: HUB_PROCESSES resolved (`auto`: one per core; the embedded database: one). */
export function processCount(config: Pick<Config, 'hubProcesses' | 'databaseUrl'>, cores = os.availableParallelism()): number {
  if (config.hubProcesses === 'auto') return config.databaseUrl ? cores : 1;
  if (config.hubProcesses > 1 && !config.databaseUrl) {
    throw new ConfigError(
      `HUB_PROCESSES=${config.hubProcesses} 需要 PostgreSQL：请设置 DATABASE_URL（内嵌数据库一次只执行一条语句，且一个进程的写入不会通知其他进程，多个进程不会更快，缓存还会过期）。` +
        ` / HUB_PROCESSES=${config.hubProcesses} needs PostgreSQL: set DATABASE_URL (the embedded database runs one statement at a time and does not tell one process of another's writes, so more processes would not be faster and their caches would go stale).`,
    );
  }
  return config.hubProcesses;
}

export interface Supervisor {
  /** Resolves with the exit code the primary should end with, once every worker has stopped. */
  done: Promise<number>;
}

/**
 * Runs in the primary: forks `count` hubs. The first starts alone (it runs
 * the migrations and loads the demo region into an empty database; two at
 * once would race at both); the others start once it listens. If the first
 * ends before it ever serves (bad configuration, no database), the primary
 * ends with its code rather than restarting it.
 */
export function superviseHubs(count: number, log: (line: string) => void = console.log): Supervisor {
  let stopping = false;
  let served = false;
  let failures = 0;
  const started = new Map<Worker, number>();
  let finish!: (code: number) => void;
  const done = new Promise<number>((resolve) => (finish = resolve));
  let exitCode = 0;

  const fork = (): Worker => {
    const worker = cluster.fork();
    started.set(worker, Date.now());
    return worker;
  };

  cluster.on('listening', (worker) => {
    if (!served) {
      served = true;
      for (let i = 1; i < count; i++) fork();
    }
    // A worker that serves is steady enough once it has lived STEADY_MS: the count of quick deaths resets then.
    if (Date.now() - (started.get(worker) ?? 0) >= STEADY_MS) failures = 0;
  });

  cluster.on('exit', (worker, code, signal) => {
    const lived = Date.now() - (started.get(worker) ?? Date.now());
    started.delete(worker);
    if (stopping) {
      if (code) exitCode = code;
      if (started.size === 0) finish(exitCode);
      return;
    }
    if (!served) {
      // The first hub could not start: its own message says why.
      stopping = true;
      for (const w of started.keys()) w.process.kill('SIGTERM');
      if (started.size === 0) finish(code ?? 1);
      else exitCode = code ?? 1;
      return;
    }
    failures = lived < STEADY_MS ? failures + 1 : 0;
    const pause = failures === 0 ? 0 : Math.min(MAX_PAUSE_MS, 1000 * 2 ** (failures - 1));
    log(`Lingyan: hub process ${worker.process.pid} ended (${signal ?? `exit code ${code}`}); starting another${pause ? ` in ${pause / 1000} s` : ''}`);
    setTimeout(() => {
      if (!stopping) fork();
    }, pause);
  });

  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log(`Lingyan: ${signal} received, stopping ${started.size} hub processes …`);
    if (started.size === 0) finish(exitCode);
    for (const worker of started.keys()) worker.process.kill('SIGTERM');
    setTimeout(() => {
      for (const worker of started.keys()) worker.process.kill('SIGKILL');
    }, STOP_GRACE_MS).unref();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));

  log(`Lingyan: ${count} hub processes on one port (HUB_PROCESSES); primary ${process.pid}`);
  fork();
  return { done };
}
