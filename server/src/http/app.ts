/**
 * bootstrap(): the whole hub as a value, so main.ts and the tests start the
 * same thing. Opens the database (migrating, and loading the demo region into
 * an empty one), builds the GraphQL schema and serves HTTP.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { readDemoRegion } from '@lingyan/data';
import express from 'express';
import expressStaticGzip from 'express-static-gzip';
import { ConfigError, describeMode, type Config } from '../config/config.js';
import { openDatabase, type Database } from '../db/database.js';
import { isEmpty, loadDataset } from '../importer/load-dataset.js';
import { createContext, prefecturesHeld, scopedContext, type Context } from '../graphql/context.js';
import { PREFECTURE_HEADER } from '../domain/region/read-scope.js';
import { DataChanges } from '../graphql/data-changes.js';
import { documentStore } from '../graphql/document-store.js';
import { KeyRing } from '../auth/keys.js';
import { REVOKED_TABLE, Revocations } from '../auth/revocations.js';
import { loadSecret } from '../auth/secret.js';
import { mintToken } from '../auth/tokens.js';
import { principalOf } from '../graphql/auth.js';
import { formatError, requestStatusPlugin } from '../graphql/errors.js';
import { outageStatusPlugin } from '../graphql/outage-status.js';
import { introspectionPlugin } from '../graphql/introspection.js';
import { jitGateway } from '../graphql/jit-executor.js';
import { LIMITS, armor, costPlugin } from '../graphql/limits.js';
import { regionFigures } from '../graphql/cost.js';
import { deadlineStatusPlugin, gatewayWithDeadline, type BeforeExecute } from '../graphql/deadline.js';
import { responseCache } from '../graphql/response-cache.js';
import { createSchema } from '../graphql/schema.js';
import { trustedDocuments, trustedDocumentsPlugin } from '../graphql/trusted-documents.js';
import { sharedReads } from '../graphql/shared-reads.js';
import { nulFreeLiterals, nulFreeVariables } from '../graphql/text-input.js';
import { warmUp, warmUpPrincipal } from '../graphql/warm-up.js';
import { bodyErrors, corsFor, expressAddress, requestBudget } from './guards.js';
import { embedCheckRoute } from './embed-check.js';
import { importRoutes } from './import-route.js';
import { serveScreen, type ScreenDefaults } from './screen.js';
import { healthRoutes } from './health.js';
import { allowFramingBy, securityHeaders } from './security-headers.js';
import { Observability, jsonLogger, reportPlugin, type Logger } from './observability.js';
import { poolGauges } from './pool-gauges.js';
import { postsWithoutEtags } from './post-answers.js';
import { createTiles } from './tiles.js';
import { tilePath } from './tile-path.js';
import { graphqlPath, type GraphQLLocals } from './graphql-path.js';
import { liveSocket, subscriptionsOverWebSocket, type LiveSocket } from './live-socket.js';
import { PROCESS_HEADER, processHeader } from '../cluster/hub-processes.js';

export type { Logger, RequestEntry } from './observability.js';

export interface App {
  url: string;
  port: number;
  db: Database;
  /** The warm-up done: the opening questions answered (graphql/warm-up.ts) and the opening tiles rendered; resolved at once when WARM_UP is off. */
  warmedUp: Promise<void>;
  /** Stops accepting requests, drains the ones in flight, closes the database. */
  close(): Promise<void>;
}

function listen(server: http.Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      if (error.code === 'EADDRINUSE') reject(new ConfigError(`port ${port} on ${host} is already in use; stop the other server or set PORT to a free port`));
      else if (error.code === 'EACCES') reject(new ConfigError(`not allowed to listen on port ${port}; use a port above 1024 (PORT)`));
      else reject(error);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

/**
 * The embedded map's page, with the origins that may frame it (and so may
 * talk to it by postMessage) written into a meta tag for its script: the
 * page has no inline script to carry them (CSP).
 */
function serveEmbed(app: express.Express, dist: string, embedOrigins: readonly string[]): void {
  const page = path.join(dist, 'embed.html');
  const meta = `<meta name="lingyan-embed-origins" content="${embedOrigins.join(' ')}" />`;
  app.get(['/embed', '/embed/'], (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    if (!fs.existsSync(page)) {
      res.status(503).type('text/plain; charset=utf-8').send('The embedded map is not built: run "pnpm build".\n');
      return;
    }
    allowFramingBy(res, embedOrigins);
    res.type('html').send(fs.readFileSync(page, 'utf8').replace('</head>', `  ${meta}\n  </head>`));
  });
}

function serveClient(app: express.Express, dist: string, embedOrigins: readonly string[], screen: ScreenDefaults): void {
  const index = path.join(dist, 'index.html');
  if (!fs.existsSync(index)) {
    app.get('/', (_req, res) => {
      res.status(503).type('text/plain; charset=utf-8').send('The map client is not built: run "pnpm build" (pnpm start does it for you).\n');
    });
    return;
  }
  serveEmbed(app, dist, embedOrigins);
  serveScreen(app, dist, screen);
  // The build keeps a Brotli and a gzip copy of each text asset (client/precompress.mjs): sent to browsers that accept them.
  app.use(
    expressStaticGzip(dist, {
      enableBrotli: true,
      orderPreference: ['br', 'gzip'],
      serveStatic: {
        index: 'index.html',
        maxAge: '1h',
        setHeaders: (res, file) => {
          // Vite names assets by content hash; the pages and the embed script (a fixed name analysts link to) must always be fresh.
          if (/((index|explorer|embed|screen)\.html|embed\.js)(\.br|\.gz)?$/.test(file)) res.setHeader('Cache-Control', 'no-cache');
        },
      },
    }),
  );
  // The GraphQL IDE is its own page of the client build (GraphiQL, bundled: no CDN).
  const explorer = path.join(dist, 'explorer.html');
  app.get(['/explorer', '/explorer/'], (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    if (fs.existsSync(explorer)) res.sendFile(explorer);
    else res.status(503).type('text/plain; charset=utf-8').send('The explorer is not built: run "pnpm build".\n');
  });
  app.get(/^\/(?!graphql|healthz|readyz|metrics|tiles|explorer|embed)(.*)$/, (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}

/** /tiles may take this many times RATE_LIMIT_PER_MINUTE from one client. */
export const TILE_RATE_FACTOR = 10;

export interface Hooks {
  /** Called with every SQL statement the ORM sends. */
  onQuery?: (sql: string) => void;
  /** Awaited before each GraphQL operation runs, inside its deadline (tests: an artificially slow path). */
  beforeExecute?: BeforeExecute;
}

export async function bootstrap(config: Config, logger: Logger = jsonLogger(), hooks: Hooks = {}): Promise<App> {
  // The demo region is start-up work: loaded before the limits meant for requests apply (db/database.ts).
  const db = await openDatabase(config, hooks.onQuery, (message) => logger.info(message), async (em) => {
    if (config.seedDemo && (await isEmpty(em))) {
      const started = Date.now();
      await loadDataset(em, readDemoRegion());
      logger.info(`loaded the demo region in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
  });
  try {
    const schema = await createSchema();
    const app = express();
    app.disable('x-powered-by');
    // TRUST_PROXY: whose X-Forwarded-For names the client (req.ip, and the rate limit's buckets on every path).
    app.set('trust proxy', config.trustProxy);
    const clientAddress = config.trustProxy === false ? undefined : expressAddress(app);
    const observability = new Observability(logger, () => poolGauges(db));
    app.use(observability.middleware());
    app.get('/metrics', observability.route(config.metricsToken));
    app.use(securityHeaders());
    // GraphQL POSTs and /tiles are answered before Express, by their own paths (set below, before the server listens); everything else by Express.
    let graphqlPosts: ((req: http.IncomingMessage, res: http.ServerResponse) => boolean) | null = null;
    let tiles: ((req: http.IncomingMessage, res: http.ServerResponse) => boolean) | null = null;
    const httpServer = http.createServer((req, res) => {
      if (processHeader) res.setHeader(PROCESS_HEADER, processHeader);
      if (!graphqlPosts?.(req, res) && !tiles?.(req, res)) app(req, res);
    });
    const limits = armor();
    const cacheMetrics = observability.responseCacheMetrics();
    const responses = responseCache(db.changes, config.responseCacheMb * 2 ** 20, { maxResponseBytes: config.responseMaxBytes, onLookup: cacheMetrics.onLookup });
    cacheMetrics.watch(responses);
    const shared = sharedReads(db.changes);
    // The region's counts and boundary sizes, for the cost estimate; measured before the hub listens.
    const region = regionFigures((sql) => db.orm.em.getConnection().execute(sql), db.changes);
    await region.measured;
    const formatErrors = formatError((e) => logger.error('unexpected error in a resolver', e));
    // Announces a change a moment after hearing it: every cache has dropped what it made stale by then (they do as they hear it).
    const dataChanges = new DataChanges(db.changes);
    // Read at start: a shipped operation file that does not parse stops the hub here, not at the first request.
    const trusted = config.trustedDocuments ? trustedDocuments() : null;
    const apollo = new ApolloServer<Context>({
      gateway: gatewayWithDeadline(jitGateway(schema), config.requestDeadlineMs, hooks.beforeExecute),
      // Refused per caller by introspectionPlugin when INTROSPECTION is off: the explorer keeps the schema for analysts and up.
      introspection: true,
      // The hub owns its signals (main.ts): app.close() stops Apollo with the rest; Apollo's own handlers
      // (added outside NODE_ENV=test) would stop Apollo alone and raise the signal again, ending the process
      // before its database is closed.
      stopOnTerminationSignals: false,
      // "Did you mean ...?" names fields and types a caller did not know of: off where introspection is off by default.
      hideSchemaDetailsFromClientErrors: !config.suggestions,
      csrfPrevention: true,
      allowBatchedHttpRequests: false,
      includeStacktraceInErrorResponses: false,
      validationRules: [...limits.validationRules, nulFreeLiterals],
      // Automatic persisted queries are not used by our clients; off, a wrong hash cannot reach the pipeline.
      persistedQueries: false,
      parseOptions: { maxTokens: LIMITS.maxTokens },
      // Parsed operations, counted by what they hold (Apollo's default counts about a quarter of it).
      documentStore: documentStore(),
      // Apollo pretty-prints answers by default: indentation costs CPU and bytes on every response, and nobody reads the wire.
      stringifyResult: responses.stringify,
      // Apollo's default landing page loads from a CDN; the explorer is ours (offline).
      plugins: [...(trusted ? [trustedDocumentsPlugin(trusted)] : []), responses.plugin, ...limits.plugins, costPlugin({ schema, region: region.current, budget: () => graphqlBudget }), deadlineStatusPlugin(), nulFreeVariables(), subscriptionsOverWebSocket, requestStatusPlugin(), outageStatusPlugin(), introspectionPlugin(config.introspection), reportPlugin((c) => (c as Context).report), ApolloServerPluginLandingPageDisabled(),
        // We send no cache hints; Apollo's cache-control plugin would otherwise wrap every field resolver to collect them.
        ApolloServerPluginCacheControlDisabled(),
        ApolloServerPluginDrainHttpServer({ httpServer })],
      formatError: formatErrors,
    });
    await apollo.start();

    const readyBudget = requestBudget(config.rateLimitPerMinute, { address: clientAddress });
    healthRoutes(app, db, readyBudget, observability.registry);
    embedCheckRoute(app, config.embedOrigins);
    const keys = new KeyRing(loadSecret(config.authSecret, config.dataDir), config.authKeysFile);
    const revocations = new Revocations(
      async () => ((await db.orm.em.getConnection().execute(`select token_id from ${REVOKED_TABLE} where expires_at is null or expires_at > now()`)) as Array<{ token_id: string }>).map((r) => r.token_id),
      db.changes,
    );
    const auth = { keys, publicRead: config.publicRead, revocations };
    const graphqlBudget = requestBudget(config.rateLimitPerMinute, { address: clientAddress, principal: (req) => principalOf(req.headers.authorization, auth) });
    const guards = [corsFor(config.corsOrigins), graphqlBudget?.middleware() ?? null].filter((g): g is express.RequestHandler => g !== null);
    await db.changes.start();
    // A map view loads tens of tiles per layer at once: tiles count on their own, with ten times the budget.
    const tileBudget = requestBudget(config.rateLimitPerMinute * TILE_RATE_FACTOR, { address: clientAddress, principal: (req) => principalOf(req.headers.authorization, auth) });
    const tileParts = await createTiles(db, config, auth, observability, shared);
    tiles = tilePath({ observability, cors: corsFor(config.corsOrigins), budget: tileBudget, handler: tileParts.handler });
    // An operation's context, from the request and what the steps before it left (res.locals on Express's chain).
    const contextOf = async (req: http.IncomingMessage, locals: GraphQLLocals): Promise<Context> => {
      const context = await scopedContext(db.orm.em, 'principal' in locals ? (locals.principal ?? null) : await principalOf(req.headers.authorization, auth), (o) => mintToken(keys, o), shared, req.headers[PREFECTURE_HEADER]);
      // Apollo copies the context per operation; the report object travels by reference.
      // rateKey: the rate-limit bucket the request was counted in, for the cost charge (limits.ts).
      const scope = { ...context, report: locals.graphql, rateKey: locals.rateKey };
      return scope;
    };
    const json = express.json({ limit: '1mb' });
    // POSTs to the endpoint itself (graphql-path.ts); Express keeps GET, preflights and the rest.
    graphqlPosts = graphqlPath({ observability, cors: corsFor(config.corsOrigins), budget: graphqlBudget, body: json, apollo, context: contextOf });
    app.use(
      '/graphql',
      ...guards,
      json,
      ...postsWithoutEtags(expressMiddleware(apollo, { context: ({ req, res }) => contextOf(req, res.locals as GraphQLLocals) })),
    );
    app.use('/graphql', bodyErrors);
    importRoutes(app, { db, auth, guards, clientDist: config.clientDist, onError: (e) => logger.error('an import through the browser failed', e) });
    const live: LiveSocket | null =
      config.liveConnectionsPerClient > 0
        ? liveSocket(httpServer, {
            schema,
            dataChanges,
            auth,
            corsOrigins: config.corsOrigins,
            perClient: config.liveConnectionsPerClient,
            budget: graphqlBudget,
            validationRules: [...limits.validationRules, nulFreeLiterals],
            formatError: formatErrors,
            registry: observability.registry,
            trusted,
            prefectures: () => prefecturesHeld(db.orm.em, shared),
          })
        : null;
    serveClient(app, config.clientDist, config.embedOrigins, { views: config.screenViews, intervalSeconds: config.screenIntervalSeconds });

    const port = await listen(httpServer, config.port, config.host);
    logger.info(describeMode(config));
    const warmedUp = config.warmUp
      ? Promise.all([
          warmUp(apollo, () => createContext(db.orm.em, warmUpPrincipal(config.publicRead), undefined, shared), logger),
          tileParts.warmUp().catch((error: unknown) => logger.error('warm-up of the opening tiles failed', error)),
        ]).then(() => undefined)
      : Promise.resolve();
    const shownHost = config.host === '0.0.0.0' ? '127.0.0.1' : config.host;
    let closing: Promise<void> | null = null;
    return {
      url: `http://${shownHost}:${port}`,
      port,
      db,
      warmedUp,
      close() {
        closing ??= (async () => {
          // Its questions hold database connections: let them finish before the pool closes.
          await warmedUp;
          // Open sockets would hold the HTTP server's drain until its grace period ends. Sockets first: ending the
          // announcements first would tell clients their subscription is complete, and they would not resubscribe.
          await live?.close();
          dataChanges.close();
          await apollo.stop();
          graphqlBudget?.close();
          tileBudget?.close();
          readyBudget?.close();
          region.close();
          responses.close();
          shared.close();
          revocations.close();
          await db.close();
        })();
        return closing;
      },
    };
  } catch (error) {
    await db.close().catch(() => {});
    throw error;
  }
}
