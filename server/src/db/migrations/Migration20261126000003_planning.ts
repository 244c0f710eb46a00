import { Migration } from '@mikro-orm/migrations';

/**
 * Planning: a `version` on every row planners edit (optimistic concurrency:
 * a stale version is refused, never silently overwritten), and the audit
 * trail written in the same transaction as each change.
 */
export class Migration20261126000003_planning extends Migration {
  override async up(): Promise<void> {
    for (const table of ['pairing', 'alliance', 'village_year', 'industry_project', 'assignment']) {
      this.addSql(`alter table ${table} add column version integer not null default 1 check (version >= 1);`);
    }
    this.addSql(`
      create table audit_entry (
        id bigserial primary key,
        at timestamptz not null default now(),
        subject text not null,
        role text not null check (role in ('viewer', 'analyst', 'planner', 'admin')),
        action text not null,
        entity text not null,
        entity_id text not null,
        county_code varchar(12),
        before jsonb,
        after jsonb
      );`);
    this.addSql(`create index audit_entry_at_idx on audit_entry (at desc);`);
    this.addSql(`create index audit_entry_entity_idx on audit_entry (entity, entity_id);`);
    this.addSql(`create index audit_entry_county_idx on audit_entry (county_code);`);
  }
}
