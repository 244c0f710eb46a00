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

/** A village's figures of one year as `upsertVillageYear` takes them (the current version included), from its village_year row. */
export async function villageYearInput(villageCode: string, year: number) {
  const [r] = await sql<Record<string, number | string | boolean>>(`select * from village_year where village_code = $1 and year = $2`, [villageCode, year]);
  if (!r) throw new Error(`village ${villageCode} has no figures in ${year}`);
  return {
    villageCode,
    year,
    version: Number(r.version),
    households: Number(r.households),
    ruralPopulation: Number(r.rural_population),
    poorHouseholds: Number(r.poor_households),
    poorPopulation: Number(r.poor_population),
    collectiveIncome: Number(r.collective_income),
    partyMembers: Number(r.party_members),
    memberPairings: Number(r.member_pairings),
    secretaryIsDirector: Boolean(r.secretary_is_director),
    softLax: Boolean(r.soft_lax),
    branchRating: String(r.branch_rating),
  };
}
