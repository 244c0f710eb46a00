/**
 * The demo region's assessment schemes (考核办法), one per demo year: the
 * league's own weighting of the speech's "指挥棒" — poverty and its fall,
 * weak villages turned and branches rectified, pairings, the collective
 * economy, 一肩挑, inspection findings rectified on time and assistance funds
 * delivered. A policy document, not a sample: nothing random. The first
 * year has no previous year to compare with, so its scheme leaves out the
 * indicators that need one and weighs the rest up to 100; after 2020 the
 * fall in incidence gives way to the collective economy.
 */
import type { AssessmentSchemeRecord, SchemeIndicatorRecord } from '../records.js';

/** 脱贫攻坚 (to 2020): poverty and its fall weigh most beside rectification. */
const POVERTY_YEARS: SchemeIndicatorRecord[] = [
  { key: 'POVERTY_INCIDENCE', weight: 15, rule: 'LINEAR', floor: 8, target: 1 },
  { key: 'INCIDENCE_FALL', weight: 10, rule: 'LINEAR', floor: 0, target: 2 },
  { key: 'WEAK_VILLAGES_TURNED', weight: 10, rule: 'LINEAR', floor: 0, target: 30 },
  { key: 'SOFT_LAX_RECTIFIED', weight: 10, rule: 'THRESHOLD', threshold: 80 },
  { key: 'WEAK_PAIRING_COVERAGE', weight: 5, rule: 'LINEAR', floor: 0, target: 100 },
  { key: 'COLLECTIVE_INCOME_GROWTH', weight: 10, rule: 'LINEAR', floor: 0, target: 5 },
  { key: 'INCOME_TARGET_SHARE', weight: 10, rule: 'RANK' },
  { key: 'SECRETARY_IS_DIRECTOR_SHARE', weight: 5, rule: 'THRESHOLD', threshold: 50 },
  { key: 'FINDINGS_RECTIFIED_ON_TIME', weight: 20, rule: 'LINEAR', floor: 50, target: 100 },
  { key: 'FUNDS_DELIVERED', weight: 5, rule: 'LINEAR', floor: 80, target: 100 },
];

/** 巩固拓展 (from 2021): poverty is gone; the collective economy, branches and rectification carry the weight. */
const CONSOLIDATION_YEARS: SchemeIndicatorRecord[] = [
  { key: 'POVERTY_INCIDENCE', weight: 10, rule: 'LINEAR', floor: 3, target: 0.5 },
  { key: 'WEAK_VILLAGES_TURNED', weight: 10, rule: 'LINEAR', floor: 0, target: 30 },
  { key: 'SOFT_LAX_RECTIFIED', weight: 10, rule: 'THRESHOLD', threshold: 80 },
  { key: 'WEAK_PAIRING_COVERAGE', weight: 10, rule: 'LINEAR', floor: 0, target: 100 },
  { key: 'COLLECTIVE_INCOME_GROWTH', weight: 10, rule: 'LINEAR', floor: 0, target: 2 },
  { key: 'INCOME_TARGET_SHARE', weight: 15, rule: 'RANK' },
  { key: 'SECRETARY_IS_DIRECTOR_SHARE', weight: 5, rule: 'THRESHOLD', threshold: 50 },
  { key: 'FINDINGS_RECTIFIED_ON_TIME', weight: 20, rule: 'LINEAR', floor: 50, target: 100 },
  { key: 'FUNDS_DELIVERED', weight: 10, rule: 'LINEAR', floor: 80, target: 100 },
];

/** The first year: nothing to compare with a previous year. */
const FIRST_YEAR: SchemeIndicatorRecord[] = [
  { key: 'POVERTY_INCIDENCE', weight: 30, rule: 'LINEAR', floor: 8, target: 1 },
  { key: 'WEAK_PAIRING_COVERAGE', weight: 10, rule: 'LINEAR', floor: 0, target: 100 },
  { key: 'INCOME_TARGET_SHARE', weight: 15, rule: 'RANK' },
  { key: 'SECRETARY_IS_DIRECTOR_SHARE', weight: 10, rule: 'THRESHOLD', threshold: 50 },
  { key: 'FINDINGS_RECTIFIED_ON_TIME', weight: 25, rule: 'LINEAR', floor: 50, target: 100 },
  { key: 'FUNDS_DELIVERED', weight: 10, rule: 'LINEAR', floor: 80, target: 100 },
];

/** The last year of 脱贫攻坚. */
const POVERTY_ENDS = 2020;

/** 好 from 65, 较好 from 58, 一般 from 50, below that 差. */
export const DEMO_GRADE_BANDS = { good: 65, fair: 58, average: 50 } as const;

export function generateAssessmentSchemes(years: readonly number[]): AssessmentSchemeRecord[] {
  return years.map((year, k) => ({
    year,
    name: year <= POVERTY_ENDS ? `${year}年度党建促脱贫攻坚考核办法` : `${year}年度党建引领巩固拓展脱贫攻坚成果考核办法`,
    indicators: (k === 0 ? FIRST_YEAR : year <= POVERTY_ENDS ? POVERTY_YEARS : CONSOLIDATION_YEARS).map((i) => ({ ...i })),
    gradeBands: { ...DEMO_GRADE_BANDS },
  }));
}
