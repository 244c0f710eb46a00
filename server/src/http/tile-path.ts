/**
 * /tiles, served before Express. A map view asks for tens of tiles at once
 * and most are answered from the tile cache, where Express's router, its
 * request and response decorations and express-rate-limit's middleware cost
 * more than the tile itself. The tile path runs the same steps, from the
 * same modules, in the order the Express chain ran them: observability
 * (request id, log line, metrics), the security headers, CORS where
 * configured (preflight included), the tiles' rate limit, then the tile
 * handler.
 *
 * Seam on a library's internals (docs/architecture.md#seams-on-libraries-internals):
 * - buys: cached tiles without Express's per-request work; figure in
 *   docs/performance.md#what-the-workarounds-buy.
 * - leans on: what Express and express-rate-limit do to a request, redone
 *   here: Express's mount matching (parseurl, any case), its JSON error
 *   bodies with their weak ETag (json-response.ts), express-rate-limit's
 *   store and headers driven outside Express (guards.ts).
 * - guarded by: tests/api/tile-path.test.ts (every status carries the
 *   Express chain's recorded headers) and tests/unit/http/tile-path.test.ts.
 */
import type http from 'node:http';
import parseurl from 'parseurl';
import type { TileHandler } from './tile-route.js';
import { ErrorCode } from '../graphql/errors.js';
import { passes, type Guard, type RequestBudget } from './guards.js';
import { sendJson } from './json-response.js';
import type { Observability } from './observability.js';
import { setSecurityHeaders } from './security-headers.js';

export interface TilePathOptions {
  observability: Observability;
  cors: Guard | null;
  budget: RequestBudget | null;
  handler: TileHandler;
}

/** Express's `app.use('/tiles', …)`: the whole segment, in any case. */
const MOUNT = /^\/tiles(?=\/|$)/i;
const MOUNT_LENGTH = '/tiles'.length;

export interface TileTarget {
  /** the request's path, as Express's req.path gives it before any mount */
  pathname: string;
  /** the path under /tiles */
  path: string;
  /** the query string, without its `?` */
  query: string;
}

/** Where a request goes, read as Express reads it (with its parseurl); null when not under /tiles. */
export function tileTarget(url: string): TileTarget | null {
  const parsed = parseurl({ url } as http.IncomingMessage);
  const pathname = parsed?.pathname ?? '';
  if (!MOUNT.test(pathname)) return null;
  return { pathname, path: pathname.slice(MOUNT_LENGTH), query: typeof parsed?.query === 'string' ? parsed.query : '' };
}

/** A request handler for the HTTP server that answers tile requests and returns true, or returns false for Express to answer. */
export function tilePath(o: TilePathOptions): (req: http.IncomingMessage, res: http.ServerResponse) => boolean {
  const serve = async (req: http.IncomingMessage, res: http.ServerResponse, target: TileTarget): Promise<void> => {
    o.observability.track(req, res, target.pathname);
    try {
      setSecurityHeaders(res);
      if (o.cors && !(await passes(o.cors, req, res))) return;
      if (o.budget && !(await o.budget.admit(req, res))) return;
      await o.handler(req, res, target.path, target.query);
    } catch (error) {
      // The handler answers its own errors; this is a fault of the path itself.
      o.observability.logger.error('tile path: unexpected error', error);
      if (!res.headersSent) sendJson(res, 500, { errors: [{ message: 'internal error', extensions: { code: ErrorCode.INTERNAL } }] });
      else res.destroy();
    }
  };
  return (req, res) => {
    const target = tileTarget(req.url ?? '');
    if (!target) return false;
    void serve(req, res, target);
    return true;
  };
}
