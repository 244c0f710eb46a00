/**
 * Population and poverty of every village, 2016–2025: households and rural
 * population drifting down with migration; registered poor falling every
 * year, fastest in 2017–2019; poor villages (贫困村) exiting in the first year
 * their incidence drops below the exit threshold, mostly 2018–2020; key poor
 * counties exiting in 2019–2020 once their incidence is below the county
 * threshold. Counts are integers and the exit rule is enforced in integers.
 */
import type { Thresholds } from '../records.js';
import type { Places } from './places.js';
import type { Rng } from './rng.js';

export const FIRST_YEAR = 2016;
export const LAST_YEAR = 2025;
export const YEARS = Array.from({ length: LAST_YEAR - FIRST_YEAR + 1 }, (_, i) => FIRST_YEAR + i);

export interface PovertySeries {
  households: number[];
  ruralPopulation: number[];
  poorHouseholds: number[];
  poorPopulation: number[];
}

/** Share of 2016 poverty left in each year in villages that were never poor villages. */
const DECAY = [1, 0.72, 0.42, 0.18, 0.05, 0, 0, 0, 0, 0];

/** poor × 100 < limit × rural, in integers (incidence strictly below the limit). */
export const maxPoorBelow = (rural: number, limitPct: number): number => Math.max(0, Math.ceil((limitPct * rural) / 100) - 1);
/** smallest poor with poor × 100 > limit × rural (incidence strictly above). */
const minPoorAbove = (rural: number, limitPct: number): number => Math.floor((limitPct * rural) / 100) + 1;

export function generatePoverty(places: Places, thresholds: Thresholds, rng: Rng): PovertySeries[] {
  const r = rng.fork('poverty');
  const countyLevel = places.counties.map((c) => {
    const south = c.south;
    return south > 0.6 ? r.range(10, 14.5) : south > 0.35 ? r.range(3, 5.5) : r.range(1, 3.5);
  });
  const limit = thresholds.villageExitIncidence;

  const plans = places.villages.map((v) => {
    const farming = v.record.kind === 'VILLAGE';
    const households = Math.round(farming ? r.range(150, 620) : r.range(55, 260));
    const size = r.range(2.4, 3.1);
    const never = r.chance(v.south > 0.5 ? 0.03 : 0.14);
    const inc2016 = never ? 0 : Math.min(32, (countyLevel[v.county] as number) * Math.exp(r.normal(-0.12, 0.5)));
    const poor = inc2016 >= 11 || (inc2016 >= 6 && r.chance(0.3));
    return { households, size, inc2016, poor };
  });

  return places.villages.map((v, i) => {
    const plan = plans[i]!;
    const households: number[] = [];
    const ruralPopulation: number[] = [];
    let hh = plan.households;
    let size = plan.size;
    for (const _ of YEARS) {
      households.push(hh);
      ruralPopulation.push(Math.max(hh + 1, Math.round(hh * size)));
      hh = Math.max(30, Math.round(hh * (1 + r.range(-0.018, 0.006))));
      size = Math.max(2.1, size - r.range(0, 0.02));
    }

    // target incidence (%) per year
    let exit: number | null = null;
    let incidence: number[];
    if (plan.poor) {
      exit = r.weighted(
        plan.inc2016 > 14
          ? [[2018, 2], [2019, 4], [2020, 4]]
          : [[2017, 1], [2018, 4], [2019, 4], [2020, 2]],
      );
      const pre = Math.min(plan.inc2016, r.range(3.4, 5.5));
      const start = Math.max(plan.inc2016, pre);
      const atExit = r.range(0.6, 2.5);
      const preYears = exit - FIRST_YEAR;
      incidence = YEARS.map((y) => {
        if (y < exit!) return preYears <= 1 ? start : start * (pre / start) ** ((y - FIRST_YEAR) / (preYears - 1));
        return y >= 2021 ? 0 : atExit * 0.35 ** (y - exit!);
      });
    } else {
      incidence = DECAY.map((d) => plan.inc2016 * d * r.range(0.9, 1.1));
    }
    // a few villages keep a handful of monitored poor households after 2020
    const residual = r.chance(0.04);

    const poorPopulation: number[] = [];
    const poorHouseholds: number[] = [];
    const poorSize = r.range(1.9, 2.8);
    YEARS.forEach((y, k) => {
      const rural = ruralPopulation[k] as number;
      const prev = k === 0 ? Infinity : (poorPopulation[k - 1] as number);
      let poor = Math.round(((incidence[k] as number) * rural) / 100);
      if (residual && y >= 2021 && prev > 0) poor = Math.max(1, Math.round(prev * r.range(0.5, 0.9)));
      poor = Math.min(poor, prev);
      if (exit !== null && y < exit) poor = Math.max(poor, minPoorAbove(rural, limit));
      if (exit !== null && y >= exit) poor = Math.min(poor, maxPoorBelow(rural, limit));
      poorPopulation.push(poor);
      const prevHh = k === 0 ? Infinity : (poorHouseholds[k - 1] as number);
      const hhCount = poor === 0 ? 0 : Math.max(1, Math.min(poor, households[k] as number, prevHh, Math.round(poor / poorSize)));
      poorHouseholds.push(hhCount);
    });
    v.record.isPoorVillage = plan.poor;
    v.record.exitedYear = exit;
    return { households, ruralPopulation, poorHouseholds, poorPopulation };
  });
}

/**
 * Key poor counties (国家重点贫困旗县): the three poorest in 2016. Each exits
 * in 2019 or 2020, and not before its incidence is below the county threshold.
 */
export function markKeyPoorCounties(places: Places, series: PovertySeries[], thresholds: Thresholds, rng: Rng): void {
  const r = rng.fork('counties');
  const sums = places.counties.map(() => YEARS.map(() => ({ poor: 0, rural: 0 })));
  places.villages.forEach((v, i) => {
    YEARS.forEach((_, k) => {
      const s = sums[v.county]![k]!;
      s.poor += series[i]!.poorPopulation[k] as number;
      s.rural += series[i]!.ruralPopulation[k] as number;
    });
  });
  const inc2016 = sums.map((s) => (100 * s[0]!.poor) / s[0]!.rural);
  const poorest = inc2016
    .map((inc, c) => ({ inc, c }))
    .sort((a, b) => b.inc - a.inc)
    .slice(0, 3);
  for (const { c } of poorest) {
    const below = (k: number): boolean => sums[c]![k]!.poor * 100 < thresholds.countyExitIncidence * sums[c]![k]!.rural;
    let year = r.chance(0.5) ? 2019 : 2020;
    while (!YEARS.every((y, k) => y < year || below(k))) year++;
    const county = places.counties[c]!.record;
    county.keyPoorCounty = true;
    county.exitedYear = year;
  }
}
