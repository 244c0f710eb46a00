import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fillMarkedSections } from '../../bench/results-file.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function doc(text: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lingyan-results-file-'));
  dirs.push(dir);
  const file = path.join(dir, 'performance.md');
  fs.writeFileSync(file, text);
  return file;
}

describe("the bench's sections in a document", () => {
  it('replace only the marked sections this run measured, headings one level down, the prose kept', () => {
    const file = doc(
      ['# Performance', '', '## Against its peers', '', 'Prose the bench must keep.', '', '<!-- bench:peers:national -->', 'old national', '<!-- /bench:peers:national -->', '', '<!-- bench:peers:demo -->', 'old demo', '<!-- /bench:peers:demo -->', '', 'After.', ''].join('\n'),
    );
    const filled = fillMarkedSections(file, new Map([['peers:national', ['_Measured now_', '', '## The hub against its peers', '', '### Targets', '| a | b |']], ['restart', ['not marked here']]]));
    expect(filled).toEqual(['peers:national']);
    const text = fs.readFileSync(file, 'utf8');
    expect(text).toContain('<!-- bench:peers:national -->\n_Measured now_\n\n### The hub against its peers\n\n#### Targets\n| a | b |\n<!-- /bench:peers:national -->\n');
    expect(text).toContain('<!-- bench:peers:demo -->\nold demo\n<!-- /bench:peers:demo -->');
    expect(text).toContain('Prose the bench must keep.');
    expect(text).toContain('After.');
    expect(text).not.toContain('not marked here');
    expect(text).not.toContain('old national');
  });

  it('leave a document without markers as it was', () => {
    const before = '# Performance\n\nNo sections here.\n';
    const file = doc(before);
    expect(fillMarkedSections(file, new Map([['peers:national', ['x']]]))).toEqual([]);
    expect(fs.readFileSync(file, 'utf8')).toBe(before);
  });
});
