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
 *
 * Skipped when nothing that goes into it changed since the last build (a
 * SHA-256 over the inputs' paths and bytes, kept in server/dist/.inputs-sha256,
 * as client/build-if-changed.mjs does): a second `pnpm start` on an unchanged
 * tree saves the ~2.5 s of transforming 300 files. LINGYAN_REBUILD=1 builds regardless.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import { build } from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PACKAGES = ['data', 'server'];

function sources(dir) {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.d.ts'))
    .map((e) => path.join(e.parentPath ?? e.path, e.name));
}

/** Everything the build is made of: both packages' sources and settings, this script, the locked esbuild. */
const INPUTS = [
  ...PACKAGES.flatMap((pkg) => ['src', 'package.json', 'tsconfig.json'].map((p) => path.join(ROOT, pkg, p))),
  path.join(ROOT, 'tsconfig.json'),
  path.join(ROOT, 'server', 'build.mjs'),
  path.join(ROOT, 'pnpm-lock.yaml'),
];
const OUTPUTS = [path.join(ROOT, 'server', 'dist', 'main.js'), path.join(ROOT, 'data', 'dist', 'index.js')];
const STAMP = path.join(ROOT, 'server', 'dist', '.inputs-sha256');

function inputsDigest() {
  const hash = createHash('sha256');
  const all = INPUTS.flatMap((p) => (!fs.existsSync(p) ? [] : fs.statSync(p).isDirectory() ? fs.readdirSync(p, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath ?? e.path, e.name)) : [p]));
  for (const file of all.sort()) hash.update(path.relative(ROOT, file)).update('\0').update(fs.readFileSync(file)).update('\0');
  return hash.digest('hex');
}

const started = Date.now();
const digest = inputsDigest();
if (process.env.LINGYAN_REBUILD !== '1' && OUTPUTS.every((p) => fs.existsSync(p)) && fs.existsSync(STAMP) && fs.readFileSync(STAMP, 'utf8').trim() === digest) {
  console.log(`server: unchanged since its last build (inputs ${digest.slice(0, 12)}), not rebuilt`);
  process.exit(0);
}
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
fs.writeFileSync(STAMP, `${digest}\n`);
console.log(`server built: ${files} files in ${Date.now() - started} ms (${PACKAGES.map((p) => `${p}/dist`).join(', ')})`);
