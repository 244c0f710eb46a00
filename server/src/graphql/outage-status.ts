/**
 * While the database is away GraphQL answers HTTP 503 with Retry-After, as
 * /readyz does, instead of 200 with SERVICE_UNAVAILABLE inside: load
 * balancers, proxies and scripts read the status, and Retry-After tells them
 * when to ask again. Any SERVICE_UNAVAILABLE error makes the answer a 503:
 * what did arrive of a partial answer stays in the body, but the operation as
 * asked was not served, and asking it again shortly is the remedy.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { ErrorCode } from './errors.js';

/** Seconds a client should wait before asking again: about how long the pool tries to connect before it gives up. */
export const RETRY_AFTER_SECONDS = 5;

export function outageStatusPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          const body = response.body;
          const errors = body.kind === 'single' ? body.singleResult.errors : body.initialResult.errors;
          if (!errors?.some((e) => e.extensions?.code === ErrorCode.SERVICE_UNAVAILABLE)) return;
          response.http.status = 503;
          response.http.headers.set('retry-after', String(RETRY_AFTER_SECONDS));
        },
      };
    },
  };
}
