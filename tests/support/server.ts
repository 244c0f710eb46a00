/** Starts the real hub (HTTP + GraphQL + client) on the run's database, on a free loopback port. */
import { loadConfig } from '../../server/src/config/config.js';
import { bootstrap, type App, type Hooks, type Logger } from '../../server/src/http/app.js';
import { databaseUrl } from './db.js';

export interface TestServer {
  url: string;
  app: App;
  close(): Promise<void>;
  /** POST /graphql; returns the parsed JSON body. */
  graphql<T = any>(query: string, variables?: Record<string, unknown>): Promise<{ data?: T; errors?: Array<{ message: string; extensions?: { code?: string; [k: string]: unknown } }> }>;
}

export const quietLogger: Logger = { info: () => {}, error: (m, e) => console.error(m, e) };

export async function startTestServer(overrides: Partial<ReturnType<typeof loadConfig>> = {}, hooks: Hooks = {}): Promise<TestServer> {
  const app = await bootstrap({ ...loadConfig({}), databaseUrl: databaseUrl(), port: 0, seedDemo: false, ...overrides }, quietLogger, hooks);
  return {
    url: app.url,
    app,
    close: () => app.close(),
    async graphql(query, variables) {
      const res = await fetch(`${app.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      });
      return res.json() as never;
    },
  };
}
