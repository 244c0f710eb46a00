/**
 * client/src/graphql/live-updates.ts (pure parts): the socket stays on the
 * page's own origin, reconnection waits grow to a bound and are spread, and
 * once a change has been announced a view shown again is asked for again.
 */
import { describe, expect, it } from 'vitest';
import { liveUrl, nextFetchPolicy, retryDelay } from '../../../client/src/graphql/live-updates';

describe('liveUrl', () => {
  it('is the page\'s own host, ws for http and wss for https', () => {
    expect(liveUrl({ protocol: 'http:', host: '127.0.0.1:4000' })).toBe('ws://127.0.0.1:4000/graphql');
    expect(liveUrl({ protocol: 'https:', host: 'lingyan.example.gov.cn' })).toBe('wss://lingyan.example.gov.cn/graphql');
  });
});

describe('retryDelay', () => {
  it('starts at half a second, doubles, stops growing at 30 s, and adds up to half again at random', () => {
    expect([0, 1, 2, 3].map((n) => retryDelay(n, 0))).toEqual([500, 1000, 2000, 4000]);
    expect(retryDelay(6, 0)).toBe(30_000);
    expect(retryDelay(50, 0)).toBe(30_000);
    expect(retryDelay(50, 1)).toBe(45_000);
    expect(retryDelay(0, 0.5)).toBe(625);
  });
});

describe('nextFetchPolicy', () => {
  const variablesChanged = (initialFetchPolicy: 'cache-first' | 'no-cache' | 'cache-and-network') => ({ reason: 'variables-changed' as const, initialFetchPolicy });
  it('before any change, keeps each query\'s own policy', () => {
    expect(nextFetchPolicy(false, 'cache-first', variablesChanged('cache-first'))).toBe('cache-first');
    expect(nextFetchPolicy(false, 'no-cache', variablesChanged('no-cache'))).toBe('no-cache');
    expect(nextFetchPolicy(false, 'cache-first', { reason: 'after-fetch', initialFetchPolicy: 'cache-first' })).toBe('cache-first');
  });

  it('after a change, asks the network again for a view shown again, then trusts the cache until the next one', () => {
    expect(nextFetchPolicy(true, 'cache-first', variablesChanged('cache-first'))).toBe('cache-and-network');
    expect(nextFetchPolicy(true, 'cache-and-network', { reason: 'after-fetch', initialFetchPolicy: 'cache-first' })).toBe('cache-first');
    // Queries that never use the cache are left alone.
    expect(nextFetchPolicy(true, 'no-cache', variablesChanged('no-cache'))).toBe('no-cache');
  });
});
