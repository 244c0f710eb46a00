/**
 * Apollo's store of parsed and validated operations (by the hash of their
 * text), so a repeated operation skips parsing and validation, with a budget
 * that counts what a document really holds.
 *
 * Apollo's default is an LRU of 30 MiB that counts a document as the length
 * of its AST printed as JSON. A parsed document holds much more: its AST
 * nodes, a Location on each, the whole linked list of tokens the Locations
 * point into, and the source text, several times the JSON length. Clients
 * that write values into the text instead of variables (each map view a new
 * text) would fill such a store far past its nominal size.
 *
 * Here a document counts `BYTES_PER_TOKEN` a token plus two a character of
 * its source (an upper bound of what graphql 16 was measured to hold; the
 * measurements are in docs/performance.md#memory), within
 * DOCUMENT_STORE_BYTES: still room for far more documents than the atlas's
 * and the cookbook's operations together.
 *
 * Seam on a library's internals (docs/architecture.md#seams-on-libraries-internals):
 * - buys: a bounded heap when clients send many distinct texts.
 * - leans on: Apollo's `documentStore` option and graphql-js's token list
 *   (`loc.startToken` … `next`) to count a parsed document.
 * - guarded by: tests/unit/graphql/document-store.test.ts.
 */
import type { DocumentStore } from '@apollo/server';
import type { DocumentNode } from 'graphql';
import { LRUCache } from 'lru-cache';

export const DOCUMENT_STORE_BYTES = 16 * 2 ** 20;
const BYTES_PER_TOKEN = 400;

/** Estimated heap bytes of a parsed document (see above). */
export function documentBytes(document: DocumentNode): number {
  const loc = document.loc;
  if (!loc) return 64 * 1024; // parsed without locations: not by Apollo; count it generously
  let tokens = 0;
  for (let token: typeof loc.startToken | null = loc.startToken; token; token = token.next) tokens++;
  return BYTES_PER_TOKEN * tokens + 2 * loc.source.body.length;
}

export function documentStore(maxBytes = DOCUMENT_STORE_BYTES): DocumentStore {
  const cache = new LRUCache<string, DocumentNode>({ maxSize: maxBytes, sizeCalculation: (d) => Math.max(1, documentBytes(d)) });
  return {
    async get(key) {
      return cache.get(key);
    },
    async set(key, value) {
      cache.set(key, value);
    },
    async delete(key) {
      return cache.delete(key);
    },
  };
}
