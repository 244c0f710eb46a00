import { describe, expect, it } from 'vitest';
import { PairingKind, VillageStrength } from '../../../server/src/domain/enums.js';
import {
  RuleViolation,
  checkAlliance,
  checkBeneficiaries,
  checkFunds,
  checkInvestment,
  checkPairing,
  checkPeriod,
  checkVillageFigures,
  checkYear,
  enforce,
  type VillageFigures,
} from '../../../server/src/domain/planning.js';

const fields = (problems: { field: string }[]) => problems.map((p) => p.field);

describe('checkYear and checkPeriod', () => {
  it('accepts whole years 2000–2100 and a missing year', () => {
    expect(checkYear('year', 2000)).toEqual([]);
    expect(checkYear('year', 2100)).toEqual([]);
    expect(checkYear('year', null)).toEqual([]);
  });
  it('refuses years out of range or fractional, naming the field', () => {
    expect(fields(checkYear('startYear', 1999))).toEqual(['startYear']);
    expect(fields(checkYear('startYear', 2101))).toEqual(['startYear']);
    expect(fields(checkYear('startYear', 2020.5))).toEqual(['startYear']);
  });
  it('refuses an end before the start, and allows an open end', () => {
    expect(checkPeriod('startYear', 2020, 'endYear', 2019)[0]).toEqual({ field: 'endYear', reason: 'must not be before startYear (2020)' });
    expect(checkPeriod('startYear', 2020, 'endYear', 2020)).toEqual([]);
    expect(checkPeriod('startYear', 2020, 'endYear', null)).toEqual([]);
  });
});

describe('checkVillageFigures', () => {
  const ok: VillageFigures = { year: 2024, households: 300, ruralPopulation: 900, poorHouseholds: 10, poorPopulation: 25, collectiveIncome: 12.5, partyMembers: 30, memberPairings: 8 };
  it('accepts consistent figures, including a village with no people at all', () => {
    expect(checkVillageFigures(ok)).toEqual([]);
    expect(checkVillageFigures({ ...ok, households: 0, ruralPopulation: 0, poorHouseholds: 0, poorPopulation: 0, memberPairings: 0, collectiveIncome: 0 })).toEqual([]);
  });
  it('refuses negative and fractional counts and negative income, each by name', () => {
    expect(fields(checkVillageFigures({ ...ok, households: -1, partyMembers: 2.5, collectiveIncome: -0.01 }))).toEqual(['households', 'partyMembers', 'collectiveIncome']);
    expect(fields(checkVillageFigures({ ...ok, collectiveIncome: Number.NaN }))).toEqual(['collectiveIncome']);
  });
  it('refuses more poor than people, more poor households than households or poor people, more pairings than poor households', () => {
    expect(checkVillageFigures({ ...ok, poorPopulation: 901 })[0]).toEqual({ field: 'poorPopulation', reason: 'must not exceed ruralPopulation (900)' });
    expect(fields(checkVillageFigures({ ...ok, poorHouseholds: 301, poorPopulation: 400 }))).toEqual(['poorHouseholds']);
    expect(fields(checkVillageFigures({ ...ok, poorHouseholds: 26 }))).toEqual(['poorHouseholds']);
    expect(fields(checkVillageFigures({ ...ok, memberPairings: 11 }))).toEqual(['memberPairings']);
  });
});

describe('checkPairing', () => {
  const strong = { kind: 'village' as const, code: 'A', year: 2024, verdict: { strength: VillageStrength.STRONG, reasons: [] } };
  it('lets a strong village help another village', () => {
    expect(checkPairing(PairingKind.STRONG_HELPS_WEAK, strong, 'B', false)).toEqual([]);
  });
  it('refuses self-pairing, a duplicate open pair, a helper without figures and a weak helper with its reasons', () => {
    expect(fields(checkPairing(PairingKind.STRONG_HELPS_WEAK, strong, 'A', false))).toEqual(['helperVillageCode']);
    expect(checkPairing(PairingKind.STRONG_HELPS_WEAK, strong, 'B', true)).toEqual([{ field: 'helpedVillageCode', reason: 'this helper already has an open pairing with this village' }]);
    expect(checkPairing(PairingKind.STRONG_HELPS_WEAK, { ...strong, verdict: null }, 'B', false)[0]!.reason).toContain('has no figures for 2024');
    const weak = { ...strong, verdict: { strength: VillageStrength.WEAK, reasons: ['WEAK_COLLECTIVE_ECONOMY' as const] } };
    expect(checkPairing(PairingKind.STRONG_HELPS_WEAK, weak, 'B', false)[0]!.reason).toBe('village A is WEAK in 2024 (WEAK_COLLECTIVE_ECONOMY); only a strong village may help');
  });
  it('needs an enterprise for ENTERPRISE_VILLAGE and a village for the other kinds', () => {
    expect(checkPairing(PairingKind.ENTERPRISE_VILLAGE, { kind: 'organisation', id: 3, organisationKind: 'ENTERPRISE' }, 'B', false)).toEqual([]);
    expect(checkPairing(PairingKind.ENTERPRISE_VILLAGE, { kind: 'organisation', id: 3, organisationKind: 'COOPERATIVE' }, 'B', false)[0]!.reason).toBe('organisation 3 is a COOPERATIVE, not an ENTERPRISE');
    expect(fields(checkPairing(PairingKind.ENTERPRISE_VILLAGE, strong, 'B', false))).toEqual(['helperOrganisationId']);
    expect(fields(checkPairing(PairingKind.STRONG_HELPS_WEAK, { kind: 'organisation', id: 3, organisationKind: 'ENTERPRISE' }, 'B', false))).toEqual(['helperVillageCode']);
  });
});

describe('checkAlliance', () => {
  const base = {
    centreCode: 'C',
    memberCodes: ['C', 'M'],
    townshipOf: new Map([['C', 't1'], ['M', 't1'], ['N', 't2'], ['F', 't9']]),
    adjacentToCentre: new Set(['t2']),
    otherAllianceOf: new Map<string, number>(),
  };
  it('accepts members in the centre\'s township and in adjacent ones', () => {
    expect(checkAlliance(base)).toEqual([]);
    expect(checkAlliance({ ...base, memberCodes: ['C', 'M', 'N'] })).toEqual([]);
  });
  it('refuses a far member, a member of another alliance, a missing centre, duplicates and a lone village', () => {
    expect(checkAlliance({ ...base, memberCodes: ['C', 'F'] })[0]!.reason).toBe("village F is neither in the centre's township nor in an adjacent one");
    expect(checkAlliance({ ...base, otherAllianceOf: new Map([['M', 7]]) })[0]!.reason).toBe('village M already belongs to alliance 7');
    expect(fields(checkAlliance({ ...base, memberCodes: ['M', 'N'] }))).toEqual(['centreCode']);
    expect(fields(checkAlliance({ ...base, memberCodes: ['C', 'C'] }))).toEqual(['memberCodes', 'memberCodes']);
    expect(fields(checkAlliance({ ...base, memberCodes: ['C'] }))).toEqual(['memberCodes']);
  });
});

describe('checkInvestment', () => {
  const split = { investmentTotal: 100, investmentFiscal: 60, investmentAssisting: 30, investmentCollective: 10, investmentEnterprise: 0, investmentOther: 0 };
  it('accepts sources that add up to the total to the cent (no float drift)', () => {
    expect(checkInvestment(split)).toEqual([]);
    expect(checkInvestment({ ...split, investmentTotal: 0.3, investmentFiscal: 0.1, investmentAssisting: 0.2, investmentCollective: 0 })).toEqual([]);
  });
  it('refuses a split that does not add up, negatives and sub-cent amounts', () => {
    expect(checkInvestment({ ...split, investmentTotal: 101 })).toEqual([{ field: 'investmentTotal', reason: 'the sources add up to 100.00, not 101.00' }]);
    expect(fields(checkInvestment({ ...split, investmentOther: -1 }))).toEqual(['investmentOther']);
    expect(fields(checkInvestment({ ...split, investmentFiscal: 60.001 }))).toEqual(['investmentFiscal']);
  });
  it('looks only at the investment fields of a larger record', () => {
    expect(checkInvestment({ ...split, name: 'x', startYear: 2024 } as typeof split)).toEqual([]);
  });
});

describe('checkBeneficiaries and checkFunds', () => {
  it('refuses more poor beneficiaries than beneficiaries', () => {
    expect(checkBeneficiaries(10, 10)).toEqual([]);
    expect(fields(checkBeneficiaries(10, 11))).toEqual(['beneficiaryPoorHouseholds']);
    expect(fields(checkBeneficiaries(-1, 0))).toEqual(['beneficiaryHouseholds']);
  });
  it('refuses funds outside the period, twice for a year, or negative, by index', () => {
    expect(checkFunds([{ year: 2021, amount: 5 }, { year: 2022, amount: 0 }], 2021, 2022)).toEqual([]);
    expect(checkFunds([{ year: 2030, amount: 5 }], 2021, null)).toEqual([]);
    expect(fields(checkFunds([{ year: 2020, amount: 5 }], 2021, 2023))).toEqual(['funds[0].year']);
    expect(fields(checkFunds([{ year: 2021, amount: 5 }, { year: 2021, amount: 1 }], 2021, 2023))).toEqual(['funds[1].year']);
    expect(fields(checkFunds([{ year: 2021, amount: -5 }], 2021, 2023))).toEqual(['funds[0].amount']);
  });
});

describe('enforce', () => {
  it('throws a RuleViolation listing every problem, and nothing when there are none', () => {
    expect(() => enforce([])).not.toThrow();
    const e = (() => {
      try {
        enforce([{ field: 'a', reason: 'x' }, { field: 'b', reason: 'y' }]);
      } catch (err) {
        return err;
      }
    })();
    expect(e).toBeInstanceOf(RuleViolation);
    expect((e as RuleViolation).message).toBe('a: x; b: y');
  });
});
