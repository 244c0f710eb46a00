/**
 * 预警: the early-warning rules of the management loop (docs/domain.md),
 * as pure predicates. Warnings are computed, never stored: the database
 * evaluates the same rules with one query each (warnings-sql.ts), and
 * tests/api/warnings-twin.test.ts holds every predicate and its query equal,
 * at and just past each threshold. Change both together.
 */
import { findingStatus, type IsoDate } from '../inspection/finding-status.js';
import type { VillageStrength } from '../enums.js';
import type { ProjectStage } from '../project/project-stage.js';
import type { WarningSettings } from './settings.js';

/**
 * Floating-point slack for incidence rises: a rise within this of the
 * threshold counts as at it (2.3 − 1.3 is 0.9999999999999998 in binary).
 */
export const RISE_EPSILON = 1e-9;

/**
 * 返贫风险: a village's, township's or county's poverty incidence up by at least
 * `returnRiskIncidencePoints` percentage points, or its poor population up by
 * at least `returnRiskPoorPopulation` people, on the previous year. Both years
 * need figures; an incidence without rural population (null) cannot rise.
 */
export function returnRisk(
  f: { incidence: number | null; previousIncidence: number | null; poorPopulation: number; previousPoorPopulation: number },
  s: WarningSettings,
): boolean {
  const incidenceUp = f.incidence !== null && f.previousIncidence !== null && f.incidence - f.previousIncidence >= s.returnRiskIncidencePoints - RISE_EPSILON;
  return incidenceUp || f.poorPopulation - f.previousPoorPopulation >= s.returnRiskPoorPopulation;
}

/** 弱村无结对: a village weak in the year (classifyStrength) that no pairing active in the year helps. */
export function weakUnpaired(f: { strength: VillageStrength | null; activePairings: number }): boolean {
  return f.strength === 'WEAK' && f.activePairings === 0;
}

/** 帮扶村转弱: a pairing active in the year whose helper village is itself weak that year. */
export function helperWeak(f: { helperStrength: VillageStrength | null }): boolean {
  return f.helperStrength === 'WEAK';
}

/**
 * How many years running, up to and including `year`, a branch was soft and
 * lax (软弱涣散); a year without figures breaks the run.
 */
export function softLaxRun(history: ReadonlyArray<{ year: number; softLax: boolean }>, year: number): number {
  const softLaxYears = new Set(history.filter((h) => h.softLax).map((h) => h.year));
  let run = 0;
  while (softLaxYears.has(year - run)) run++;
  return run;
}

/** 软弱涣散连续: a branch soft and lax `softLaxYears` years running or more, up to the year. */
export function softLaxRepeated(run: number, s: WarningSettings): boolean {
  return run >= s.softLaxYears;
}

/**
 * 贫困村无工作队: a registered poor village not yet exited in the year (it has
 * figures that year) with no work team active that year. The hub records the
 * first secretary (第一书记) with the work team (驻村工作队), so one count serves both.
 */
export function poorVillageUnstaffed(f: { status: 'POOR' | 'EXITED' | 'NEVER_POOR'; activeWorkTeams: number }): boolean {
  return f.status === 'POOR' && f.activeWorkTeams === 0;
}

/** Why a project does not benefit the poor (项目未带贫). */
export type NoPoorBenefitReason = 'NO_POOR_BENEFICIARIES' | 'NO_DIVIDEND';

/**
 * 项目未带贫: a project active in the year with no poor beneficiary households,
 * or one operating (投产) or effective (见效) that year that paid no dividend to
 * poor households. A project without a progress row for the year is judged
 * on its beneficiaries alone. Empty when the rule does not fire.
 */
export function projectNoPoorBenefit(f: {
  beneficiaryPoorHouseholds: number;
  stage: ProjectStage | null;
  dividendsPoor: number | null;
}): NoPoorBenefitReason[] {
  const reasons: NoPoorBenefitReason[] = [];
  if (f.beneficiaryPoorHouseholds === 0) reasons.push('NO_POOR_BENEFICIARIES');
  if ((f.stage === 'OPERATING' || f.stage === 'EFFECTIVE') && (f.dividendsPoor ?? 0) === 0) reasons.push('NO_DIVIDEND');
  return reasons;
}

/** Money in 万元 with two decimals as whole cents (fen × 100), so comparisons are exact. */
const cents = (amount: number) => Math.round(amount * 100);

/**
 * 帮扶资金未到位: an assisting unit delivered less than `fundsBelowPercent` % of
 * what it committed for a village in the year. Delivering exactly that share
 * does not fire; nothing committed (null or 0) cannot be short.
 */
export function fundsBelowCommitment(f: { delivered: number; committed: number | null }, s: WarningSettings): boolean {
  if (f.committed === null || f.committed <= 0) return false;
  return cents(f.delivered) * 100 < cents(f.committed) * s.fundsBelowPercent;
}

/** The share of the commitment delivered, in percent (evidence). */
export function deliveredPercent(delivered: number, committed: number): number {
  return (delivered / committed) * 100;
}

/**
 * 整改逾期: a finding still open past its deadline as of the year's day
 * (asOfDate(year)); a finding of a visit after that day is not yet known then.
 */
export function findingOverdue(f: { inspectedOn: IsoDate; deadline: IsoDate; rectifiedOn: IsoDate | null }, asOf: IsoDate): boolean {
  return f.inspectedOn <= asOf && findingStatus(f.deadline, f.rectifiedOn, asOf) === 'OVERDUE';
}

/** Whole days from `from` to `to` (ISO dates). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
