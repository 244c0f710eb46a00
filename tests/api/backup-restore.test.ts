/**
 * Backup and restore, in the mode of the run: embedded (PGlite's data
 * directory dump, restored into an empty DATA_DIR) or PostgreSQL (pg_dump /
 * pg_restore into an empty database). The restored database holds the same
 * figures, to the unit, as the original; a restore refuses a target that
 * already holds data.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { readDemoRegion } from '@lingyan/data';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { backupEmbedded, backupPostgres, restoreEmbedded, restorePostgres } from '../../server/src/db/backup.js';
import { startEmbedded } from '../../server/src/db/embedded.js';
import { loadDataset } from '../../server/src/importer/load-dataset.js';
import { initORM } from '../../server/src/db/orm.js';
import { databaseUrl } from '../support/db.js';

/** What must survive: row counts and sums that any lost or altered row would change. */
const FINGERPRINT = `select
  (select count(*) from village)::int as villages,
  (select count(*) from village_year)::int as village_years,
  (select sum(poor_population)::bigint from village_year)::text as poor,
  (select sum(collective_income) from village_year)::text as income,
  (select count(*) from pairing)::int as pairings,
  (select count(*) from alliance)::int as alliances,
  (select count(*) from audit_entry)::int as audits,
  (select sum(ST_Area(boundary::geography))::bigint from county)::text as county_area,
  (select md5(string_agg(f::text, ',' order by f.level, f.year, f.code)) from area_year_figures f) as area_figures,
  (select count(*) from ((select * from area_year_figures except select * from area_year_figures_computed)
                         union all (select * from area_year_figures_computed except select * from area_year_figures)) d)::int as area_figures_stale`;

async function fingerprint(url: string): Promise<Record<string, unknown>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(FINGERPRINT)).rows[0];
  } finally {
    await client.end();
  }
}

const temp: string[] = [];
afterAll(() => {
  for (const dir of temp) fs.rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lingyan-backup-'));
  temp.push(dir);
  return dir;
}

const mode = inject('databaseMode');

describe(`backup and restore (${mode})`, () => {
  it('restores a backup into an empty target with the same figures, and refuses a target that holds data', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'lingyan.backup');
    if (mode === 'embedded') {
      // A database in a data directory of its own, with the demo region and one edit.
      const source = path.join(dir, 'source');
      const db = await startEmbedded({ dataDir: source });
      const orm = await initORM({ url: db.url, poolSize: 2, statementTimeoutMs: 60_000 });
      await orm.getMigrator().up();
      await loadDataset(orm.em.fork() as never, readDemoRegion());
      await orm.em.getConnection().execute(`update village_year set poor_population = poor_population + 1 where year = 2020 and village_code = (select min(village_code) from village_year)`);
      await orm.close(true);
      const original = await (async () => {
        const again = await startEmbedded({ dataDir: source });
        try {
          return await fingerprint(again.url);
        } finally {
          await again.stop();
        }
      })();
      await backupEmbedded(source, file);
      // Every row and the audit trail: readable by its owner only.
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      const target = path.join(dir, 'target');
      await restoreEmbedded(file, target);
      const restored = await startEmbedded({ dataDir: target });
      try {
        expect(await fingerprint(restored.url)).toEqual(original);
      } finally {
        await restored.stop();
      }
      expect((original as { villages: number }).villages).toBe(848);
      await expect(restoreEmbedded(file, target)).rejects.toThrow(/already holds a database; restore into an empty DATA_DIR/);
    } else {
      const url = databaseUrl();
      const original = await fingerprint(url);
      await backupPostgres(url, file);
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      const name = `lingyan_restore_${process.pid}`;
      await admin.query(`drop database if exists ${name}`);
      await admin.query(`create database ${name}`);
      try {
        const target = new URL(url);
        target.pathname = `/${name}`;
        await restorePostgres(file, target.href);
        expect(await fingerprint(target.href)).toEqual(original);
        await expect(restorePostgres(file, target.href)).rejects.toThrow(/pg_restore failed/);
      } finally {
        await admin.query(`drop database if exists ${name} with (force)`);
        await admin.end();
      }
    }
    expect(fs.statSync(file).size).toBeGreaterThan(100_000);
  }, 240_000);
});
