/** Starts the real hub (HTTP + GraphQL + client) on the run's database, on a free loopback port. */
import { loadConfig } from '../../server/src/config/config.js';
import { Writable } from 'node:stream';
import { bootstrap, type App, type Hooks, type Logger } from '../../server/src/http/app.js';
import { jsonLogger } from '../../server/src/http/observability.js';
import type { Role } from '../../server/src/auth/roles.js';
import { mintToken } from '../../server/src/auth/tokens.js';
import { databaseUrl } from './db.js';

export interface TestServer {
  url: string;
  app: App;
  close(): Promise<void>;
  /** POST /graphql; returns the parsed JSON body. */
  graphql<T = any>(query: string, variables?: Record<string, unknown>, bearer?: string): Promise<{ data?: T; errors?: Array<{ message: string; extensions?: { code?: string; [k: string]: unknown } }> }>;
}

/** The token secret of test servers (tests mint their own tokens with it). */
export const TEST_SECRET = 'lingyan-test-secret-0123456789abcdef-not-for-production';

/** A signed token for tests. */
export function token(role: Role, counties: string[] = [], days = 1, subject = `${role}-test`): Promise<string> {
  return mintToken(new TextEncoder().encode(TEST_SECRET), { subject, role, counties, days });
}

export const quietLogger: Logger = { info: () => {}, error: (m, e) => console.error(m, e), request: () => {} };

/** The hub's own JSON logger, writing into `lines` (one JSON line each) for a test to read. */
export function capturedLog(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return { logger: jsonLogger(sink), lines };
}

/**
 * A hub on the run's database. Its GraphQL answer cache is off unless asked
 * for: tests change rows with plain SQL from their own connection and read
 * them back through the API at once, and on the embedded run that
 * connection's NOTIFY never reaches the hub (one PGlite session; see
 * db/changes.ts), while on PostGIS it arrives a moment later. The cache has
 * its own tests (api/response-cache.test.ts), and the load test runs with it.
 * The warm-up is off too (its statements would mix with those a test counts);
 * api/warm-up.test.ts turns it on.
 */
export async function startTestServer(overrides: Partial<ReturnType<typeof loadConfig>> = {}, hooks: Hooks = {}, logger: Logger = quietLogger): Promise<TestServer> {
  const app = await bootstrap({ ...loadConfig({}), databaseUrl: databaseUrl(), port: 0, seedDemo: false, authSecret: TEST_SECRET, responseCacheMb: 0, warmUp: false, ...overrides }, logger, hooks);
  return {
    url: app.url,
    app,
    close: () => app.close(),
    async graphql(query, variables, bearer) {
      const res = await fetch(`${app.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return res.json() as never;
    },
  };
}
