/**
 * A village's strength by the rule of docs/domain.md with the demo
 * thresholds (weak under 5 万元, target 10 万元), written out in plain SQL:
 * the independent computation that tests hold the code under test against.
 * The one copy of it in the tests.
 */

/** The strength ('WEAK' | 'MIDDLE' | 'STRONG') of village alias `v` with its year row `vy`. */
export const strengthCase = (v = 'v', vy = 'vy'): string => `(case
    when ${vy}.collective_income < 5 or ${vy}.soft_lax or ${vy}.branch_rating = 'LAGGING'
      or (${v}.is_poor_village and (${v}.exited_year is null or ${v}.exited_year > ${vy}.year)) then 'WEAK'
    when ${vy}.collective_income >= 10 and ${vy}.branch_rating = 'ADVANCED' then 'STRONG'
    else 'MIDDLE' end)`;

/** Every village-year with its strength: columns code, year, strength. */
export const STRENGTH_SQL = `
  select v.code, y.year, ${strengthCase('v', 'y')} as strength
    from village v join village_year y on y.village_code = v.code`;
