/**
 * The generator's aim when it picks pairings: strong helpers, weak helped
 * villages. The rule itself lives in server/src/domain/rules.ts (data/ may
 * not import the server); tests/unit/data checks the generated data against
 * that one implementation, so a drift here fails the tests. Not exported.
 */
import type { Thresholds, VillageRecord, VillageYearRecord } from '../records.js';

/** A registered poor village that has not exited by `year`. */
export function isPoorNotExited(village: Pick<VillageRecord, 'isPoorVillage' | 'exitedYear'>, year: number): boolean {
  return village.isPoorVillage && (village.exitedYear === null || year < village.exitedYear);
}

export type WeakReason = 'LOW_INCOME' | 'SOFT_LAX' | 'LAGGING' | 'POOR_NOT_EXITED';

/** Why a village is weak in a year (empty when it is not weak). */
export function weakReasons(
  village: Pick<VillageRecord, 'isPoorVillage' | 'exitedYear'>,
  figures: Pick<VillageYearRecord, 'year' | 'collectiveIncome' | 'softLax' | 'branchRating'>,
  thresholds: Pick<Thresholds, 'weakIncomeBelow'>,
): WeakReason[] {
  const reasons: WeakReason[] = [];
  if (figures.collectiveIncome < thresholds.weakIncomeBelow) reasons.push('LOW_INCOME');
  if (figures.softLax) reasons.push('SOFT_LAX');
  if (figures.branchRating === 'LAGGING') reasons.push('LAGGING');
  if (isPoorNotExited(village, figures.year)) reasons.push('POOR_NOT_EXITED');
  return reasons;
}

export function isWeak(
  village: Pick<VillageRecord, 'isPoorVillage' | 'exitedYear'>,
  figures: Pick<VillageYearRecord, 'year' | 'collectiveIncome' | 'softLax' | 'branchRating'>,
  thresholds: Pick<Thresholds, 'weakIncomeBelow'>,
): boolean {
  return weakReasons(village, figures, thresholds).length > 0;
}

export function isStrong(
  figures: Pick<VillageYearRecord, 'collectiveIncome' | 'branchRating'>,
  thresholds: Pick<Thresholds, 'targetIncome'>,
): boolean {
  return figures.collectiveIncome >= thresholds.targetIncome && figures.branchRating === 'ADVANCED';
}
