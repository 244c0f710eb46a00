/**
 * GET /tiles/{layer}/{z}/{x}/{y}.mvt[?year=YYYY]: Mapbox Vector Tiles for
 * the map. Read access as for GraphQL (a token when PUBLIC_READ=false),
 * behind CORS and a rate limit of its own; errors in the JSON shape of the
 * hub's other guards (`{errors: [{message, extensions: {code}}]}`), naming
 * the part of the address at fault.
 */
import type http from 'node:http';
import querystring from 'node:querystring';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { ChangeBus } from '../db/changes.js';
import { principalOf, type AuthOptions } from '../graphql/auth.js';
import { ApiError, ErrorCode, databaseFailure } from '../graphql/errors.js';
import { sendJson } from './json-response.js';
import type { Logger } from './observability.js';
import { TileRequestError, parseTilePath, parseYear } from '../tiles/coordinates.js';
import type { EngineKind } from '../tiles/engines.js';
import { LAYER_NAMES } from '../tiles/layers.js';
import { UnknownPrefecture, resolveScope } from '../domain/region/read-scope.js';
import type { Lookup, TileService } from '../tiles/service.js';

export const MVT_TYPE = 'application/vnd.mapbox-vector-tile';

/** Whether If-None-Match names the ETag (weak comparison, as RFC 9110 asks for If-None-Match). */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  return ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

function fail(res: http.ServerResponse, status: number, code: ErrorCode | string, message: string, argument?: string): void {
  res.setHeader('Cache-Control', 'no-store');
  sendJson(res, status, { errors: [{ message, extensions: { code, ...(argument ? { argument } : {}) } }] });
}

/** Cache and render metrics for /metrics; the gauges read the service and the bus when scraped. */
export function tileMetrics(registry: Registry, engine: EngineKind) {
  const lookups = new Counter({
    name: 'lingyan_tile_cache_lookups_total',
    help: 'Vector tile cache lookups by layer and result: hit, miss, or bypass (cache off, or not listening for changes)',
    labelNames: ['layer', 'result'],
    registers: [registry],
  });
  const renders = new Histogram({
    name: 'lingyan_tile_render_seconds',
    help: 'Time to render a vector tile that was not cached, by layer and engine',
    labelNames: ['layer', 'engine'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  return {
    onLookup: (layer: string, result: Lookup) => lookups.inc({ layer, result }),
    onRender: (layer: string, seconds: number) => renders.observe({ layer, engine }, seconds),
    watch(service: TileService, changes: ChangeBus): void {
      new Gauge({
        name: 'lingyan_tile_cache_bytes',
        help: 'Bytes held by the vector tile cache',
        registers: [registry],
        collect() {
          this.set(service.cache.bytes);
        },
      });
      new Gauge({
        name: 'lingyan_changes_listening',
        help: '1 while this process hears every write to the database (LISTEN), so caches may serve; 0 while not',
        registers: [registry],
        collect() {
          this.set(changes.live ? 1 : 0);
        },
      });
    },
  };
}

export interface TileRouteOptions {
  service: TileService;
  auth: AuthOptions;
  logger: Logger;
}

/**
 * Answers a tile request with Node's own response API (the tile path runs
 * before Express); `path` is the part of the path after /tiles, `query` the
 * query string without its `?`, as Express's mount and its simple query
 * parser gave them.
 */
export type TileHandler = (req: http.IncomingMessage, res: http.ServerResponse, path: string, query: string) => Promise<void>;

export function tileHandler(o: TileRouteOptions): TileHandler {
  const { service } = o;
  // Where reading needs a token, no shared proxy may keep a tile for callers without one.
  // Planners' edits must show on the next draw: clients keep tiles but ask again before each use (no-cache),
  // which costs a 304 without the body while the tile is unchanged. A max-age would show a stale status for that long.
  const cacheControl = `${o.auth.publicRead ? 'public' : 'private'}, no-cache`;

  return async (req, res, path, query) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      fail(res, 405, ErrorCode.BAD_USER_INPUT, 'tiles are read with GET');
      return;
    }
    try {
      const principal = await principalOf(req.headers.authorization, o.auth);
      const address = parseTilePath(path, LAYER_NAMES);
      const params = query ? querystring.parse(query) : {};
      const year = parseYear(params.year);
      // ?prefecture= chooses the region (absent: the lowest code); an embed token's counties limit it further.
      const scope = resolveScope(await service.prefectures(), params.prefecture, 'query', principal);
      const tile = await service.tile(address, year, scope);
      res.setHeader('Cache-Control', cacheControl);
      if (!tile.etag) {
        // MapLibre draws a 204 as an empty tile.
        res.statusCode = 204;
        res.end();
        return;
      }
      res.setHeader('ETag', tile.etag);
      if (etagMatches(req.headers['if-none-match'], tile.etag)) {
        res.statusCode = 304;
        res.end();
        return;
      }
      res.statusCode = 200;
      res.setHeader('Content-Type', MVT_TYPE);
      res.setHeader('Content-Length', String(tile.body.length));
      res.end(req.method === 'HEAD' ? undefined : tile.body);
    } catch (error) {
      if (error instanceof TileRequestError) return fail(res, 400, ErrorCode.BAD_USER_INPUT, error.message, error.part);
      if (error instanceof UnknownPrefecture) return fail(res, 400, ErrorCode.BAD_USER_INPUT, error.message, 'prefecture');
      if (error instanceof ApiError) {
        const code = String(error.extensions.code);
        if (code === ErrorCode.UNAUTHENTICATED) res.setHeader('WWW-Authenticate', 'Bearer');
        return fail(res, code === ErrorCode.UNAUTHENTICATED ? 401 : 400, code, error.message);
      }
      const failure = databaseFailure(error);
      if (failure) {
        if (failure.log) o.logger.error('tile: the database pool is exhausted', error);
        res.setHeader('Retry-After', '5');
        return fail(res, 503, failure.code, failure.message);
      }
      o.logger.error('tile: unexpected error', error);
      fail(res, 500, ErrorCode.INTERNAL, 'internal error');
    }
  };
}
