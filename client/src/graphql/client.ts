/**
 * The one Apollo Client of the app, talking to the hub's `POST /graphql` on the
 * same origin. Entities are keyed by their statistical division `code` (the
 * schema has no `id` field), so a county fetched by two operations is one
 * cache entry whose `figures({"year":…})` fields accumulate per year.
 */
import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';
import { revalidatingFetchPolicy, startLiveUpdates } from './live-updates';

/**
 * `token`: a bearer token sent with every request (an embedded view's, when
 * reading needs one). In a browser the client also keeps the page current
 * (live-updates.ts): its queries are refetched when the hub's data changes.
 */
export function createApolloClient(uri = '/graphql', token: string | null = null): ApolloClient {
  const client = new ApolloClient({
    link: new HttpLink({ uri, ...(token ? { headers: { authorization: `Bearer ${token}` } } : {}) }),
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
  if (typeof window !== 'undefined' && typeof WebSocket !== 'undefined') startLiveUpdates(client, { token });
  return client;
}
