/**
 * The server serves the atlas from client/dist. Build it when it is missing
 * or older than the client's sources, so the e2e test never checks a stale
 * bundle (a no-op when `pnpm build` ran after the last change).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const CLIENT_DIR = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../client');

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newestMtime(join(path, name))), stat.mtimeMs);
}

export function ensureClientBuild(): void {
  const builtAt = newestMtime(join(CLIENT_DIR, 'dist/index.html'));
  const sources = ['src', 'public', 'index.html', 'vite.config.ts', 'package.json'].map((p) => join(CLIENT_DIR, p));
  const changedAt = Math.max(...sources.map(newestMtime));
  if (builtAt > changedAt) return;
  const vite = join(CLIENT_DIR, 'node_modules/vite/bin/vite.js');
  // vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
  execFileSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
    cwd: CLIENT_DIR,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
}
