/**
 * The client's files as the hub sends them: the build's Brotli or gzip copy
 * to a browser that accepts it (client/precompress.mjs), the file itself to
 * one that does not, with the same type and caching either way.
 */
import { readFileSync, statSync } from 'node:fs';
import http from 'node:http';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureClientBuild } from '../e2e/helpers/client-build.js';
import { startTestServer, type TestServer } from '../support/server.js';

const DIST = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../client/dist');

let server: TestServer;
/** The atlas's largest script, as index.html names it. */
let mapScript: string;

/** GET with the given Accept-Encoding, the body as sent (fetch would decode it). */
function get(path: string, acceptEncoding?: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((done, fail) => {
    const req = http.get(`${server.url}${path}`, { headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', fail);
  });
}

beforeAll(async () => {
  ensureClientBuild();
  server = await startTestServer();
  mapScript = /href="(\/assets\/maplibre-[^"]+\.js)"/.exec(readFileSync(join(DIST, 'index.html'), 'utf8'))![1]!;
}, 180_000);
afterAll(async () => {
  await server?.close();
});

describe('client files', () => {
  it('sends the Brotli copy to a browser that accepts it, preferring it to gzip', async () => {
    const original = readFileSync(join(DIST, mapScript));
    const res = await get(mapScript, 'gzip, deflate, br, zstd');
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/^text\/javascript; charset=utf-8$/i);
    expect(res.headers.vary).toContain('Accept-Encoding');
    expect(res.headers['cache-control']).toBe('public, max-age=3600');
    expect(res.body.length).toBe(statSync(join(DIST, `${mapScript}.br`)).size);
    expect(res.body.length).toBeLessThan(original.length / 3);
    expect(brotliDecompressSync(res.body).equals(original)).toBe(true);
  });

  it('sends gzip where Brotli is not accepted, and the file itself where neither is', async () => {
    const original = readFileSync(join(DIST, mapScript));
    const gzip = await get(mapScript, 'gzip');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.body).equals(original)).toBe(true);
    const plain = await get(mapScript);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['content-type']).toMatch(/^text\/javascript; charset=utf-8$/i);
    expect(plain.body.equals(original)).toBe(true);
  });

  it('keeps the pages and the embed script fresh (no-cache) in every encoding', async () => {
    for (const path of ['/', '/screen', '/embed.js']) {
      for (const encoding of ['br', 'gzip', undefined]) {
        const res = await get(path, encoding);
        expect(res.status, `${path} ${encoding}`).toBe(200);
        expect(res.headers['cache-control'], `${path} ${encoding}`).toBe('no-cache');
      }
    }
    // Small files are sent as they are: compressing them would gain less than the headers cost.
    expect((await get('/favicon.svg', 'br')).headers['content-encoding']).toBeUndefined();
  });
});
