/**
 * The linters `pnpm lint` runs fail on what they are there for: a planted
 * back-edge (the database layer importing GraphQL) fails the import
 * direction check with the rule's name, and code ESLint refuses fails
 * ESLint; the same layout without the back-edge passes. Planted in a
 * scratch copy of the layout, never in the source tree. Both linters run
 * through their Node APIs with the repository's configuration, as their
 * command lines do (one load of each rather than a process per check).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cruise, type IReporterOutput } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import { ESLint } from 'eslint';
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
  return root;
}

/** `pnpm lint:imports` on a planted layout: the repository's rules, the `err` report. */
async function depcruise(root: string): Promise<{ status: number; output: string }> {
  const options = await extractDepcruiseOptions(path.join(REPO, '.dependency-cruiser.cjs'));
  const result: IReporterOutput = await cruise(['server/src'], { ...options, baseDir: root, outputType: 'err' });
  return { status: result.exitCode, output: String(result.output) };
}

describe('pnpm lint', () => {
  it('the import direction check fails on a planted back-edge, naming the rule and the files', async () => {
    const root = plant('back-edge', {
      'server/src/graphql/errors.ts': `export const CODE = 'X';\n`,
      'server/src/db/pool.ts': `import { CODE } from '../graphql/errors.js';\nexport const pool = CODE;\n`,
    });
    const run = await depcruise(root);
    expect(run.status).not.toBe(0);
    expect(run.output).toMatch(/db-below-the-model: server\/src\/db\/pool\.ts → server\/src\/graphql\/errors\.ts/);
  });

  it('and passes the same layout pointing the right way', async () => {
    const root = plant('right-way', {
      'server/src/db/pool.ts': `export const pool = 'X';\n`,
      'server/src/graphql/errors.ts': `import { pool } from '../db/pool.js';\nexport const CODE = pool;\n`,
    });
    const run = await depcruise(root);
    expect(run.output).toContain('no dependency violations found');
    expect(run.status).toBe(0);
  });

  it('ESLint refuses an unused variable and an explicit any in server code, with the repository config', async () => {
    const file = path.join(REPO, 'server/src/__lint-probe.ts');
    const text = `export function f(a: any): number {\n  const unused = 1;\n  return a;\n}\n`;
    const [result] = await new ESLint({ cwd: REPO }).lintText(text, { filePath: file });
    const errors = result!.messages.filter((m) => m.severity === 2);
    expect(errors.map((m) => m.ruleId).sort()).toEqual(['@typescript-eslint/no-explicit-any', '@typescript-eslint/no-unused-vars']);
    expect(errors.map((m) => m.message)).toContainEqual(expect.stringContaining("'unused' is assigned a value but never used"));
    expect(fs.existsSync(file)).toBe(false);
  });
});
