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
