/**
 * GraphQL subscriptions over WebSocket (graphql-ws, protocol
 * `graphql-transport-ws`) at /graphql, on the hub's own HTTP server and port:
 * what carries live updates (`subscription { dataChanged { … } }`) to open
 * maps.
 *
 * Guarded as the HTTP side is:
 * - reading: the token goes in connectionParams `{ authorization: "Bearer …" }`
 *   and is checked as the Authorization header is (PUBLIC_READ respected); a
 *   refused connection is closed with 4403 and a short reason. A token that
 *   expires while the socket is open closes it at the next announcement.
 * - origin: a browser page may connect only from the hub's own origin (the
 *   Host it asked) or one of CORS_ORIGINS; WebSockets are not covered by the
 *   browsers' same-origin rule, so the hub checks. Programs that send no
 *   Origin (no user's page is involved) may connect.
 * - load: at most `perClient` sockets at once from one address (IPv6 by /56,
 *   as the rate limit counts), each upgrade and each subscribe message
 *   counted in the address's GraphQL budget (RATE_LIMIT_PER_MINUTE), at most
 *   MAX_SUBSCRIPTIONS per socket, messages of at most MAX_MESSAGE_BYTES, and
 *   the same parser and validation limits as POST /graphql.
 * - only subscriptions: queries and mutations go by POST /graphql, where the
 *   answer cache, the logs and the metrics see them.
 *
 * Stopping the hub closes every socket with 1001 (going away); clients
 * reconnect to the hub when it is back (or to another replica).
 */
import http from 'node:http';
import type { ApolloServerPlugin } from '@apollo/server';
import type { Duplex } from 'node:stream';
import { ipKeyGenerator } from 'express-rate-limit';
import {
  GraphQLError,
  getOperationAST,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLFormattedError,
  type GraphQLSchema,
  type ValidationRule,
} from 'graphql';
import { CloseCode } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { decodeJwt } from 'jose';
import { Counter, Gauge, type Registry } from 'prom-client';
import { WebSocketServer } from 'ws';
import type { Principal } from '../auth/roles.js';
import { principalOf, type AuthOptions } from '../graphql/auth.js';
import { heldToTrustedDocuments, untrustedDocument, type TrustedDocuments } from '../graphql/trusted-documents.js';
import type { DataChanges } from '../graphql/data-changes.js';
import { ErrorCode } from '../graphql/errors.js';
import { LIMITS } from '../graphql/limits.js';
import type { LiveContext } from '../graphql/resolvers/live.resolver.js';
import type { RequestBudget } from './guards.js';
import { UnknownPrefecture, resolveScope } from '../domain/region/read-scope.js';

export const LIVE_PATH = '/graphql';
/** Subscriptions one socket may hold at once (the atlas needs one). */
export const MAX_SUBSCRIPTIONS = 8;
/** The largest message a client may send: a subscription is a few hundred bytes. */
export const MAX_MESSAGE_BYTES = 16 * 1024;
/** Time a socket that was asked to close may take before it is cut (ms). */
const CLOSE_GRACE_MS = 1000;

export interface LiveSocketOptions {
  schema: GraphQLSchema;
  dataChanges: DataChanges;
  auth: AuthOptions;
  /** Origins besides the hub's own whose pages may connect (CORS_ORIGINS). */
  corsOrigins: readonly string[];
  /** Sockets one client address may hold at once. */
  perClient: number;
  /** The GraphQL request budget per client (null: no limit). */
  budget: RequestBudget | null;
  /** Validation rules besides graphql-js's own (the limits of POST /graphql). */
  validationRules: readonly ValidationRule[];
  /** How errors are shown to clients (POST /graphql's: codes, no internals). */
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
  registry: Registry;
  /** TRUSTED_DOCUMENTS: the shipped operations anonymous and viewer sockets are held to (null: any) */
  trusted?: TrustedDocuments | null;
  /** The prefectures held, lowest first: connection_init's `prefecture` must be one (absent: not checked) */
  prefectures?: () => Promise<string[]>;
}

/** POST /graphql refuses subscriptions with a clear error (Apollo would run one as a query and fail inside it). */
export const subscriptionsOverWebSocket: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async didResolveOperation({ operation }) {
        if (operation?.operation === 'subscription') {
          throw new GraphQLError(`subscriptions are served over WebSocket at ${LIVE_PATH} (graphql-ws protocol), not by POST`, {
            extensions: { code: ErrorCode.BAD_USER_INPUT, http: { status: 400 } },
          });
        }
      },
    };
  },
};

export interface LiveSocket {
  /** Sockets open now. */
  readonly connections: number;
  /** Refuses new sockets, closes the open ones (1001), waits for them to go. */
  close(): Promise<void>;
}

/** What the hub keeps per socket besides graphql-ws's own (the socket and its upgrade request), once connected. */
type Extra = {
  principal: Principal | null;
  /** ms since the epoch when the token stops being valid (null: no token) */
  expiresAt: number | null;
};

/** Answers an upgrade that is refused with a plain HTTP response, and ends the connection. */
function refuse(socket: Duplex, status: number, message: string): void {
  const body = `${message}\n`;
  socket.end(
    `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

/** Whether a browser page of `origin` may open a socket on the hub reached as `host`. */
export function originAllowed(origin: string | undefined, host: string | undefined, corsOrigins: readonly string[]): boolean {
  if (origin === undefined) return true;
  if (corsOrigins.includes(origin)) return true;
  try {
    return host !== undefined && new URL(origin).host === host.toLowerCase();
  } catch {
    return false;
  }
}

/** The authorization a client sent in connectionParams, as an Authorization header would carry it. */
function authorizationOf(params: Readonly<Record<string, unknown>> | undefined): string | undefined {
  const value = params?.authorization ?? params?.Authorization;
  return typeof value === 'string' ? value : undefined;
}

function expiryOf(authorization: string | undefined): number | null {
  const token = authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (!token) return null;
  const exp = decodeJwt(token).exp;
  return typeof exp === 'number' ? exp * 1000 : null;
}

const ignore = () => {};

function badInput(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.BAD_USER_INPUT } });
}

/** Parses and validates a subscribe message's document as POST /graphql would, and allows subscriptions only. */
function checkedDocument(schema: GraphQLSchema, rules: readonly ValidationRule[], query: string, operationName: string | null | undefined): DocumentNode | readonly GraphQLError[] {
  let document: DocumentNode;
  try {
    document = parse(query, { maxTokens: LIMITS.maxTokens });
  } catch (error) {
    if (!(error instanceof GraphQLError)) return [badInput('the operation could not be parsed')];
    // Coded as Apollo codes them, so the shared formatError treats them alike.
    return [new GraphQLError(error.message, { source: error.source, positions: error.positions, extensions: { code: 'GRAPHQL_PARSE_FAILED' } })];
  }
  const errors = validate(schema, document, [...specifiedRules, ...rules]);
  if (errors.length > 0) return errors.map((e) => new GraphQLError(e.message, { nodes: e.nodes, extensions: { ...e.extensions, code: 'GRAPHQL_VALIDATION_FAILED' } }));
  const operation = getOperationAST(document, operationName);
  if (!operation) return [badInput('name the operation to run (operationName): the document has several, or none by that name')];
  if (operation.operation !== 'subscription') {
    return [badInput(`this WebSocket carries subscriptions only; send ${operation.operation === 'query' ? 'queries' : 'mutations'} by POST /graphql`)];
  }
  return document;
}

export function liveSocket(server: http.Server, o: LiveSocketOptions): LiveSocket {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  const perAddress = new Map<string, number>();
  let open = 0;
  let closing = false;

  new Gauge({
    name: 'lingyan_live_connections',
    help: 'WebSocket connections open for live updates (GraphQL subscriptions)',
    registers: [o.registry],
    collect() {
      this.set(open);
    },
  });
  new Gauge({
    name: 'lingyan_live_subscriptions',
    help: 'Subscriptions to live updates (dataChanged) open now',
    registers: [o.registry],
    collect() {
      this.set(o.dataChanges.size);
    },
  });
  const refused = new Counter({
    name: 'lingyan_live_refused_total',
    help: 'WebSocket connections refused before they opened, by reason',
    labelNames: ['reason'],
    registers: [o.registry],
  });

  const onUpgrade = (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    // A client gone before the upgrade is answered must not take the hub down.
    socket.on('error', ignore);
    const path = (req.url ?? '').split('?')[0];
    if (path !== LIVE_PATH) {
      refused.inc({ reason: 'path' });
      return refuse(socket, 404, `no WebSocket here: live updates are served at ${LIVE_PATH}`);
    }
    if (closing) {
      refused.inc({ reason: 'stopping' });
      return refuse(socket, 503, 'the hub is stopping; connect again in a moment');
    }
    if (!originAllowed(req.headers.origin, req.headers.host, o.corsOrigins)) {
      refused.inc({ reason: 'origin' });
      return refuse(socket, 403, 'pages of this origin may not connect (CORS_ORIGINS lists the origins that may)');
    }
    // The client as the rate limit names it (with TRUST_PROXY, the address the proxy forwarded).
    const address = o.budget?.addressKey(req) ?? ipKeyGenerator(req.socket.remoteAddress ?? '');
    const held = perAddress.get(address) ?? 0;
    if (held >= o.perClient) {
      refused.inc({ reason: 'connections' });
      return refuse(socket, 429, `too many live connections: at most ${o.perClient} at once from one client`);
    }
    // Held from here, so connections racing through the budget's check are counted.
    perAddress.set(address, held + 1);
    const release = () => {
      const left = (perAddress.get(address) ?? 1) - 1;
      if (left > 0) perAddress.set(address, left);
      else perAddress.delete(address);
    };
    void (async () => {
      const admitted = o.budget ? await o.budget.take(req) : true;
      if (!admitted || closing || socket.destroyed) {
        release();
        if (!admitted) {
          refused.inc({ reason: 'rate' });
          refuse(socket, 429, `too many requests: at most ${o.budget!.perMinute} a minute from one client`);
        } else socket.destroy();
        return;
      }
      socket.off('error', ignore);
      wss.handleUpgrade(req, socket, head, (ws) => {
        open++;
        ws.once('close', () => {
          open--;
          release();
        });
        wss.emit('connection', ws, req);
      });
    })().catch(() => {
      release();
      socket.destroy();
    });
  };
  server.on('upgrade', onUpgrade);

  useServer<Record<string, unknown>, Extra>(
    {
      schema: o.schema,
      // Reasons of internal errors stay in the hub.
      isProd: true,
      onConnect: async (ctx) => {
        const authorization = authorizationOf(ctx.connectionParams);
        try {
          ctx.extra.principal = await principalOf(authorization, o.auth);
        } catch (error) {
          ctx.extra.socket.close(CloseCode.Forbidden, `Forbidden: ${error instanceof GraphQLError ? 'reading needs a valid token in connectionParams.authorization' : 'cannot check the token'}`);
          return false;
        }
        ctx.extra.expiresAt = expiryOf(authorization);
        // The prefecture the socket's page reads (connection_init payload `prefecture`); an unknown code closes it with 4400.
        const named = ctx.connectionParams?.prefecture;
        if (o.prefectures && named !== undefined && named !== null && named !== '') {
          try {
            resolveScope(await o.prefectures(), named, 'socket', ctx.extra.principal ?? null);
          } catch (error) {
            if (!(error instanceof UnknownPrefecture)) throw error;
            const code = error.code.slice(0, 20);
            ctx.extra.socket.close(CloseCode.BadRequest, `BAD_USER_INPUT: 盟市代码 ${code} 不存在 / unknown prefecture ${code}`);
            return false;
          }
        }
        return true;
      },
      onSubscribe: async (ctx, _id, payload) => {
        if (Object.keys(ctx.subscriptions).length > MAX_SUBSCRIPTIONS) {
          return [new GraphQLError(`at most ${MAX_SUBSCRIPTIONS} subscriptions on one connection`, { extensions: { code: ErrorCode.LIMIT_EXCEEDED } })];
        }
        if (o.budget && !(await o.budget.take(ctx.extra.request))) {
          return [new GraphQLError(`too many requests: at most ${o.budget.perMinute} a minute from one client`, { extensions: { code: ErrorCode.LIMIT_EXCEEDED } })];
        }
        const document = checkedDocument(o.schema, o.validationRules, payload.query, payload.operationName);
        if (!('kind' in document)) return [...document];
        if (o.trusted && heldToTrustedDocuments(ctx.extra.principal ?? null) && !o.trusted.trusts(document)) return [untrustedDocument()];
        const contextValue: LiveContext & { principal: Principal | null } = { dataChanges: o.dataChanges, principal: ctx.extra.principal ?? null };
        return { schema: o.schema, document, operationName: payload.operationName ?? null, variableValues: payload.variables ?? null, contextValue };
      },
      onNext: async (ctx, _id, _payload, _args, result) => {
        // Reading stops when the token does, as it would for a request.
        const expiresAt = ctx.extra.expiresAt;
        if (expiresAt != null && Date.now() >= expiresAt) ctx.extra.socket.close(CloseCode.Forbidden, 'Forbidden: the token has expired');
        // A revocation writes its table, so every socket hears an announcement right after one and checks its token here.
        const tokenId = ctx.extra.principal?.tokenId;
        if (tokenId !== undefined && (await o.auth.revocations?.isRevoked(tokenId).catch(() => false))) ctx.extra.socket.close(CloseCode.Forbidden, 'Forbidden: the token has been revoked');
        if (result.errors?.length) return { ...result, errors: result.errors.map((e) => o.formatError(e.toJSON(), e)) };
      },
      onError: (_ctx, _id, _payload, errors) => errors.map((e) => o.formatError(e.toJSON(), e)),
    },
    wss,
  );

  return {
    get connections() {
      return open;
    },
    async close() {
      closing = true;
      server.off('upgrade', onUpgrade);
      const sockets = [...wss.clients];
      const gone = sockets.map((ws) => new Promise<void>((resolve) => (ws.readyState === ws.CLOSED ? resolve() : ws.once('close', () => resolve()))));
      for (const ws of sockets) ws.close(1001, 'the hub is stopping');
      // A client that does not answer the close is cut.
      const cut = setTimeout(() => sockets.forEach((ws) => ws.terminate()), CLOSE_GRACE_MS);
      await Promise.all(gone);
      clearTimeout(cut);
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
