/**
 * The server serves the atlas and the explorer from client/dist. Build it when
 * its inputs changed since the last build (client/build-if-changed.mjs, the
 * check `pnpm build` makes: a digest of the sources and the contract they
 * bundle), so the e2e tests never check a stale bundle and a test run after
 * `pnpm build` builds nothing.
 */
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildIfChanged, builtDigest, inputsDigest } from '../../../client/build-if-changed.mjs';

const CLIENT_DIR = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../client');

const isFresh = (): boolean => builtDigest() === inputsDigest();

function ageMs(path: string): number {
  try {
    return Date.now() - statSync(path).mtimeMs;
  } catch {
    return 0;
  }
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
      if (ageMs(LOCK) > LOCK_STALE_MS) rmSync(LOCK, { recursive: true, force: true });
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
  withBuildLock(() => void buildIfChanged({ quiet: true }));
}
