/**
 * The raw values of assessment indicators per area and year, in one
 * statement per source. The sources reuse the one home of each rule: the
 * strength rule (`village_strength` through strengthSql), the income band
 * (incomeBandSql), a finding's status (`finding_status`, as of the year's
 * picture day asOfDate) and whether it was rectified on time.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Thresholds } from '../rules.js';
import { activePairingSql, incomeBandSql, strengthSql } from '../../spatial/rules-sql.js';
import { Sql, query, raw, sql } from '../../spatial/sql.js';
import { asOfDate } from '../inspection/finding-status.js';
import { AREA_FIGURE_INDICATORS, reportedIndicatorValues } from '../reported-figures/assessment-figures.js';
import type { AssessmentLevel, IndicatorRule, IndicatorSource } from './indicators.js';

/** Rows of each source, with the county, township and village they count in (a county-level finding has no township or village). */
function sourceSql(source: IndicatorSource, year: number, t: Thresholds, today: Date): Sql {
  const y = sql`${year}::int`;
  const prev = sql`${year - 1}::int`;
  switch (source) {
    case 'villages':
      return sql`
        select t.county_code, v.township_code, v.code as village_code,
               vy.village_code is not null as has_figures,
               vy.village_code is not null and py.village_code is not null as both_years,
               vy.rural_population, vy.poor_population, py.rural_population as prev_rural_population, py.poor_population as prev_poor_population,
               vy.collective_income, py.collective_income as prev_collective_income,
               vy.secretary_is_director, vy.soft_lax, py.soft_lax as prev_soft_lax,
               ${incomeBandSql('vy', t)} as income_band,
               ${strengthSql('v', 'vy', y, t)} = 'WEAK' as weak,
               ${strengthSql('v', 'py', prev, t)} = 'WEAK' as prev_weak,
               exists (select 1 from pairing p where p.helped_village_code = v.code and ${activePairingSql('p', y)}) as paired
          from village v join township t on t.code = v.township_code
               left join village_year vy on vy.village_code = v.code and vy.year = ${y}
               left join village_year py on py.village_code = v.code and py.year = ${prev}`;
    case 'findings': {
      const asOf = asOfDate(year, today);
      return sql`
        select i.county_code, i.township_code, i.village_code,
               finding_status(f.deadline, f.rectified_on, ${asOf}::date) <> 'OPEN' as decided,
               finding_status(f.deadline, f.rectified_on, ${asOf}::date) = 'RECTIFIED' and f.rectified_on <= f.deadline as on_time
          from finding f join inspection i on i.id = f.inspection_id
         where f.deadline between make_date(${y}, 1, 1) and make_date(${y}, 12, 31)`;
    }
    case 'funds':
      return sql`
        select t.county_code, v.township_code, v.code as village_code, af.amount, af.committed
          from assignment_fund af join assignment a on a.id = af.assignment_id
               join village v on v.code = a.village_code join township t on t.code = v.township_code
         where af.year = ${y}`;
  }
}

const LEVEL_COLUMN: Record<AssessmentLevel, string> = { COUNTY: 'county_code', TOWNSHIP: 'township_code', VILLAGE: 'village_code' };

export interface AreaValues {
  code: string;
  name: string;
  nameEn: string;
  /** indicator key → raw value; null when the area has none */
  values: Map<string, number | null>;
}

/**
 * Every area of the level (by code) with the raw values of `indicators` in
 * `year`: one statement per source used. `today` decides the picture day of
 * a running year (findings not yet due by then are not judged).
 */
export async function indicatorValues(
  em: EntityManager,
  level: AssessmentLevel,
  year: number,
  indicators: readonly IndicatorRule[],
  t: Thresholds,
  today: Date = new Date(),
): Promise<AreaValues[]> {
  const table = level === 'COUNTY' ? 'county' : level === 'TOWNSHIP' ? 'township' : 'village';
  const areas = await query<{ code: string; name: string; name_en: string }>(em, raw(`select code, name, name_en from ${table} order by code`));
  const byCode = new Map<string, AreaValues>(
    areas.map((a) => [a.code, { code: a.code, name: a.name, nameEn: a.name_en, values: new Map(indicators.map((i) => [i.key, i.none])) }]),
  );
  const column = LEVEL_COLUMN[level];
  for (const source of [...new Set(indicators.map((i) => i.source))]) {
    const mine = indicators.filter((i) => i.source === source);
    const aggregates = mine.map((i, n) => `${i.sql} as v${n}`).join(', ');
    const rows = await query<Record<string, string | number | null>>(
      em,
      sql`select f.${raw(column)} as code, ${raw(aggregates)} from (${sourceSql(source, year, t, today)}) f where f.${raw(column)} is not null group by 1`,
    );
    for (const r of rows) {
      const area = byCode.get(String(r.code));
      if (!area) continue;
      mine.forEach((i, n) => {
        const v = r[`v${n}`];
        area.values.set(i.key, v === null || v === undefined ? null : Number(v));
      });
    }
  }
  // Where the prefecture's chosen figures are reported (报送), incidence comes from them, as on the map.
  if (level !== 'VILLAGE' && indicators.some((i) => AREA_FIGURE_INDICATORS.has(i.key))) {
    for (const [code, values] of await reportedIndicatorValues(em, level === 'COUNTY' ? 'county' : 'township', year)) {
      const area = byCode.get(code);
      for (const [key, value] of Object.entries(values)) if (area?.values.has(key)) area.values.set(key, value);
    }
  }
  return [...byCode.values()];
}
