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
 * - the key holds the caller's role and counties, the prefecture (and an embed
 *   token's counties) read (graphql/context.ts's `scope`), the operation
 *   text, its name and its variables: two callers share an answer only when
 *   they would get the same one;
 * - an answer computed while a write committed is not stored (a generation
 *   counter moves on every change; an answer is stored only if it did not
 *   move while it was computed);
 * - while the bus is not live (a lost LISTEN connection), nothing is served
 *   from or stored into the cache.
 *
 * Memory: an entry is the answer's JSON text and its key, nothing else, so
 * RESPONSE_CACHE_MB bounds what the cache holds (a string of n UTF-16 units
 * takes at most 2n bytes). Keeping the answer's object as well, as this cache
 * once did, held about three times the budget at national scale: a village's
 * GeoJSON point is a few dozen bytes of text but several hundred of objects
 * and arrays. A hit parses the text back into the answer (plugins and Apollo
 * see a real result) and sends the stored text itself.
 */
import type { ApolloServerPlugin, GraphQLRequestContextResponseForOperation } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import type { FormattedExecutionResult } from 'graphql';
import { scopeKey, type ReadScope } from '../domain/region/read-scope.js';
import { LRUCache } from 'lru-cache';
import type { Principal } from '../auth/roles.js';
import { ErrorCode } from './errors.js';
import { PAGING_HINT } from './limits.js';
import { stringifyAnswer } from '../spatial/raw-json.js';

/** What the cache needs of the change bus (db/changes.ts). */
export interface ChangeFeed {
  readonly live: boolean;
  subscribe(listener: (table: string) => void): () => void;
}

/** Bytes an entry may take: both strings at two bytes a unit, and the cache's own bookkeeping. */
const entrySize = (text: string, key: string) => 2 * (text.length + key.length) + 256;

/** An entry may take at most this share of the cache's budget (1/16: 2 MB of the default 32 MB). */
export const ENTRY_SHARE = 16;

/** Whether `text` takes more than `max` bytes in UTF-8, counting bytes only where the length leaves it open. */
function overBytes(text: string, max: number): number | null {
  if (text.length > max) return Buffer.byteLength(text);
  // A UTF-16 unit is at most 3 bytes in UTF-8 (a surrogate pair, two units, is 4).
  if (text.length * 3 <= max) return null;
  const bytes = Buffer.byteLength(text);
  return bytes > max ? bytes : null;
}

export function responseTooLarge(bytes: number, max: number) {
  return {
    message: `the answer is ${bytes} bytes, more than the limit of ${max} (RESPONSE_MAX_BYTES); ${PAGING_HINT} / 返回结果 ${bytes} 字节，超过上限 ${max}`,
    extensions: { code: ErrorCode.RESPONSE_TOO_LARGE, bytes, maxBytes: max },
  };
}

export interface ResponseCacheOptions {
  /** RESPONSE_MAX_BYTES: the largest answer sent, in bytes of JSON; 0: no cap */
  maxResponseBytes?: number;
  onLookup?: (hit: boolean) => void;
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
  return p === null ? 'anonymous' : `${p.role}${p.embed ? '/embed' : ''}:${p.counties?.join(',') ?? '*'}`;
}

function keyOf(rc: GraphQLRequestContextResponseForOperation<{ principal: Principal | null; scope?: ReadScope }>): string | null {
  const text = rc.source;
  if (text === undefined) return null;
  // The read scope (prefecture, an embed token's counties): one region's answer is never another's.
  const read = rc.contextValue.scope ? scopeKey(rc.contextValue.scope) : '';
  return `${scopeOf(rc.contextValue.principal)}\n${read}\n${rc.request.operationName ?? ''}\n${JSON.stringify(rc.request.variables ?? {})}\n${text}`;
}

export function responseCache(feed: ChangeFeed, maxBytes: number, options: ResponseCacheOptions = {}): ResponseCache {
  const { maxResponseBytes = 0, onLookup = () => {} } = options;
  const maxEntry = Math.floor(maxBytes / ENTRY_SHARE);
  const cache = new LRUCache<string, string>({ maxSize: Math.max(1, maxBytes), sizeCalculation: entrySize });
  // The text of an answer, by its `data` object: Apollo hands stringifyResult a
  // copy of the result ({ errors, data, extensions }), but the same `data`.
  const texts = new WeakMap<object, string>();
  const remember = (result: FormattedExecutionResult, text: string) => {
    if (result.data) texts.set(result.data, text);
  };
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
        const startedIn = generation;
        let key: string | null = null;
        return {
          async responseForOperation(rc) {
            if (!enabled || rc.operation.operation !== 'query' || !feed.live) return null;
            key = keyOf(rc);
            if (key === null) return null;
            const text = cache.get(key);
            if (text === undefined) {
              misses++;
              onLookup(false);
              return null;
            }
            hits++;
            onLookup(true);
            key = null;
            const result = JSON.parse(text) as FormattedExecutionResult;
            remember(result, text);
            return { http: { status: undefined, headers: new HeaderMap() }, body: { kind: 'single', singleResult: result } };
          },
          async willSendResponse(rc) {
            if (rc.response.body.kind !== 'single') return;
            const result = rc.response.body.singleResult;
            // A hit: its text is remembered already.
            if (result.data && texts.has(result.data)) return;
            const text = stringifyAnswer(result);
            const bytes = maxResponseBytes > 0 ? overBytes(text, maxResponseBytes) : null;
            if (bytes !== null) {
              rc.response.body.singleResult = { errors: [responseTooLarge(bytes, maxResponseBytes)] };
              rc.response.http.status = 400;
              return;
            }
            remember(result, text);
            if (key === null || result.errors?.length || !feed.live || generation !== startedIn) return;
            if (entrySize(text, key) > maxEntry) return;
            cache.set(key, text);
          },
        };
      },
    },
    stringify(result) {
      return (result.data && texts.get(result.data)) || stringifyAnswer(result);
    },
    stats: () => ({ hits, misses, entries: cache.size, bytes: cache.calculatedSize }),
    close: unsubscribe,
  };
}
