/** The hub as the bench runs it: in this process, on a free port, without a rate limit (the load is ours), quiet. */
import type { Config } from '../../server/src/config/config.js';
import { bootstrap, type App } from '../../server/src/http/app.js';

const silent = { info: () => {}, error: (m: string, e?: unknown) => console.error(m, e), request: () => {} };

export function startHub(config: Config, overrides: Partial<Config> = {}): Promise<App> {
  return bootstrap({ ...config, ...overrides, port: 0, rateLimitPerMinute: 0 }, silent);
}

/**
 * Waits until the hub's database pool has nothing in use or waiting, twice in
 * a row (by its /metrics): a closed page leaves its requests running in the
 * hub, and the next measurement must not share the hub with them. False if it
 * is still busy after `limitMs`.
 */
export async function hubQuiet(url: string, limitMs = 120_000): Promise<boolean> {
  const until = Date.now() + limitMs;
  let quietInARow = 0;
  while (Date.now() < until) {
    const text = await (await fetch(`${url}/metrics`)).text();
    const busy = [...text.matchAll(/^lingyan_db_pool_connections\{state="(?:used|pending)"\} (\d+)/gm)].reduce((n, m) => n + Number(m[1]), 0);
    quietInARow = busy === 0 ? quietInARow + 1 : 0;
    if (quietInARow >= 2) return true;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}
