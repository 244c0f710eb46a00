/**
 * Writes a Brotli (.br) and a gzip (.gz) copy next to every text asset of the
 * build, which the hub sends to browsers that accept them
 * (server/src/http/app.ts): the atlas's first page is about 2 MB of
 * JavaScript, CSS and fonts as built, and a leader's browser across a
 * county's network should not wait for more bytes than it needs. Compressed
 * once here instead of on every request. Brotli at quality 9, not the
 * maximum 11: nearly the same size for a tenth of the time, on every build
 * (`pnpm start` and `pnpm test` build first; figures in docs/performance.md).
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const DIST = fileURLToPath(new URL('dist', import.meta.url));
/** Text formats only (images and compressed fonts gain nothing); source maps are fetched by developer tools alone. */
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|ttf|txt)$/;
/** Below this, the headers outweigh the saving. */
const MIN_BYTES = 1024;

function* files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else yield path;
  }
}

const started = Date.now();
let before = 0;
let after = 0;
for (const path of files(DIST)) {
  if (!COMPRESSIBLE.test(path) || statSync(path).size < MIN_BYTES) continue;
  const data = readFileSync(path);
  const br = brotliCompressSync(data, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: data.length },
  });
  writeFileSync(`${path}.br`, br);
  writeFileSync(`${path}.gz`, gzipSync(data, { level: 9 }));
  before += data.length;
  after += br.length;
}
console.log(`precompressed ${(before / 2 ** 20).toFixed(1)} MB of assets to ${(after / 2 ** 20).toFixed(1)} MB (Brotli) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
