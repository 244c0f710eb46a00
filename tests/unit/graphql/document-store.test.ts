/**
 * Apollo's store of parsed operations (graphql/document-store.ts): a document
 * counts by its tokens and text, and the store stays within its bytes.
 */
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { DOCUMENT_STORE_BYTES, documentBytes, documentStore } from '../../../server/src/graphql/document-store.js';

const bbox = (west: number) => `{ villages(filter: { spatial: { bbox: { west: ${west}, south: 23.51, east: 80.18, north: 23.93 } } }, limit: 500) { totalCount items { code name location } } }`;

describe('document store', () => {
  it('counts a document by its tokens and its text', () => {
    // <SOF> { a } <EOF>: five tokens, five characters
    expect(documentBytes(parse('{ a }'))).toBe(5 * 400 + 2 * 5);
    const q = bbox(79.77835);
    const bytes = documentBytes(parse(q));
    // ~45 tokens: about 18 KB, above the ~13 KB such a document was measured to hold, far above its JSON (~3 KB)
    expect(bytes).toBeGreaterThan(13_000);
    expect(bytes).toBeLessThan(25_000);
    expect(bytes).toBeGreaterThan(4 * JSON.stringify(parse(q)).length);
  });

  it('keeps what it is given, and stays within its bytes, least recently used out', async () => {
    const store = documentStore(200_000);
    const first = parse(bbox(1));
    await store.set('first', first);
    expect(await store.get('first')).toBe(first);
    const kept: string[] = [];
    let total = 0;
    for (let i = 0; i < 100; i++) {
      const d = parse(bbox(i + 0.5));
      await store.set(`k${i}`, d);
      kept.push(`k${i}`);
      total += documentBytes(d);
    }
    expect(total).toBeGreaterThan(200_000);
    const present = (await Promise.all(kept.map((k) => store.get(k)))).filter(Boolean).length;
    expect(present).toBeGreaterThan(0);
    expect(present * documentBytes(first)).toBeLessThanOrEqual(200_000);
    expect(await store.get('first')).toBeUndefined();
    expect(await store.get('k99')).toBeDefined();
    expect(DOCUMENT_STORE_BYTES).toBe(16 * 2 ** 20);
  });
});
