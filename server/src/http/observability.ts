/**
 * What operators see: one JSON log line per request (pino) and Prometheus
 * metrics at /metrics (prom-client; on this machine only, or with
 * METRICS_TOKEN, see metricsAccess). A request carries an id (the caller's
 * X-Request-Id when it is sane, else a new one) that is echoed back and
 * logged, so a planner's "it failed at 10:02" can be found. Logs never hold
 * headers, tokens, variables or query text: only what identifies the work
 * (method, path, GraphQL operation name) and how it went.
 */
import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import type http from 'node:http';
import type { Writable } from 'node:stream';
import type express from 'express';
import type { ApolloServerPlugin } from '@apollo/server';
import pino from 'pino';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { ResponseCacheStats } from '../graphql/response-cache.js';

/** One finished HTTP request, as logged. */
export interface RequestEntry {
  reqId: string;
  method: string;
  path: string;
  status: number;
  durationMs: number;
  /** GraphQL operation name, when the request was one */
  operation?: string;
  /** error codes of a GraphQL answer, when it had errors */
  errorCodes?: string[];
}

export interface Logger {
  info(message: string): void;
  error(message: string, error?: unknown): void;
  request(entry: RequestEntry): void;
}

/** The hub's logger: JSON lines on stdout (or `destination`), as log shippers expect. */
export function jsonLogger(destination?: Writable): Logger {
  const log = pino({ base: { service: 'lingyan' }, timestamp: pino.stdTimeFunctions.isoTime }, destination ?? pino.destination(1));
  return {
    info: (message) => log.info(message),
    error: (message, error) => log.error({ err: error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : error }, message),
    request: (entry) => log.info(entry, 'request'),
  };
}

/** What a GraphQL request reports back to the HTTP layer for its log line and metrics. */
export interface GraphQLReport {
  operation?: string;
  errorCodes?: string[];
}

const REQUEST_ID = /^[\w.-]{1,64}$/;
const OPERATION = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
/** Operation names are chosen by clients: cap the label values so metrics stay bounded. */
const MAX_OPERATION_LABELS = 200;

export interface PoolStats {
  used: number;
  free: number;
  pending: number;
}

export class Observability {
  readonly registry = new Registry();
  private readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
  private readonly operationDuration: Histogram<'operation' | 'outcome'>;
  private readonly errors: Counter<'code'>;
  private readonly operations = new Set<string>();

  constructor(
    readonly logger: Logger,
    poolStats: () => PoolStats | null,
  ) {
    collectDefaultMetrics({ register: this.registry, prefix: 'lingyan_' });
    this.httpDuration = new Histogram({
      name: 'lingyan_http_request_duration_seconds',
      help: 'HTTP requests by route, method and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [this.registry],
    });
    this.operationDuration = new Histogram({
      name: 'lingyan_graphql_operation_duration_seconds',
      help: 'GraphQL operations by name and outcome (ok or error)',
      labelNames: ['operation', 'outcome'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [this.registry],
    });
    this.errors = new Counter({ name: 'lingyan_graphql_errors_total', help: 'GraphQL errors by code', labelNames: ['code'], registers: [this.registry] });
    new Gauge({
      name: 'lingyan_db_pool_connections',
      help: 'Database pool connections: used, free, and requests waiting for one (pending)',
      labelNames: ['state'],
      registers: [this.registry],
      collect() {
        const s = poolStats();
        if (!s) return;
        this.set({ state: 'used' }, s.used);
        this.set({ state: 'free' }, s.free);
        this.set({ state: 'pending' }, s.pending);
      },
    });
  }

  /** GraphQL answer cache figures: lookups as they happen (`onLookup`), memory when /metrics is scraped (`watch`). */
  responseCacheMetrics() {
    const registry = this.registry;
    const lookups = new Counter({
      name: 'lingyan_graphql_cache_lookups_total',
      help: 'Lookups in the GraphQL answer cache by result (hit, miss); read operations while the change bus is live',
      labelNames: ['result'],
      registers: [registry],
    });
    return {
      onLookup: (hit: boolean) => lookups.inc({ result: hit ? 'hit' : 'miss' }),
      watch(cache: { stats(): ResponseCacheStats }): void {
        new Gauge({
          name: 'lingyan_graphql_cache_bytes',
          help: 'Approximate memory held by cached GraphQL answers',
          registers: [registry],
          collect() {
            this.set(cache.stats().bytes);
          },
        });
      },
    };
  }

  private operationLabel(name: string | undefined): string {
    if (!name || !OPERATION.test(name)) return 'anonymous';
    if (this.operations.has(name)) return name;
    if (this.operations.size >= MAX_OPERATION_LABELS) return 'other';
    this.operations.add(name);
    return name;
  }

  /**
   * Request id, timing, one log line and the HTTP metrics of one request, at
   * its start: the Express middleware below and the GraphQL POSTs' and the
   * tiles' own paths (which run before Express) call it. `path` is the request's path as
   * Express reads it (before any mount rewrites it); `report` is filled by
   * GraphQL.
   */
  track(req: http.IncomingMessage, res: http.ServerResponse, path: string, report?: GraphQLReport): void {
    const header = req.headers['x-request-id'];
    const reqId = typeof header === 'string' && REQUEST_ID.test(header) ? header : randomUUID();
    res.setHeader('X-Request-Id', reqId);
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = path.startsWith('/graphql') ? '/graphql' : path.startsWith('/assets/') ? '/assets' : path.startsWith('/tiles/') ? '/tiles' : ['/healthz', '/readyz', '/metrics', '/explorer'].includes(path) ? path : 'other';
      this.httpDuration.observe({ method: req.method ?? '', route, status: String(res.statusCode) }, seconds);
      if (report && (report.operation !== undefined || route === '/graphql')) {
        this.operationDuration.observe({ operation: this.operationLabel(report.operation), outcome: report.errorCodes?.length ? 'error' : 'ok' }, seconds);
      }
      for (const code of report?.errorCodes ?? []) this.errors.inc({ code });
      this.logger.request({
        reqId,
        method: req.method ?? '',
        path,
        status: res.statusCode,
        durationMs: Math.round(seconds * 1e4) / 10,
        ...(report?.operation ? { operation: report.operation } : {}),
        ...(report?.errorCodes?.length ? { errorCodes: report.errorCodes } : {}),
      });
    });
  }

  /** Express middleware: `track` for every request Express serves, with a report GraphQL fills in. */
  middleware(): express.RequestHandler {
    return (req, res, next) => {
      const report: GraphQLReport = {};
      res.locals.graphql = report;
      // Read now: mounted routers rewrite req.url while they run.
      this.track(req, res, req.path, report);
      next();
    };
  }

  /** GET /metrics in Prometheus' text format, to those `metricsAccess` lets in. */
  route(metricsToken: string | null): express.RequestHandler {
    return async (req, res) => {
      res.setHeader('Cache-Control', 'no-store');
      const refusal = metricsAccess(req, metricsToken);
      if (refusal) {
        if (refusal.status === 401) res.setHeader('WWW-Authenticate', 'Bearer realm="lingyan-metrics"');
        res.status(refusal.status).type('text/plain; charset=utf-8').send(`${refusal.message}\n`);
        return;
      }
      res.setHeader('Content-Type', this.registry.contentType);
      res.send(await this.registry.metrics());
    };
  }
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;
/** Headers a reverse proxy adds: a request carrying one came from elsewhere, whatever address it arrived from. */
const FORWARDED = ['forwarded', 'x-forwarded-for', 'x-real-ip'];

/**
 * Who may read /metrics (it tells request rates, error codes, operation
 * names and pool use). With METRICS_TOKEN set: whoever sends it as a bearer
 * token (Prometheus: `authorization: { credentials_file: ... }`), from
 * anywhere. Without: a direct connection from this machine only, so a scraper
 * beside the hub works with no setup, and HOST=0.0.0.0 or a reverse proxy
 * does not publish it. Null lets the request in; otherwise why not.
 */
export function metricsAccess(
  req: { headers: http.IncomingHttpHeaders; socket: { remoteAddress?: string | undefined } },
  metricsToken: string | null,
): { status: 401 | 403; message: string } | null {
  if (metricsToken !== null) {
    const [scheme, given] = (req.headers.authorization ?? '').split(' ');
    const sent = scheme?.toLowerCase() === 'bearer' && given ? given : '';
    // Compared as digests: equal lengths for timingSafeEqual, and no early exit on the first different character.
    const match = timingSafeEqual(createHash('sha256').update(sent).digest(), createHash('sha256').update(metricsToken).digest());
    return match ? null : { status: 401, message: '/metrics needs the METRICS_TOKEN as a bearer token (Authorization: Bearer <token>)' };
  }
  const local = LOOPBACK.test(req.socket.remoteAddress ?? '') && !FORWARDED.some((h) => req.headers[h] !== undefined);
  return local ? null : { status: 403, message: '/metrics answers only on this machine; set METRICS_TOKEN to let a scraper elsewhere read it with that token' };
}

/** Apollo plugin: tells the HTTP layer the operation's name and its errors' codes. */
export function reportPlugin(reportOf: (context: unknown) => GraphQLReport | undefined): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse(rc) {
          const report = reportOf(rc.contextValue);
          if (!report) return;
          if (rc.operationName) report.operation = rc.operationName;
          const body = rc.response.body;
          const errors = body.kind === 'single' ? body.singleResult.errors : body.initialResult.errors;
          if (errors?.length) report.errorCodes = errors.map((e) => String(e.extensions?.code ?? 'INTERNAL'));
        },
      };
    },
  };
}
