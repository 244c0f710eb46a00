/**
 * `pnpm --filter @lingyan/server build` (part of `pnpm build`, so of `pnpm start`):
 * the server, and the workspace package it imports (@lingyan/data), from
 * TypeScript to JavaScript, file by file, into `server/dist/` and `data/dist/`.
 *
 * Why: `pnpm start` used to run `tsx src/main.ts`, which keeps a tsx CLI
 * process next to the hub and, in the hub, an ESM loader on a thread of its
 * own (a second V8 isolate) plus the transpiled sources: about 120 MB of
 * resident memory at national scale for work done once (tests/bench's RSS).
 * The transform here is the one tsx applies at run time (esbuild, each
 * package's tsconfig: legacy decorators, no class-field define), only ahead of
 * time; nothing is bundled, so every file keeps its place and the paths it
 * finds from `import.meta.url` (the repo root, data/demo, data/divisions).
 *
 * `@lingyan/data` exports its sources by default (tsx, vitest and the CLIs
 * read those); `node --conditions=lingyan-dist` picks its `dist/` instead
 * (data/package.json). No type checking here: that is `pnpm typecheck`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PACKAGES = ['data', 'server'];

function sources(dir) {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.d.ts'))
    .map((e) => path.join(e.parentPath ?? e.path, e.name));
}

const started = Date.now();
let files = 0;
for (const pkg of PACKAGES) {
  const src = path.join(ROOT, pkg, 'src');
  const out = path.join(ROOT, pkg, 'dist');
  const entryPoints = sources(src);
  // A source renamed or removed must not linger as a stale module.
  fs.rmSync(out, { recursive: true, force: true });
  await build({
    entryPoints,
    outbase: src,
    outdir: out,
    bundle: false,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: true,
    tsconfig: path.join(ROOT, pkg, 'tsconfig.json'),
    logLevel: 'warning',
  });
  files += entryPoints.length;
}
console.log(`server built: ${files} files in ${Date.now() - started} ms (${PACKAGES.map((p) => `${p}/dist`).join(', ')})`);
