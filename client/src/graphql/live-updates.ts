/**
 * Live updates (数据更新): the page keeps one WebSocket to its own hub
 * (graphql-ws at /graphql on the page's origin; nothing else is reached),
 * subscribed to `dataChanged`. On each announcement it
 * - refetches the queries on screen (one round at a time: announcements
 *   that come during a round are answered by one more round after it),
 * - tells the map which tile layers to load again (`onDataChange`),
 * - and from then on treats what the cache holds as possibly stale: a view
 *   shown again (another year, a panel opened again) is shown from the cache
 *   and asked for again.
 * When the connection is lost (the hub restarted, the network dropped), it
 * reconnects by itself with growing waits, and on reconnecting does all of
 * the above for everything: what changed meanwhile was not announced. A hub
 * that refuses the token (4403) is not asked again.
 *
 * The first connection refetches nothing: the page's first answers are
 * usually in before its socket is (a refetch then asked for every answer and
 * every tile of the first picture twice). A change committed in that moment
 * (between a first answer and the socket's connection, a fraction of a
 * second) shows with the next announcement or the next page.
 */
import type { ApolloClient, WatchQueryFetchPolicy } from '@apollo/client';
import { print } from 'graphql';
import { createClient } from 'graphql-ws';
import { LIVE_DATA_CHANGED, type LiveDataChangedSubscription } from './documents';
import { scopeConnectionParams } from './read-scope';

export type DataChange = LiveDataChangedSubscription['dataChanged'];
export type DataChangeListener = (change: DataChange) => void;

/** What a reconnection stands for: anything may have changed. */
const EVERYTHING: DataChange = { sequence: 0, everything: true, tables: [], tileLayers: [] };

/** Wait before subscribing again when the hub ended the subscription. */
const RESUBSCRIBE_MS = 1000;

/** The close code of a refused token (graphql-ws's Forbidden). */
const FORBIDDEN = 4403;

const listeners = new Set<DataChangeListener>();
let changesSeen = false;

/** Calls `listener` on each change the hub announces (and, with `everything`, after a reconnection); returns the unsubscribe function. */
export function onDataChange(listener: DataChangeListener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** The hub's socket for the page at `location`: same host, ws or wss as the page is http or https. */
export function liveUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`;
}

/** The wait before reconnection attempt `retries` (from 0): 0.5 s doubling to 30 s, plus up to half again at random, so screens do not all come back at once. */
export function retryDelay(retries: number, random = Math.random()): number {
  const base = Math.min(30_000, 500 * 2 ** retries);
  return base + random * base * 0.5;
}

interface FetchPolicyContext {
  reason: 'after-fetch' | 'variables-changed';
  initialFetchPolicy: WatchQueryFetchPolicy;
}

/**
 * A watch query's next fetch policy: once a change has been announced
 * (`changed`), a query whose variables change (another year) is shown from
 * the cache and asked for again (cache-and-network), then goes back to the
 * cache first. Before any change, exactly what the query's own policy says.
 */
export function nextFetchPolicy(changed: boolean, current: WatchQueryFetchPolicy, context: FetchPolicyContext): WatchQueryFetchPolicy {
  const cached = (p: WatchQueryFetchPolicy) => p === 'cache-first' || p === 'cache-and-network';
  if (context.reason === 'variables-changed') return changed && cached(context.initialFetchPolicy) ? 'cache-and-network' : context.initialFetchPolicy;
  return current === 'cache-and-network' && context.initialFetchPolicy !== 'cache-and-network' ? 'cache-first' : current;
}

/** `nextFetchPolicy` for the page's watch queries (ApolloClient's defaultOptions.watchQuery). */
export function revalidatingFetchPolicy(current: WatchQueryFetchPolicy, context: FetchPolicyContext): WatchQueryFetchPolicy {
  return nextFetchPolicy(changesSeen, current, context);
}

/**
 * From the first change on, queries started later do not trust the cache
 * alone either. The default options are changed in place: a new object would
 * make every mounted query hook re-apply its options and fetch again, on top
 * of the refetch.
 */
function distrustCache(client: ApolloClient): void {
  if (changesSeen) return;
  changesSeen = true;
  const options = client.defaultOptions;
  (options.watchQuery ??= {}).fetchPolicy = 'cache-and-network';
  (options.query ??= {}).fetchPolicy = 'network-only';
}

/** Refetches the active queries, one round at a time; a request during a round makes one more round after it. */
function refetcher(client: ApolloClient): () => void {
  let running = false;
  let again = false;
  const run = async () => {
    running = true;
    do {
      again = false;
      try {
        await client.refetchQueries({ include: 'active' });
      } catch {
        // Each query shows its own error; the next announcement tries again.
      }
    } while (again);
    running = false;
  };
  return () => {
    if (running) again = true;
    else void run();
  };
}

export interface LiveOptions {
  /** the read token the page's requests carry (an embed on a private hub) */
  token: string | null;
  /** the prefecture the page reads (read-scope.ts); null or absent: the hub's default */
  prefecture?: string | null;
  url?: string;
}

/** Opens the page's live connection for `client`; returns the function that closes it. */
export function startLiveUpdates(client: ApolloClient, o: LiveOptions): () => void {
  const refetch = refetcher(client);
  const changed = (change: DataChange) => {
    distrustCache(client);
    refetch();
    for (const listener of listeners) listener(change);
  };
  let connectedBefore = false;
  const socket = createClient({
    url: o.url ?? liveUrl(window.location),
    connectionParams: scopeConnectionParams({ token: o.token, prefecture: o.prefecture ?? null }),
    retryAttempts: Infinity,
    retryWait: (retries) => new Promise((resolve) => window.setTimeout(resolve, retryDelay(retries))),
    shouldRetry: (closeEvent) => (closeEvent as { code?: number }).code !== FORBIDDEN,
    on: {
      connected: () => {
        if (connectedBefore) changed(EVERYTHING);
        connectedBefore = true;
      },
    },
  });
  const query = print(LIVE_DATA_CHANGED);
  const subscribe = (): void => {
    socket.subscribe<LiveDataChangedSubscription>(
      { query },
      {
        next: (result) => {
          if (result.data) changed(result.data.dataChanged);
        },
        // Only a refused token ends it for good (the page then stays as it is).
        error: (error) => console.warn('live updates stopped:', (error as { reason?: string }).reason ?? error),
        // A hub that ends the subscription (stopping) is asked again a moment later, or the next one is.
        complete: () => {
          if (!stopped) window.setTimeout(subscribe, RESUBSCRIBE_MS);
        },
      },
    );
  };
  let stopped = false;
  subscribe();
  return () => {
    stopped = true;
    void socket.dispose();
  };
}
