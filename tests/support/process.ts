/**
 * Runs the hub as `pnpm start` runs it (the server's `start` script: node on
 * the build in server/dist), for tests of the process itself and the bench.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The server's `start` script, read from server/package.json so this cannot drift from it: `node <flags> dist/main.js`. */
export function startCommand(): { command: string; args: string[]; cwd: string } {
  const start: string = JSON.parse(fs.readFileSync(path.join(REPO, 'server/package.json'), 'utf8')).scripts.start;
  const [command, ...args] = start.split(/\s+/);
  if (command !== 'node' || args.some((a) => /["'$`|&;<>]/.test(a))) throw new Error(`server's start script is not a plain node command: ${start}`);
  return { command: process.execPath, args, cwd: path.join(REPO, 'server') };
}

let built = false;
/** Builds server/dist (and data/dist) from the current sources, once per process, as `pnpm start` does before starting. */
export function buildServer(): void {
  if (built) return;
  execFileSync(process.execPath, ['build.mjs'], { cwd: path.join(REPO, 'server'), stdio: ['ignore', 'ignore', 'inherit'] });
  built = true;
}

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
  buildServer();
  const { command, args, cwd } = startCommand();
  // Its own process group, so a SIGKILL reaches anything the hub may start.
  const child = spawn(command, args, { cwd, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
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
        // SIGKILL goes to the whole group.
        if (signal === 'SIGKILL') process.kill(-child.pid!, 'SIGKILL');
        else child.kill(signal);
      }
      return exited;
    },
  };
}
