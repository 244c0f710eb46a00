/**
 * Guards in front of /graphql: a per-client rate limit (429 with Retry-After
 * and a GraphQL-shaped error body, so clients handle it like any other
 * error) and CORS, closed unless origins are configured.
 */
import cors from 'cors';
import type express from 'express';
import { rateLimit } from 'express-rate-limit';

export function rateLimiter(perMinute: number): express.RequestHandler | null {
  if (perMinute <= 0) return null;
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    handler: (_req, res, _next, options) => {
      res.setHeader('Retry-After', String(Math.ceil(options.windowMs / 1000)));
      res.status(429).json({
        errors: [{ message: `too many requests: at most ${perMinute} a minute from one client; retry after the time in Retry-After (seconds)`, extensions: { code: 'LIMIT_EXCEEDED' } }],
      });
    },
  });
}

/** CORS for the configured origins only; with none, browsers on other origins are refused by their same-origin rule. */
export function corsFor(origins: string[]): express.RequestHandler | null {
  if (origins.length === 0) return null;
  return cors({ origin: origins, methods: ['GET', 'POST'], allowedHeaders: ['content-type', 'authorization', 'x-request-id', 'apollo-require-preflight'], maxAge: 600 });
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
