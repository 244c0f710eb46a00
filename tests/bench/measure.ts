/** One bounded load measurement on loopback (load-loop.ts). */
import { Worker } from 'node:worker_threads';
import { runLoad, type LoadResult, type LoadSpec } from './load-loop.js';

export interface Measurement {
  rps: number;
  p50: number;
  p95: number;
  requests: number;
}

export interface Target {
  url: string;
  /** a GraphQL body (POST) or none (GET) */
  body?: string;
  headers?: Record<string, string>;
  /** a new body for each request (defeats the hub's answer cache) */
  bodies?: () => string;
}

/**
 * The worker's first script. The bench is TypeScript run by tsx, whose
 * loader Node 20 does not apply to worker threads: the worker imports its
 * TypeScript entry through tsx's own API (`tsImport`).
 */
function workerBootstrap(): string {
  const entry = JSON.stringify(new URL('./load-worker.ts', import.meta.url).href);
  const api = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  return `import(${api}).then(({ tsImport }) => tsImport(${entry}, ${entry}))`;
}

function onThread(spec: LoadSpec): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerBootstrap(), { eval: true, workerData: spec, execArgv: [] });
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => (code !== 0 ? reject(new Error(`the load worker stopped with code ${code}`)) : undefined));
  });
}

function percentile(sorted: Float64Array, p: number): number {
  if (!sorted.length) return NaN;
  return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]! * 10) / 10;
}

export async function measure(target: Target, connections: number, seconds: number): Promise<Measurement> {
  const spec: LoadSpec = {
    url: target.url,
    method: target.body || target.bodies ? 'POST' : 'GET',
    headers: target.body || target.bodies ? { 'content-type': 'application/json', ...target.headers } : { ...target.headers },
    ...(target.body ? { body: target.body } : {}),
    connections,
    seconds,
  };
  // A body per request is a function, which cannot cross to a thread: that load runs here (against a hub in another process).
  const r = target.bodies ? await runLoad(spec, target.bodies) : await onThread(spec);
  if (r.failures) throw new Error(`${target.url}: ${r.failures} of ${r.requests} answers not 2xx, the first: ${r.firstFailure}`);
  return { rps: r.requests / r.seconds, p50: percentile(r.latencies, 0.5), p95: percentile(r.latencies, 0.95), requests: r.requests };
}
