/**
 * The map metrics: one entry each, with everything a thematic map needs to
 * draw it honestly (cartography rules 2–4): which figures it reads and how
 * its value is computed, its unit and decimals, its polarity (which way is
 * worse, so the colours do not call the richest county an alarm), its
 * policy line and its policy bands. The `choropleth` and `metrics` queries
 * read this table and nothing else; the client takes unit, decimals and
 * polarity from their answers.
 */
import { povertyIncidence, type PolicySettings } from '../domain/rules.js';
import { ClassificationMethod } from '../domain/classify.js';
import type { AreaFiguresRow, FigureField } from '../spatial/aggregates.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { PovertyCause } from '../domain/causes/poverty-cause.js';
import { causeShareByArea } from '../spatial/poverty-causes.js';
import { assessmentGradeBounds, assessmentScores } from '../domain/assessment/score-metric.service.js';
import { AreaLevelEnum, Metric, MetricPolarityEnum as MetricPolarity } from './types/indicators.type.js';

export interface MetricRule<F extends FigureField = FigureField> {
  name: string;
  nameEn: string;
  /** "%", "人", "万元" or "个" */
  unit: string;
  /** decimals shown: 1 for %, 2 for 万元, 0 for people and counts */
  decimals: number;
  polarity: MetricPolarity;
  /** the least and greatest values the metric can take (null: no greatest) */
  range: { min: number; max: number | null };
  /** the figures `value` reads (a map of the metric reads only these) */
  fields: readonly F[];
  value(r: Pick<AreaFiguresRow, F>): number | null;
  /** the policy line drawn on the legend, if any; it is always a bound of the policy bands */
  threshold(t: PolicySettings, level: AreaLevelEnum): number | null;
  /** inner bounds of the policy bands (POLICY method), null when the metric has none */
  policyBands(t: PolicySettings, level: AreaLevelEnum): number[] | null;
  /**
   * For a metric not computed from the area figures (then `fields` is empty and `value` unused): each area's value
   * of the level with one, in a year or (year null) in every year; `cause` is the choropleth's argument.
   */
  values?(em: EntityManager, level: 'county' | 'township', year: number | null, cause: PovertyCause): Promise<Array<{ code: string; year: number; value: number }>>;
  /** For a metric whose policy bands are data of the year (the score's grade bands): the year's, or (year null) the latest; used instead of `policyBands`. */
  policyBandsIn?(em: EntityManager, year: number | null): Promise<number[] | null>;
}

/** Checks that `value` reads only the figures in `fields`. */
const metric = <F extends FigureField>(rule: MetricRule<F>): MetricRule<F> => rule;

/** part as a percentage of whole; null when whole is 0. */
export const share = (part: number, whole: number): number | null => (whole > 0 ? (part / whole) * 100 : null);
const PERCENT = { unit: '%', decimals: 1, range: { min: 0, max: 100 } } as const;
const COUNT = { decimals: 0, range: { min: 0, max: null } } as const;
const none = () => null;

const exitLine = (t: PolicySettings, level: AreaLevelEnum): number => (level === AreaLevelEnum.COUNTY ? t.countyExitIncidence : t.villageExitIncidence);
/** Bounds with the policy line among them (a line is a class boundary, rule 2), ascending, within (min, max). */
const withLine = (bounds: readonly number[], line: number, max: number | null): number[] =>
  [...new Set([...bounds, line])].filter((b) => b > 0 && (max === null || b < max)).sort((a, b) => a - b);

export const METRICS: Record<Metric, MetricRule> = {
  POVERTY_INCIDENCE: metric({
    name: '贫困发生率',
    nameEn: 'Poverty incidence',
    ...PERCENT,
    polarity: MetricPolarity.HIGHER_IS_WORSE,
    fields: ['poorPopulation', 'ruralPopulation'],
    value: (r) => povertyIncidence(r.poorPopulation, r.ruralPopulation),
    threshold: exitLine,
    policyBands: (t, level) => withLine(t.incidenceBands, exitLine(t, level), 100),
  }),
  POOR_POPULATION: metric({
    name: '贫困人口',
    nameEn: 'Poor population',
    unit: '人',
    ...COUNT,
    polarity: MetricPolarity.HIGHER_IS_WORSE,
    fields: ['poorPopulation'],
    value: (r) => r.poorPopulation,
    threshold: none,
    policyBands: none,
  }),
  WEAK_VILLAGE_SHARE: metric({
    name: '弱村占比',
    nameEn: 'Weak village share',
    ...PERCENT,
    polarity: MetricPolarity.HIGHER_IS_WORSE,
    fields: ['weakCount', 'villages'],
    value: (r) => share(r.weakCount, r.villages),
    threshold: none,
    policyBands: none,
  }),
  COLLECTIVE_INCOME_MEDIAN: metric({
    name: '村集体经济收入中位数',
    nameEn: 'Median collective income',
    unit: '万元',
    decimals: 2,
    range: { min: 0, max: null },
    polarity: MetricPolarity.HIGHER_IS_BETTER,
    fields: ['collectiveIncomeMedian'],
    value: (r) => r.collectiveIncomeMedian,
    threshold: (t) => t.targetIncome,
    // The "三步走" bands: weak collective economy, building up, target met, and twice the target.
    policyBands: (t) => withLine([t.weakIncomeBelow, t.targetIncome * 2], t.targetIncome, null),
  }),
  SECRETARY_IS_DIRECTOR_SHARE: metric({
    name: '一肩挑比例',
    nameEn: 'Secretary-director share',
    ...PERCENT,
    polarity: MetricPolarity.HIGHER_IS_BETTER,
    fields: ['secretaryIsDirectorCount', 'villages'],
    value: (r) => share(r.secretaryIsDirectorCount, r.villages),
    threshold: none,
    policyBands: none,
  }),
  SOFT_LAX_COUNT: metric({
    name: '软弱涣散党组织数',
    nameEn: 'Soft-and-lax branches',
    unit: '个',
    ...COUNT,
    polarity: MetricPolarity.HIGHER_IS_WORSE,
    fields: ['softLaxCount'],
    value: (r) => r.softLaxCount,
    threshold: none,
    policyBands: none,
  }),
  // One metric for the eleven causes, the cause an argument: eleven entries would bury the others in the list.
  CAUSE_SHARE: metric({
    name: '致贫原因占比',
    nameEn: 'Share by cause of poverty',
    ...PERCENT,
    polarity: MetricPolarity.HIGHER_IS_WORSE,
    fields: [],
    value: none,
    values: causeShareByArea,
    threshold: none,
    policyBands: none,
  }),
  // Computed from the year's scheme, not stored; the policy bands are its grade bands (一般 / 较好 / 好).
  ASSESSMENT_SCORE: metric({
    name: '考核得分',
    nameEn: 'Assessment score',
    unit: '分',
    decimals: 1,
    range: { min: 0, max: 100 },
    polarity: MetricPolarity.HIGHER_IS_BETTER,
    fields: [],
    value: none,
    values: (em, level, year) => assessmentScores(em, level, year),
    threshold: none,
    policyBands: none,
    policyBandsIn: assessmentGradeBounds,
  }),
};

/** The method a map of the metric uses when none is asked for: its policy bands where it has them, else quantiles. */
export function defaultMethod(rule: MetricRule): ClassificationMethod {
  return rule.policyBands === none && !rule.policyBandsIn ? ClassificationMethod.QUANTILE : ClassificationMethod.POLICY;
}
