/**
 * The atlas's GraphQL client for the region it reads: every request names
 * the prefecture (header), and so does its live socket (connection_init).
 * Another region gets a client of its own, with an empty cache, so no answer
 * of one region (a year's KPIs, a list) is ever shown for another. The socket
 * is opened and closed with the region (an effect, so React's development
 * double mount leaves one socket, not two).
 */
import { useEffect, useMemo } from 'react';
import type { ApolloClient } from '@apollo/client';
import { createApolloClient } from '../graphql/client';
import { startLiveUpdates } from '../graphql/live-updates';

export function useRegionClient(prefecture: string | null): ApolloClient {
  const client = useMemo(() => createApolloClient('/graphql', null, { prefecture, live: false }), [prefecture]);
  useEffect(() => startLiveUpdates(client, { token: null, prefecture }), [client, prefecture]);
  return client;
}
