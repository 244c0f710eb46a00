/**
 * How statements with values reach the database (server/src/db/bound-statements.ts):
 * on PostgreSQL as bound parameters of a statement prepared once per
 * connection; on the embedded database (PGlite, one session for every
 * connection) as the ORM's one text. Either way the same rows, the same
 * statement text for the hook, the transaction kept, and a failed statement
 * leaving its connection usable.
 */
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDatabase, type Database } from '../../server/src/db/database.js';
import { loadConfig } from '../../server/src/config/config.js';
import { query, sql } from '../../server/src/spatial/sql.js';
import { databaseUrl } from '../support/db.js';

const postgres = inject('databaseMode') === 'postgres';

/** The named statements of the session `em`'s transaction runs on. */
const preparedHere = (em: EntityManager) => em.execute<Array<{ name: string; statement: string }>>(`select name, statement from pg_prepared_statements where name like 'lingyan%' order by name`);

describe('statements with values', () => {
  let db: Database;
  let orm: MikroORM;
  const seen: string[] = [];

  beforeAll(async () => {
    // The hub's own way in: it decides from the server whether statements are bound.
    db = await openDatabase({ ...loadConfig({}), databaseUrl: databaseUrl(), seedDemo: false, poolSize: 2 }, (s) => seen.push(s));
    orm = db.orm;
  }, 60_000);
  afterAll(async () => {
    await db?.close();
  });

  it(postgres ? 'are prepared once per connection under a name, values apart from the text' : 'are sent as one text on the embedded database, nothing prepared', async () => {
    const [first] = (await query<{ code: string }>(orm.em.fork(), sql`select code from village order by code limit 1`));
    const read = sql`select code, name from village where code >= ${first!.code} and length(name) > ${0} order by code limit ${3}`;
    const { rows, prepared } = await orm.em.fork().transactional(async (tx) => {
      const once = await query<{ code: string }>(tx, read);
      const twice = await query<{ code: string }>(tx, read);
      expect(twice).toEqual(once);
      return { rows: once, prepared: await preparedHere(tx) };
    });
    expect(rows).toHaveLength(3);
    expect(rows[0]!.code).toBe(first!.code);
    const mine = prepared.filter((p) => p.statement.includes('length(name) >'));
    if (postgres) {
      // One statement for the two runs, with placeholders, and none of the values in its text.
      expect(mine).toHaveLength(1);
      expect(mine[0]!.statement).toContain('code >= $1 and length(name) > $2 order by code limit $3');
      expect(mine[0]!.statement).not.toContain(first!.code);
    } else {
      expect(prepared).toEqual([]);
    }
    // The statement hook hears the text with its placeholders in both modes, as before.
    expect(seen.some((s) => s.includes('code >= $1 and length(name) > $2 order by code limit $3'))).toBe(true);
  });

  it('give values back with their types: numbers, text, booleans, nulls, dates', async () => {
    const at = new Date('2024-01-02T03:04:05.678Z');
    const [row] = await query<{ n: number; t: string; b: boolean; z: null; d: string; u: null; big: string }>(
      orm.em.fork(),
      sql`select ${5}::int + 1 as n, ${'领雁 \'quoted\' $1 ?'}::text as t, ${true}::boolean as b, ${null}::int as z, ${at}::timestamptz as d, ${undefined}::text as u, ${2 ** 53}::bigint as big`,
    );
    // The ORM reads timestamps as PostgreSQL's text.
    expect({ ...row, d: new Date(row!.d).toISOString() }).toEqual({ n: 6, t: "领雁 'quoted' $1 ?", b: true, z: null, d: at.toISOString(), u: null, big: String(2 ** 53) });
  });

  it('run inside the transaction they are given', async () => {
    const em = orm.em.fork();
    const inside = await em.transactional(async (tx) => {
      await tx.execute(`select set_config('lingyan.probe', 'in the transaction', true)`);
      return query<{ v: string }>(tx, sql`select current_setting(${'lingyan.probe'}, true) as v`);
    });
    expect(inside).toEqual([{ v: 'in the transaction' }]);
    // Transaction-local: gone after it, on whichever connection.
    expect(await query<{ v: string | null }>(em, sql`select nullif(current_setting(${'lingyan.probe'}, true), '') as v`)).toEqual([{ v: null }]);
  });

  it('fail with the database\'s error and leave the connection usable for the same statement', async () => {
    const em = orm.em.fork();
    const cast = (value: string) => sql`select ${value}::int as n`;
    await em.transactional(async (tx) => {
      // Planned, then refused at its values: the name stays prepared on this connection, and is used again.
      await expect(query(tx, cast('abc'))).rejects.toThrow(/invalid input syntax for type integer: "abc"/);
    }).catch((error: unknown) => expect(String(error)).toMatch(/invalid input syntax/));
    await expect(query(em, cast('x1'))).rejects.toThrow(/invalid input syntax for type integer: "x1"/);
    expect(await query(em, cast('42'))).toEqual([{ n: 42 }]);
    expect(await query(em, cast('43'))).toEqual([{ n: 43 }]);
  });

  it('write a list given as an array as the ORM does (in (a, b)), not as one array value', async () => {
    const codes = (await query<{ code: string }>(orm.em.fork(), sql`select code from village order by code limit ${2}`)).map((r) => r.code);
    const found = await orm.em.fork().execute<Array<{ n: string }>>(`select count(*) as n from village where code in (?)`, [codes]);
    expect(Number(found[0]!.n)).toBe(2);
  });
});
