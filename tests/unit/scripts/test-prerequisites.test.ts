/**
 * scripts/test-prerequisites.mjs, the first step of `pnpm test`: with
 * everything present it does nothing; with Chromium, the CJK font or PostGIS
 * missing (CHROMIUM_PATH, PG_BIN and FONTCONFIG_FILE pointed at nothing) it
 * names each and the Debian package, installs them with apt-get as root, and
 * otherwise stops with the command to run. apt-get here is a stand-in first on
 * PATH that records its arguments: nothing is installed or removed.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('../../../scripts/test-prerequisites.mjs', import.meta.url));
const temp = mkdtempSync(join(tmpdir(), 'lingyan-prereq-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const isRoot = process.getuid?.() === 0;
const ALL = 'chromium fonts-noto-cjk postgresql-15-postgis-3';

/** A fontconfig that knows no font folder: fc-list lists nothing, as on a machine without fonts. */
const noFonts = join(temp, 'no-fonts.conf');
writeFileSync(noFonts, '<?xml version="1.0"?>\n<fontconfig></fontconfig>\n');

const missingEverything = { CHROMIUM_PATH: join(temp, 'no-chromium'), PG_BIN: join(temp, 'no-postgres', 'bin'), FONTCONFIG_FILE: noFonts };

let runs = 0;
/** Runs the script with `env` over this process's environment and a recording apt-get first on PATH. */
function run(env: Record<string, string>, args: string[] = []) {
  const dir = join(temp, `run-${++runs}`);
  mkdirSync(dir);
  const log = join(dir, 'apt-get.log');
  writeFileSync(join(dir, 'apt-get'), `#!/bin/sh\necho "$*" >> '${log}'\n`);
  chmodSync(join(dir, 'apt-get'), 0o755);
  const started = performance.now();
  const r = spawnSync(process.execPath, [script, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env, PATH: `${dir}:${process.env.PATH}` },
  });
  const aptCalls = (() => {
    try {
      return readFileSync(log, 'utf8').trim().split('\n').filter((line) => line !== '--version');
    } catch {
      return [];
    }
  })();
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, aptCalls, ms: performance.now() - started };
}

/** A PostgreSQL bin folder of stand-ins (the script only looks for the files), with or without PostGIS beside it. */
function fakePostgres(name: string, withPostgis: boolean): string {
  const bin = join(temp, name, 'bin');
  mkdirSync(bin, { recursive: true });
  for (const tool of ['postgres', 'initdb', 'pg_ctl']) {
    writeFileSync(join(bin, tool), '#!/bin/sh\n');
    chmodSync(join(bin, tool), 0o755);
  }
  if (withPostgis) {
    mkdirSync(join(temp, name, 'share', 'extension'), { recursive: true });
    writeFileSync(join(temp, name, 'share', 'extension', 'postgis.control'), "default_version = '3.3.2'\n");
  }
  return bin;
}

describe('pnpm test\'s set-up step', () => {
  it('does nothing when everything is present (as pnpm test found or installed it on this machine)', () => {
    const r = run({});
    expect({ status: r.status, stdout: r.stdout, stderr: r.stderr, aptCalls: r.aptCalls }).toEqual({ status: 0, stdout: '', stderr: '', aptCalls: [] });
  });

  it('--dry-run names each missing thing and its package, and what it would run, installing nothing', () => {
    const r = run(missingEverything, ['--dry-run']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`Chromium (${missingEverything.CHROMIUM_PATH}) → Debian package chromium`);
    expect(r.stdout).toContain('a CJK font (fontconfig lists none for zh-cn) → Debian package fonts-noto-cjk');
    expect(r.stdout).toContain(`PostgreSQL 15 (postgres, initdb, pg_ctl in ${missingEverything.PG_BIN}) → Debian package postgresql-15-postgis-3`);
    expect(r.stdout).toContain(
      isRoot
        ? `would run: apt-get update && apt-get install -y --no-install-recommends ${ALL}`
        : `would stop and ask for: sudo apt-get update && sudo apt-get install -y --no-install-recommends ${ALL}`,
    );
    expect(r.aptCalls).toEqual([]);
  });

  it('--no-install stops with exit 1 and the exact command to run', () => {
    const r = run({ CHROMIUM_PATH: missingEverything.CHROMIUM_PATH, PG_BIN: missingEverything.PG_BIN }, ['--no-install']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('missing for the tests, install first');
    // the font is present: only what is missing is asked for
    expect(r.stderr).toContain('sudo apt-get update && sudo apt-get install -y --no-install-recommends chromium postgresql-15-postgis-3\n');
    expect(r.stderr).not.toContain('fonts-noto-cjk');
    expect(r.aptCalls).toEqual([]);
  });

  it(isRoot ? 'as root installs the missing packages with apt-get, then checks again' : 'not as root stops with the command to run', () => {
    const r = run(missingEverything);
    expect(r.status).toBe(1);
    if (isRoot) {
      expect(r.aptCalls).toEqual(['update -qq', `install -y -qq --no-install-recommends ${ALL}`]);
      // the stand-in installed nothing, so the check after it still fails, saying what
      expect(r.stderr).toContain('still missing after apt-get install');
      expect(r.stderr).toContain(`Chromium (${missingEverything.CHROMIUM_PATH})`);
    } else {
      expect(r.aptCalls).toEqual([]);
      expect(r.stderr).toContain(`sudo apt-get install -y --no-install-recommends ${ALL}`);
    }
  });

  it('finds PostgreSQL without PostGIS missing, and PG_BIN with PostGIS beside it present', () => {
    const withoutPostgis = fakePostgres('pg-plain', false);
    const r = run({ PG_BIN: withoutPostgis }, ['--dry-run']);
    expect(r.stdout).toContain(`PostGIS for the PostgreSQL in ${withoutPostgis} (no postgis.control) → Debian package postgresql-15-postgis-3`);
    expect(r.stdout).not.toContain('Chromium');
    const withPostgis = run({ PG_BIN: fakePostgres('pg-postgis', true) }, ['--dry-run']);
    expect({ status: withPostgis.status, stdout: withPostgis.stdout }).toEqual({ status: 0, stdout: '' });
  });

  it('is quick when everything is present: file and fontconfig look-ups, no package manager', () => {
    const times = [run({}), run({}), run({})].map((r) => r.ms).sort((a, b) => a - b);
    // Node's own start is most of it (~50 ms idle); the median of three keeps a loaded machine's outlier out.
    expect(times[1]).toBeLessThan(1000);
  });
});
