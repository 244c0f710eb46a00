/**
 * Guards in front of /graphql and /tiles: a per-client rate limit (429 with
 * Retry-After and a GraphQL-shaped error body, so clients handle it like any
 * other error) and CORS, closed unless origins are configured.
 *
 * Express's chain runs them as middleware; the GraphQL POSTs' and the tiles'
 * own paths (served before Express, see graphql-path.ts and tile-path.ts) run
 * the same CORS middleware and a RequestBudget without Express's per-request
 * machinery, which cost a cached tile about a tenth of its time and an
 * uncached GraphQL answer about a fifth.
 *
 * Who a client is (the bucket a request counts in):
 * - a request with a valid token (not an embed token): its subject and role,
 *   wherever it comes from — behind a reverse proxy each user keeps a bucket
 *   of their own;
 * - anyone else (anonymous readers, embed tokens, which a public page shares
 *   with all its visitors, invalid tokens): its address — the connection's
 *   peer, or with TRUST_PROXY the client the trusted proxies name in
 *   X-Forwarded-For (Express's `trust proxy`, the same code as `req.ip`);
 *   IPv6 addresses by /56.
 *
 * Units: a request takes one unit when it arrives; a GraphQL operation then
 * takes one more per COST_PER_UNIT points of its estimated cost
 * (graphql/limits.ts), so a client asking for large answers runs out sooner.
 */
import type http from 'node:http';
import type { Socket } from 'node:net';
import cors from 'cors';
import type express from 'express';
import { ipKeyGenerator } from 'express-rate-limit';
import type { Principal } from '../auth/roles.js';
import { sendJson } from './json-response.js';

const WINDOW_MS = 60_000;
const WINDOW_SECONDS = Math.ceil(WINDOW_MS / 1000);

/** A connect-style guard: Express middleware that needs nothing of Express (it runs outside Express too). */
export type Guard = (req: http.IncomingMessage, res: http.ServerResponse, next: (error?: unknown) => void) => void;

/** The address a request comes from, as the rate limit sees it. */
export type ClientAddress = (req: http.IncomingMessage) => string;

/** The connection's peer (no proxy trusted). */
export const peerAddress: ClientAddress = (req) => req.socket.remoteAddress ?? '';

/**
 * Express's `req.ip` for any request, Express's own or one it never routes
 * (the tiles' path, WebSocket upgrades): the app's `trust proxy` setting and
 * Express's code read X-Forwarded-For, so every path names a client alike.
 */
export function expressAddress(app: express.Express): ClientAddress {
  return (req) => {
    if ((req as express.Request).app === app) return (req as express.Request).ip ?? '';
    const view = Object.create(app.request, { socket: { value: req.socket }, connection: { value: req.socket }, headers: { value: req.headers } }) as express.Request;
    return view.ip ?? '';
  };
}

/** The answer to a client over its budget of `perMinute` units. */
export function limitExceeded(res: http.ServerResponse, perMinute: number): void {
  res.setHeader('Retry-After', String(WINDOW_SECONDS));
  sendJson(res, 429, { errors: [rateError(perMinute)] });
}

/** The error of a client over its budget, in English and Chinese. */
export function rateError(perMinute: number) {
  return {
    message: `too many requests: at most ${perMinute} a minute from one client, counted in units (a request is one unit, a query with a large answer more); retry after the time in Retry-After (seconds) / 请求过多：每个客户端每分钟最多 ${perMinute} 个单位（每个请求 1 个，返回量大的查询更多），请在 Retry-After 所示秒数后重试`,
    extensions: { code: 'LIMIT_EXCEEDED', limit: 'RATE_LIMIT_PER_MINUTE' },
  };
}

export interface Spent {
  admitted: boolean;
  /** units left in the window (0 when over) */
  remaining: number;
  /** seconds until the window starts again */
  reset: number;
}

/** Units spent per key in a window of a minute from the key's first unit. */
class Windows {
  private readonly counts = new Map<string, { units: number; resetAt: number }>();
  // Drops the windows that ended, so a scan of many addresses does not grow the map forever.
  private readonly sweeper = setInterval(() => {
    const now = Date.now();
    for (const [key, w] of this.counts) if (w.resetAt <= now) this.counts.delete(key);
  }, WINDOW_MS).unref();

  add(key: string, units: number): { units: number; resetAt: number } {
    const now = Date.now();
    let w = this.counts.get(key);
    if (!w || w.resetAt <= now) this.counts.set(key, (w = { units: 0, resetAt: now + WINDOW_MS }));
    w.units += units;
    return w;
  }

  close(): void {
    clearInterval(this.sweeper);
    this.counts.clear();
  }
}

/** What the budget leaves for the GraphQL context: the request's bucket, and its token's principal when one was read (null: none valid). */
export interface BudgetLocals {
  rateKey?: string;
  principal?: Principal | null;
}

export interface BudgetOptions {
  /** The client's address; default the connection's peer. */
  address?: ClientAddress;
  /** The verified principal of a request's token (null: anonymous or no valid token); default none (every request by address). */
  principal?: (req: http.IncomingMessage) => Promise<Principal | null>;
}

/**
 * A per-client budget of `perMinute` units, for /graphql (as Express
 * middleware), the tiles' own path and /readyz, with the RateLimit headers
 * of IETF draft 7.
 */
export class RequestBudget {
  private readonly windows = new Windows();
  private readonly policy: string;
  private readonly address: ClientAddress;
  /** A connection's address key, worked out once where no proxy is trusted: a keep-alive connection sends many tiles. */
  private readonly peers = new WeakMap<Socket, string>();

  constructor(
    readonly perMinute: number,
    private readonly options: BudgetOptions = {},
  ) {
    this.policy = `${perMinute};w=${WINDOW_SECONDS}`;
    this.address = options.address ?? peerAddress;
  }

  /** Counts the request as one unit in its bucket (`keyOf`); true while within the budget, else answers 429 and returns false. */
  async admit(req: http.IncomingMessage, res: http.ServerResponse): Promise<boolean> {
    return this.admitAs((await this.keyOf(req)).key, res);
  }

  /** The bucket of a request: its token's subject and role, or its address (see the module's comment). */
  async keyOf(req: http.IncomingMessage): Promise<{ key: string; principal: Principal | null | undefined }> {
    if (this.options.principal && req.headers.authorization) {
      const principal = await this.options.principal(req).catch(() => undefined);
      if (principal && !principal.embed) return { key: `token:${principal.role}:${principal.subject}`, principal };
      return { key: this.addressKey(req), principal };
    }
    return { key: this.addressKey(req), principal: undefined };
  }

  /** Counts `units` in the bucket `key`, setting the RateLimit headers; answers 429 and returns false when over. */
  admitAs(key: string, res: http.ServerResponse, units = 1): boolean {
    const spent = this.spend(key, units);
    this.headers(res, spent);
    if (spent.admitted) return true;
    limitExceeded(res, this.perMinute);
    return false;
  }

  /** Counts `units` in the bucket `key`. */
  spend(key: string, units: number): Spent {
    const w = this.windows.add(key, units);
    return { admitted: w.units <= this.perMinute, remaining: Math.max(this.perMinute - w.units, 0), reset: Math.max(0, Math.ceil((w.resetAt - Date.now()) / 1000)) };
  }

  /** The RateLimit headers of a count. */
  headers(res: { setHeader(name: string, value: string): unknown }, spent: Spent): void {
    res.setHeader('RateLimit-Policy', this.policy);
    res.setHeader('RateLimit', `limit=${this.perMinute}, remaining=${spent.remaining}, reset=${spent.reset}`);
  }

  /** Counts a request that has no HTTP answer of its own (a WebSocket upgrade, a subscription) by its address; true while within the budget. */
  async take(req: http.IncomingMessage): Promise<boolean> {
    return this.spend(this.addressKey(req), 1).admitted;
  }

  /**
   * One unit in the request's bucket, the bucket and the principal found on
   * the way left in `locals` (`rateKey`, `principal`) for the GraphQL context
   * and the cost charge; true while within the budget, else answers 429.
   * Express's chain passes its `res.locals`, the GraphQL path its own record.
   */
  async enter(req: http.IncomingMessage, res: http.ServerResponse, locals: BudgetLocals): Promise<boolean> {
    const { key, principal } = await this.keyOf(req);
    locals.rateKey = key;
    if (principal !== undefined) locals.principal = principal;
    return this.admitAs(key, res);
  }

  /** The budget as Express middleware: `enter`, with `res.locals`. */
  middleware(): express.RequestHandler {
    return (req, res, next) => {
      this.enter(req, res, res.locals).then((admitted) => {
        if (admitted) next();
      }, next);
    };
  }

  close(): void {
    this.windows.close();
  }

  /** The address bucket of a request (`ip:` and its address, IPv6 by /56), as the budget names its client. */
  addressKey(req: http.IncomingMessage): string {
    if (this.options.address === undefined) {
      let key = this.peers.get(req.socket);
      if (key === undefined) this.peers.set(req.socket, (key = `ip:${ipKeyGenerator(peerAddress(req))}`));
      return key;
    }
    return `ip:${ipKeyGenerator(this.address(req))}`;
  }
}

export function requestBudget(perMinute: number, options: BudgetOptions = {}): RequestBudget | null {
  return perMinute > 0 ? new RequestBudget(perMinute, options) : null;
}

/** CORS for the configured origins only; with none, browsers on other origins are refused by their same-origin rule. */
export function corsFor(origins: string[]): Guard | null {
  if (origins.length === 0) return null;
  return cors({ origin: origins, methods: ['GET', 'POST'], allowedHeaders: ['content-type', 'authorization', 'x-request-id', 'apollo-require-preflight'], maxAge: 600 });
}

/** Runs a guard outside Express: true when it passed the request on, false when it answered it (a CORS preflight). */
export function passes(guard: Guard, req: http.IncomingMessage, res: http.ServerResponse): Promise<boolean> {
  return new Promise((resolve, reject) => {
    guard(req, res, (error) => (error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(true)));
    if (res.writableEnded) resolve(false);
  });
}

/** The answer to a body-parser failure, as a GraphQL-shaped error with a code; null for a fault that is not the client's. */
export function bodyError(error: { type?: string; status?: number; limit?: number }): { status: number; body: unknown } | null {
  if (error.type === 'entity.too.large') {
    return { status: 413, body: { errors: [{ message: `the request body is larger than the limit of ${Math.round((error.limit ?? 0) / 1024)} KiB`, extensions: { code: 'LIMIT_EXCEEDED' } }] } };
  } else if (error.type === 'entity.parse.failed') {
    return { status: 400, body: { errors: [{ message: 'the request body is not valid JSON', extensions: { code: 'BAD_USER_INPUT' } }] } };
  } else if (typeof error.status === 'number' && error.status >= 400 && error.status < 500) {
    return { status: error.status, body: { errors: [{ message: 'the request could not be read', extensions: { code: 'BAD_USER_INPUT' } }] } };
  }
  return null;
}

/** Body-parser failures as GraphQL-shaped errors with a code (never Express's HTML page with a stack trace). */
export const bodyErrors: express.ErrorRequestHandler = (error: { type?: string; status?: number; limit?: number }, _req, res, next) => {
  if (res.headersSent) return next(error);
  const answer = bodyError(error);
  if (answer) res.status(answer.status).json(answer.body);
  else next(error);
};
