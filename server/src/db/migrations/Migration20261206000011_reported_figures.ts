import { Migration } from '@mikro-orm/migrations';

/**
 * Figures at every level (报送): the figures a bureau reports for a county or
 * a township itself, kept beside the figures the database sums from the
 * area's villages (由村汇总, area_year_figures), never mixed into them.
 *
 * One rule, one place: `figure_source(setting, has_reported, has_villages)`
 * decides which of the two an area-year uses, and the view
 * `area_figures_chosen` is the only SQL that applies it. Everything that
 * shows area figures (choropleth, KPIs, trends) reads that view, each row
 * with its `source` ('REPORTED' or 'FROM_VILLAGES').
 *
 * - The prefecture's setting `figure_source`: REPORTED_FIRST (default: a
 *   reported row wins where there is one) or VILLAGES_FIRST (the sum of the
 *   villages wins where the area has village figures). Either way an area
 *   with only one of the two uses that one, so a region with county figures
 *   only gets a map. The demo has no reported rows: its figures do not move.
 * - A reported row carries poor and rural population (required), and may
 *   carry households, poor households, collective income and party members;
 *   a figure it leaves blank is taken from the villages' sum (or 0 without
 *   villages). Village counts (weak, strong, 一肩挑 …) exist only by village.
 * - The prefecture's figures are the sum of its counties' chosen figures
 *   when any county uses reported ones (then its source is REPORTED), and
 *   exactly its villages' sum otherwise. Township reported rows do not roll
 *   up into their county: a county's reported row is the county's figure.
 */
const REPORTED = [
  ['households', 'integer', 'int'],
  ['rural_population', 'integer', 'int'],
  ['poor_households', 'integer', 'int'],
  ['poor_population', 'integer', 'int'],
  ['collective_income_total', 'float8', 'float8'],
  ['party_members', 'integer', 'int'],
] as const;

/** The columns of area_year_figures (migration 000005) that only villages give, in its order. */
const VILLAGE_ONLY = [
  ['villages', 'int'],
  ['collective_income_median', 'float8'],
  ['secretary_is_director_count', 'int'],
  ['soft_lax_count', 'int'],
  ['weak_count', 'int'],
  ['strong_count', 'int'],
  ['income_weak_count', 'int'],
  ['income_target_met_count', 'int'],
] as const;

export class Migration20261206000011_reported_figures extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table prefecture add column figure_source text not null default 'REPORTED_FIRST' check (figure_source in ('REPORTED_FIRST', 'VILLAGES_FIRST'));`);

    // The county (and township) columns cascade: removing an area removes what was reported for it.
    this.addSql(`
      create table reported_area_figures (
        level text not null check (level in ('township', 'county')),
        code varchar(12) not null,
        year integer not null check (year between 2000 and 2100),
        county_code varchar(12) not null references county (code) on update cascade on delete cascade,
        township_code varchar(12) references township (code) on update cascade on delete cascade,
        version integer not null default 1,
        households integer check (households >= 0),
        rural_population integer not null check (rural_population >= 0),
        poor_households integer check (poor_households >= 0),
        poor_population integer not null check (poor_population >= 0 and poor_population <= rural_population),
        poverty_incidence float8 check (poverty_incidence between 0 and 100),
        collective_income_total float8 check (collective_income_total >= 0),
        party_members integer check (party_members >= 0),
        primary key (level, code, year),
        check ((level = 'county' and county_code = code and township_code is null) or (level = 'township' and township_code = code))
      );`);
    this.addSql(`comment on column reported_area_figures.poverty_incidence is 'the incidence as the bureau reported it (%), kept for the data-quality check; the hub computes incidence from the populations';`);
    this.addSql(`create index reported_area_figures_county on reported_area_figures (county_code);`);
    this.addSql(`create index reported_area_figures_township on reported_area_figures (township_code) where township_code is not null;`);
    this.addSql(`create trigger reported_area_figures_notify_change after insert or update or delete or truncate on reported_area_figures
      for each statement execute function lingyan_notify_change();`);

    // The rule: which figures an area-year uses.
    this.addSql(`
      create function figure_source(setting text, has_reported boolean, has_villages boolean)
      returns text language sql immutable parallel safe as $$
        select case when has_reported and (setting = 'REPORTED_FIRST' or not has_villages) then 'REPORTED' else 'FROM_VILLAGES' end
      $$;`);

    // Both sides of each township and county area-year (plain columns, so a filter on level, code and year reaches both branches).
    const fCols = [...REPORTED.map(([c]) => c), ...VILLAGE_ONLY.map(([c]) => c)];
    const rCols = REPORTED.map(([c]) => c);
    this.addSql(`
      create view area_figures_sides as
        select f.level, f.code, f.year, true as has_villages, r.code is not null as has_reported, r.county_code,
               ${fCols.map((c) => `f.${c} as v_${c}`).join(', ')},
               ${rCols.map((c) => `r.${c} as r_${c}`).join(', ')}
          from area_year_figures f left join reported_area_figures r on r.level = f.level and r.code = f.code and r.year = f.year
         where f.level in ('township', 'county')
        union all
        select r.level, r.code, r.year, false, true, r.county_code,
               ${REPORTED.map(([c, , t]) => `null::${t} as v_${c}`).join(', ')},
               ${VILLAGE_ONLY.map(([c, t]) => `null::${t} as v_${c}`).join(', ')},
               ${rCols.map((c) => `r.${c} as r_${c}`).join(', ')}
          from reported_area_figures r
         where not exists (select 1 from area_year_figures f where f.level = r.level and f.code = r.code and f.year = r.year);`);

    // The setting is read only for area-years with a reported row (a case arm is evaluated only when reached).
    const chosen = (column: string) => `case when s.source = 'REPORTED' then coalesce(s.r_${column}, s.v_${column}, 0) else s.v_${column} end`;
    const villageOnly = (column: string) => (column === 'collective_income_median' ? `s.v_${column}` : `coalesce(s.v_${column}, 0)`);
    const columns = ['villages', ...REPORTED.map(([c]) => c), ...VILLAGE_ONLY.slice(1).map(([c]) => c)];
    const select = (column: string) => (VILLAGE_ONLY.some(([c]) => c === column) ? `${villageOnly(column)} as ${column}` : `${chosen(column)} as ${column}`);
    this.addSql(`
      create view area_figures_chosen_local as
        select s.level, s.code, s.year, s.source, ${columns.map(select).join(', ')}
          from (select x.*,
                       case when not x.has_reported then 'FROM_VILLAGES'
                            else figure_source((select p.figure_source from county c join prefecture p on p.code = c.prefecture_code where c.code = x.county_code), true, x.has_villages)
                       end as source
                  from area_figures_sides x) s;`);

    // The prefecture: its villages' figures exactly, or the sum of its counties' chosen figures when any of them is reported.
    const anyReported = `bool_or(cc.source = 'REPORTED')`;
    const prefectureColumn = (column: string) => {
      if (VILLAGE_ONLY.some(([c]) => c === column)) return column === 'collective_income_median' ? `max(pf.${column}) as ${column}` : `coalesce(max(pf.${column}), 0) as ${column}`;
      const type = REPORTED.find(([c]) => c === column)![2];
      return `case when ${anyReported} then sum(cc.${column})::${type} else max(pf.${column}) end as ${column}`;
    };
    this.addSql(`
      create view area_figures_chosen as
        select level, code, year, source, ${columns.join(', ')} from area_figures_chosen_local
        union all
        select 'prefecture'::text as level, c.prefecture_code::text as code, cc.year,
               case when ${anyReported} then 'REPORTED' else 'FROM_VILLAGES' end as source,
               ${columns.map(prefectureColumn).join(', ')}
          from area_figures_chosen_local cc join county c on c.code = cc.code
               left join area_year_figures pf on pf.level = 'prefecture' and pf.code = c.prefecture_code and pf.year = cc.year
         where cc.level = 'county'
         group by c.prefecture_code, cc.year;`);
  }
}
