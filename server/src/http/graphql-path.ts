/**
 * POST /graphql, served before Express. Express's router, its request and
 * response decorations, and its `res.send` cost about a fifth of the CPU of
 * an uncached GraphQL answer, for steps that need none of them. The GraphQL
 * path runs the same steps, from the same modules, in the order the Express
 * chain ran them: observability (request id, log line, metrics, the report
 * GraphQL fills in), the security headers, CORS where configured, the
 * request budget (which leaves the request's bucket and principal for the
 * context), the JSON body (body-parser's reader, with its limit and the
 * error answers of `bodyError`), then Apollo Server's public
 * `executeHTTPGraphQLRequest`, whose status, headers and body are written
 * through.
 *
 * Only POSTs to the endpoint itself (`/graphql`, `/graphql/`, any case,
 * with or without a query string) take this path. Everything else at
 * /graphql stays with Express, which answers it as before: queries sent as
 * GET (their ETag and 304), CORS preflights, other methods, and the odd
 * forms Express's mount also accepts (`/graphql//`, `/graphql/x`).
 *
 * Seam on a library's internals (docs/architecture.md#seams-on-libraries-internals):
 * - buys: uncached GraphQL answers without Express's per-request work;
 *   figure in docs/performance.md#what-the-workarounds-buy.
 * - leans on: what Express and its middleware did to a GraphQL POST, redone
 *   here: Express's mount matching (parseurl, any case, the trailing slash),
 *   body-parser's JSON reader run outside Express (it reads only the Node
 *   request), `res.send` of Apollo's string answer (its Content-Length, no
 *   ETag on POSTs as post-answers.ts had it; the Content-Type written as
 *   Apollo sets it, which already names charset=utf-8, as `res.send` would
 *   make it), Express's JSON error answers (json-response.ts), and the
 *   request budget driven outside Express (guards.ts). A fault of the path
 *   itself is answered as a JSON 500, where Express's final handler sent an
 *   HTML page.
 * - guarded by: tests/api/graphql-path.test.ts (every status carries the
 *   Express chain's recorded headers and body) and
 *   tests/unit/http/graphql-path.test.ts.
 */
import type http from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext, type HTTPGraphQLResponse } from '@apollo/server';
import parseurl from 'parseurl';
import { ErrorCode } from '../graphql/errors.js';
import { bodyError, passes, type BudgetLocals, type Guard, type RequestBudget } from './guards.js';
import { sendJson } from './json-response.js';
import type { GraphQLReport, Observability } from './observability.js';
import { setSecurityHeaders } from './security-headers.js';

/**
 * What the steps before GraphQL leave for its context: the report GraphQL
 * fills in for the log line and metrics (`graphql`), and the budget's bucket
 * and principal. Express's chain keeps them in `res.locals`; the GraphQL path
 * in a record of its own.
 */
export interface GraphQLLocals extends BudgetLocals {
  graphql: GraphQLReport;
}

export interface GraphQLPathOptions<TContext extends BaseContext> {
  observability: Observability;
  cors: Guard | null;
  budget: RequestBudget | null;
  /** The JSON body reader, the one Express's chain mounts (`express.json` with its limit). */
  body: Guard;
  apollo: ApolloServer<TContext>;
  /** The operation's context, built from the request and what the steps before left. */
  context: (req: http.IncomingMessage, locals: GraphQLLocals) => Promise<TContext>;
}

/** The endpoint itself, as Express's mount and the POST route under it matched it: any case, one optional trailing slash. */
const ENDPOINT = /^\/graphql\/?$/i;

export interface GraphQLTarget {
  /** the request's path, as Express's req.path gives it before any mount */
  pathname: string;
  /** the query string with its `?`, or '' (what Apollo's Express integration passed on) */
  search: string;
}

/** Where a POST goes, read as Express reads it (with its parseurl); null when it is not for the endpoint itself. */
export function graphqlTarget(url: string): GraphQLTarget | null {
  const parsed = parseurl({ url } as http.IncomingMessage);
  const pathname = parsed?.pathname ?? '';
  if (!ENDPOINT.test(pathname)) return null;
  return { pathname, search: typeof parsed?.search === 'string' ? parsed.search : '' };
}

/** Runs a connect-style step; resolves with the error it passed on, or undefined. */
function run(step: Guard, req: http.IncomingMessage, res: http.ServerResponse): Promise<unknown> {
  return new Promise((resolve) => step(req, res, resolve));
}

/** The request's headers as Apollo reads them (repeated headers joined, as Apollo's Express integration did). */
function headerMap(req: http.IncomingMessage): HeaderMap {
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  return headers;
}

async function write(res: http.ServerResponse, answer: HTTPGraphQLResponse): Promise<void> {
  for (const [key, value] of answer.headers) res.setHeader(key, value);
  res.statusCode = answer.status || 200;
  if (answer.body.kind === 'complete') {
    res.setHeader('Content-Length', String(Buffer.byteLength(answer.body.string)));
    res.end(answer.body.string);
    return;
  }
  // Incremental delivery: each part as it comes.
  for await (const chunk of answer.body.asyncIterator) res.write(chunk);
  res.end();
}

/** A request handler for the HTTP server that answers GraphQL POSTs and returns true, or returns false for Express to answer. */
export function graphqlPath<TContext extends BaseContext>(o: GraphQLPathOptions<TContext>): (req: http.IncomingMessage, res: http.ServerResponse) => boolean {
  const serve = async (req: http.IncomingMessage, res: http.ServerResponse, target: GraphQLTarget): Promise<void> => {
    const locals: GraphQLLocals = { graphql: {} };
    o.observability.track(req, res, target.pathname, locals.graphql);
    try {
      setSecurityHeaders(res);
      if (o.cors && !(await passes(o.cors, req, res))) return;
      if (o.budget && !(await o.budget.enter(req, res, locals))) return;
      const failure = await run(o.body, req, res);
      if (failure) {
        const answer = bodyError(failure as Parameters<typeof bodyError>[0]);
        if (!answer) throw failure;
        sendJson(res, answer.status, answer.body);
        return;
      }
      const answer = await o.apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: 'POST', headers: headerMap(req), search: target.search, body: (req as { body?: unknown }).body },
        context: () => o.context(req, locals),
      });
      await write(res, answer);
    } catch (error) {
      // Apollo answers the operation's own errors; this is a fault of the path itself.
      o.observability.logger.error('graphql path: unexpected error', error);
      if (!res.headersSent) sendJson(res, 500, { errors: [{ message: 'internal error', extensions: { code: ErrorCode.INTERNAL } }] });
      else res.destroy();
    }
  };
  return (req, res) => {
    if (req.method !== 'POST') return false;
    const target = graphqlTarget(req.url ?? '');
    if (!target) return false;
    void serve(req, res, target);
    return true;
  };
}
