/**
 * Area figures (township, county, prefecture) for a year, computed by the
 * database from the village figures: never stored by hand (domain.md).
 * One statement answers any number of areas, so a list of counties costs one
 * round trip (the GraphQL loaders batch into it).
 */
import type { EntityManager } from '@mikro-orm/postgresql';

export type AreaLevel = 'township' | 'county' | 'prefecture';

export interface AreaFiguresRow {
  code: string;
  year: number;
  villages: number;
  households: number;
  ruralPopulation: number;
  poorHouseholds: number;
  poorPopulation: number;
  collectiveIncomeTotal: number;
  collectiveIncomeMedian: number | null;
  partyMembers: number;
  secretaryIsDirectorCount: number;
  softLaxCount: number;
}

/** SQL expression giving the area code of a village row `v` joined to township `t` and county `c`. */
const AREA_KEY: Record<AreaLevel, string> = {
  township: 'v.township_code',
  county: 't.county_code',
  prefecture: 'c.prefecture_code',
};

export async function areaFigures(em: EntityManager, level: AreaLevel, codes: readonly string[], years: readonly number[]): Promise<AreaFiguresRow[]> {
  if (codes.length === 0 || years.length === 0) return [];
  const key = AREA_KEY[level];
  const rows = await em.getConnection().execute<Record<string, string | number | null>[]>(
    `select ${key} as code, vy.year,
            count(*)::int as villages,
            sum(vy.households)::int as households,
            sum(vy.rural_population)::int as rural_population,
            sum(vy.poor_households)::int as poor_households,
            sum(vy.poor_population)::int as poor_population,
            sum(vy.collective_income)::float8 as collective_income_total,
            percentile_cont(0.5) within group (order by vy.collective_income)::float8 as collective_income_median,
            sum(vy.party_members)::int as party_members,
            count(*) filter (where vy.secretary_is_director)::int as secretary_is_director_count,
            count(*) filter (where vy.soft_lax)::int as soft_lax_count
       from village_year vy
       join village v on v.code = vy.village_code
       join township t on t.code = v.township_code
       join county c on c.code = t.county_code
      where ${key} in (select jsonb_array_elements_text(?::jsonb))
        and vy.year in (select jsonb_array_elements_text(?::jsonb)::int)
      group by ${key}, vy.year`,
    // One JSON parameter per list: knex would expand an array binding into a list of parameters.
    [JSON.stringify(codes), JSON.stringify(years)],
  );
  return rows.map((r) => ({
    code: String(r.code),
    year: Number(r.year),
    villages: Number(r.villages),
    households: Number(r.households),
    ruralPopulation: Number(r.rural_population),
    poorHouseholds: Number(r.poor_households),
    poorPopulation: Number(r.poor_population),
    collectiveIncomeTotal: Number(r.collective_income_total),
    collectiveIncomeMedian: r.collective_income_median === null ? null : Number(r.collective_income_median),
    partyMembers: Number(r.party_members),
    secretaryIsDirectorCount: Number(r.secretary_is_director_count),
    softLaxCount: Number(r.soft_lax_count),
  }));
}

/** The years with any village figures, ascending. */
export async function figureYears(em: EntityManager): Promise<number[]> {
  const rows = await em.getConnection().execute<{ year: number }[]>(`select distinct year from village_year order by year`);
  return rows.map((r) => Number(r.year));
}
