/**
 * The front door stays a front door: a README short enough to read, links
 * that lead somewhere in the repository, nothing that points at files a
 * person who clones the project cannot read, and every setting the server
 * reads documented in docs/.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');
const README = join(ROOT, 'README.md');
const DOCS = join(ROOT, 'docs');
const CONFIG = join(ROOT, 'server/src/config/config.ts');
const README_MAX_LINES = 200;
/** Folders the build and the tests write into, which git ignores: a clean clone has none of them. */
const GENERATED = ['tests/artifacts/', 'client/dist/', 'server/dist/', 'data/dist/'];

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return markdownFiles(path);
    return entry.name.endsWith('.md') ? [path] : [];
  });
}

const pages = (): string[] => [README, ...markdownFiles(DOCS)];
const rel = (path: string): string => relative(ROOT, path).split(sep).join('/');

/** Inline and reference-style link targets of a Markdown text, outside code blocks and code spans, with their lines. */
export function linkTargets(markdown: string): Array<{ line: number; target: string }> {
  const found: Array<{ line: number; target: string }> = [];
  let fenced = false;
  markdown.split('\n').forEach((text, i) => {
    if (/^\s*(```|~~~)/.test(text)) {
      fenced = !fenced;
      return;
    }
    if (fenced) return;
    const prose = text.replace(/`[^`]*`/g, '');
    for (const m of prose.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) found.push({ line: i + 1, target: m[1]! });
    const reference = /^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+"[^"]*")?\s*$/.exec(prose);
    if (reference) found.push({ line: i + 1, target: reference[1]! });
  });
  return found;
}

/** The link's file, or null for a link that leaves the repository on purpose (a URL) or stays on the page (#anchor). */
function linkedPath(page: string, target: string): string | null {
  if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('#')) return null;
  const path = decodeURIComponent(target.replace(/[#?].*$/, ''));
  return path.startsWith('/') ? join(ROOT, path) : resolve(dirname(page), path);
}

/** Names of environment variables that config.ts reads: `env.NAME`, `env['NAME']` and the helpers' `(env, 'NAME'`. */
export function configVariables(source: string): string[] {
  const names = new Set<string>();
  for (const m of source.matchAll(/\benv(?:\.([A-Z][A-Z0-9_]*)|\[\s*'([A-Z][A-Z0-9_]*)'\s*\])/g)) names.add((m[1] ?? m[2])!);
  for (const m of source.matchAll(/\(\s*env\s*,\s*'([A-Z][A-Z0-9_]*)'/g)) names.add(m[1]!);
  return [...names].sort();
}

/**
 * What a clone cannot follow: a path into a sibling of the repository
 * (the project's old design folder) or into the machine it was written on.
 * Spelled with escapes, so this file does not match itself.
 */
const OUTSIDE = [
  { what: 'a sibling folder', pattern: /\.\.\/shared(?![\w-])/ },
  { what: 'the design folder', pattern: /shared\/design/ },
  { what: 'an absolute working path', pattern: /(?<![\w.-])\/work\// },
  { what: 'the speech text', pattern: /speech-z[h]/ },
];

describe('the front door', () => {
  it(`keeps README.md to ${README_MAX_LINES} lines`, () => {
    const lines = readFileSync(README, 'utf8').replace(/\n$/, '').split('\n').length;
    expect(lines, `README.md has ${lines} lines; move detail into docs/ and link it`).toBeLessThanOrEqual(README_MAX_LINES);
  });

  it('finds the links it checks (README and docs/ link each other)', () => {
    const readmeLinks = linkTargets(readFileSync(README, 'utf8')).map((l) => l.target);
    expect(readmeLinks.filter((t) => t.startsWith('docs/')).length).toBeGreaterThanOrEqual(5);
    expect(markdownFiles(DOCS).length).toBeGreaterThanOrEqual(5);
    // The parser skips code: a link-like text in a code span or block is not a link.
    expect(linkTargets('`[a](b.md)`\n```\n[c](d.md)\n```\n[e](f.md#g)\n[h]: i.md').map((l) => l.target)).toEqual(['f.md#g', 'i.md']);
  });

  it('resolves every relative link in README.md and docs/ to a file in the repository', () => {
    const broken: string[] = [];
    for (const page of pages()) {
      for (const { line, target } of linkTargets(readFileSync(page, 'utf8'))) {
        const path = linkedPath(page, target);
        if (path === null) continue;
        const inside = !relative(ROOT, path).startsWith('..');
        if (!inside) broken.push(`${rel(page)}:${line}: ${target} leads outside the repository`);
        else if (!existsSync(path)) broken.push(`${rel(page)}:${line}: ${target} does not exist (${rel(path)})`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('names only files and folders that exist, where README.md and docs/ spell out a path from the root', () => {
    const missing: string[] = [];
    for (const page of pages()) {
      readFileSync(page, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          for (const m of line.matchAll(/(?<![\w./-])((?:server|client|data|schema|tests)\/[\w./-]*[\w/])/g)) {
            const path = m[1]!;
            // A pattern such as `Migration<yyyymmdd>_<name>.ts` or `{layer}` names no one file.
            if (/[<{*]/.test(line[m.index! + m[0].length] ?? '')) continue;
            // What the build and the tests write (git ignores it) exists only after they ran.
            if (GENERATED.some((prefix) => path.startsWith(prefix))) continue;
            if (!existsSync(join(ROOT, path))) missing.push(`${rel(page)}:${i + 1}: ${path}`);
          }
        });
    }
    expect(missing, 'a file moved or was renamed: update the page').toEqual([]);
  });

  it('has no tracked file that points outside the repository', () => {
    const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 2 ** 20 })
      .split('\0')
      .filter(Boolean);
    expect(tracked.length).toBeGreaterThan(100);
    const found: string[] = [];
    for (const file of tracked) {
      const path = join(ROOT, file);
      if (!existsSync(path)) continue; // deleted in the working tree, not yet committed
      const text = readFileSync(path);
      if (text.includes(0)) continue; // binary
      text
        .toString('utf8')
        .split('\n')
        .forEach((line, i) => {
          for (const { what, pattern } of OUTSIDE) if (pattern.test(line)) found.push(`${file}:${i + 1}: ${what}: ${line.trim().slice(0, 120)}`);
        });
    }
    expect(found).toEqual([]);
  });

  it('recognises what points outside', () => {
    const hits = (line: string) => OUTSIDE.filter((o) => o.pattern.test(line)).map((o) => o.what);
    expect(hits(['See ', '..', '/shared', '/design/domain.md'].join(''))).toEqual(['a sibling folder', 'the design folder']);
    expect(hits(['cd ', '/work', '/main'].join(''))).toEqual(['an absolute working path']);
    expect(hits("import { x } from '../shared-reads.js';")).toEqual([]);
    expect(hits('https://example.gov.cn/network/work/x')).toEqual([]);
  });

  it('documents in docs/ every environment variable that server/src/config/config.ts reads', () => {
    const variables = configVariables(readFileSync(CONFIG, 'utf8'));
    // config.ts reads twenty-odd settings; far fewer means the reading above broke, not that they went away.
    expect(variables.length).toBeGreaterThanOrEqual(20);
    expect(variables).toContain('DATABASE_URL');
    const docs = markdownFiles(DOCS)
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n');
    const missing = variables.filter((name) => !docs.includes(`\`${name}\``));
    expect(missing, 'add each to the configuration table of docs/operations.md').toEqual([]);
  });

  it('reads the variables config.ts reads, in each way it reads them', () => {
    const source = "const a = env.PORT; const b = env['HOST']; int(env, 'RATE_LIMIT_PER_MINUTE', 600); process.env.NOT_CONFIG_STYLE;";
    expect(configVariables(source)).toEqual(['HOST', 'NOT_CONFIG_STYLE', 'PORT', 'RATE_LIMIT_PER_MINUTE']);
  });
});
