/**
 * The generator's view of the strength rule (../rules.ts, the one home of
 * the rule): whether a village-year of the demo records is weak or strong,
 * used to aim pairings at weak villages with strong helpers. Not exported.
 */
import type { Thresholds, VillageRecord, VillageYearRecord } from '../records.js';
import { isPoorNotExited, strengthOf, weakReasons, type StrengthFigures } from '../rules.js';

export { isPoorNotExited };

type Village = Pick<VillageRecord, 'isPoorVillage' | 'exitedYear'>;
type Figures = Pick<VillageYearRecord, 'year' | 'collectiveIncome' | 'softLax' | 'branchRating'>;

function strengthFigures(village: Village, f: Figures): StrengthFigures {
  return { collectiveIncome: f.collectiveIncome, softLax: f.softLax, branchRating: f.branchRating, poorNotExited: isPoorNotExited(village, f.year) };
}

export function isWeak(village: Village, f: Figures, t: Pick<Thresholds, 'weakIncomeBelow'>): boolean {
  return weakReasons(strengthFigures(village, f), t).length > 0;
}

export function isStrong(village: Village, f: Figures, t: Pick<Thresholds, 'weakIncomeBelow' | 'targetIncome'>): boolean {
  return strengthOf(strengthFigures(village, f), t) === 'STRONG';
}
