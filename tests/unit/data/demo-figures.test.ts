import type { WeakReason } from '../../../server/src/domain/rules.js';
import { describe, expect, it } from 'vitest';
import { povertyStatus } from '../../../server/src/domain/rules.js';
import { countyOfVillage, demo, figure, incidence, isStrongIn, thresholds, verdict, villageByCode, YEARS } from './demo-dataset.js';

const rowsOf = (year: number) => demo.villageYears.filter((r) => r.year === year);
const isCount = (n: number): boolean => Number.isInteger(n) && n >= 0;

describe('demo figures: internal consistency', () => {
  it('has one row per village and year, 2016–2025', () => {
    for (const v of demo.villages) for (const y of YEARS) expect(figure(v.code, y).year).toBe(y);
  });

  it('keeps every count a non-negative integer and every part within its whole', () => {
    for (const r of demo.villageYears) {
      const where = `${r.villageCode}/${r.year}`;
      for (const n of [r.households, r.ruralPopulation, r.poorHouseholds, r.poorPopulation, r.partyMembers, r.memberPairings]) {
        expect(isCount(n), where).toBe(true);
      }
      expect(r.poorPopulation, where).toBeLessThanOrEqual(r.ruralPopulation);
      expect(r.poorHouseholds, where).toBeLessThanOrEqual(r.households);
      expect(r.poorHouseholds, where).toBeLessThanOrEqual(r.poorPopulation);
      expect(r.poorHouseholds > 0, where).toBe(r.poorPopulation > 0);
      expect(r.households, where).toBeLessThanOrEqual(r.ruralPopulation);
      expect(r.memberPairings, where).toBeLessThanOrEqual(r.poorHouseholds);
      expect(r.partyMembers, where).toBeGreaterThanOrEqual(5);
      expect(r.partyMembers, where).toBeLessThanOrEqual(60);
      expect(r.collectiveIncome, where).toBeGreaterThanOrEqual(0);
      expect(Math.round(r.collectiveIncome * 100) / 100, where).toBe(r.collectiveIncome);
    }
  });

  it('applies the exit rule: a poor village is below the threshold from its exit year, above it before', () => {
    const poor = demo.villages.filter((v) => v.isPoorVillage);
    expect(poor.length).toBeGreaterThan(50);
    for (const v of poor) {
      expect(v.exitedYear, v.code).not.toBeNull();
      for (const y of YEARS) {
        const inc = incidence([figure(v.code, y)]);
        if (y >= v.exitedYear!) expect(inc, `${v.code}/${y}`).toBeLessThan(thresholds.villageExitIncidence);
        else expect(inc, `${v.code}/${y}`).toBeGreaterThanOrEqual(thresholds.villageExitIncidence);
      }
    }
    for (const v of demo.villages.filter((v) => !v.isPoorVillage)) expect(v.exitedYear, v.code).toBeNull();
  });

  it('has poor villages exit mostly in 2018–2020', () => {
    const exits = demo.villages.filter((v) => v.isPoorVillage).map((v) => v.exitedYear!);
    const main = exits.filter((y) => y >= 2018 && y <= 2020).length;
    expect(main / exits.length).toBeGreaterThan(0.8);
    expect(Math.min(...exits)).toBeGreaterThanOrEqual(2017);
  });

  it('has key poor counties exit in 2019–2020, below the county threshold from then on', () => {
    const key = demo.counties.filter((c) => c.keyPoorCounty);
    expect(key.length).toBeGreaterThanOrEqual(2);
    for (const c of key) {
      expect(c.exitedYear).toBeGreaterThanOrEqual(2019);
      expect(c.exitedYear).toBeLessThanOrEqual(2020);
      for (const y of YEARS.filter((y) => y >= c.exitedYear!)) {
        const rows = rowsOf(y).filter((r) => countyOfVillage(r.villageCode) === c.code);
        expect(incidence(rows), `${c.code}/${y}`).toBeLessThan(thresholds.countyExitIncidence);
      }
      const before = rowsOf(2016).filter((r) => countyOfVillage(r.villageCode) === c.code);
      expect(incidence(before)).toBeGreaterThan(thresholds.countyExitIncidence);
    }
    for (const c of demo.counties.filter((c) => !c.keyPoorCounty)) expect(c.exitedYear).toBeNull();
  });

  it('makes the south poorer: southern counties had higher incidence in 2016', () => {
    const lat = (code: string): number => {
      const vs = demo.villages.filter((v) => countyOfVillage(v.code) === code);
      return vs.reduce((s, v) => s + v.location.coordinates[1]!, 0) / vs.length;
    };
    const counties = demo.counties.map((c) => ({
      lat: lat(c.code),
      inc: incidence(rowsOf(2016).filter((r) => countyOfVillage(r.villageCode) === c.code)),
    }));
    const sorted = counties.sort((a, b) => a.lat - b.lat);
    const third = Math.floor(sorted.length / 3);
    const mean = (xs: typeof sorted): number => xs.reduce((s, x) => s + x.inc, 0) / xs.length;
    const south = mean(sorted.slice(0, third));
    const north = mean(sorted.slice(-third));
    expect(south).toBeGreaterThan(8);
    expect(north).toBeLessThan(5);
    expect(south).toBeGreaterThan(2 * north);
  });

  it('lets poverty fall every year at league level, to about zero by 2021', () => {
    const series = YEARS.map((y) => incidence(rowsOf(y)));
    for (let k = 1; k < series.length; k++) expect(series[k]).toBeLessThanOrEqual(series[k - 1]!);
    expect(series[0]).toBeGreaterThan(3);
    expect(series[5]).toBeLessThan(0.1);
  });

  it('keeps a few poor households in some villages that were never poor villages', () => {
    const some = demo.villages.filter((v) => !v.isPoorVillage && figure(v.code, 2017).poorHouseholds > 0);
    expect(some.length).toBeGreaterThan(10);
    const never = demo.villages.filter((v) => YEARS.every((y) => figure(v.code, y).poorPopulation === 0));
    expect(never.length).toBeGreaterThan(0);
  });

  it('shrinks the weak collective economies, with most villages on target by 2025 but not all', () => {
    const weak = YEARS.map((y) => rowsOf(y).filter((r) => r.collectiveIncome < thresholds.weakIncomeBelow).length);
    for (let k = 1; k < weak.length; k++) expect(weak[k]).toBeLessThanOrEqual(weak[k - 1]!);
    expect(weak[0]! / demo.villages.length).toBeGreaterThan(0.4);
    const onTarget = rowsOf(2025).filter((r) => r.collectiveIncome >= thresholds.targetIncome).length / demo.villages.length;
    expect(onTarget).toBeGreaterThan(0.7);
    expect(onTarget).toBeLessThan(1);
  });

  it('spreads 一肩挑 from about 10% (2016) to 40–60% (2022 on)', () => {
    const share = (y: number): number => rowsOf(y).filter((r) => r.secretaryIsDirector).length / demo.villages.length;
    expect(share(2016)).toBeGreaterThan(0.05);
    expect(share(2016)).toBeLessThan(0.15);
    for (const y of [2022, 2023, 2024, 2025]) {
      expect(share(y)).toBeGreaterThan(0.4);
      expect(share(y)).toBeLessThan(0.6);
    }
  });

  it('lists a few percent of branches soft/lax, fewer over time, mostly graded lagging', () => {
    const share = (y: number): number => rowsOf(y).filter((r) => r.softLax).length / demo.villages.length;
    expect(share(2016)).toBeGreaterThan(0.03);
    expect(share(2016)).toBeLessThan(0.1);
    expect(share(2025)).toBeLessThan(share(2016));
    const lax = demo.villageYears.filter((r) => r.softLax);
    expect(lax.filter((r) => r.branchRating === 'LAGGING').length / lax.length).toBeGreaterThan(0.7);
    expect(lax.some((r) => r.branchRating === 'ADVANCED')).toBe(false);
    const lagging = demo.villageYears.filter((r) => r.branchRating === 'LAGGING');
    expect(lagging.filter((r) => r.softLax).length / lagging.length).toBeGreaterThan(0.3);
  });

  it('pairs party members with poor households, tracking the number of members', () => {
    const rows = demo.villageYears.filter((r) => r.year === 2017 && r.poorHouseholds >= 20);
    const full = rows.filter((r) => r.memberPairings >= Math.min(r.poorHouseholds, r.partyMembers * 0.5)).length;
    expect(full / rows.length).toBeGreaterThan(0.7);
    expect(rows.some((r) => r.memberPairings < r.partyMembers * thresholds.memberPairingMin * 0.5 && r.poorHouseholds > r.partyMembers)).toBe(true);
  });
});

describe('demo figures: every rule exercised', () => {
  const reasons = demo.villageYears.map((r) => ({ r, why: verdict(villageByCode.get(r.villageCode)!, r).reasons }));

  it.each<WeakReason>(['WEAK_COLLECTIVE_ECONOMY', 'SOFT_LAX_BRANCH', 'LAGGING_BRANCH', 'POOR_NOT_EXITED'])('has villages weak only because of %s', (reason) => {
    expect(reasons.filter(({ why }) => why.length === 1 && why[0] === reason).length).toBeGreaterThan(0);
  });

  it('has strong villages every year from 2017', () => {
    for (const y of YEARS.slice(1)) expect(rowsOf(y).some((r) => isStrongIn(villageByCode.get(r.villageCode)!, r))).toBe(true);
  });

  it('has poor villages that exited, villages never poor, and villages in the middle band', () => {
    expect(demo.villages.some((v) => v.isPoorVillage && v.exitedYear !== null)).toBe(true);
    expect(demo.villages.some((v) => !v.isPoorVillage)).toBe(true);
    expect(demo.villages.some((v) => povertyStatus(v, 2018) === 'POOR')).toBe(true);
    const middle = rowsOf(2025).filter((r) => r.collectiveIncome >= thresholds.weakIncomeBelow && r.collectiveIncome < thresholds.targetIncome);
    expect(middle.length).toBeGreaterThan(0);
  });
});
