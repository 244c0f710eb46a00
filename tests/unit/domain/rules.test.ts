import { describe, expect, it } from 'vitest';
import { BranchRating, IncomeBand, PovertyStatus, VillageStrength } from '../../../server/src/domain/enums.js';
import {
  DEFAULT_THRESHOLDS,
  classifyStrength,
  countyExitEligibility,
  incomeBand,
  memberPairingMet,
  povertyIncidence,
  povertyStatus,
  villageExitEligibility,
} from '../../../server/src/domain/rules.js';

describe('povertyIncidence', () => {
  it('is poor population over rural population in percent', () => {
    expect(povertyIncidence(30, 1000)).toBeCloseTo(3);
    expect(povertyIncidence(0, 1000)).toBe(0);
    expect(povertyIncidence(1000, 1000)).toBe(100);
  });
  it('is null when there is no rural population (no division by zero)', () => {
    expect(povertyIncidence(0, 0)).toBeNull();
    expect(povertyIncidence(5, 0)).toBeNull();
  });
});

describe('povertyStatus', () => {
  it('separates never-poor, poor and exited villages by year', () => {
    expect(povertyStatus({ isPoorVillage: false, exitedYear: null }, 2018)).toBe(PovertyStatus.NEVER_POOR);
    expect(povertyStatus({ isPoorVillage: true, exitedYear: null }, 2025)).toBe(PovertyStatus.POOR);
    expect(povertyStatus({ isPoorVillage: true, exitedYear: 2019 }, 2018)).toBe(PovertyStatus.POOR);
    expect(povertyStatus({ isPoorVillage: true, exitedYear: 2019 }, 2019)).toBe(PovertyStatus.EXITED);
    expect(povertyStatus({ isPoorVillage: true, exitedYear: 2019 }, 2024)).toBe(PovertyStatus.EXITED);
  });
});

describe('classifyStrength', () => {
  const strong = { collectiveIncome: 12, softLax: false, branchRating: BranchRating.ADVANCED, status: PovertyStatus.NEVER_POOR };

  it('is strong at or above the target income with an advanced branch', () => {
    expect(classifyStrength(strong)).toEqual({ strength: VillageStrength.STRONG, reasons: [] });
    expect(classifyStrength({ ...strong, collectiveIncome: DEFAULT_THRESHOLDS.targetIncome })?.strength).toBe(VillageStrength.STRONG);
    expect(classifyStrength({ ...strong, status: PovertyStatus.EXITED })?.strength).toBe(VillageStrength.STRONG);
  });

  it('gives every reason for weakness', () => {
    expect(classifyStrength({ ...strong, collectiveIncome: 4.99 })).toEqual({ strength: VillageStrength.WEAK, reasons: ['WEAK_COLLECTIVE_ECONOMY'] });
    expect(classifyStrength({ ...strong, softLax: true })?.reasons).toEqual(['SOFT_LAX_BRANCH']);
    expect(classifyStrength({ ...strong, branchRating: BranchRating.LAGGING })?.reasons).toEqual(['LAGGING_BRANCH']);
    expect(classifyStrength({ ...strong, status: PovertyStatus.POOR })?.reasons).toEqual(['POOR_NOT_EXITED']);
    expect(
      classifyStrength({ collectiveIncome: 0, softLax: true, branchRating: BranchRating.LAGGING, status: PovertyStatus.POOR })?.reasons,
    ).toEqual(['WEAK_COLLECTIVE_ECONOMY', 'SOFT_LAX_BRANCH', 'LAGGING_BRANCH', 'POOR_NOT_EXITED']);
  });

  it('is in between otherwise, including exactly at the weak line', () => {
    expect(classifyStrength({ ...strong, collectiveIncome: DEFAULT_THRESHOLDS.weakIncomeBelow })?.strength).toBe(VillageStrength.MIDDLE);
    expect(classifyStrength({ ...strong, collectiveIncome: 9.99 })?.strength).toBe(VillageStrength.MIDDLE);
    expect(classifyStrength({ ...strong, branchRating: BranchRating.MIDDLE })?.strength).toBe(VillageStrength.MIDDLE);
  });

  it('is unknown for a missing year', () => {
    expect(classifyStrength(null)).toBeNull();
  });

  it('follows the prefecture thresholds', () => {
    const t = { ...DEFAULT_THRESHOLDS, weakIncomeBelow: 20, targetIncome: 50 };
    expect(classifyStrength(strong, t)?.strength).toBe(VillageStrength.WEAK);
    expect(classifyStrength({ ...strong, collectiveIncome: 30 }, t)?.strength).toBe(VillageStrength.MIDDLE);
    expect(classifyStrength({ ...strong, collectiveIncome: 50 }, t)?.strength).toBe(VillageStrength.STRONG);
  });
});

describe('incomeBand', () => {
  it('splits at the weak line and the target, boundaries included upward', () => {
    expect(incomeBand(0)).toBe(IncomeBand.WEAK);
    expect(incomeBand(4.99)).toBe(IncomeBand.WEAK);
    expect(incomeBand(5)).toBe(IncomeBand.BUILDING);
    expect(incomeBand(9.99)).toBe(IncomeBand.BUILDING);
    expect(incomeBand(10)).toBe(IncomeBand.TARGET_MET);
  });
});

describe('exit eligibility', () => {
  it('lets a poor village exit only below the village line', () => {
    expect(villageExitEligibility(PovertyStatus.POOR, 2.99).eligible).toBe(true);
    const atLine = villageExitEligibility(PovertyStatus.POOR, 3);
    expect(atLine.eligible).toBe(false);
    expect(atLine.reason).toContain('not below 3 %');
  });
  it('explains why a village cannot exit', () => {
    expect(villageExitEligibility(PovertyStatus.NEVER_POOR, 0)).toEqual({ eligible: false, reason: 'not a registered poor village' });
    expect(villageExitEligibility(PovertyStatus.EXITED, 0)).toEqual({ eligible: false, reason: 'already exited' });
    expect(villageExitEligibility(PovertyStatus.POOR, null)).toEqual({ eligible: false, reason: 'no figures for the year' });
  });
  it('uses the configured line for villages and counties', () => {
    const t = { ...DEFAULT_THRESHOLDS, villageExitIncidence: 2, countyExitIncidence: 2 };
    expect(villageExitEligibility(PovertyStatus.POOR, 2.5, t).eligible).toBe(false);
    expect(countyExitEligibility(2.5).eligible).toBe(true);
    expect(countyExitEligibility(2.5, t).eligible).toBe(false);
    expect(countyExitEligibility(null).eligible).toBe(false);
  });
});

describe('memberPairingMet', () => {
  it('needs members × N pairings, capped by the poor households there are', () => {
    expect(memberPairingMet({ partyMembers: 10, memberPairings: 10, poorHouseholds: 40 })).toBe(true);
    expect(memberPairingMet({ partyMembers: 10, memberPairings: 9, poorHouseholds: 40 })).toBe(false);
    expect(memberPairingMet({ partyMembers: 10, memberPairings: 3, poorHouseholds: 3 })).toBe(true);
    expect(memberPairingMet({ partyMembers: 10, memberPairings: 0, poorHouseholds: 0 })).toBe(true);
    expect(memberPairingMet({ partyMembers: 10, memberPairings: 10, poorHouseholds: 40 }, { ...DEFAULT_THRESHOLDS, memberPairingMin: 2 })).toBe(false);
  });
});
