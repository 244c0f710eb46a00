/**
 * The databases a benchmark run uses: the demo region (embedded, and on
 * DATABASE_URL's server a fresh `lingyan_bench`) and, on DATABASE_URL's
 * server, the national dataset in `lingyan_national`, generated and imported
 * with the commands of docs/testing.md the first time and kept for later runs.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { REPO } from '../support/process.js';

/** The same server as `url`, another database. */
export function onDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.href;
}

async function admin<T>(url: string, work: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function freshDatabase(serverUrl: string, database: string): Promise<string> {
  await admin(serverUrl, async (c) => {
    await c.query(`drop database if exists ${database} with (force)`);
    await c.query(`create database ${database}`);
  });
  return onDatabase(serverUrl, database);
}

const NATIONAL_VILLAGES = 400_000;

function run(command: string, args: string[], env: NodeJS.ProcessEnv): void {
  console.log(`$ ${command} ${args.join(' ')}`);
  const r = spawnSync(command, args, { cwd: REPO, env: { ...process.env, ...env }, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed with ${r.status}`);
}

/** `lingyan_national` on DATABASE_URL's server, loaded when it does not hold the national dataset yet (~10 min). */
export async function nationalDatabase(serverUrl: string): Promise<string> {
  const url = onDatabase(serverUrl, 'lingyan_national');
  const villages = await admin(serverUrl, async (c) => {
    const exists = (await c.query(`select 1 from pg_database where datname = 'lingyan_national'`)).rowCount;
    if (!exists) return 0;
    return admin(url, async (n) => {
      const t = await n.query(`select to_regclass('village') as t`);
      return t.rows[0].t ? Number((await n.query(`select count(*) as n from village`)).rows[0].n) : 0;
    });
  });
  if (villages >= NATIONAL_VILLAGES) return url;
  console.log(`loading the national dataset into ${new URL(url).pathname.slice(1)} (once; later runs reuse it)`);
  await freshDatabase(serverUrl, 'lingyan_national');
  const dir = process.env.BENCH_NATIONAL_DIR ?? path.join(os.tmpdir(), 'lingyan-national');
  if (!fs.existsSync(path.join(dir, 'village-years.csv'))) run('pnpm', ['data:generate', '--scale', 'national', '--out', dir], {});
  const env = { DATABASE_URL: url };
  const files: Array<[string, string]> = [['counties', 'counties.geojson'], ['townships', 'townships.geojson'], ['villages', 'villages.geojson'], ['figures', 'village-years.csv']];
  for (const [kind, file] of files) run('pnpm', ['data:import', path.join(dir, file), '--kind', kind, '--report', path.join(dir, `${file}.report.txt`)], env);
  return url;
}
