import { Migration } from '@mikro-orm/migrations';

/**
 * Area figures (township, county, prefecture per year) precomputed in
 * `area_year_figures` and kept equal to the village figures by triggers, in
 * the transaction of every write that can change them, whoever writes (API,
 * importer, seed, hand-written SQL; a restore brings the table with the rows
 * it was computed from). Reading a county choropleth at national scale then
 * reads ~2,900 stored rows instead of aggregating ~490,000 village-years.
 *
 * One computation: the view `area_year_figures_computed` is the only SQL that
 * turns village figures into area figures; the triggers (through
 * `area_year_figures_refresh`) read it for the area-years a statement touched,
 * the full rebuild reads all of it, and the strength rule it counts with is
 * `village_strength`, the same function `strengthSql` (spatial/rules-sql.ts)
 * calls everywhere else. To change the rule or a figure: change
 * domain/rules.ts, then in a new migration replace the function or view here
 * and `select area_year_figures_rebuild()`.
 */

/** The figures of an area-year: the columns of `area_year_figures` and of the view `area_year_figures_computed`, in this order. */
const FIGURES: Array<[column: string, type: string, aggregate: string]> = [
  ['villages', 'integer not null default 0', 'count(*)::int'],
  ['households', 'integer not null default 0', 'sum(households)::int'],
  ['rural_population', 'integer not null default 0', 'sum(rural_population)::int'],
  ['poor_households', 'integer not null default 0', 'sum(poor_households)::int'],
  ['poor_population', 'integer not null default 0', 'sum(poor_population)::int'],
  ['collective_income_total', 'float8 not null default 0', 'sum(collective_income)::float8'],
  ['collective_income_median', 'float8', 'percentile_cont(0.5) within group (order by collective_income)::float8'],
  ['party_members', 'integer not null default 0', 'sum(party_members)::int'],
  ['secretary_is_director_count', 'integer not null default 0', 'count(*) filter (where secretary_is_director)::int'],
  ['soft_lax_count', 'integer not null default 0', 'count(*) filter (where soft_lax)::int'],
  ['weak_count', 'integer not null default 0', `count(*) filter (where strength = 'WEAK')::int`],
  ['strong_count', 'integer not null default 0', `count(*) filter (where strength = 'STRONG')::int`],
  ['income_weak_count', 'integer not null default 0', 'count(*) filter (where collective_income < weak_income_below)::int'],
  ['income_target_met_count', 'integer not null default 0', 'count(*) filter (where collective_income >= target_income)::int'],
];

/** The village-year columns area figures are made of (an update touching none of them changes no area). */
const VILLAGE_YEAR_INPUTS = 'village_code, year, households, rural_population, poor_households, poor_population, collective_income, party_members, secretary_is_director, soft_lax, branch_rating';

/** `select … into lv, cd, yr` of the keys (level, code, year) a query `q` returns, in lock order (the primary key's). */
const collect = (q: string) =>
  `select array_agg(k.level order by k.level, k.code, k.year), array_agg(k.code order by k.level, k.code, k.year), array_agg(k.year order by k.level, k.code, k.year)
     into lv, cd, yr from (select distinct * from (${q}) q) k(level, code, year)`;

/** `a except b` both ways: the rows of a statement's transition tables whose listed columns changed. */
const changed = (columns: string) => `((select ${columns} from old_rows except select ${columns} from new_rows) union (select ${columns} from new_rows except select ${columns} from old_rows))`;

/** Years an area has stored figures for. */
const storedYears = (level: string, code: string) => `(select f.year from area_year_figures f where f.level = '${level}' and f.code = ${code})`;

function triggerFunction(name: string, body: string): string {
  return `
    create function ${name}() returns trigger language plpgsql as $$
    declare
      lv text[];
      cd text[];
      yr integer[];
    begin
      ${body}
      perform area_year_figures_touch(lv, cd, yr);
      return null;
    end $$;`;
}

export class Migration20261127000005_area_figures extends Migration {
  override async up(): Promise<void> {
    // The backfill of a national-scale database takes longer than the pool's statement timeout.
    this.addSql(`set local statement_timeout = 0;`);

    // The strength rule of domain/rules.ts classifyStrength (a village-year with its village and its prefecture's thresholds).
    // Inlined by the planner wherever it is called; strengthSql adds the "no figures, no strength" case.
    this.addSql(`
      create function village_strength(income numeric, soft_lax boolean, rating text, is_poor boolean, exited integer, yr integer, weak_below numeric, target numeric)
      returns text language sql immutable parallel safe as $$
        select case when income < weak_below or soft_lax or rating = 'LAGGING' or (is_poor and (exited is null or exited > yr)) then 'WEAK'
                    when income >= target and rating = 'ADVANCED' then 'STRONG'
                    else 'MIDDLE' end
      $$;`);

    // Triggers look areas up by code; choropleths and summaries read one level in one year (the second index).
    this.addSql(`
      create table area_year_figures (
        level text not null check (level in ('township', 'county', 'prefecture')),
        code varchar(12) not null,
        year integer not null,
        ${FIGURES.map(([column, type]) => `${column} ${type}`).join(',\n        ')},
        primary key (level, code, year)
      );`);
    this.addSql(`create index area_year_figures_level_year on area_year_figures (level, year);`);

    // Every village-year counts in its township, its county and its prefecture (thresholds from the prefecture row).
    // A filter on level, code and year is pushed down into the branches, so recomputing a few areas reads only their villages.
    const branch = (level: string, code: string) => `
      select '${level}'::text as level, ${code}::text as code, vy.year,
             vy.households, vy.rural_population, vy.poor_households, vy.poor_population, vy.collective_income, vy.party_members,
             vy.secretary_is_director, vy.soft_lax, p.weak_income_below, p.target_income,
             village_strength(vy.collective_income, vy.soft_lax, vy.branch_rating, v.is_poor_village, v.exited_year, vy.year, p.weak_income_below, p.target_income) as strength
        from village_year vy join village v on v.code = vy.village_code join township t on t.code = v.township_code
             join county c on c.code = t.county_code join prefecture p on p.code = c.prefecture_code`;
    this.addSql(`create view area_village_years as ${branch('township', 'v.township_code')} union all ${branch('county', 't.county_code')} union all ${branch('prefecture', 'c.prefecture_code')};`);
    this.addSql(`
      create view area_year_figures_computed as
        select level, code, year,
               ${FIGURES.map(([column, , aggregate]) => `${aggregate} as ${column}`).join(',\n               ')}
          from area_village_years
         group by level, code, year;`);

    // The area-years a change touches, with the county and prefecture (as they are now) above each township and county.
    this.addSql(`
      create function area_year_figures_expand(levels text[], codes text[], years integer[])
      returns table (level text, code text, year integer) language sql stable as $$
        with k as (select * from unnest(levels, codes, years) as k(level, code, year)),
        t as (select k.code, k.year from k where k.level = 'township'),
        c as (select k.code, k.year from k where k.level = 'county' union select tw.county_code, t.year from t join township tw on tw.code = t.code),
        p as (select k.code, k.year from k where k.level = 'prefecture' union select co.prefecture_code, c.year from c join county co on co.code = c.code)
        select 'township'::text, t.code, t.year from t union select 'county', c.code, c.year from c union select 'prefecture', p.code, p.year from p
      $$;`);

    // Recomputes the given area-years and every area above them (a township's county and prefecture), under row locks:
    // a concurrent writer of the same areas waits for this transaction and then recomputes from what it committed,
    // so the last writer never stores figures computed from a snapshot that missed the other's villages.
    const set = FIGURES.map(([column]) => `${column} = excluded.${column}`).join(', ');
    const level = (name: string, codes: string, years: string) =>
      `select f.* from area_year_figures_computed f where f.level = '${name}' and f.code = any(${codes}) and f.year = any(${years})`;
    // Planned for each call: a statement names a few areas, an import's flush maybe all of them. Sorting every
    // village-year for the medians of a national flush in memory rather than on disk takes a quarter off it.
    this.addSql(`
      create function area_year_figures_refresh(levels text[], codes text[], years integer[]) returns void
      language plpgsql set plan_cache_mode = force_custom_plan set work_mem = '64MB' as $$
      declare
        lv text[];
        cd text[];
        yr integer[];
        township_codes text[];
        township_years integer[];
        county_codes text[];
        county_years integer[];
        prefecture_codes text[];
        prefecture_years integer[];
      begin
        if coalesce(cardinality(levels), 0) = 0 then
          return;
        end if;
        ${collect('select * from area_year_figures_expand(levels, codes, years)')};
        insert into area_year_figures (level, code, year)
          select * from unnest(lv, cd, yr) order by 1, 2, 3
          on conflict do nothing;
        perform 1 from area_year_figures f join unnest(lv, cd, yr) as k(level, code, year) on f.level = k.level and f.code = k.code and f.year = k.year
          order by f.level, f.code, f.year for update of f;
        -- plain arrays (not subqueries), so that the view's branches are filtered before they join and group
        select array_agg(distinct k.code) filter (where k.level = 'township'), array_agg(distinct k.year) filter (where k.level = 'township'),
               array_agg(distinct k.code) filter (where k.level = 'county'), array_agg(distinct k.year) filter (where k.level = 'county'),
               array_agg(distinct k.code) filter (where k.level = 'prefecture'), array_agg(distinct k.year) filter (where k.level = 'prefecture')
          into township_codes, township_years, county_codes, county_years, prefecture_codes, prefecture_years
          from unnest(lv, cd, yr) as k(level, code, year);
        with k as (select * from unnest(lv, cd, yr) as k(level, code, year)),
        fresh as (
          ${level('township', 'township_codes', 'township_years')}
          union all ${level('county', 'county_codes', 'county_years')}
          union all ${level('prefecture', 'prefecture_codes', 'prefecture_years')}
        ),
        mine as (select f.* from fresh f join k on k.level = f.level and k.code = f.code and k.year = f.year),
        up as (insert into area_year_figures select * from mine
                 on conflict (level, code, year) do update set ${set}
                 where (${FIGURES.map(([column]) => `area_year_figures.${column}`).join(', ')}) is distinct from (${FIGURES.map(([column]) => `excluded.${column}`).join(', ')})),
        gone as (select level, code, year from k except select level, code, year from mine)
        delete from area_year_figures f using gone where f.level = gone.level and f.code = gone.code and f.year = gone.year;
      end $$;`);

    this.addSql(`
      create function area_year_figures_rebuild() returns void language plpgsql set work_mem = '64MB' as $$
      begin
        lock table area_year_figures in exclusive mode;
        delete from area_year_figures;
        insert into area_year_figures select * from area_year_figures_computed;
      end $$;`);

    // Bulk loads: a transaction that sets lingyan.area_figures = 'deferred' (the importer does) collects the area-years
    // its statements touch and recomputes them once, when it calls area_year_figures_flush() or at the latest at commit
    // (the deferred constraint trigger), instead of recomputing a prefecture after every batch of 500 rows. Other
    // transactions never see the difference: they see its rows and its area figures at its commit, together.
    this.addSql(`create table area_year_figures_pending (level text not null, code text not null, year integer not null, primary key (level, code, year));`);
    this.addSql(`create table area_year_figures_flush_due (xact bigint primary key);`);
    this.addSql(`
      create function area_year_figures_touch(levels text[], codes text[], years integer[]) returns void language plpgsql as $$
      begin
        if coalesce(cardinality(levels), 0) = 0 then
          return;
        end if;
        if current_setting('lingyan.area_figures', true) = 'deferred' then
          insert into area_year_figures_pending select * from unnest(levels, codes, years) on conflict do nothing;
          insert into area_year_figures_flush_due values (txid_current()) on conflict do nothing;
        else
          perform area_year_figures_refresh(levels, codes, years);
        end if;
      end $$;`);
    this.addSql(`
      create function area_year_figures_flush() returns void language plpgsql as $$
      declare
        lv text[];
        cd text[];
        yr integer[];
      begin
        with gone as (delete from area_year_figures_pending returning level, code, year)
        select array_agg(level), array_agg(code), array_agg(year) into lv, cd, yr from gone;
        delete from area_year_figures_flush_due where xact = txid_current();
        perform area_year_figures_refresh(lv, cd, yr);
      end $$;`);
    this.addSql(`create function area_year_figures_flush_at_commit() returns trigger language plpgsql as $$ begin perform area_year_figures_flush(); return null; end $$;`);
    this.addSql(`
      create constraint trigger area_year_figures_flush_at_commit after insert on area_year_figures_flush_due
        deferrable initially deferred for each row execute function area_year_figures_flush_at_commit();`);

    // Statement-level triggers with transition tables: one recomputation per statement (an import batch), of the
    // area-years its rows touch. A village-year whose village went in the same statement (a cascade) is found by the
    // village's own trigger; an area's stored years stand for the years of the rows that left it.
    this.addSql(
      triggerFunction(
        'area_year_figures_village_year_changed',
        `if tg_op = 'INSERT' then
          ${collect(`select 'township'::text, v.township_code, r.year from new_rows r join village v on v.code = r.village_code`)};
        elsif tg_op = 'UPDATE' then
          ${collect(`select 'township'::text, v.township_code, r.year from ${changed(VILLAGE_YEAR_INPUTS)} r join village v on v.code = r.village_code`)};
        else
          ${collect(`select 'township'::text, v.township_code, r.year from old_rows r join village v on v.code = r.village_code`)};
        end if;`,
      ),
    );
    const villageYears = (rows: string) =>
      collect(`select 'township'::text, r.township_code, y.year
                 from ${rows} r cross join lateral (select vy.year from village_year vy where vy.village_code = r.code union ${storedYears('township', 'r.township_code')}) y`);
    this.addSql(
      triggerFunction(
        'area_year_figures_village_changed',
        `if tg_op = 'UPDATE' then
          ${villageYears(changed('code, township_code, is_poor_village, exited_year'))};
        else
          ${villageYears('old_rows')};
        end if;`,
      ),
    );
    // A township or county renamed or put under another parent: the area itself, and its old and new parent, for every
    // year either has figures in.
    const moved = (level: string, parent: string, up: string) =>
      `${collect(`select '${level}'::text, r.code, y.year from ${changed(`code, ${parent}`)} r cross join lateral ${storedYears(level, 'r.code')} y
           union all
           select '${up}', r.${parent}, y.year from ${changed(`code, ${parent}`)} r
             cross join lateral (${storedYears(level, 'r.code')} union ${storedYears(up, `r.${parent}`)}) y`)};`;
    this.addSql(triggerFunction('area_year_figures_township_changed', moved('township', 'county_code', 'county')));
    this.addSql(triggerFunction('area_year_figures_county_changed', moved('county', 'prefecture_code', 'prefecture')));
    // New thresholds change weak and strong counts and income bands in every area of the prefecture.
    this.addSql(
      triggerFunction(
        'area_year_figures_prefecture_changed',
        `${collect(`select 'township'::text, f.code, f.year
             from ${changed('code, weak_income_below, target_income')} r
             join county c on c.prefecture_code = r.code join township t on t.county_code = c.code
             join area_year_figures f on f.level = 'township' and f.code = t.code`)};`,
      ),
    );
    this.addSql(`create function area_year_figures_truncated() returns trigger language plpgsql as $$ begin delete from area_year_figures; return null; end $$;`);

    for (const [table, events] of [
      ['village_year', ['insert', 'update', 'delete']],
      ['village', ['update', 'delete']],
      ['township', ['update']],
      ['county', ['update']],
      ['prefecture', ['update']],
    ] as const) {
      for (const event of events) {
        const transition = event === 'insert' ? 'new table as new_rows' : event === 'delete' ? 'old table as old_rows' : 'old table as old_rows new table as new_rows';
        this.addSql(`
          create trigger area_year_figures_${event} after ${event} on ${table}
            referencing ${transition}
            for each statement execute function area_year_figures_${table}_changed();`);
      }
    }
    for (const table of ['village_year', 'village']) {
      this.addSql(`create trigger area_year_figures_truncate after truncate on ${table} for each statement execute function area_year_figures_truncated();`);
    }

    this.addSql(`select area_year_figures_rebuild();`);
    this.addSql(`analyze area_year_figures;`);
  }
}
