/**
 * The seams on libraries' internals stay findable: docs/architecture.md's
 * table lists each seam's module and guarding tests, each such module's
 * header carries the block that says what it buys, what it leans on and
 * which tests guard it (naming the same tests), and no module carries the
 * block without being listed. An upgrade's first step is to run those tests.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');
const ARCHITECTURE = join(ROOT, 'docs/architecture.md');
const MARK = "Seam on a library's internals";
const SOURCES = ['server/src', 'client/src'];

interface Seam {
  name: string;
  module: string;
  tests: string[];
}

/** The rows of the seam table: the first path of the module cell, every test path of the last cell. */
function seamTable(): Seam[] {
  const text = readFileSync(ARCHITECTURE, 'utf8');
  const section = text.slice(text.indexOf("## Seams on libraries' internals"));
  const table = section.slice(0, section.indexOf('\n## ') === -1 ? undefined : section.indexOf('\n## '));
  return table
    .split('\n')
    .filter((line) => line.startsWith('| ') && !line.startsWith('| seam ') && !line.startsWith('|---'))
    .map((line) => {
      const cells = line.split(' | ');
      const paths = (cell: string) => [...cell.matchAll(/`((?:server|client|tests)\/[^`]+)`/g)].map((m) => m[1]!);
      return { name: cells[0]!.replace(/^\| /, ''), module: paths(cells[1]!)[0] ?? '', tests: paths(cells[cells.length - 1]!) };
    });
}

/** The leading comment block of a source file. */
function header(path: string): string {
  const text = readFileSync(join(ROOT, path), 'utf8');
  const match = /^\s*\/\*\*([\s\S]*?)\*\//.exec(text);
  return match ? match[1]!.replace(/^\s*\* ?/gm, '') : '';
}

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sources(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

describe('seams on libraries\' internals', () => {
  const seams = seamTable();

  it('are listed in docs/architecture.md, each with a module and at least one guarding test that exist', () => {
    expect(seams.length).toBeGreaterThanOrEqual(10);
    for (const seam of seams) {
      expect(seam.module, seam.name).not.toBe('');
      expect([seam.name, existsSync(join(ROOT, seam.module))]).toEqual([seam.name, true]);
      expect(seam.tests.length, seam.name).toBeGreaterThan(0);
      for (const test of seam.tests) expect([seam.name, test, existsSync(join(ROOT, test))]).toEqual([seam.name, test, true]);
    }
  });

  it('each say in their module\'s header what they buy, what they lean on and which listed tests guard them', () => {
    const missing: string[] = [];
    for (const seam of seams) {
      const text = header(seam.module);
      if (!text.includes(MARK)) {
        missing.push(`${seam.module}: no "${MARK}" block in its header`);
        continue;
      }
      const block = text.slice(text.indexOf(MARK));
      for (const part of ['- buys:', '- leans on:', '- guarded by:']) if (!block.includes(part)) missing.push(`${seam.module}: no "${part}"`);
      const guardedBy = block.slice(block.indexOf('- guarded by:')).replace(/\s+/g, ' ');
      for (const test of seam.tests) if (!guardedBy.includes(test)) missing.push(`${seam.module}: "guarded by" does not name ${test}`);
    }
    expect(missing).toEqual([]);
  });

  it('are all in the table: no module carries the block without being listed', () => {
    const listed = new Set(seams.map((s) => s.module));
    const marked = SOURCES.flatMap(sources).filter((path) => header(path).includes(MARK));
    expect(marked.filter((path) => !listed.has(path)).map((path) => relative(ROOT, join(ROOT, path)).split(sep).join('/'))).toEqual([]);
  });
});
