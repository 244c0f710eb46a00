#!/usr/bin/env node
/**
 * What `pnpm test` needs beyond Node, found or installed before the tests run
 * (docs/testing.md):
 *   - Chromium for the browser tests: CHROMIUM_PATH, else /usr/bin/chromium   (Debian: chromium)
 *   - a CJK font, so Chinese renders and is measured: fontconfig knows one    (Debian: fonts-noto-cjk)
 *   - PostgreSQL 15 + PostGIS binaries for the database-outage test and CI's
 *     PostGIS run: PG_BIN (else /usr/lib/postgresql/15/bin) holds postgres,
 *     initdb and pg_ctl, and its share folder holds postgis.control          (Debian: postgresql-15-postgis-3)
 *
 * Everything present: prints nothing, exits 0 (file and fontconfig look-ups only, ~50 ms).
 * Something missing, as root with apt-get: installs the Debian packages, checks again.
 * Something missing otherwise (or with --no-install): says what is missing and the command to run, exits 1.
 * --dry-run: says what is missing and what it would run, installs nothing, exits 0.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const DEFAULT_CHROMIUM = '/usr/bin/chromium';
const DEFAULT_PG_BIN = '/usr/lib/postgresql/15/bin';
const DEBIAN_CJK_FONT = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';

const executable = (file) => {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
};

/** PostGIS's control file lives in the server's share folder: Debian's layout, or a source install's. */
function postgisControlCandidates(pgBin) {
  const debian = /^\/usr\/lib\/postgresql\/(\d+)\/bin\/?$/.exec(pgBin);
  const candidates = [path.join(pgBin, '..', 'share', 'extension'), path.join(pgBin, '..', 'share', 'postgresql', 'extension')];
  if (debian) candidates.unshift(`/usr/share/postgresql/${debian[1]}/extension`);
  return candidates.map((dir) => path.join(dir, 'postgis.control'));
}

function hasCjkFont() {
  const listed = spawnSync('fc-list', [':lang=zh-cn', 'family'], { encoding: 'utf8' });
  // fontconfig absent (a machine without Chromium): look where Debian's package puts the font.
  if (listed.error) return fs.existsSync(DEBIAN_CJK_FONT);
  return listed.status === 0 && listed.stdout.trim() !== '';
}

/** What is missing, each with the Debian package that brings it. */
function missingPrerequisites(env = process.env) {
  const chromium = env.CHROMIUM_PATH || DEFAULT_CHROMIUM;
  const pgBin = env.PG_BIN || DEFAULT_PG_BIN;
  const missing = [];
  if (!executable(chromium)) missing.push({ what: `Chromium (${chromium})`, package: 'chromium' });
  if (!hasCjkFont()) missing.push({ what: 'a CJK font (fontconfig lists none for zh-cn)', package: 'fonts-noto-cjk' });
  const binaries = ['postgres', 'initdb', 'pg_ctl'].filter((tool) => !executable(path.join(pgBin, tool)));
  if (binaries.length > 0) missing.push({ what: `PostgreSQL 15 (${binaries.join(', ')} in ${pgBin})`, package: 'postgresql-15-postgis-3' });
  else if (!postgisControlCandidates(pgBin).some((f) => fs.existsSync(f))) {
    missing.push({ what: `PostGIS for the PostgreSQL in ${pgBin} (no postgis.control)`, package: 'postgresql-15-postgis-3' });
  }
  return missing;
}

const packagesOf = (missing) => [...new Set(missing.map((m) => m.package))];
const installCommand = (packages) => `apt-get install -y --no-install-recommends ${packages.join(' ')}`;

function describe(missing) {
  return missing.map((m) => `  - ${m.what} → Debian package ${m.package}`).join('\n');
}

function main(argv) {
  const dryRun = argv.includes('--dry-run');
  const noInstall = argv.includes('--no-install');
  const missing = missingPrerequisites();
  if (missing.length === 0) return 0;
  const packages = packagesOf(missing);
  const isRoot = process.getuid?.() === 0;
  const hasApt = spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0;

  if (dryRun) {
    console.log(`测试所需缺失 / missing for the tests:\n${describe(missing)}`);
    console.log(isRoot && hasApt
      ? `would run: apt-get update && ${installCommand(packages)}`
      : `would stop and ask for: sudo apt-get update && sudo ${installCommand(packages)}`);
    return 0;
  }
  if (noInstall || !isRoot || !hasApt) {
    console.error(`测试所需缺失，请先安装 / missing for the tests, install first:\n${describe(missing)}`);
    console.error(`  sudo apt-get update && sudo ${installCommand(packages)}`);
    console.error('(or point CHROMIUM_PATH / PG_BIN at your own Chromium / PostgreSQL 15 + PostGIS binaries)');
    return 1;
  }
  console.log(`installing what the tests need: ${packages.join(' ')}`);
  const aptEnv = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update', '-qq'], ['install', '-y', '-qq', '--no-install-recommends', ...packages]]) {
    const r = spawnSync('apt-get', args, { stdio: 'inherit', env: aptEnv });
    if (r.status !== 0) {
      console.error(`apt-get ${args[0]} failed (exit ${r.status ?? r.signal})`);
      return 1;
    }
  }
  const still = missingPrerequisites();
  if (still.length > 0) {
    console.error(`安装后仍缺失 / still missing after apt-get install:\n${describe(still)}`);
    return 1;
  }
  return 0;
}

process.exit(main(process.argv.slice(2)));
