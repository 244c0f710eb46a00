/**
 * The indicator formulas and classification rules of docs/domain.md,
 * as pure functions. Resolvers, importers, the seed and the tests all call
 * these; nothing else decides what "weak" or "may exit" means.
 */
import { DEFAULT_THRESHOLDS, isPoorNotExited, strengthOf, weakReasons, type Thresholds, type WeakReason } from '@lingyan/data';
import { BranchRating, IncomeBand, PovertyStatus, VillageStrength } from './enums.js';

export { DEFAULT_THRESHOLDS, type Thresholds };

/** The thresholds and the prefecture's own policy bands of thematic maps. */
export interface PolicySettings extends Thresholds {
  /** inner bounds of the poverty-incidence bands, %, ascending (政策分级; default 1 / 3 / 5 / 10 / 20) */
  incidenceBands: readonly number[];
}

/** The incidence bands a prefecture has until an admin sets its own. */
export const DEFAULT_INCIDENCE_BANDS: readonly number[] = [1, 3, 5, 10, 20];

/** Poverty incidence (贫困发生率) in percent; null when there is no rural population to divide by. */
export function povertyIncidence(poorPopulation: number, ruralPopulation: number): number | null {
  if (!(ruralPopulation > 0)) return null;
  return (poorPopulation / ruralPopulation) * 100;
}

export interface PoorVillageHistory {
  /** 建档立卡贫困村 */
  isPoorVillage: boolean;
  /** year it exited (出列), or null */
  exitedYear: number | null;
}

/** A village's status in a year: a registered poor village is POOR until its exit year, EXITED from then on. */
export function povertyStatus(village: PoorVillageHistory, year: number): PovertyStatus {
  if (!village.isPoorVillage) return PovertyStatus.NEVER_POOR;
  return isPoorNotExited(village, year) ? PovertyStatus.POOR : PovertyStatus.EXITED;
}

/** The figures the strength rule needs for one village-year. */
export interface StrengthInput {
  collectiveIncome: number;
  softLax: boolean;
  branchRating: BranchRating;
  status: PovertyStatus;
}

export type { WeakReason };

export interface StrengthVerdict {
  strength: VillageStrength;
  /** why the village is weak; empty unless WEAK */
  reasons: WeakReason[];
}

/**
 * 强村 / 弱村 by the rule of @lingyan/data (its one home, shared with the demo
 * generator). Null figures (no record for the year) give null: nothing is
 * known.
 */
export function classifyStrength(input: StrengthInput | null, t: Thresholds = DEFAULT_THRESHOLDS): StrengthVerdict | null {
  if (input === null) return null;
  const figures = { ...input, poorNotExited: input.status === PovertyStatus.POOR };
  return { strength: strengthOf(figures, t), reasons: weakReasons(figures, t) };
}

/** Collective-economy band: under the weak line, building up, or at the "三步走" target. */
export function incomeBand(collectiveIncome: number, t: Thresholds = DEFAULT_THRESHOLDS): IncomeBand {
  if (collectiveIncome < t.weakIncomeBelow) return IncomeBand.WEAK;
  return collectiveIncome >= t.targetIncome ? IncomeBand.TARGET_MET : IncomeBand.BUILDING;
}

export interface ExitVerdict {
  eligible: boolean;
  reason: string;
}

/** A poor village may exit when its incidence is below the village exit line. */
export function villageExitEligibility(
  status: PovertyStatus,
  incidence: number | null,
  t: Thresholds = DEFAULT_THRESHOLDS,
): ExitVerdict {
  if (status === PovertyStatus.NEVER_POOR) return { eligible: false, reason: 'not a registered poor village' };
  if (status === PovertyStatus.EXITED) return { eligible: false, reason: 'already exited' };
  if (incidence === null) return { eligible: false, reason: 'no figures for the year' };
  return incidence < t.villageExitIncidence
    ? { eligible: true, reason: `incidence ${incidence.toFixed(2)} % is below ${t.villageExitIncidence} %` }
    : { eligible: false, reason: `incidence ${incidence.toFixed(2)} % is not below ${t.villageExitIncidence} %` };
}

/** A county may exit when its incidence is below the county exit line. */
export function countyExitEligibility(incidence: number | null, t: Thresholds = DEFAULT_THRESHOLDS): ExitVerdict {
  if (incidence === null) return { eligible: false, reason: 'no figures for the year' };
  return incidence < t.countyExitIncidence
    ? { eligible: true, reason: `incidence ${incidence.toFixed(2)} % is below ${t.countyExitIncidence} %` }
    : { eligible: false, reason: `incidence ${incidence.toFixed(2)} % is not below ${t.countyExitIncidence} %` };
}

/** Party members who pair with poor households meet the "至少结对帮扶N户" rule when pairings ≥ members × N, capped by the poor households there are. */
export function memberPairingMet(
  figures: { partyMembers: number; memberPairings: number; poorHouseholds: number },
  t: Thresholds = DEFAULT_THRESHOLDS,
): boolean {
  const needed = Math.min(figures.partyMembers * t.memberPairingMin, figures.poorHouseholds);
  return figures.memberPairings >= needed;
}
