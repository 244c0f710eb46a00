import { Migration } from '@mikro-orm/migrations';

/**
 * The speech's management loop (docs/domain.md, "考核 · 督查整改 ·
 * 预警"): causes of poverty, project progress, funds committed, inspections
 * and their findings, assessment schemes and warning settings. Counts only:
 * no household or cadre is named.
 *
 * A finding's status is not stored: RECTIFIED when it has a rectification
 * date, OVERDUE when it is open past its deadline on the day asked about,
 * OPEN otherwise (domain rule findingStatus and its SQL twin).
 */
export class Migration20261206000009_management_loop extends Migration {
  override async up(): Promise<void> {
    // 致贫原因: a village's poor households by main cause, per year.
    this.addSql(`
      create table village_poverty_cause (
        id serial primary key,
        village_code varchar(12) not null references village (code) on update cascade on delete cascade,
        year integer not null check (year between 2000 and 2100),
        cause text not null check (cause in (
          'ILLNESS', 'DISABILITY', 'SCHOOLING', 'DISASTER', 'LACK_OF_LAND', 'LACK_OF_WATER',
          'LACK_OF_SKILLS', 'LACK_OF_LABOUR', 'LACK_OF_FUNDS', 'POOR_TRANSPORT', 'LACK_OF_DRIVE')),
        households integer not null check (households >= 0),
        constraint village_poverty_cause_unique unique (village_code, year, cause)
      );`);
    this.addSql(`create index village_poverty_cause_year on village_poverty_cause (year);`);
    // Live updates and caches learn of a write (as Migration20261127000006 does for the older tables).
    this.addSql(`create trigger village_poverty_cause_notify_change after insert or update or delete or truncate on village_poverty_cause
      for each statement execute function lingyan_notify_change();`);

    // 项目进度: a project's year — stage, funds planned and delivered by source, jobs, dividends, share capital.
    const sources = ['fiscal', 'assisting', 'collective', 'enterprise', 'other'];
    const money = (name: string) => `${name} numeric(12,2) not null default 0 check (${name} >= 0)`;
    this.addSql(`
      create table project_year (
        id serial primary key,
        version integer not null default 1,
        project_id integer not null references industry_project (id) on delete cascade,
        year integer not null check (year between 2000 and 2100),
        stage text not null check (stage in ('PLANNED', 'BUILDING', 'OPERATING', 'EFFECTIVE')),
        ${sources.map((s) => money(`planned_${s}`)).join(',\n        ')},
        ${sources.map((s) => money(`delivered_${s}`)).join(',\n        ')},
        jobs integer not null default 0 check (jobs >= 0),
        dividend_households integer not null default 0 check (dividend_households >= 0),
        ${money('dividends_poor')},
        ${money('share_capital_poor')},
        constraint project_year_unique unique (project_id, year)
      );`);
    this.addSql(`create trigger project_year_notify_change after insert or update or delete or truncate on project_year
      for each statement execute function lingyan_notify_change();`);

    // 帮扶资金承诺: what an assisting unit committed for a village in a year, beside what it delivered (amount).
    this.addSql(`alter table assignment_fund add column committed numeric(12,2) check (committed >= 0);`);

    // 督查: a visit to a county, township or village (branch); the county is always named, for planners' rights.
    this.addSql(`
      create table inspection (
        id serial primary key,
        version integer not null default 1,
        inspected_on date not null check (inspected_on between date '2000-01-01' and date '2100-12-31'),
        inspecting_unit text not null check (length(inspecting_unit) > 0),
        county_code varchar(12) not null references county (code) on update cascade,
        township_code varchar(12) references township (code) on update cascade,
        village_code varchar(12) references village (code) on update cascade,
        note text,
        constraint inspection_township_in_county check (township_code is null or left(township_code, 6) = left(county_code, 6)),
        constraint inspection_village_in_township check (
          village_code is null or (township_code is not null and left(village_code, 9) = left(township_code, 9)))
      );`);
    // 问题 / 整改: what a visit found, who must rectify it, by when, and when it was.
    this.addSql(`
      create table finding (
        id serial primary key,
        version integer not null default 1,
        inspection_id integer not null references inspection (id) on delete cascade,
        category text not null check (category in ('PARTY_BUILDING', 'FUNDS', 'PROJECTS', 'ASSISTANCE', 'POLICY', 'CONDUCT')),
        description text not null check (length(description) > 0),
        responsible_unit text not null check (length(responsible_unit) > 0),
        deadline date not null,
        rectified_on date,
        evidence text
      );`);
    // The twin of findingStatus (server/src/domain/inspection/finding-status.ts); a rectification dated after as_of has not happened yet.
    this.addSql(`
      create function finding_status(deadline date, rectified_on date, as_of date) returns text
      language sql immutable parallel safe as $$
        select case
          when rectified_on is not null and rectified_on <= as_of then 'RECTIFIED'
          when deadline < as_of then 'OVERDUE'
          else 'OPEN'
        end
      $$;`);
    this.addSql(`create index inspection_county_code_idx on inspection (county_code);`);
    this.addSql(`create index inspection_township_code_idx on inspection (township_code);`);
    this.addSql(`create index inspection_village_code_idx on inspection (village_code);`);
    this.addSql(`create index finding_inspection_id_idx on finding (inspection_id);`);
    // Writes to visits and findings announce themselves like every domain table's (migration 000006): caches and live maps follow.
    for (const table of ['inspection', 'finding']) {
      this.addSql(`create trigger ${table}_notify_change after insert or update or delete or truncate on ${table}
        for each statement execute function lingyan_notify_change();`);
    }

    // 考核办法: one scheme per year; indicators and grade bands are validated by the domain before a write.
    this.addSql(`
      create table assessment_scheme (
        id serial primary key,
        version integer not null default 1,
        year integer not null unique check (year between 2000 and 2100),
        name text not null check (length(name) > 0),
        indicators jsonb not null,
        grade_bands jsonb not null,
        updated_at timestamptz not null default now()
      );`);
    this.addSql(`create trigger assessment_scheme_notify_change after insert or update or delete or truncate on assessment_scheme
      for each statement execute function lingyan_notify_change();`);

    // 预警: the prefecture's thresholds for the warning rules; null uses the defaults.
    this.addSql(`alter table prefecture add column warning_settings jsonb;`);
  }
}
