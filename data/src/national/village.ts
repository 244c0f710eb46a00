/**
 * One synthetic village and its ten years of figures, from the village's own
 * random stream (so a village comes out the same whatever else is generated,
 * and nothing about other villages is needed: the generator streams).
 * The figures obey the API's rule (checkVillageFigures: counts whole and not
 * negative, poor ≤ population, poor households ≤ households and ≤ poor
 * people, pairings ≤ poor households) and the exit rule in integers: a poor
 * village's incidence is above the exit threshold before its exit year and
 * below it from then on.
 */
import type { BranchFocus, Thresholds, VillageRecord, VillageYearRecord } from '../records.js';
import { incomePath, ONE_SHOULDER, rateBranch, SOFT_LAX_SHARE } from '../demo/figures.js';
import { HAN_HEADS, HAN_VILLAGE_TAILS, MONGOL_HEADS, MONGOL_TAILS } from '../demo/names.js';
import { maxPoorBelow, YEARS } from '../demo/poverty.js';
import type { Rng } from '../demo/rng.js';

/** Provinces with a high 2016 poverty incidence (%, rough), the rest low. */
const POVERTY_LEVEL: Readonly<Record<string, number>> = {
  '52': 11, '53': 11, '54': 13, '62': 11, '63': 10, '65': 9, '64': 8, '45': 8, '43': 7, '51': 6, '61': 7,
  '14': 7, '15': 6, '13': 5, '36': 5, '42': 5, '41': 5, '46': 5, '50': 5, '22': 4, '23': 4, '34': 5,
};

const round2 = (x: number): number => Math.round(x * 100) / 100;
const minPoorAbove = (rural: number, limitPct: number): number => Math.floor((limitPct * rural) / 100) + 1;

export interface SyntheticVillage {
  record: VillageRecord;
  figures: VillageYearRecord[];
}

/** Draws a name not in `used` (the township's names so far). */
export function villageName(r: Rng, gacha: boolean, used: Set<string>): { name: string; nameEn: string } {
  for (let attempt = 0; ; attempt++) {
    const [h, t] = gacha ? [r.pick(MONGOL_HEADS), r.pick(MONGOL_TAILS)] : [r.pick(HAN_HEADS), r.pick(HAN_VILLAGE_TAILS)];
    const suffix = attempt < 20 ? '' : String(attempt);
    const name = `${h[0]}${t[0]}${suffix}${gacha ? '嘎查' : '村'}`;
    if (used.has(name)) continue;
    used.add(name);
    return { name, nameEn: gacha ? `${h[1]} ${t[1]}${suffix} Gacha` : `${h[1]}${t[1]}${suffix} Village` };
  }
}

export function syntheticVillage(
  r: Rng,
  code: string,
  townshipCode: string,
  location: [number, number],
  used: Set<string>,
  thresholds: Thresholds,
): SyntheticVillage {
  const province = code.slice(0, 2);
  const gacha = province === '15' && r.chance(0.4);
  const { name, nameEn } = villageName(r, gacha, used);
  const level = POVERTY_LEVEL[province] ?? 2;
  const limit = thresholds.villageExitIncidence;

  // population, drifting down with migration
  const households: number[] = [];
  const ruralPopulation: number[] = [];
  let hh = Math.round(gacha ? r.range(55, 260) : r.range(120, 620));
  let size = r.range(2.4, 3.1);
  for (const _ of YEARS) {
    households.push(hh);
    ruralPopulation.push(Math.max(hh + 1, Math.round(hh * size)));
    hh = Math.max(30, Math.round(hh * (1 + r.range(-0.018, 0.006))));
    size = Math.max(2.1, size - r.range(0, 0.02));
  }

  // poverty: poor villages exit 2017–2020, the others' poor fall to none by 2021
  const never = r.chance(0.15);
  const inc2016 = never ? 0 : Math.min(32, level * Math.exp(r.normal(-0.12, 0.5)));
  const poor = inc2016 >= 11 || (inc2016 >= 6 && r.chance(0.3));
  const exit = poor ? r.weighted<number>([[2017, 1], [2018, 4], [2019, 4], [2020, 3]]) : null;
  const decay = [1, 0.72, 0.42, 0.18, 0.05, 0, 0, 0, 0, 0];
  const atExit = r.range(0.6, 2.5);
  const residual = r.chance(0.04);
  const poorSize = r.range(1.9, 2.8);
  const poorPopulation: number[] = [];
  const poorHouseholds: number[] = [];
  YEARS.forEach((y, k) => {
    const rural = ruralPopulation[k]!;
    const prev = k === 0 ? Infinity : poorPopulation[k - 1]!;
    const incidence = exit === null ? inc2016 * decay[k]! : y < exit ? inc2016 : y >= 2021 ? 0 : atExit * 0.35 ** (y - exit);
    let count = Math.round((incidence * rural) / 100);
    if (residual && y >= 2021 && prev > 0) count = Math.max(1, Math.round(prev * r.range(0.5, 0.9)));
    count = Math.min(count, prev, rural);
    if (exit !== null && y < exit) count = Math.min(rural, Math.max(count, minPoorAbove(rural, limit)));
    if (exit !== null && y >= exit) count = Math.min(count, maxPoorBelow(rural, limit));
    poorPopulation.push(count);
    const prevHh = k === 0 ? Infinity : poorHouseholds[k - 1]!;
    poorHouseholds.push(count === 0 ? 0 : Math.max(1, Math.min(count, households[k]!, prevHh, Math.round(count / poorSize))));
  });

  // collective income, branch and members
  const empty = r.chance(poor ? 0.35 : 0.12);
  const start = empty ? 0 : round2(Math.exp(r.normal(poor ? 0.9 : 1.7, 0.8)));
  const end = r.chance(0.85) ? Math.max(start, 10 + Math.exp(r.normal(2, 0.9))) : Math.max(start, r.range(2, 9.8));
  const income = incomePath(r, start, end);
  const quality = r.normal(0, 1);
  const adoption = r.weighted(ONE_SHOULDER);
  const capableShare = r.range(0.5, 0.85);
  const pairingRate = r.chance(0.12) ? r.range(0.3, 0.8) : r.range(1, 2.5) * thresholds.memberPairingMin;
  let members = Math.min(60, Math.max(5, Math.round(ruralPopulation[0]! * r.range(0.025, 0.06))));
  let lax = false;
  const record: VillageRecord = {
    code,
    townshipCode,
    name,
    nameEn,
    kind: gacha ? 'GACHA' : 'VILLAGE',
    location: { type: 'Point', coordinates: location },
    isPoorVillage: poor,
    exitedYear: exit,
    branchName: `${name}党支部`,
    branchFocus: r.weighted<BranchFocus | null>([['FARMING_HERDING', 60], ['TOURISM', 10], ['SPECIALTY_INDUSTRY', 14], ['E_COMMERCE', 6], [null, 10]]),
    branchGovernance15: r.chance(0.6),
  };
  const figures = YEARS.map((year, k): VillageYearRecord => {
    const collectiveIncome = income[k]!;
    lax = (lax && r.chance(0.4)) || r.chance(SOFT_LAX_SHARE[k]! * (collectiveIncome < thresholds.weakIncomeBelow ? 1.5 : 0.6));
    const branchRating = rateBranch(r, quality, collectiveIncome, k, lax, exit !== null && year < exit, thresholds);
    if (k > 0) members = Math.min(60, Math.max(5, members + Math.round(r.normal(0.3, 1))));
    const poorHh = poorHouseholds[k]!;
    return {
      villageCode: code,
      year,
      households: households[k]!,
      ruralPopulation: ruralPopulation[k]!,
      poorHouseholds: poorHh,
      poorPopulation: poorPopulation[k]!,
      collectiveIncome,
      partyMembers: members,
      memberPairings: Math.min(poorHh, Math.round(members * capableShare * pairingRate)),
      secretaryIsDirector: adoption !== null && year >= adoption,
      softLax: lax,
      branchRating,
    };
  });
  return { record, figures };
}
