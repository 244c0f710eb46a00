/**
 * `pnpm build` (and the hub's start) runs this: the client's build, the
 * longest step of a first start, only when what goes into it changed since
 * the last build.
 * "Changed" is by content, not by file times (a checkout or a copy touches
 * every time): a SHA-256 over the inputs' paths and bytes, kept beside the
 * build in dist/.inputs-sha256. LINGYAN_REBUILD=1 builds regardless.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const CLIENT = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(CLIENT, '..');
/** The pages: every .html at the client's root is an entry of the build (vite.config.ts). */
const PAGES = fs.readdirSync(CLIENT).filter((name) => name.endsWith('.html'));
/** Everything the bundles are made of: the client's sources, pages and settings, the contract it bundles, the locked dependency versions. */
const INPUTS = [
  ...['src', 'public', ...PAGES, 'vite.config.ts', 'vite.embed-script.config.ts', 'precompress.mjs', 'package.json', 'tsconfig.json'].map((p) => path.join(CLIENT, p)),
  ...['generated', 'operations', 'package.json'].map((p) => path.join(ROOT, 'schema', p)),
  path.join(ROOT, 'pnpm-lock.yaml'),
];
/** What a build leaves; all must be there for a build to count. */
const OUTPUTS = [...PAGES, 'embed.js'].map((p) => path.join(CLIENT, 'dist', p));
const STAMP = path.join(CLIENT, 'dist', '.inputs-sha256');

function files(p) {
  if (!fs.existsSync(p)) return [];
  if (!fs.statSync(p).isDirectory()) return [p];
  return fs.readdirSync(p, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath ?? e.path, e.name));
}

export function inputsDigest() {
  const hash = createHash('sha256');
  for (const file of INPUTS.flatMap(files).sort()) {
    hash.update(path.relative(ROOT, file)).update('\0').update(fs.readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

/** The inputs' digest of the build in dist/, or null when there is none whole. */
export const builtDigest = () => (OUTPUTS.every((p) => fs.existsSync(p)) && fs.existsSync(STAMP) ? fs.readFileSync(STAMP, 'utf8').trim() : null);

/** Builds unless the last build had these inputs; true when it built. `quiet`: Vite's output not shown, only its errors. */
export function buildIfChanged({ quiet = false } = {}) {
  const digest = inputsDigest();
  if (process.env.LINGYAN_REBUILD !== '1' && builtDigest() === digest) {
    if (!quiet) console.log(`client: unchanged since its last build (inputs ${digest.slice(0, 12)}), not rebuilt`);
    return false;
  }
  fs.rmSync(STAMP, { force: true });
  // NODE_ENV decides which React build Vite bundles; a test runner sets it to "test".
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: CLIENT, stdio: quiet ? ['ignore', 'ignore', 'inherit'] : 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  fs.writeFileSync(STAMP, `${digest}\n`);
  return true;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) buildIfChanged();
