/** Runs the hub as `pnpm start` runs it (tsx server/src/main.ts), for tests of the process itself. */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const TSX = path.join(REPO, 'server/node_modules/.bin/tsx');

export interface HubProcess {
  child: ChildProcess;
  output(): string;
  /** Resolves with the served URL once the hub says it is serving; rejects if it exits first. */
  ready: Promise<string>;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export function runHub(env: Record<string, string | undefined>): HubProcess {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete childEnv[k];
  // Its own process group: tsx runs the hub in a child node process, and a SIGKILL to tsx alone would leave that running.
  const child = spawn(TSX, ['server/src/main.ts'], { cwd: REPO, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const ready = new Promise<string>((resolve, reject) => {
    const check = () => {
      const m = out.match(/serving at (http:\/\/[^/\s]+)/);
      if (m) resolve(m[1]!);
    };
    child.stdout!.on('data', check);
    void exited.then((code) => reject(new Error(`hub exited with ${code} before serving:\n${out}`)));
  });
  ready.catch(() => {});
  return {
    child,
    output: () => out,
    ready,
    exited,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null) {
        // tsx passes SIGTERM/SIGINT on to the hub; SIGKILL cannot be passed on, so it goes to the whole group.
        if (signal === 'SIGKILL') process.kill(-child.pid!, 'SIGKILL');
        else child.kill(signal);
      }
      return exited;
    },
  };
}
