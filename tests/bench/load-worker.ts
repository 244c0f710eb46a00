/** runLoad on a thread of its own (measure.ts): the hub under test may be running in the bench's own process. */
import { parentPort, workerData } from 'node:worker_threads';
import { runLoad, type LoadSpec } from './load-loop.js';

const result = await runLoad(workerData as LoadSpec);
parentPort!.postMessage(result, [result.latencies.buffer as ArrayBuffer]);
