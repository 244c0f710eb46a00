/**
 * `pnpm lint`'s commit-subject check (scripts/commit-subjects.mjs) fails on a
 * subject of 73 characters, naming it, and passes one of 72 that holds
 * Chinese (characters are counted, not bytes). Planted in a scratch
 * repository, never in this one.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const REPO = path.resolve(import.meta.dirname, '../../..');
const SCRIPT = path.join(REPO, 'scripts/commit-subjects.mjs');
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'lingyan-subjects-'));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

const git = (dir: string, ...args: string[]) => {
  const run = spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', ...args], { cwd: dir, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(run.stderr);
};

function repoWith(name: string, subjects: string[]): string {
  const dir = path.join(scratch, name);
  fs.mkdirSync(dir);
  git(dir, 'init', '-q');
  for (const subject of subjects) git(dir, 'commit', '-q', '--allow-empty', '-m', subject, '-m', 'the body may be as long as it needs to be');
  return dir;
}

const check = (dir: string) => spawnSync(process.execPath, [SCRIPT, '--repo', dir, '--since', '2000-01-01T00:00:00Z'], { encoding: 'utf8' });

describe('commit subjects', () => {
  const of72 = `考核结果 ${'x'.repeat(67)}`;
  it('a subject of 73 characters fails the check, named with its length', () => {
    const dir = repoWith('long', ['short subject', `${'y'.repeat(73)}`]);
    const run = check(dir);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/\(73\): y{73}/);
    expect(run.stderr).not.toMatch(/short subject/);
  });

  it('72 characters pass, Chinese counted as characters', () => {
    expect([...of72].length).toBe(72);
    expect(Buffer.byteLength(of72)).toBeGreaterThan(72);
    const run = check(repoWith('fits', [of72]));
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('not a git repository: says it did not check, and does not fail', () => {
    const dir = path.join(scratch, 'plain');
    fs.mkdirSync(dir);
    const run = check(dir);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/not checked/);
  });
});
