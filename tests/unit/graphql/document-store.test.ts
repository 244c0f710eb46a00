/**
 * Apollo's store of parsed operations (graphql/document-store.ts): a document
 * counts by its tokens and text, and the store stays within its bytes.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { DOCUMENT_STORE_BYTES, documentBytes, documentStore } from '../../../server/src/graphql/document-store.js';

const bbox = (west: number) => `{ villages(filter: { spatial: { bbox: { west: ${west}, south: 23.51, east: 80.18, north: 23.93 } } }, limit: 500) { totalCount items { code name location } } }`;

describe('document store', () => {
  it('counts a document by its tokens and its text', () => {
    // Each field more costs the same, and a token costs far more than a character of text.
    const [one, two, three] = ['{ a }', '{ a b }', '{ a b c }'].map((q) => documentBytes(parse(q)));
    expect(three! - two!).toBe(two! - one!);
    expect(two! - one!).toBeGreaterThan(100 * (documentBytes(parse('{ aa }')) - one!));
    // A longer name, same tokens: a little more.
    expect(documentBytes(parse('{ villages }'))).toBeGreaterThan(one!);
    // Parsed without locations (not by Apollo): counted at least as much as the same text with them.
    const q = bbox(79.77835);
    expect(documentBytes(parse(q, { noLocation: true }))).toBeGreaterThanOrEqual(documentBytes(parse(q)));
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
  });

  it('by default holds every shipped operation with room to spare, and is bounded against distinct map-view texts', async () => {
    const dir = fileURLToPath(new URL('../../../schema/operations/', import.meta.url));
    const shipped = readdirSync(dir).filter((f) => f.endsWith('.graphql')).map((f) => parse(readFileSync(join(dir, f), 'utf8')));
    expect(shipped.length).toBeGreaterThan(10);
    expect(shipped.reduce((sum, d) => sum + documentBytes(d), 0) * 10).toBeLessThan(DOCUMENT_STORE_BYTES);
    const store = documentStore();
    for (const [i, d] of shipped.entries()) await store.set(`op${i}`, d);
    // a client writing each view's bounding box into the text: 1,200 texts of ~18 KB
    const views = Array.from({ length: 1200 }, (_, i) => bbox(70 + i / 1000));
    for (const [i, q] of views.entries()) await store.set(`view${i}`, parse(q));
    const kept = (await Promise.all(views.map((_, i) => store.get(`view${i}`)))).filter(Boolean).length;
    expect(kept).toBeGreaterThan(100);
    expect(kept).toBeLessThan(views.length);
    expect(kept * documentBytes(parse(views[0]!))).toBeLessThanOrEqual(DOCUMENT_STORE_BYTES);
  });
});
