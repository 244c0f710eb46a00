/**
 * Environment parsed once, typed. Every setting the server reads lives here,
 * with its default; docs/operations.md's configuration table mirrors this file.
 */
import { isIP } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export interface Config {
  /** HTTP port; default 4000. 0 picks a free port (tests). */
  port: number;
  /** Interface to bind; default 127.0.0.1 (set 0.0.0.0 to serve the intranet). */
  host: string;
  /** PostgreSQL + PostGIS URL; unset means the embedded database. */
  databaseUrl: string | null;
  /** Streaming replicas of DATABASE_URL that take reads outside transactions (db/replicas.ts); default none. */
  databaseReplicaUrls: string[];
  /** Where the embedded database keeps its files; default `.data/` at the repo root. */
  dataDir: string;
  /** Load the demo region into an empty database at start; default true. */
  seedDemo: boolean;
  /** Folder with the built client; default client/dist. */
  clientDist: string;
  /** Per-statement timeout in PostgreSQL, ms; default 15000. */
  statementTimeoutMs: number;
  /** Size of the connection pool; default 10 (4 in embedded mode, which runs one query at a time). */
  poolSize: number | null;
  /** Key that signs tokens; unset: one generated once and kept in DATA_DIR. Replicas must share one. */
  authSecret: string | null;
  /** The file of rotated token keys (server/src/auth/keys.ts); default DATA_DIR/auth-keys.json. Replicas must see the same file. */
  authKeysFile: string;
  /** Anonymous, viewer and embed requests may run only the operations the hub ships (graphql/trusted-documents.ts); default false. */
  trustedDocuments: boolean;
  /** Whether anonymous users may read; default true. Writes always need a token. */
  publicRead: boolean;
  /** Requests per minute one client (IP address) may send to /graphql; 0 turns the limit off; default 600. */
  rateLimitPerMinute: number;
  /** Proxies whose X-Forwarded-For names the client (Express's `trust proxy`): false (default: the connection's address), a number of hops, or addresses/CIDRs. */
  trustProxy: TrustProxy;
  /** The largest GraphQL answer sent, bytes of JSON; larger ones answer RESPONSE_TOO_LARGE; 0 turns the cap off; default 8 MiB. */
  responseMaxBytes: number;
  /** The longest a GraphQL operation may run, ms, whatever the database does; 0 turns it off; default 20000. */
  requestDeadlineMs: number;
  /** Whether the schema may be introspected; default true, false when NODE_ENV=production. */
  introspection: boolean;
  /** NODE_ENV=production: the defaults of a served hub (introspection and suggestions off); logged at start. */
  production: boolean;
  /** Whether errors suggest names ("Did you mean ...?"), which tell the schema to a caller; default true, false when NODE_ENV=production. */
  suggestions: boolean;
  /** Bearer token that lets a scraper read /metrics from anywhere; unset: /metrics answers direct connections from this machine only. */
  metricsToken: string | null;
  /** Origins allowed to call the API from browsers on other origins (CORS); default none. */
  corsOrigins: string[];
  /** Origins whose pages may frame the embedded map (`/embed`, CSP frame-ancestors); default none but the hub's own. */
  embedOrigins: string[];
  /** How vector tiles are made: `sql` (one ST_AsMVT query), `js` (geojson-vt in the server), `auto` (sql when the database's PostGIS can); default auto. */
  tileEngine: TileEngineChoice;
  /** Memory for cached vector tiles, MB; 0 turns the cache off; default 64. */
  tileCacheMb: number;
  /** Memory for cached GraphQL answers (read operations, dropped on any write), MB; 0 turns the cache off; default 32. */
  responseCacheMb: number;
  /** Ask the atlas's opening questions once right after start, so the first visitor meets a warm hub; default true. */
  warmUp: boolean;
  /** Live-update WebSockets (GraphQL subscriptions at /graphql) one client (IP address) may hold at once; 0 turns live updates off; default 64. */
  liveConnectionsPerClient: number;
  /** The big screen's (`/screen`) rotation where its link names none: views as its `views=` parameter writes them; default none. */
  screenViews: string | null;
  /** Seconds each view of the big screen stays, where its link says none (2–3600); default none (the page's 30). */
  screenIntervalSeconds: number | null;
  /** Hub processes behind the one port (server/src/cluster/hub-processes.ts): a number, or `auto` for one per core; more than one needs DATABASE_URL; default 1. */
  hubProcesses: number | 'auto';
}

export type TileEngineChoice = 'auto' | 'sql' | 'js';

export type TrustProxy = false | number | string[];

export class ConfigError extends Error {
  override name = 'ConfigError';
}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

function bool(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

function databaseUrl(env: NodeJS.ProcessEnv): string | null {
  const raw = env.DATABASE_URL;
  if (raw === undefined || raw.trim() === '') return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('DATABASE_URL is not a URL; expected postgres://user:password@host:5432/database');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ConfigError(`DATABASE_URL must start with postgres:// or postgresql://, got "${url.protocol}//"`);
  }
  return raw;
}

/** DATABASE_REPLICA_URLS: comma-separated postgres:// URLs of streaming standbys of DATABASE_URL. */
function databaseReplicaUrls(env: NodeJS.ProcessEnv): string[] {
  const parts = (env.DATABASE_REPLICA_URLS ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  if (parts.length === 0) return [];
  if (!databaseUrl(env)) throw new ConfigError(REPLICAS_NEED_DATABASE_URL);
  return parts.map((raw, i) => {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new ConfigError(`DATABASE_REPLICA_URLS: entry ${i + 1} is not a URL; expected postgres://user:password@host:5432/database`);
    }
    if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') throw new ConfigError(`DATABASE_REPLICA_URLS: entry ${i + 1} must start with postgres:// or postgresql://, got "${url.protocol}//"`);
    return raw;
  });
}

/** The embedded database has no streaming replication. */
export const REPLICAS_NEED_DATABASE_URL =
  'DATABASE_REPLICA_URLS needs DATABASE_URL: the embedded database has no streaming replicas; set DATABASE_URL to the primary or unset DATABASE_REPLICA_URLS';

function oneOf<T extends string>(env: NodeJS.ProcessEnv, name: string, values: readonly T[], fallback: T): T {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  if (!(values as readonly string[]).includes(raw)) throw new ConfigError(`${name} must be one of ${values.join(', ')}, got "${raw}"`);
  return raw as T;
}

/** An IPv4 or IPv6 address, optionally with a /prefix. */
function addressOrCidr(value: string): boolean {
  const [address, prefix, ...rest] = value.split('/');
  const family = isIP(address ?? '');
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d{1,3}$/.test(prefix) && bits <= (family === 4 ? 32 : 128);
}

/**
 * TRUST_PROXY: off (default), a number of proxy hops in front of the hub, or
 * the proxies' addresses/CIDRs (and Express's names loopback, linklocal,
 * uniquelocal), comma-separated. `true` (trust any sender of X-Forwarded-For)
 * is refused: any client could then choose its own rate-limit bucket.
 */
function trustProxy(env: NodeJS.ProcessEnv): TrustProxy {
  const raw = env.TRUST_PROXY?.trim();
  if (!raw || /^(0|false|no|off)$/i.test(raw)) return false;
  if (/^\d+$/.test(raw)) {
    const hops = Number(raw);
    if (hops > 10) throw new ConfigError(`TRUST_PROXY must be a number of proxy hops from 1 to 10, or the proxies' addresses, got "${raw}"`);
    return hops;
  }
  const entries = raw.split(',').map((e) => e.trim());
  for (const entry of entries) {
    if (!['loopback', 'linklocal', 'uniquelocal'].includes(entry) && !addressOrCidr(entry)) {
      throw new ConfigError(`TRUST_PROXY: "${entry}" is not an address or CIDR; expected a number of hops (e.g. 1) or addresses such as 10.0.0.5,10.1.0.0/16 or loopback`);
    }
  }
  return entries;
}

/** A comma-separated list of origins (scheme://host[:port]). */
function origins(env: NodeJS.ProcessEnv, name: string): string[] {
  const raw = env[name]?.trim();
  if (!raw) return [];
  return raw.split(',').map((o) => {
    const origin = o.trim();
    let url: URL;
    try {
      url = new URL(origin);
    } catch {
      throw new ConfigError(`${name}: "${origin}" is not an origin; expected e.g. https://portal.example.gov.cn`);
    }
    if (url.origin !== origin.replace(/\/$/, '')) throw new ConfigError(`${name}: "${origin}" is not an origin (scheme://host[:port], no path)`);
    return url.origin;
  });
}

/**
 * The big screen's default views (SCREEN_VIEWS): written into its page for
 * the page to read as it reads its link's `views=` (client/src/screen/rotation.ts,
 * which checks each view and says on screen what it could not use). Here only
 * what a view can never hold is refused: characters outside its alphabet.
 */
function screenViews(env: NodeJS.ProcessEnv): string | null {
  const raw = env.SCREEN_VIEWS?.trim();
  if (!raw) return null;
  const bad = /[^A-Za-z0-9_:,]/.exec(raw);
  if (bad || raw.length > 2000) {
    throw new ConfigError(
      `SCREEN_VIEWS: ${bad ? `"${bad[0]}" at position ${bad.index + 1} cannot be part of a view` : 'longer than 2000 characters'}; expected views separated by commas, each its year, metric and more separated by colons, e.g. 2016:poverty_incidence,latest:collective_income_median`,
    );
  }
  return raw;
}

/** METRICS_TOKEN: long enough that it cannot be guessed, and sendable in a header. */
function metricsToken(env: NodeJS.ProcessEnv): string | null {
  const raw = env.METRICS_TOKEN?.trim();
  if (!raw) return null;
  if (raw.length < 32 || !/^[\x21-\x7e]+$/.test(raw)) {
    throw new ConfigError(`METRICS_TOKEN must be at least 32 printable characters without spaces (it has ${raw.length} characters); make one with: openssl rand -hex 32`);
  }
  return raw;
}

/** HUB_PROCESSES: `auto` (one per core) or a count. */
function hubProcesses(env: NodeJS.ProcessEnv): number | 'auto' {
  const raw = env.HUB_PROCESSES?.trim();
  if (raw?.toLowerCase() === 'auto') return 'auto';
  if (raw && !/^\d+$/.test(raw)) throw new ConfigError(`HUB_PROCESSES must be auto or a number of processes from 1 to 64, got "${raw}"`);
  return int(env, 'HUB_PROCESSES', 1, 1, 64);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: int(env, 'PORT', 4000, 0, 65535),
    host: env.HOST?.trim() || '127.0.0.1',
    databaseUrl: databaseUrl(env),
    databaseReplicaUrls: databaseReplicaUrls(env),
    dataDir: path.resolve(REPO_ROOT, env.DATA_DIR?.trim() || '.data'),
    seedDemo: bool(env, 'SEED_DEMO', true),
    clientDist: path.resolve(REPO_ROOT, env.CLIENT_DIST?.trim() || 'client/dist'),
    statementTimeoutMs: int(env, 'STATEMENT_TIMEOUT_MS', 15000, 100, 3_600_000),
    poolSize: env.DB_POOL_SIZE ? int(env, 'DB_POOL_SIZE', 10, 1, 200) : null,
    authSecret: env.AUTH_SECRET?.trim() || null,
    authKeysFile: path.resolve(REPO_ROOT, env.AUTH_KEYS_FILE?.trim() || path.join(env.DATA_DIR?.trim() || '.data', 'auth-keys.json')),
    trustedDocuments: bool(env, 'TRUSTED_DOCUMENTS', false),
    publicRead: bool(env, 'PUBLIC_READ', true),
    rateLimitPerMinute: int(env, 'RATE_LIMIT_PER_MINUTE', 600, 0, 1_000_000),
    trustProxy: trustProxy(env),
    responseMaxBytes: int(env, 'RESPONSE_MAX_BYTES', 8 * 2 ** 20, 0, 2 ** 30),
    requestDeadlineMs: int(env, 'REQUEST_DEADLINE_MS', 20_000, 0, 3_600_000),
    introspection: bool(env, 'INTROSPECTION', env.NODE_ENV !== 'production'),
    production: env.NODE_ENV === 'production',
    suggestions: bool(env, 'SUGGESTIONS', env.NODE_ENV !== 'production'),
    metricsToken: metricsToken(env),
    corsOrigins: origins(env, 'CORS_ORIGINS'),
    embedOrigins: origins(env, 'EMBED_ORIGINS'),
    tileEngine: oneOf(env, 'TILE_ENGINE', ['auto', 'sql', 'js'] as const, 'auto'),
    tileCacheMb: int(env, 'TILE_CACHE_MB', 64, 0, 65_536),
    responseCacheMb: int(env, 'RESPONSE_CACHE_MB', 32, 0, 65_536),
    warmUp: bool(env, 'WARM_UP', true),
    liveConnectionsPerClient: int(env, 'LIVE_CONNECTIONS_PER_CLIENT', 64, 0, 100_000),
    screenViews: screenViews(env),
    screenIntervalSeconds: env.SCREEN_INTERVAL?.trim() ? int(env, 'SCREEN_INTERVAL', 30, 2, 3600) : null,
    hubProcesses: hubProcesses(env),
  };
}

/**
 * The line the hub logs at start: which defaults it runs with, so an operator
 * sees at once whether the service recipe's NODE_ENV=production took effect.
 */
export function describeMode(config: Config): string {
  const on = (flag: boolean) => (flag ? 'on' : 'off');
  const mode = config.production ? 'production (NODE_ENV=production)' : 'development (NODE_ENV is not production; a served hub sets NODE_ENV=production)';
  return `mode: ${mode}; introspection ${on(config.introspection)}, name suggestions ${on(config.suggestions)}, /metrics ${config.metricsToken ? 'with METRICS_TOKEN' : 'on this machine only'}`;
}

/**
 * The answer cache lives in the JavaScript heap, which the server's start
 * script limits (`node --max-old-space-size=1024`: with Node's default limit,
 * a quarter of the machine's memory, V8 lets the heap grow to four times what
 * is live before collecting it, ~350 MB under load at national scale for
 * ~95 MB live; with 1 GB, about 1.6 times). A cache budget the heap cannot
 * hold would end in an out-of-memory crash under load: refuse it at start.
 */
export function checkHeap(config: Config, heapLimitBytes: number): void {
  const heapMb = Math.floor(heapLimitBytes / 2 ** 20);
  if (config.responseCacheMb > heapMb / 2) {
    throw new ConfigError(
      `RESPONSE_CACHE_MB=${config.responseCacheMb} does not fit the server's JavaScript heap of ${heapMb} MB (at most half of it); lower it, or start node with a larger --max-old-space-size`,
    );
  }
}
