/**
 * The DATA_DIR lock (issue 25): it names the holder's pid and when that
 * process started, so a lock left by a crashed hub whose pid now belongs to
 * another process does not block the next start, while a lock of a live hub
 * still refuses a second one.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../server/src/config/config.js';
import { lockDataDir, processStartTime } from '../../server/src/db/embedded.js';

let dir: string;
let other: ChildProcess | null = null;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'lingyan-lock-'));
});

afterEach(() => {
  if (other?.pid) process.kill(other.pid);
  other = null;
  rmSync(dir, { recursive: true, force: true });
});

/** Another live process (it stands for whatever took the pid, or for a running hub). */
async function otherProcess(): Promise<{ pid: number; start: number }> {
  other = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  await new Promise((resolve, reject) => other!.once('spawn', resolve).once('error', reject));
  const start = processStartTime(other.pid!);
  expect(start, 'this system tells no process start time (/proc/<pid>/stat)').not.toBeNull();
  return { pid: other.pid!, start: start! };
}

const lockFile = () => join(dir, 'lingyan.lock');

describe('the DATA_DIR lock', () => {
  it('records its own pid and start time, and is released', () => {
    const unlock = lockDataDir(dir);
    expect(readFileSync(lockFile(), 'utf8')).toBe(`${process.pid} ${processStartTime(process.pid)}`);
    unlock();
    expect(existsSync(lockFile())).toBe(false);
  });

  it('takes over a lock whose pid now names a process that started at another time', async () => {
    const { pid, start } = await otherProcess();
    writeFileSync(lockFile(), `${pid} ${start - 1}`);
    const unlock = lockDataDir(dir);
    expect(readFileSync(lockFile(), 'utf8')).toBe(`${process.pid} ${processStartTime(process.pid)}`);
    unlock();
  });

  it('refuses while the process that holds the lock lives', async () => {
    const { pid, start } = await otherProcess();
    writeFileSync(lockFile(), `${pid} ${start}`);
    expect(() => lockDataDir(dir)).toThrow(ConfigError);
    expect(() => lockDataDir(dir)).toThrow(new RegExp(`in use by another Lingyan process \\(pid ${pid}\\)`));
    expect(readFileSync(lockFile(), 'utf8')).toBe(`${pid} ${start}`);
  });

  it('refuses on a lock without a start time (an older hub) while its pid lives', async () => {
    const { pid } = await otherProcess();
    writeFileSync(lockFile(), String(pid));
    expect(() => lockDataDir(dir)).toThrow(/in use by another Lingyan process/);
  });

  it('takes over a lock whose process is gone', async () => {
    const { pid, start } = await otherProcess();
    const exited = new Promise((resolve) => other!.once('exit', resolve));
    process.kill(pid);
    await exited;
    other = null;
    writeFileSync(lockFile(), `${pid} ${start}`);
    lockDataDir(dir)();
  });
});
