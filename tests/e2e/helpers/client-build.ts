/**
 * The server serves the atlas and the explorer from client/dist. Build it when
 * a page is missing or older than what goes into it (the client's sources and
 * the contract it bundles: generated documents and cookbook examples), so the
 * e2e tests never check a stale bundle (a no-op when `pnpm build` ran after
 * the last change).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const CLIENT_DIR = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../client');
const SCHEMA_DIR = resolve(CLIENT_DIR, '../schema');
/** The built pages: each must be newer than every source. */
const PAGES = ['dist/index.html', 'dist/explorer.html', 'dist/screen.html'];
const SOURCES = [
  ...['src', 'public', 'index.html', 'explorer.html', 'embed.html', 'screen.html', 'vite.config.ts', 'vite.embed-script.config.ts', 'precompress.mjs', 'package.json'].map((p) => join(CLIENT_DIR, p)),
  ...['generated', 'operations'].map((p) => join(SCHEMA_DIR, p)),
];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newestMtime(join(path, name))), stat.mtimeMs);
}

function isFresh(): boolean {
  const builtAt = Math.min(...PAGES.map((p) => newestMtime(join(CLIENT_DIR, p))));
  return builtAt > Math.max(...SOURCES.map(newestMtime));
}

/** A lock directory: test files run in parallel workers, and two builds into one dist/ would break both. */
const LOCK = join(CLIENT_DIR, '.build-lock');
const LOCK_STALE_MS = 5 * 60_000;

function withBuildLock(build: () => void): void {
  const sleeper = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      // A lock left by a killed run would block every later one.
      if (Date.now() - newestMtime(LOCK) > LOCK_STALE_MS) rmSync(LOCK, { recursive: true, force: true });
      Atomics.wait(sleeper, 0, 0, 250);
    }
  }
  try {
    build();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

export function ensureClientBuild(): void {
  if (isFresh()) return;
  // Another worker may have built it while this one waited for the lock.
  withBuildLock(() => (isFresh() ? undefined : clientBuild()));
}

/** The client's own build script (Vite for the pages, then the embed script, then the compressed copies). */
function clientBuild(): void {
  // vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
  execFileSync('npm', ['run', '--silent', 'build'], {
    cwd: CLIENT_DIR,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, NODE_ENV: 'production' },
  });
}
