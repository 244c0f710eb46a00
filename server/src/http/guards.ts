/**
 * Guards in front of /graphql and /tiles: a per-client rate limit (429 with
 * Retry-After and a GraphQL-shaped error body, so clients handle it like any
 * other error) and CORS, closed unless origins are configured.
 *
 * /graphql runs them as Express middleware; the tiles' own path (served
 * before Express, see tile-path.ts) runs the same CORS middleware and its own
 * RequestBudget. A budget uses express-rate-limit's store and client key,
 * without that middleware's per-request machinery, which cost a cached tile
 * about a tenth of its time.
 */
import type http from 'node:http';
import type { Socket } from 'node:net';
import cors from 'cors';
import type express from 'express';
import { MemoryStore, ipKeyGenerator, type Options } from 'express-rate-limit';
import { sendJson } from './json-response.js';

const WINDOW_MS = 60_000;
const WINDOW_SECONDS = Math.ceil(WINDOW_MS / 1000);

/** A connect-style guard: Express middleware that needs nothing of Express (it runs outside Express too). */
export type Guard = (req: http.IncomingMessage, res: http.ServerResponse, next: (error?: unknown) => void) => void;

/** The answer to a client over its budget of `perMinute` requests. */
export function limitExceeded(res: http.ServerResponse, perMinute: number): void {
  res.setHeader('Retry-After', String(WINDOW_SECONDS));
  sendJson(res, 429, {
    errors: [{ message: `too many requests: at most ${perMinute} a minute from one client; retry after the time in Retry-After (seconds)`, extensions: { code: 'LIMIT_EXCEEDED' } }],
  });
}

/**
 * A per-client budget of `perMinute` requests, for /graphql (as Express
 * middleware) and for the tiles' own path: express-rate-limit's store (a
 * window of a minute from a client's first request) and client key (its
 * address; IPv6 by /56), the RateLimit headers of IETF draft 7.
 */
export class RequestBudget {
  private readonly store = new MemoryStore();
  /** A connection's client key, worked out once: a keep-alive connection sends many tiles. */
  private readonly keys = new WeakMap<Socket, string>();
  private readonly policy: string;

  constructor(readonly perMinute: number) {
    this.store.init({ windowMs: WINDOW_MS } as Options);
    this.policy = `${perMinute};w=${WINDOW_SECONDS}`;
  }

  /** Counts the request; true while within the budget, else answers 429 and returns false. */
  async admit(req: http.IncomingMessage, res: http.ServerResponse): Promise<boolean> {
    const { totalHits, resetTime } = await this.count(req.socket);
    const reset = resetTime ? Math.max(0, Math.ceil((resetTime.getTime() - Date.now()) / 1000)) : WINDOW_SECONDS;
    res.setHeader('RateLimit-Policy', this.policy);
    res.setHeader('RateLimit', `limit=${this.perMinute}, remaining=${Math.max(this.perMinute - totalHits, 0)}, reset=${reset}`);
    if (totalHits <= this.perMinute) return true;
    limitExceeded(res, this.perMinute);
    return false;
  }

  /** Counts a request that has no HTTP answer of its own (a WebSocket upgrade, a subscription); true while within the budget. */
  async take(socket: Socket): Promise<boolean> {
    return (await this.count(socket)).totalHits <= this.perMinute;
  }

  private count(socket: Socket) {
    return this.store.increment(this.keyOf(socket));
  }

  /** The budget as Express middleware. */
  middleware(): express.RequestHandler {
    return (req, res, next) => {
      this.admit(req, res).then((admitted) => admitted && next(), next);
    };
  }

  close(): void {
    this.store.shutdown();
  }

  private keyOf(socket: Socket): string {
    let key = this.keys.get(socket);
    if (key === undefined) {
      // Express's req.ip where 'trust proxy' is off, as here: the connection's peer.
      key = ipKeyGenerator(socket.remoteAddress ?? '');
      this.keys.set(socket, key);
    }
    return key;
  }
}

export function requestBudget(perMinute: number): RequestBudget | null {
  return perMinute > 0 ? new RequestBudget(perMinute) : null;
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

/** Body-parser failures as GraphQL-shaped errors with a code (never Express's HTML page with a stack trace). */
export const bodyErrors: express.ErrorRequestHandler = (error: { type?: string; status?: number; limit?: number }, _req, res, next) => {
  if (res.headersSent) return next(error);
  if (error.type === 'entity.too.large') {
    res.status(413).json({ errors: [{ message: `the request body is larger than the limit of ${Math.round((error.limit ?? 0) / 1024)} KiB`, extensions: { code: 'LIMIT_EXCEEDED' } }] });
  } else if (error.type === 'entity.parse.failed') {
    res.status(400).json({ errors: [{ message: 'the request body is not valid JSON', extensions: { code: 'BAD_USER_INPUT' } }] });
  } else if (typeof error.status === 'number' && error.status >= 400 && error.status < 500) {
    res.status(error.status).json({ errors: [{ message: 'the request could not be read', extensions: { code: 'BAD_USER_INPUT' } }] });
  } else {
    next(error);
  }
};
