/**
 * `pnpm start`: the server built when its sources changed (server/build.mjs),
 * then the hub run as the server's own `start` script says (server/package.json
 * is the one place its node flags are written), with `--build-client`: the
 * client's build runs beside the hub's start-up (server/src/main.ts).
 *
 * Run here rather than through a second `pnpm --filter @lingyan/server start`,
 * which costs ~0.5 s of CPU on every start of this 2-core machine. This
 * process only waits: a signal it gets is passed on to the hub, and it ends
 * with the hub's exit code.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SERVER = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../server');

const built = spawnSync(process.execPath, [path.join(SERVER, 'build.mjs')], { stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 1);

const start = JSON.parse(fs.readFileSync(path.join(SERVER, 'package.json'), 'utf8')).scripts.start;
const [command, ...args] = start.split(/\s+/);
if (command !== 'node') {
  console.error(`pnpm start: the server's start script is not a plain node command: ${start}`);
  process.exit(1);
}
const hub = spawn(process.execPath, [...args, '--build-client'], { cwd: SERVER, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => hub.kill(signal));
hub.once('exit', (code, signal) => process.exit(code ?? 128 + (os.constants.signals[signal] ?? 0)));
