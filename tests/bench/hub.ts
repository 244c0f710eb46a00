/** The hub as the bench runs it: in this process, on a free port, without a rate limit (the load is ours), quiet. */
import type { Config } from '../../server/src/config/config.js';
import { bootstrap, type App } from '../../server/src/http/app.js';

const silent = { info: () => {}, error: (m: string, e?: unknown) => console.error(m, e), request: () => {} };

export function startHub(config: Config, overrides: Partial<Config> = {}): Promise<App> {
  return bootstrap({ ...config, ...overrides, port: 0, rateLimitPerMinute: 0 }, silent);
}
