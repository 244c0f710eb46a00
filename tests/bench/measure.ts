/** One bounded load measurement with autocannon on loopback. */
import autocannon from 'autocannon';

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

export async function measure(target: Target, connections: number, seconds: number): Promise<Measurement> {
  const r = await autocannon({
    url: target.url,
    // Its own thread: the hub under test runs in this process, and must not share its event loop with the load generator.
    ...(target.bodies ? {} : { workers: 1 }),
    connections,
    duration: seconds,
    ...(target.body ? { method: 'POST' as const, headers: { 'content-type': 'application/json', ...target.headers }, body: target.body } : { headers: target.headers ?? {} }),
    ...(target.bodies ? { requests: [{ setupRequest: (req: autocannon.Request) => ({ ...req, body: target.bodies!() }) }] } : {}),
  });
  if (r.non2xx || r.errors || r.timeouts) throw new Error(`${target.url}: ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts`);
  // autocannon reports p97.5 and p99, not p95: report p97.5 (the stricter of the two nearest) as p95's stand-in.
  return { rps: r.requests.average, p50: r.latency.p50, p95: r.latency.p97_5, requests: r.requests.total };
}
