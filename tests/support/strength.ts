/**
 * A village's strength in each year by the rule of docs/domain.md
 * (default thresholds), in plain SQL: for tests that check the code under
 * test against an independent computation.
 */
export const STRENGTH_SQL = `
  select v.code, y.year,
         case when y.collective_income < 5 or y.soft_lax or y.branch_rating = 'LAGGING' or (v.is_poor_village and (v.exited_year is null or v.exited_year > y.year)) then 'WEAK'
              when y.collective_income >= 10 and y.branch_rating = 'ADVANCED' then 'STRONG' else 'MIDDLE' end as strength
    from village v join village_year y on y.village_code = v.code`;
