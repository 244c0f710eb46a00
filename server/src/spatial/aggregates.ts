/**
 * Area figures (township, county, prefecture) for a year, computed by the
 * database from the village figures: never stored by hand (domain.md).
 * One statement answers any number of areas, so a list of counties costs one
 * round trip (the GraphQL loaders batch into it).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Thresholds } from '../domain/rules.js';
import { activePairingSql, strengthSql } from './rules-sql.js';
import { inList, query, raw, sql } from './sql.js';

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
  /** villages weak / strong by the rule in the year */
  weakCount: number;
  strongCount: number;
  /** villages per collective-economy band */
  incomeWeakCount: number;
  incomeTargetMetCount: number;
}

/** SQL expression giving the area code of a village row `v` joined to township `t` and county `c`. */
const AREA_KEY: Record<AreaLevel, string> = {
  township: 'v.township_code',
  county: 't.county_code',
  prefecture: 'c.prefecture_code',
};

export async function areaFigures(em: EntityManager, level: AreaLevel, codes: readonly string[], years: readonly number[], t: Thresholds): Promise<AreaFiguresRow[]> {
  if (codes.length === 0 || years.length === 0) return [];
  const key = raw(AREA_KEY[level]);
  const strength = strengthSql('v', 'vy', raw('vy.year'), t);
  const rows = await query<Record<string, string | number | null>>(
    em,
    sql`select ${key} as code, vy.year,
            count(*)::int as villages,
            sum(vy.households)::int as households,
            sum(vy.rural_population)::int as rural_population,
            sum(vy.poor_households)::int as poor_households,
            sum(vy.poor_population)::int as poor_population,
            sum(vy.collective_income)::float8 as collective_income_total,
            percentile_cont(0.5) within group (order by vy.collective_income)::float8 as collective_income_median,
            sum(vy.party_members)::int as party_members,
            count(*) filter (where vy.secretary_is_director)::int as secretary_is_director_count,
            count(*) filter (where vy.soft_lax)::int as soft_lax_count,
            count(*) filter (where ${strength} = 'WEAK')::int as weak_count,
            count(*) filter (where ${strength} = 'STRONG')::int as strong_count,
            count(*) filter (where vy.collective_income < ${t.weakIncomeBelow})::int as income_weak_count,
            count(*) filter (where vy.collective_income >= ${t.targetIncome})::int as income_target_met_count
       from village_year vy
       join village v on v.code = vy.village_code
       join township t on t.code = v.township_code
       join county c on c.code = t.county_code
      where ${inList(key, codes)} and ${inList(raw('vy.year'), years, 'int')}
      group by ${key}, vy.year`,
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
    weakCount: Number(r.weak_count),
    strongCount: Number(r.strong_count),
    incomeWeakCount: Number(r.income_weak_count),
    incomeTargetMetCount: Number(r.income_target_met_count),
  }));
}

/** The latest year with village figures; null when there are none (one probe of the year index). */
export async function latestFigureYear(em: EntityManager): Promise<number | null> {
  const [row] = await em.getConnection().execute<{ year: number | null }[]>(`select max(year) as year from village_year`);
  return row?.year === null || row?.year === undefined ? null : Number(row.year);
}

/** The years with any village figures, ascending. */
export async function figureYears(em: EntityManager): Promise<number[]> {
  const rows = await em.getConnection().execute<{ year: number }[]>(`select distinct year from village_year order by year`);
  return rows.map((r) => Number(r.year));
}

export interface SummaryCounts {
  poorVillages: number;
  villagesExited: number;
  villagesExitedThisYear: number;
  alliances: number;
  activePairings: number;
}

/** Counts for the prefecture summary that are not sums of village figures. */
export async function summaryCounts(em: EntityManager, year: number): Promise<SummaryCounts> {
  const [row] = await query<Record<string, number>>(
    em,
    sql`select (select count(*) from village where is_poor_village)::int as poor_villages,
               (select count(*) from village where is_poor_village and exited_year <= ${year})::int as villages_exited,
               (select count(*) from village where is_poor_village and exited_year = ${year})::int as villages_exited_this_year,
               (select count(*) from alliance where founded_year <= ${year})::int as alliances,
               (select count(*) from pairing p where ${activePairingSql('p', sql`${year}::int`)})::int as active_pairings`,
  );
  return {
    poorVillages: Number(row?.poor_villages ?? 0),
    villagesExited: Number(row?.villages_exited ?? 0),
    villagesExitedThisYear: Number(row?.villages_exited_this_year ?? 0),
    alliances: Number(row?.alliances ?? 0),
    activePairings: Number(row?.active_pairings ?? 0),
  };
}
