/**
 * The one Apollo Client of the app, talking to the hub's `POST /graphql` on the
 * same origin. Entities are keyed by their statistical division `code` (the
 * schema has no `id` field), so a county fetched by two operations is one
 * cache entry whose `figures({"year":…})` fields accumulate per year.
 */
import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';
import { revalidatingFetchPolicy, startLiveUpdates } from './live-updates';
import { scopeHeaders } from './read-scope';

export interface ClientOptions {
  /** the prefecture every request reads (read-scope.ts); null: the hub's default */
  prefecture?: string | null;
  /** keep the page current over the live socket from now on (default: in a browser); a page that starts it itself says false */
  live?: boolean;
}

/**
 * `token`: a bearer token sent with every request (an embedded view's, when
 * reading needs one). In a browser the client also keeps the page current
 * (live-updates.ts): its queries are refetched when the hub's data changes.
 */
export function createApolloClient(uri = '/graphql', token: string | null = null, options: ClientOptions = {}): ApolloClient {
  const prefecture = options.prefecture ?? null;
  const headers = scopeHeaders({ token, prefecture });
  const client = new ApolloClient({
    link: new HttpLink({ uri, ...(Object.keys(headers).length > 0 ? { headers } : {}) }),
    defaultOptions: { watchQuery: { nextFetchPolicy: revalidatingFetchPolicy } },
    cache: new InMemoryCache({
      typePolicies: {
        Prefecture: { keyFields: ['code'] },
        County: { keyFields: ['code'] },
        Township: { keyFields: ['code'] },
        Village: { keyFields: ['code'] },
        // AreaFigures has no identity of its own: it belongs to its county.
        AreaFigures: { keyFields: false },
        // Nor has a village's year; two operations asking for it merge their fields.
        VillageYear: { keyFields: false, merge: true },
      },
    }),
  });
  const live = options.live ?? (typeof window !== 'undefined' && typeof WebSocket !== 'undefined');
  if (live) startLiveUpdates(client, { token, prefecture });
  return client;
}
