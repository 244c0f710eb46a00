/**
 * GraphiQL's fetcher: a plain POST of `{ query, variables, operationName }` as
 * JSON to the hub's /graphql on the same origin (no subscriptions, no
 * multipart: the API has neither). Headers typed in GraphiQL's headers editor
 * are sent too, e.g. an `authorization` token.
 */
import type { GraphiQLProps } from 'graphiql';

export type Fetcher = GraphiQLProps['fetcher'];

export function createFetcher(endpoint = '/graphql'): Fetcher {
  return async (params, options) => {
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: { ...options?.headers, 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(params),
      credentials: 'same-origin',
    });
    const text = await response.text();
    try {
      return JSON.parse(text) as Awaited<ReturnType<Fetcher>>;
    } catch {
      // A proxy's HTML error page, say: show it rather than a JSON parse error.
      return { errors: [{ message: `HTTP ${response.status}: ${text.slice(0, 500)}` }] } as never;
    }
  };
}
