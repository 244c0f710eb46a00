/**
 * Whole answers of read operations, kept in memory and dropped the moment
 * any table changes (the change bus: this process's writes and every other
 * replica's). The atlas, embedded maps and dashboards ask the same few
 * questions over and over (the year's choropleth, the summary, the villages
 * in view); between two writes the answer cannot differ, so it is computed
 * once and then served for the cost of parsing the request.
 *
 * Correctness rules:
 * - only `query` operations, only answers without errors;
 * - the key holds the caller's read scope (role and counties), the operation
 *   text, its name and its variables: two callers share an answer only when
 *   they would get the same one;
 * - an answer computed while a write committed is not stored (a generation
 *   counter moves on every change; an answer is stored only if it did not
 *   move while it was computed);
 * - while the bus is not live (a lost LISTEN connection), nothing is served
 *   from or stored into the cache.
 */
import type { ApolloServerPlugin, GraphQLRequestContextResponseForOperation } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import type { FormattedExecutionResult } from 'graphql';
import { LRUCache } from 'lru-cache';
import type { Principal } from '../auth/roles.js';

/** What the cache needs of the change bus (db/changes.ts). */
export interface ChangeFeed {
  readonly live: boolean;
  subscribe(listener: (table: string) => void): () => void;
}

interface Entry {
  result: FormattedExecutionResult;
  text: string;
}

export interface ResponseCacheStats {
  hits: number;
  misses: number;
  entries: number;
  bytes: number;
}

export interface ResponseCache {
  plugin: ApolloServerPlugin<{ principal: Principal | null }>;
  /** Apollo's `stringifyResult`: a cached answer's text is made once. */
  stringify(result: FormattedExecutionResult): string;
  stats(): ResponseCacheStats;
  close(): void;
}

function scopeOf(p: Principal | null): string {
  return p === null ? 'anonymous' : `${p.role}:${p.counties?.join(',') ?? '*'}`;
}

function keyOf(rc: GraphQLRequestContextResponseForOperation<{ principal: Principal | null }>): string | null {
  const text = rc.source;
  if (text === undefined) return null;
  return `${scopeOf(rc.contextValue.principal)}\n${rc.request.operationName ?? ''}\n${JSON.stringify(rc.request.variables ?? {})}\n${text}`;
}

export function responseCache(feed: ChangeFeed, maxBytes: number, onLookup: (hit: boolean) => void = () => {}): ResponseCache {
  const cache = new LRUCache<string, Entry>({ maxSize: Math.max(1, maxBytes), sizeCalculation: (e, key) => e.text.length * 2 + key.length * 2 + 64 });
  const texts = new WeakMap<FormattedExecutionResult, string>();
  let generation = 0;
  let hits = 0;
  let misses = 0;
  const unsubscribe = feed.subscribe(() => {
    generation++;
    cache.clear();
  });
  const enabled = maxBytes > 0;
  return {
    plugin: {
      async requestDidStart() {
        if (!enabled) return;
        const startedIn = generation;
        let key: string | null = null;
        return {
          async responseForOperation(rc) {
            if (rc.operation.operation !== 'query' || !feed.live) return null;
            key = keyOf(rc);
            if (key === null) return null;
            const entry = cache.get(key);
            if (!entry) {
              misses++;
              onLookup(false);
              return null;
            }
            hits++;
            onLookup(true);
            key = null;
            texts.set(entry.result, entry.text);
            return { http: { status: undefined, headers: new HeaderMap() }, body: { kind: 'single', singleResult: entry.result } };
          },
          async willSendResponse(rc) {
            if (key === null || rc.response.body.kind !== 'single' || !feed.live || generation !== startedIn) return;
            const result = rc.response.body.singleResult;
            if (result.errors?.length) return;
            const text = JSON.stringify(result);
            texts.set(result, text);
            cache.set(key, { result, text });
          },
        };
      },
    },
    stringify(result) {
      return texts.get(result) ?? JSON.stringify(result);
    },
    stats: () => ({ hits, misses, entries: cache.size, bytes: cache.calculatedSize }),
    close: unsubscribe,
  };
}
