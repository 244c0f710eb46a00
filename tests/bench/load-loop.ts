/**
 * The bench's load generator: `connections` keep-alive connections, each
 * sending its next request as soon as the last answer is in, for `seconds`.
 * undici's pool, with each body discarded unread: autocannon, used before,
 * turns every body into a string (~0.5 ms for a 70 KB tile), so on this
 * 2-CPU machine it, not the hub, set the ceiling of the tile cases
 * (~1,600 req/s against a bare `node:http` server sending the same bytes).
 */
import { Pool } from 'undici';

export interface LoadSpec {
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  /** the request body (POST) */
  body?: string;
  connections: number;
  seconds: number;
}

export interface LoadResult {
  requests: number;
  seconds: number;
  /** milliseconds, sorted */
  latencies: Float64Array;
  /** answers outside 2xx, with the first one's status and body for the error message */
  failures: number;
  firstFailure: string | null;
}

export async function runLoad(spec: LoadSpec, nextBody?: () => string): Promise<LoadResult> {
  const target = new URL(spec.url);
  const pool = new Pool(target.origin, { connections: spec.connections, pipelining: 1 });
  const latencies: number[] = [];
  let failures = 0;
  let firstFailure: string | null = null;
  const started = performance.now();
  const until = started + spec.seconds * 1000;
  const connection = async () => {
    while (performance.now() < until) {
      const sent = performance.now();
      const answer = await pool.request({
        path: target.pathname + target.search,
        method: spec.method,
        headers: spec.headers,
        body: nextBody ? nextBody() : spec.body,
      });
      if (answer.statusCode < 200 || answer.statusCode >= 300) {
        failures += 1;
        firstFailure ??= `${answer.statusCode} ${(await answer.body.text()).slice(0, 300)}`;
      } else {
        await answer.body.dump({ limit: Infinity });
      }
      latencies.push(performance.now() - sent);
    }
  };
  try {
    await Promise.all(Array.from({ length: spec.connections }, connection));
  } finally {
    await pool.close();
  }
  return {
    requests: latencies.length,
    seconds: (performance.now() - started) / 1000,
    latencies: Float64Array.from(latencies).sort(),
    failures,
    firstFailure,
  };
}
