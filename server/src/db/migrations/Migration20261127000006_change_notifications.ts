import { Migration } from '@mikro-orm/migrations';

/**
 * Every write to a domain table announces itself: one
 * `pg_notify('lingyan_changes', <table>)` per statement (PostgreSQL folds
 * equal notifications of one transaction into one and delivers them at
 * commit), so each replica's caches learn what became stale, whoever wrote
 * it (another replica, an import, psql). See server/src/db/changes.ts.
 * Statement level, not row level: a bulk import costs one notification per
 * statement, not one per row. The channel name is spelled out here, not
 * imported, so this migration stays what it was when it ran.
 */
const TABLES = [
  'prefecture',
  'county',
  'township',
  'village',
  'village_year',
  'organisation',
  'alliance',
  'industry_project',
  'pairing',
  'assisting_unit',
  'assignment',
  'assignment_fund',
  'work_team',
];

export class Migration20261127000006_change_notifications extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create function lingyan_notify_change() returns trigger language plpgsql as $$
      begin
        perform pg_notify('lingyan_changes', tg_table_name);
        return null;
      end $$;`);
    for (const table of TABLES) {
      this.addSql(`create trigger ${table}_notify_change after insert or update or delete or truncate on ${table}
        for each statement execute function lingyan_notify_change();`);
    }
  }
}
