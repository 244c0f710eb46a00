/**
 * The status and strength rules of domain/rules.ts as SQL expressions, for
 * filtering and counting in the database. A test checks that these and the
 * TypeScript rules agree on every village-year of the demo region; change
 * both together. The strength rule itself is the database function
 * `village_strength` (migration 000005), because the triggers that keep
 * area_year_figures count with it too: change it by a new migration that
 * replaces the function and rebuilds area_year_figures.
 */
import type { Thresholds } from '../domain/rules.js';
import { Sql, raw, sql } from './sql.js';

/** v = village, y = year expression; POOR / EXITED / NEVER_POOR. */
export function statusSql(v: string, year: Sql): Sql {
  return sql`(case when not ${raw(v)}.is_poor_village then 'NEVER_POOR' when ${raw(v)}.exited_year <= ${year} then 'EXITED' else 'POOR' end)`;
}

/** v = village, vy = its village_year row for the year (may be null); WEAK / MIDDLE / STRONG, null without figures. */
export function strengthSql(v: string, vy: string, year: Sql, t: Thresholds): Sql {
  return sql`(case when ${raw(vy)}.village_code is null then null
      else village_strength(${raw(vy)}.collective_income, ${raw(vy)}.soft_lax, ${raw(vy)}.branch_rating, ${raw(v)}.is_poor_village, ${raw(v)}.exited_year, ${year},
                            ${t.weakIncomeBelow}::numeric, ${t.targetIncome}::numeric) end)`;
}

/** vy = a village_year row (may be null); the collective-economy band of domain/rules.ts incomeBand: WEAK / BUILDING / TARGET_MET, null without figures. */
export function incomeBandSql(vy: string, t: Thresholds): Sql {
  return sql`(case when ${raw(vy)}.collective_income < ${t.weakIncomeBelow}::numeric then 'WEAK'
      when ${raw(vy)}.collective_income >= ${t.targetIncome}::numeric then 'TARGET_MET'
      when ${raw(vy)}.collective_income is not null then 'BUILDING' end)`;
}

/** Incidence in percent, null without rural population. */
export function incidenceSql(vy: string): Sql {
  return raw(`(case when ${vy}.rural_population > 0 then ${vy}.poor_population::float8 * 100 / ${vy}.rural_population end)`);
}

/** A row r with start_year and end_year (a pairing, an industry project) is active in the year. */
export function activeInYearSql(r: string, year: Sql): Sql {
  return sql`(${raw(r)}.start_year <= ${year} and (${raw(r)}.end_year is null or ${raw(r)}.end_year >= ${year}))`;
}

/** A pairing row p is active in the year. */
export const activePairingSql = activeInYearSql;
