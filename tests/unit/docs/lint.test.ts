/**
 * The linters `pnpm lint` runs fail on what they are there for: a planted
 * back-edge (the database layer importing GraphQL) fails the import
 * direction check with the rule's name, and code ESLint refuses fails
 * ESLint; the same layout without the back-edge passes. Planted in a
 * scratch copy of the layout, never in the source tree.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const REPO = path.resolve(import.meta.dirname, '../../..');
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'lingyan-lint-'));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

function plant(name: string, files: Record<string, string>): string {
  const root = path.join(scratch, name);
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  }
  fs.copyFileSync(path.join(REPO, '.dependency-cruiser.cjs'), path.join(root, '.dependency-cruiser.cjs'));
  return root;
}

const depcruise = (root: string) =>
  spawnSync(path.join(REPO, 'node_modules/.bin/depcruise'), ['server/src', '--config', '.dependency-cruiser.cjs', '--output-type', 'err'], { cwd: root, encoding: 'utf8', timeout: 60_000 });

describe('pnpm lint', () => {
  it('the import direction check fails on a planted back-edge, naming the rule and the files', () => {
    const root = plant('back-edge', {
      'server/src/graphql/errors.ts': `export const CODE = 'X';\n`,
      'server/src/db/pool.ts': `import { CODE } from '../graphql/errors.js';\nexport const pool = CODE;\n`,
    });
    const run = depcruise(root);
    expect(run.status).not.toBe(0);
    expect(run.stdout + run.stderr).toMatch(/db-below-the-model: server\/src\/db\/pool\.ts → server\/src\/graphql\/errors\.ts/);
  });

  it('and passes the same layout pointing the right way', () => {
    const root = plant('right-way', {
      'server/src/db/pool.ts': `export const pool = 'X';\n`,
      'server/src/graphql/errors.ts': `import { pool } from '../db/pool.js';\nexport const CODE = pool;\n`,
    });
    const run = depcruise(root);
    expect(run.stdout + run.stderr).toContain('no dependency violations found');
    expect(run.status).toBe(0);
  });

  it('ESLint refuses an unused variable and an explicit any in server code, with the repository config', () => {
    const file = path.join(REPO, 'server/src/__lint-probe.ts');
    const text = `export function f(a: any): number {\n  const unused = 1;\n  return a;\n}\n`;
    const run = spawnSync(path.join(REPO, 'node_modules/.bin/eslint'), ['--stdin', '--stdin-filename', file, '--format', 'stylish'], { cwd: REPO, input: text, encoding: 'utf8', timeout: 120_000 });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('no-explicit-any');
    expect(run.stdout).toContain("'unused' is assigned a value but never used");
    expect(fs.existsSync(file)).toBe(false);
  });
});
