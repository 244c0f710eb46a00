/** Database helpers for tests: the run's shared database, through the real ORM and through plain `pg`. */
import { inject } from 'vitest';
import pg from 'pg';
import { initORM } from '../../server/src/db/orm.js';

export function databaseUrl(): string {
  return inject('databaseUrl');
}

/** A MikroORM instance on the run's database; close it in afterAll. */
export function testOrm() {
  return initORM({ url: databaseUrl(), poolSize: 2, statementTimeoutMs: 30_000 });
}

/** Plain SQL, for computing expected values independently of the code under test. */
export async function sql<T extends pg.QueryResultRow = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrl() });
  await client.connect();
  try {
    return (await client.query<T>(text, params)).rows;
  } finally {
    await client.end();
  }
}

/** One string for the rows of every query (each hashed in its rows' text order): equal strings, equal rows. */
export async function fingerprint(queries: string[]): Promise<string> {
  const parts = queries.map((q) => `(select md5(coalesce(string_agg(t::text, ',' order by t::text), '')) from (${q}) t)`);
  const [row] = await sql<{ s: string }>(`select concat_ws('|', ${parts.join(', ')}) as s`);
  return row!.s;
}
