/**
 * `pnpm data:export`: every kind written from the run's database (the demo
 * region) in the importer's default layout, imported into an empty database
 * (a second embedded database, or a fresh one on DATABASE_URL's server), gives
 * back the same rows, compared with SQL on both databases. The command itself
 * writes CSV with a BOM, filters by county and year, and refuses a boundary in CSV.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { EntityManager } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/src/config/config.js';
import { openDatabase, type Database } from '../../server/src/db/database.js';
import { runExport } from '../../server/src/exporter/run-export.js';
import { runImport } from '../../server/src/importer/run-import.js';
import type { ExportFormat, ImportKind } from '@lingyan/data';
import { databaseUrl, sql } from '../support/db.js';
import { REPO } from '../support/process.js';
import { ownDatabase, sqlAt, type OwnDatabase } from '../support/own-database.js';

const dir = mkdtempSync(path.join(tmpdir(), 'lingyan-export-'));
const ROUND_TRIP_DATABASE = 'lingyan_roundtrip';

let source: Database;
let target: Database;
let own: OwnDatabase;
let targetUrl = '';



beforeAll(async () => {
  source = await openDatabase({ ...loadConfig({}), databaseUrl: databaseUrl(), seedDemo: false, poolSize: 2 });
  // An empty database beside the run's one, migrated by openDatabase.
  own = await ownDatabase(ROUND_TRIP_DATABASE);
  targetUrl = own.url;
  target = await openDatabase({ ...loadConfig({}), databaseUrl: targetUrl, seedDemo: false, poolSize: 2 });
});
afterAll(async () => {
  await source?.close();
  await target?.close();
  await own?.stop();
});

/** The rows of each kind, by natural key, without the hub's ids and versions: what a round trip must keep. */
const TABLES: Record<string, string> = {
  counties: `select code, prefecture_code, name, name_en, kind, key_poor_county, exited_year, ST_AsText(boundary) from county`,
  townships: `select code, county_code, name, name_en, kind, ST_AsText(boundary) from township`,
  villages: `select code, township_code, name, name_en, kind, ST_AsText(location), is_poor_village, exited_year, branch_name, branch_focus, branch_governance15,
                    (select a.centre_code from alliance a where a.id = v.alliance_id) as alliance from village v`,
  figures: `select village_code, year, households, rural_population, poor_households, poor_population, collective_income, party_members, member_pairings,
                   secretary_is_director, soft_lax, branch_rating from village_year`,
  alliances: `select a.centre_code, a.name, o.name as platform, a.founded_year from alliance a left join organisation o on o.id = a.platform_company_id`,
  pairings: `select p.kind, p.helper_village_code, o.name as organisation, p.helped_village_code, p.start_year, p.end_year
               from pairing p left join organisation o on o.id = p.helper_organisation_id`,
  projects: `select p.village_code, p.name, p.type, o.name as operator, ST_AsText(p.location), p.start_year, p.end_year, p.investment_total, p.investment_fiscal,
                    p.investment_assisting, p.investment_collective, p.investment_enterprise, p.investment_other, p.beneficiary_households, p.beneficiary_poor_households
               from industry_project p left join organisation o on o.id = p.operator_id`,
  units: `select u.name, u.kind, a.village_code, a.start_year, a.end_year,
                 (select string_agg(f.year || ':' || f.amount || ':' || coalesce(f.committed::text, '-'), ';' order by f.year) from assignment_fund f where f.assignment_id = a.id) as funds
            from assisting_unit u left join assignment a on a.unit_id = u.id`,
  progress: `select p.village_code, p.name, y.year, y.stage, y.planned_fiscal, y.planned_assisting, y.planned_collective, y.planned_enterprise, y.planned_other,
                    y.delivered_fiscal, y.delivered_assisting, y.delivered_collective, y.delivered_enterprise, y.delivered_other,
                    y.jobs, y.dividend_households, y.dividends_poor, y.share_capital_poor
               from project_year y join industry_project p on p.id = y.project_id`,
};

async function fingerprint(url: string, kind: string): Promise<{ rows: number; md5: string }> {
  const [r] = await sqlAt<{ rows: number; md5: string }>(url, `select count(*)::int as rows, md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as md5 from (${TABLES[kind]}) t`);
  return r!;
}

describe('export → import into an empty database → the same rows', () => {
  const steps: Array<[ImportKind, ExportFormat]> = [
    ['counties', 'geojson'],
    ['townships', 'geojson'],
    ['villages', 'csv'],
    ['figures', 'csv'],
    ['alliances', 'csv'],
    ['pairings', 'csv'],
    ['projects', 'geojson'],
    ['progress', 'csv'],
    ['units', 'csv'],
  ];
  const measured: string[] = [];

  it('exports and imports every kind, parents first, nothing refused (the demo pairings obey the API\'s rule)', async () => {
    const [prefecture] = await sql<{ name: string }>(`select name from prefecture order by code limit 1`);
    for (const [kind, format] of steps) {
      const out = path.join(dir, `${kind}.${format}`);
      const exported = await runExport(source.orm.em as unknown as EntityManager, { kind, format, out, county: null, year: null });
      expect(exported.rows, kind).toBeGreaterThan(0);
      if (kind === 'alliances') {
        // Organisations are no import kind: copy them as they are, after the villages they belong to.
        const orgs = await sql(`select id, name, kind, village_code, led_by_branch, founded_year, member_households, poor_member_households from organisation`);
        await own.sql(`insert into organisation select * from json_populate_recordset(null::organisation, '${JSON.stringify(orgs).replace(/'/g, "''")}')`);
      }
      const r = await runImport(target.orm.em as unknown as EntityManager, {
        file: out, kind, dryRun: false, skipInvalid: false, repair: false, crs: 'wgs84', encoding: null, overrides: {}, prefectureName: prefecture!.name,
      });
      measured.push(`${kind}: ${exported.rows} rows exported in ${exported.seconds.toFixed(2)} s; imported in ${r.summary.seconds.toFixed(2)} s (${Math.round(r.summary.read / Math.max(r.summary.seconds, 0.001))} rows/s)`);
      expect(r.summary.read, kind).toBe(exported.rows);
      expect(r.problems, kind).toEqual([]);
      expect(r.summary.inserted, kind).toBe(exported.rows);
    }
    console.log(`round trip:\n  ${measured.join('\n  ')}`);
  });

  it.each(Object.keys(TABLES))('%s: the same rows in both databases', async (kind) => {
    const [a, b] = [await fingerprint(databaseUrl(), kind), await fingerprint(targetUrl, kind)];
    expect(a.rows).toBeGreaterThan(0);
    expect(b).toEqual(a);
  });

  it('importing the exported files again changes nothing', async () => {
    for (const [kind, format] of steps) {
      const r = await runImport(target.orm.em as unknown as EntityManager, {
        file: path.join(dir, `${kind}.${format}`), kind, dryRun: false, skipInvalid: true, repair: false, crs: 'wgs84', encoding: null, overrides: {}, prefectureName: null,
      });
      expect(r.summary, kind).toMatchObject({ inserted: 0, updated: 0 });
    }
  });
});

describe('the command', () => {
  const cli = (args: string[]) =>
    spawnSync(path.join(REPO, 'server/node_modules/.bin/tsx'), ['server/src/cli/export.ts', ...args], {
      cwd: REPO,
      env: { ...process.env, DATABASE_URL: databaseUrl(), INIT_CWD: dir },
      encoding: 'utf8',
      timeout: 120_000,
    });

  it('writes one county\'s figures of one year as CSV with a BOM, headed as the importer reads them', async () => {
    const [{ county }] = (await sql<{ county: string }>(`select code as county from county order by code limit 1`)) as [{ county: string }];
    const r = cli(['--kind', 'figures', '--county', county.slice(0, 6), '--year', '2020', '--out', 'figures-2020.csv']);
    expect(r.status, r.stderr).toBe(0);
    const [{ n }] = (await sql<{ n: number }>(`select count(*)::int as n from village_year where left(village_code, 6) = $1 and year = 2020`, [county.slice(0, 6)])) as [{ n: number }];
    expect(r.stdout).toContain(`exported ${n} figures (county ${county}, year 2020) to ${path.join(dir, 'figures-2020.csv')} (CSV, UTF-8 with BOM)`);
    const bytes = readFileSync(path.join(dir, 'figures-2020.csv'));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe('村代码,年份,户数,乡村人口,贫困户数,贫困人口,集体经济收入,党员数,结对帮扶户数,一肩挑,软弱涣散,支部评级');
    expect(lines.length).toBe(n + 1);
    expect(lines.slice(1).every((l) => l.startsWith(county.slice(0, 6)) && l.split(',')[1] === '2020')).toBe(true);
  });

  it('refuses boundaries in CSV with exit code 2', () => {
    const r = cli(['--kind', 'counties', '--format', 'csv']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('data:export: --kind counties has boundaries, which CSV cannot carry; use --format geojson');
  });
});
