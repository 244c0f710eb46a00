import { Migration } from '@mikro-orm/migrations';

/**
 * The domain tables of docs/domain.md. Constraints encode the rules
 * the database can check on its own (codes, hierarchy prefixes, non-negative
 * counts, poor ≤ population, no self-pairing, one active pairing per pair);
 * rules that need other rows' figures (e.g. "the helper is strong") live in
 * server/src/domain and run before writes.
 */
export class Migration20261126000001_domain extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create extension if not exists postgis;`);

    this.addSql(`
      create table prefecture (
        code varchar(12) primary key check (code ~ '^[0-9]{12}$'),
        name text not null check (length(name) > 0),
        name_en text not null,
        boundary geometry(MultiPolygon, 4326) not null,
        village_exit_incidence numeric(5,2) not null default 3 check (village_exit_incidence between 0 and 100),
        county_exit_incidence numeric(5,2) not null default 3 check (county_exit_incidence between 0 and 100),
        weak_income_below numeric(12,2) not null default 5 check (weak_income_below >= 0),
        target_income numeric(12,2) not null default 10,
        target_year integer not null default 2025 check (target_year between 2000 and 2100),
        member_pairing_min integer not null default 1 check (member_pairing_min >= 0),
        constraint prefecture_target_above_weak check (target_income >= weak_income_below)
      );`);

    this.addSql(`
      create table county (
        code varchar(12) primary key check (code ~ '^[0-9]{6}000000$'),
        prefecture_code varchar(12) not null references prefecture (code) on update cascade,
        name text not null check (length(name) > 0),
        name_en text not null,
        kind text not null check (kind in ('BANNER', 'COUNTY', 'DISTRICT')),
        key_poor_county boolean not null default false,
        exited_year integer check (exited_year between 2000 and 2100),
        boundary geometry(MultiPolygon, 4326) not null,
        constraint county_code_in_prefecture check (left(code, 4) = left(prefecture_code, 4))
      );`);

    this.addSql(`
      create table township (
        code varchar(12) primary key check (code ~ '^[0-9]{9}000$'),
        county_code varchar(12) not null references county (code) on update cascade,
        name text not null check (length(name) > 0),
        name_en text not null,
        kind text not null check (kind in ('SUMU', 'TOWNSHIP', 'TOWN')),
        boundary geometry(MultiPolygon, 4326) not null,
        constraint township_code_in_county check (left(code, 6) = left(county_code, 6))
      );`);

    this.addSql(`
      create table organisation (
        id serial primary key,
        name text not null check (length(name) > 0),
        kind text not null check (kind in ('COOPERATIVE', 'PLATFORM_COMPANY', 'ENTERPRISE')),
        village_code varchar(12),
        led_by_branch boolean not null default false,
        founded_year integer not null check (founded_year between 1949 and 2100),
        member_households integer not null default 0 check (member_households >= 0),
        poor_member_households integer not null default 0 check (poor_member_households >= 0),
        constraint organisation_poor_within_members check (poor_member_households <= member_households)
      );`);

    this.addSql(`
      create table village (
        code varchar(12) primary key check (code ~ '^[0-9]{12}$' and right(code, 3) <> '000'),
        township_code varchar(12) not null references township (code) on update cascade,
        name text not null check (length(name) > 0),
        name_en text not null,
        kind text not null check (kind in ('GACHA', 'VILLAGE')),
        location geometry(Point, 4326) not null,
        is_poor_village boolean not null default false,
        exited_year integer check (exited_year between 2000 and 2100),
        branch_name text not null,
        branch_focus text check (branch_focus in ('FARMING_HERDING', 'TOURISM', 'SPECIALTY_INDUSTRY', 'E_COMMERCE')),
        branch_governance15 boolean not null default false,
        alliance_id integer,
        constraint village_code_in_township check (left(code, 9) = left(township_code, 9)),
        constraint village_exit_needs_poor check (exited_year is null or is_poor_village)
      );`);

    this.addSql(`alter table organisation add constraint organisation_village_fk foreign key (village_code) references village (code) on update cascade;`);

    this.addSql(`
      create table alliance (
        id serial primary key,
        name text not null check (length(name) > 0),
        centre_code varchar(12) not null references village (code) on update cascade,
        platform_company_id integer references organisation (id),
        founded_year integer not null check (founded_year between 1949 and 2100)
      );`);
    this.addSql(`alter table village add constraint village_alliance_fk foreign key (alliance_id) references alliance (id) on delete set null;`);

    this.addSql(`
      create table village_year (
        id serial primary key,
        village_code varchar(12) not null references village (code) on update cascade on delete cascade,
        year integer not null check (year between 2000 and 2100),
        households integer not null check (households >= 0),
        rural_population integer not null check (rural_population >= 0),
        poor_households integer not null check (poor_households >= 0),
        poor_population integer not null check (poor_population >= 0),
        collective_income numeric(12,2) not null check (collective_income >= 0),
        party_members integer not null check (party_members >= 0),
        member_pairings integer not null check (member_pairings >= 0),
        secretary_is_director boolean not null,
        soft_lax boolean not null,
        branch_rating text not null check (branch_rating in ('ADVANCED', 'MIDDLE', 'LAGGING')),
        constraint village_year_unique unique (village_code, year),
        constraint village_year_poor_within_population check (poor_population <= rural_population),
        constraint village_year_poor_households_within check (poor_households <= households),
        constraint village_year_poor_households_within_poor check (poor_households <= poor_population)
      );`);

    this.addSql(`
      create table industry_project (
        id serial primary key,
        name text not null check (length(name) > 0),
        type text not null check (type in ('VEGETABLES', 'POTATOES', 'EDIBLE_FUNGI', 'RURAL_TOURISM', 'E_COMMERCE', 'LIVESTOCK', 'DAIRY', 'PROCESSING', 'PHOTOVOLTAIC')),
        village_code varchar(12) not null references village (code) on update cascade,
        operator_id integer references organisation (id),
        location geometry(Point, 4326) not null,
        start_year integer not null check (start_year between 1949 and 2100),
        end_year integer,
        investment_total numeric(12,2) not null check (investment_total >= 0),
        investment_fiscal numeric(12,2) not null default 0 check (investment_fiscal >= 0),
        investment_assisting numeric(12,2) not null default 0 check (investment_assisting >= 0),
        investment_collective numeric(12,2) not null default 0 check (investment_collective >= 0),
        investment_enterprise numeric(12,2) not null default 0 check (investment_enterprise >= 0),
        investment_other numeric(12,2) not null default 0 check (investment_other >= 0),
        beneficiary_households integer not null default 0 check (beneficiary_households >= 0),
        beneficiary_poor_households integer not null default 0 check (beneficiary_poor_households >= 0),
        constraint industry_project_split_adds_up check (
          investment_fiscal + investment_assisting + investment_collective + investment_enterprise + investment_other = investment_total),
        constraint industry_project_poor_within check (beneficiary_poor_households <= beneficiary_households),
        constraint industry_project_years check (end_year is null or end_year >= start_year)
      );`);

    this.addSql(`
      create table pairing (
        id serial primary key,
        kind text not null check (kind in ('STRONG_HELPS_WEAK', 'CENTRE_RADIATES', 'ENTERPRISE_VILLAGE')),
        helper_village_code varchar(12) references village (code) on update cascade,
        helper_organisation_id integer references organisation (id),
        helped_village_code varchar(12) not null references village (code) on update cascade,
        start_year integer not null check (start_year between 1949 and 2100),
        end_year integer,
        constraint pairing_one_helper check ((helper_village_code is null) <> (helper_organisation_id is null)),
        constraint pairing_no_self check (helper_village_code is distinct from helped_village_code),
        constraint pairing_enterprise_kind check ((kind = 'ENTERPRISE_VILLAGE') = (helper_organisation_id is not null)),
        constraint pairing_years check (end_year is null or end_year >= start_year)
      );`);
    this.addSql(`create unique index pairing_one_active_village on pairing (helper_village_code, helped_village_code) where end_year is null and helper_village_code is not null;`);
    this.addSql(`create unique index pairing_one_active_organisation on pairing (helper_organisation_id, helped_village_code) where end_year is null and helper_organisation_id is not null;`);

    this.addSql(`
      create table assisting_unit (
        id serial primary key,
        name text not null check (length(name) > 0),
        kind text not null check (kind in ('GOVERNMENT', 'ENTERPRISE', 'INSTITUTION'))
      );`);

    this.addSql(`
      create table assignment (
        id serial primary key,
        unit_id integer not null references assisting_unit (id),
        village_code varchar(12) not null references village (code) on update cascade,
        start_year integer not null check (start_year between 1949 and 2100),
        end_year integer,
        constraint assignment_years check (end_year is null or end_year >= start_year)
      );`);

    this.addSql(`
      create table assignment_fund (
        id serial primary key,
        assignment_id integer not null references assignment (id) on delete cascade,
        year integer not null check (year between 2000 and 2100),
        amount numeric(12,2) not null check (amount >= 0),
        constraint assignment_fund_unique unique (assignment_id, year)
      );`);

    this.addSql(`
      create table work_team (
        id serial primary key,
        village_code varchar(12) not null references village (code) on update cascade,
        dispatching_unit_id integer not null references assisting_unit (id),
        members integer not null check (members >= 2),
        start_year integer not null check (start_year between 1949 and 2100),
        end_year integer,
        constraint work_team_years check (end_year is null or end_year >= start_year)
      );`);

    // GiST on every geometry, b-tree on every foreign key.
    for (const [table, column] of [
      ['prefecture', 'boundary'],
      ['county', 'boundary'],
      ['township', 'boundary'],
      ['village', 'location'],
      ['industry_project', 'location'],
    ]) {
      this.addSql(`create index ${table}_${column}_gist on ${table} using gist (${column});`);
    }
    for (const [table, column] of [
      ['county', 'prefecture_code'],
      ['township', 'county_code'],
      ['village', 'township_code'],
      ['village', 'alliance_id'],
      ['organisation', 'village_code'],
      ['alliance', 'centre_code'],
      ['alliance', 'platform_company_id'],
      ['industry_project', 'village_code'],
      ['industry_project', 'operator_id'],
      ['pairing', 'helper_village_code'],
      ['pairing', 'helper_organisation_id'],
      ['pairing', 'helped_village_code'],
      ['assignment', 'unit_id'],
      ['assignment', 'village_code'],
      ['work_team', 'village_code'],
      ['work_team', 'dispatching_unit_id'],
    ]) {
      this.addSql(`create index ${table}_${column}_idx on ${table} (${column});`);
    }
    // village_year (village_code, year) and assignment_fund (assignment_id, year) are covered by their unique indexes.
  }
}
