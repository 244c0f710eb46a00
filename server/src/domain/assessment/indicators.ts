/**
 * The assessment indicators (考核指标): one line each, with what an admin
 * needs to choose it for a scheme (names, unit, polarity, the levels it
 * exists at) and the SQL giving its raw value per area for a year.
 *
 * `sql` is an aggregate expression over the rows of its `source` (see
 * indicator-sources.ts: one row per village with the year's and the previous
 * year's figures, one per finding due in the year, one per assisting unit's
 * yearly funds), grouped by the area asked about. A share of nothing (no
 * weak villages last year, no finding due) is 100: nothing was left undone.
 * `none` is the value of an area with no rows in the source at all.
 */

export type AssessmentLevel = 'COUNTY' | 'TOWNSHIP' | 'VILLAGE';
export type Polarity = 'HIGHER_IS_BETTER' | 'HIGHER_IS_WORSE';
export type IndicatorSource = 'villages' | 'findings' | 'funds';

export interface IndicatorRule {
  key: string;
  name: string;
  nameEn: string;
  /** "%" or "百分点" (percentage points) */
  unit: string;
  polarity: Polarity;
  levels: readonly AssessmentLevel[];
  source: IndicatorSource;
  /** aggregate SQL over the source's rows, grouped by area */
  sql: string;
  /** the value of an area without rows in the source */
  none: number | null;
}

const ALL: readonly AssessmentLevel[] = ['COUNTY', 'TOWNSHIP', 'VILLAGE'];
const AREAS: readonly AssessmentLevel[] = ['COUNTY', 'TOWNSHIP'];
const better = 'HIGHER_IS_BETTER' as const;

/** part / whole × 100; null when whole is 0, or `empty` when it may be (a share of nothing). */
const pct = (part: string, whole: string, empty: number | null = null) =>
  `coalesce(100.0 * (${part}) / nullif(${whole}, 0), ${empty === null ? 'null' : `case when bool_or(has_figures) then ${empty} end`})::float8`;
/** sum of a column over the villages with figures in both years */
const both = (column: string) => `sum(${column}) filter (where both_years)`;
const pctFindings = (part: string, whole: string) => `coalesce(100.0 * (${part}) / nullif(${whole}, 0), 100)::float8`;

export const INDICATORS: readonly IndicatorRule[] = [
  { key: 'POVERTY_INCIDENCE', name: '贫困发生率', nameEn: 'Poverty incidence', unit: '%', polarity: 'HIGHER_IS_WORSE', levels: ALL, source: 'villages', sql: pct('sum(poor_population)', 'sum(rural_population)'), none: null },
  { key: 'INCIDENCE_FALL', name: '贫困发生率较上年下降', nameEn: 'Fall in poverty incidence on the previous year', unit: '百分点', polarity: better, levels: ALL, source: 'villages', sql: `(${pct(both('prev_poor_population'), both('prev_rural_population'))} - ${pct(both('poor_population'), both('rural_population'))})`, none: null },
  { key: 'WEAK_VILLAGES_TURNED', name: '上年弱村转化率', nameEn: "Last year's weak villages no longer weak", unit: '%', polarity: better, levels: AREAS, source: 'villages', sql: pct('count(*) filter (where prev_weak and not weak)', 'count(*) filter (where prev_weak and weak is not null)', 100), none: null },
  { key: 'SOFT_LAX_RECTIFIED', name: '软弱涣散党组织整顿率', nameEn: "Last year's soft-and-lax branches rectified", unit: '%', polarity: better, levels: AREAS, source: 'villages', sql: pct('count(*) filter (where prev_soft_lax and not soft_lax)', 'count(*) filter (where prev_soft_lax and soft_lax is not null)', 100), none: null },
  { key: 'WEAK_PAIRING_COVERAGE', name: '弱村结对覆盖率', nameEn: 'Weak villages with a pairing', unit: '%', polarity: better, levels: AREAS, source: 'villages', sql: pct('count(*) filter (where weak and paired)', 'count(*) filter (where weak)', 100), none: null },
  { key: 'COLLECTIVE_INCOME_GROWTH', name: '村集体经济收入增长率', nameEn: 'Collective income growth', unit: '%', polarity: better, levels: ALL, source: 'villages', sql: pct(`${both('collective_income')} - ${both('prev_collective_income')}`, both('prev_collective_income')), none: null },
  { key: 'INCOME_TARGET_SHARE', name: '"三步走"目标达标村占比', nameEn: 'Villages at the three-step income target', unit: '%', polarity: better, levels: AREAS, source: 'villages', sql: pct(`count(*) filter (where income_band = 'TARGET_MET')`, 'count(income_band)'), none: null },
  { key: 'SECRETARY_IS_DIRECTOR_SHARE', name: '"一肩挑"比例', nameEn: 'Secretary-director share', unit: '%', polarity: better, levels: AREAS, source: 'villages', sql: pct('count(*) filter (where secretary_is_director)', 'count(secretary_is_director)'), none: null },
  { key: 'FINDINGS_RECTIFIED_ON_TIME', name: '督查问题按期整改率', nameEn: 'Findings due in the year rectified on time', unit: '%', polarity: better, levels: ALL, source: 'findings', sql: pctFindings('count(*) filter (where on_time)', 'count(*) filter (where decided)'), none: 100 },
  { key: 'FUNDS_DELIVERED', name: '帮扶资金到位率', nameEn: 'Assistance funds delivered against commitment', unit: '%', polarity: better, levels: ALL, source: 'funds', sql: pct('sum(amount) filter (where committed is not null)', 'sum(committed)'), none: null },
];

export const INDICATOR_BY_KEY: ReadonlyMap<string, IndicatorRule> = new Map(INDICATORS.map((i) => [i.key, i]));

export const LEVEL_NAMES: Record<AssessmentLevel, { zh: string; en: string }> = {
  COUNTY: { zh: '旗县', en: 'county' },
  TOWNSHIP: { zh: '苏木乡镇', en: 'township' },
  VILLAGE: { zh: '嘎查村', en: 'village' },
};
