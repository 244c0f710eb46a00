/**
 * The yearly figures of every village (VillageYearRecord): poverty from
 * poverty.ts, plus the collective economy (weak villages catching up, most
 * at the 10 万元 target by 2025 but not all), party members and their
 * pairings with poor households, 一肩挑 spreading, soft/lax branches listed
 * and rectified, and branch ratings tied to both.
 */
import type { BranchFocus, BranchRating, Thresholds, VillageYearRecord } from '../records.js';
import type { Places } from './places.js';
import { generatePoverty, markKeyPoorCounties, YEARS, FIRST_YEAR } from './poverty.js';
import type { Rng } from './rng.js';
import { isPoorNotExited } from './rules.js';

/** Expected share of soft/lax branches per year, 2016–2025 (falling). */
export const SOFT_LAX_SHARE = [0.07, 0.06, 0.05, 0.045, 0.035, 0.03, 0.025, 0.02, 0.015, 0.01];
/** Year a village's secretary also became its director (一肩挑); null: never. */
export const ONE_SHOULDER: ReadonlyArray<readonly [number | null, number]> = [
  [2016, 10], [2017, 4], [2018, 6], [2019, 6], [2020, 6], [2021, 15], [2022, 4], [2023, 3], [2024, 2], [2025, 2], [null, 42],
];

const round2 = (x: number): number => Math.round(x * 100) / 100;

/** Collective income path (万元), non-decreasing, from a 2016 level to a 2025 level. */
export function incomePath(r: Rng, start: number, end: number): number[] {
  const takeoff = r.range(0, 0.6);
  const span = r.range(0.3, 1 - takeoff);
  let last = -1;
  return YEARS.map((y) => {
    const t = (y - FIRST_YEAR) / (YEARS.length - 1);
    const f = Math.min(1, Math.max(0, (t - takeoff) / span));
    const value = round2(start + (end - start) * f * f * (3 - 2 * f));
    last = Math.max(last, value);
    return last;
  });
}

/**
 * A branch's rating in year index k: from its lasting quality and the
 * collective income, lagging when listed soft/lax, and never ADVANCED while
 * the village is a poor village not yet exited but at the income target (it
 * is weak by rule; never grade it strong at the same time).
 */
export function rateBranch(r: Rng, quality: number, collectiveIncome: number, k: number, lax: boolean, poorNotExited: boolean, thresholds: Thresholds): BranchRating {
  const score = quality + 0.6 * (Math.log1p(collectiveIncome) - 2) + 0.05 * k + r.normal(0, 0.3);
  let rating: BranchRating = score > 1.1 ? 'ADVANCED' : score < -2.1 ? 'LAGGING' : 'MIDDLE';
  if (lax) rating = r.chance(0.85) ? 'LAGGING' : 'MIDDLE';
  if (rating === 'ADVANCED' && poorNotExited && collectiveIncome >= thresholds.targetIncome) rating = 'MIDDLE';
  return rating;
}

export function generateFigures(places: Places, thresholds: Thresholds, rng: Rng): VillageYearRecord[] {
  const series = generatePoverty(places, thresholds, rng);
  markKeyPoorCounties(places, series, thresholds, rng);
  const r = rng.fork('figures');
  const n = places.villages.length;

  const income = places.villages.map((v) => {
    const poor = v.record.isPoorVillage;
    const empty = r.chance(poor ? 0.35 : 0.12); // 空壳村: no collective income at all
    const start = empty ? 0 : round2(Math.exp(r.normal(poor ? 0.9 : 1.9 - 0.7 * v.south, 0.8)));
    const reach = r.chance(0.9 - 0.12 * v.south);
    const end = reach ? Math.max(start, 10 + Math.exp(r.normal(2, 0.9))) : Math.max(start, r.range(2, 9.8));
    return incomePath(r, start, end);
  });

  // soft/lax listings: some carried into the next year, the rest new, leaning to weak villages
  const softLax: boolean[][] = places.villages.map(() => []);
  YEARS.forEach((_, k) => {
    const target = Math.round((SOFT_LAX_SHARE[k] as number) * n);
    const chosen = new Set<number>();
    if (k > 0) for (let i = 0; i < n; i++) if (softLax[i]![k - 1] && r.chance(0.4)) chosen.add(i);
    const candidates = r.shuffle(Array.from({ length: n }, (_, i) => i));
    for (const weakFirst of [true, false]) {
      for (const i of candidates) {
        if (chosen.size >= target) break;
        const weak = (income[i]![k] as number) < thresholds.weakIncomeBelow;
        if (weak === weakFirst && !chosen.has(i) && r.chance(weakFirst ? 0.3 : 0.05)) chosen.add(i);
      }
    }
    for (let i = 0; i < n; i++) softLax[i]!.push(chosen.has(i));
  });

  const rows: VillageYearRecord[] = [];
  places.villages.forEach((v, i) => {
    const pov = series[i]!;
    const quality = r.normal(0, 1);
    const adoption = r.weighted(ONE_SHOULDER);
    const capableShare = r.range(0.5, 0.85);
    const pairingRate = r.chance(0.12) ? r.range(0.3, 0.8) : r.range(1, 2.5) * thresholds.memberPairingMin;
    let members = Math.min(60, Math.max(5, Math.round((pov.ruralPopulation[0] as number) * r.range(0.025, 0.06))));
    v.record.branchFocus = r.weighted<BranchFocus | null>([
      ['FARMING_HERDING', 60], ['TOURISM', 10], ['SPECIALTY_INDUSTRY', 14], ['E_COMMERCE', 6], [null, 10],
    ]);
    v.record.branchGovernance15 = r.chance(0.6);

    YEARS.forEach((year, k) => {
      const collectiveIncome = income[i]![k] as number;
      const lax = softLax[i]![k] as boolean;
      const poorHouseholds = pov.poorHouseholds[k] as number;
      const branchRating = rateBranch(r, quality, collectiveIncome, k, lax, isPoorNotExited(v.record, year), thresholds);
      if (k > 0) members = Math.min(60, Math.max(5, members + Math.round(r.normal(0.3, 1))));
      rows.push({
        villageCode: v.record.code,
        year,
        households: pov.households[k] as number,
        ruralPopulation: pov.ruralPopulation[k] as number,
        poorHouseholds,
        poorPopulation: pov.poorPopulation[k] as number,
        collectiveIncome,
        partyMembers: members,
        memberPairings: Math.min(poorHouseholds, Math.round(members * capableShare * pairingRate)),
        secretaryIsDirector: adoption !== null && year >= adoption,
        softLax: lax,
        branchRating,
      });
    });
  });
  return rows;
}
