/**
 * The village strength rule (强村 / 中间 / 弱村) of docs/domain.md, in its one
 * TypeScript home. It sits in @lingyan/data because both the demo generator
 * (which may not import the server) and the server's domain layer apply it.
 * Its SQL twin is `village_strength` (migration 000005);
 * tests/api/rules-sql.test.ts holds the two equal over every combination.
 */
import type { BranchRating, Thresholds, VillageRecord } from './records.js';

/** Why a village-year is weak, in the order the rule tests them. */
export type WeakReason = 'WEAK_COLLECTIVE_ECONOMY' | 'SOFT_LAX_BRANCH' | 'LAGGING_BRANCH' | 'POOR_NOT_EXITED';

export type Strength = 'STRONG' | 'MIDDLE' | 'WEAK';

/** The figures of one village-year that the rule reads. */
export interface StrengthFigures {
  collectiveIncome: number;
  softLax: boolean;
  branchRating: BranchRating;
  /** a registered poor village (建档立卡贫困村) that has not exited (出列) by the year */
  poorNotExited: boolean;
}

/** A registered poor village that has not exited by `year`. */
export function isPoorNotExited(village: Pick<VillageRecord, 'isPoorVillage' | 'exitedYear'>, year: number): boolean {
  return village.isPoorVillage && (village.exitedYear === null || year < village.exitedYear);
}

/** Why the village-year is weak; empty when it is not. */
export function weakReasons(f: StrengthFigures, t: Pick<Thresholds, 'weakIncomeBelow'>): WeakReason[] {
  const reasons: WeakReason[] = [];
  if (f.collectiveIncome < t.weakIncomeBelow) reasons.push('WEAK_COLLECTIVE_ECONOMY');
  if (f.softLax) reasons.push('SOFT_LAX_BRANCH');
  if (f.branchRating === 'LAGGING') reasons.push('LAGGING_BRANCH');
  if (f.poorNotExited) reasons.push('POOR_NOT_EXITED');
  return reasons;
}

/**
 * Weak when any weak reason holds; strong when the collective income is at
 * or above the target and the branch is advanced; otherwise in between.
 */
export function strengthOf(f: StrengthFigures, t: Pick<Thresholds, 'weakIncomeBelow' | 'targetIncome'>): Strength {
  if (weakReasons(f, t).length > 0) return 'WEAK';
  return f.collectiveIncome >= t.targetIncome && f.branchRating === 'ADVANCED' ? 'STRONG' : 'MIDDLE';
}
