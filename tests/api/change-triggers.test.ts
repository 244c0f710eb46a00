/**
 * Every table whose rows an answer can show announces its writes (the
 * statement trigger of migration 000006 calling lingyan_notify_change), or
 * the answer cache, the tile cache and live updates keep serving what it was
 * before. A new table without the trigger fails here, unless it is named
 * below with the reason no answer reads it.
 */
import { describe, expect, it } from 'vitest';
import { sql } from '../support/db.js';

/** Tables that need no announcement, and why. */
const SILENT: Record<string, string> = {
  mikro_orm_migrations: 'the migrator’s own ledger; no answer reads it',
  audit_entry: 'written beside the change it records, which announces itself; audit answers are never cached',
  area_year_figures: 'kept by triggers on the tables it sums (village_year, village, township, county, prefecture), which announce themselves',
  area_year_figures_pending: 'bookkeeping of a deferred recomputation within one transaction; no answer reads it',
  area_year_figures_flush_due: 'bookkeeping of a deferred recomputation within one transaction; no answer reads it',
};

describe('change notifications', () => {
  it('every table of the schema announces its writes, save the named few', async () => {
    const rows = await sql<{ table: string; notifies: boolean }>(
      `select c.relname as table,
              exists (select 1 from pg_trigger t join pg_proc p on p.oid = t.tgfoid
                       where t.tgrelid = c.oid and p.proname = 'lingyan_notify_change' and not t.tgisinternal) as notifies
         from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind in ('r', 'p') and c.relname not like 'spatial_ref_sys'
        order by 1`,
    );
    expect(rows.length).toBeGreaterThan(10);
    const silent = rows.filter((r) => !r.notifies).map((r) => r.table);
    expect(silent).toEqual(Object.keys(SILENT).filter((t) => rows.some((r) => r.table === t)).sort());
  });

  it('the trigger announces at statement level, for every kind of write', async () => {
    const rows = await sql<{ table: string; type: number }>(
      `select c.relname as table, t.tgtype as type from pg_trigger t join pg_class c on c.oid = t.tgrelid join pg_proc p on p.oid = t.tgfoid
        where p.proname = 'lingyan_notify_change' and not t.tgisinternal`,
    );
    // tgtype bits: 1 row-level, 4 insert, 8 delete, 16 update, 32 truncate (pg_trigger.h)
    for (const r of rows) expect({ table: r.table, rowLevel: (r.type & 1) === 1, events: r.type & (4 | 8 | 16 | 32) }).toEqual({ table: r.table, rowLevel: false, events: 4 | 8 | 16 | 32 });
  });
});
