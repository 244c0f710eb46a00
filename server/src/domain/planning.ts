/**
 * The rules a planner's change must obey, as pure functions over facts the
 * services load. One implementation for the API, the importer and the tests.
 * Each returns the problems found (empty when the change is allowed), each
 * naming the field and saying why.
 */
import type { IndustryProjectRecord, VillageYearRecord } from '@lingyan/data';
import { PairingKind, VillageStrength } from './enums.js';
import type { StrengthVerdict } from './rules.js';

export interface Problem {
  field: string;
  reason: string;
}

export class RuleViolation extends Error {
  override name = 'RuleViolation';
  constructor(
    readonly problems: Problem[],
    /** what broke the rule, for the message: "the change", "the request" */
    readonly subject = 'the change',
  ) {
    super(problems.map((p) => `${p.field}: ${p.reason}`).join('; '));
  }
}

/** Throws RuleViolation when there are problems. */
export function enforce(problems: Problem[], subject?: string): void {
  if (problems.length > 0) throw new RuleViolation(problems, subject);
}

export const YEAR_RANGE = { min: 2000, max: 2100 } as const;

export function checkYear(field: string, year: number | null | undefined): Problem[] {
  if (year === null || year === undefined) return [];
  return Number.isInteger(year) && year >= YEAR_RANGE.min && year <= YEAR_RANGE.max ? [] : [{ field, reason: `must be a year from ${YEAR_RANGE.min} to ${YEAR_RANGE.max}` }];
}

export function checkPeriod(startField: string, start: number, endField: string, end: number | null | undefined): Problem[] {
  const problems = [...checkYear(startField, start), ...checkYear(endField, end)];
  if (problems.length === 0 && end !== null && end !== undefined && end < start) problems.push({ field: endField, reason: `must not be before ${startField} (${start})` });
  return problems;
}

function count(field: string, value: number): Problem[] {
  return Number.isInteger(value) && value >= 0 ? [] : [{ field, reason: 'must be a whole number, 0 or more' }];
}

/** The counted part of a village's yearly record (the importer's and the API's shape alike). */
export type VillageFigures = Pick<VillageYearRecord, 'year' | 'households' | 'ruralPopulation' | 'poorHouseholds' | 'poorPopulation' | 'collectiveIncome' | 'partyMembers' | 'memberPairings'>;

/** Non-negative counts, poor within the population and households, a year in range. */
export function checkVillageFigures(f: VillageFigures): Problem[] {
  const problems = [
    ...checkYear('year', f.year),
    ...count('households', f.households),
    ...count('ruralPopulation', f.ruralPopulation),
    ...count('poorHouseholds', f.poorHouseholds),
    ...count('poorPopulation', f.poorPopulation),
    ...count('partyMembers', f.partyMembers),
    ...count('memberPairings', f.memberPairings),
  ];
  if (!(Number.isFinite(f.collectiveIncome) && f.collectiveIncome >= 0)) problems.push({ field: 'collectiveIncome', reason: 'must be 0 or more (万元)' });
  if (problems.length > 0) return problems;
  if (f.poorPopulation > f.ruralPopulation) problems.push({ field: 'poorPopulation', reason: `must not exceed ruralPopulation (${f.ruralPopulation})` });
  if (f.poorHouseholds > f.households) problems.push({ field: 'poorHouseholds', reason: `must not exceed households (${f.households})` });
  if (f.poorHouseholds > f.poorPopulation) problems.push({ field: 'poorHouseholds', reason: `must not exceed poorPopulation (${f.poorPopulation}): each poor household has at least one poor person` });
  if (f.memberPairings > f.poorHouseholds) problems.push({ field: 'memberPairings', reason: `must not exceed poorHouseholds (${f.poorHouseholds})` });
  return problems;
}

/** Who helps in a proposed pairing, as the service found it. */
export type HelperFacts =
  | { kind: 'village'; code: string; year: number; verdict: StrengthVerdict | null }
  | { kind: 'organisation'; id: number; organisationKind: string };

/**
 * A pairing goes from a strong village, or an enterprise (村企联建), to
 * another village; there is one open pairing per pair.
 */
export function checkPairing(pairingKind: PairingKind, helper: HelperFacts, helpedCode: string, duplicateActive: boolean): Problem[] {
  const problems: Problem[] = [];
  if (pairingKind === PairingKind.ENTERPRISE_VILLAGE) {
    if (helper.kind !== 'organisation') problems.push({ field: 'helperOrganisationId', reason: 'an ENTERPRISE_VILLAGE pairing needs an enterprise as helper' });
    else if (helper.organisationKind !== 'ENTERPRISE') problems.push({ field: 'helperOrganisationId', reason: `organisation ${helper.id} is a ${helper.organisationKind}, not an ENTERPRISE` });
  } else if (helper.kind !== 'village') {
    problems.push({ field: 'helperVillageCode', reason: `a ${pairingKind} pairing needs a village as helper` });
  } else if (helper.code === helpedCode) {
    problems.push({ field: 'helperVillageCode', reason: 'a village cannot pair with itself' });
  } else if (helper.verdict === null) {
    problems.push({ field: 'helperVillageCode', reason: `village ${helper.code} has no figures for ${helper.year}, so it cannot be shown to be strong` });
  } else if (helper.verdict.strength !== VillageStrength.STRONG) {
    const why = helper.verdict.reasons.length ? ` (${helper.verdict.reasons.join(', ')})` : ' (income below the target or branch not advanced)';
    problems.push({ field: 'helperVillageCode', reason: `village ${helper.code} is ${helper.verdict.strength} in ${helper.year}${why}; only a strong village may help` });
  }
  if (duplicateActive) problems.push({ field: 'helpedVillageCode', reason: 'this helper already has an open pairing with this village' });
  return problems;
}

export interface AllianceFacts {
  centreCode: string;
  memberCodes: string[];
  /** township of each member */
  townshipOf: ReadonlyMap<string, string>;
  /** townships sharing a border with the centre's */
  adjacentToCentre: ReadonlySet<string>;
  /** the alliance each member already belongs to, if another */
  otherAllianceOf: ReadonlyMap<string, number>;
}

/** Centre is a member, ≥ 2 members, all in the centre's township or one adjacent, none in another alliance. */
export function checkAlliance(f: AllianceFacts): Problem[] {
  const problems: Problem[] = [];
  if (new Set(f.memberCodes).size !== f.memberCodes.length) problems.push({ field: 'memberCodes', reason: 'lists a village twice' });
  if (!f.memberCodes.includes(f.centreCode)) problems.push({ field: 'centreCode', reason: 'the centre village must be a member' });
  if (new Set(f.memberCodes).size < 2) problems.push({ field: 'memberCodes', reason: 'an alliance needs at least 2 member villages' });
  const home = f.townshipOf.get(f.centreCode);
  for (const code of f.memberCodes) {
    const t = f.townshipOf.get(code);
    if (t !== home && !(t !== undefined && f.adjacentToCentre.has(t))) {
      problems.push({ field: 'memberCodes', reason: `village ${code} is neither in the centre's township nor in an adjacent one` });
    }
    const other = f.otherAllianceOf.get(code);
    if (other !== undefined) problems.push({ field: 'memberCodes', reason: `village ${code} already belongs to alliance ${other}` });
  }
  return problems;
}

const SOURCES = ['investmentTotal', 'investmentFiscal', 'investmentAssisting', 'investmentCollective', 'investmentEnterprise', 'investmentOther'] as const;
/** A project's investment by source, 万元 (the project record's own fields). */
export type InvestmentSplit = Pick<IndustryProjectRecord, (typeof SOURCES)[number]>;

const cents = (x: number) => Math.round(x * 100);
/** Every part non-negative with at most 2 decimals, and the parts add up to the total (to the cent). */
export function checkInvestment(s: InvestmentSplit): Problem[] {
  const problems: Problem[] = [];
  for (const field of SOURCES) {
    const value = s[field];
    if (!(Number.isFinite(value) && value >= 0)) problems.push({ field, reason: 'must be 0 or more (万元)' });
    else if (Math.abs(value * 100 - cents(value)) > 1e-6) problems.push({ field, reason: 'must have at most 2 decimals (万元)' });
  }
  if (problems.length) return problems;
  const parts = cents(s.investmentFiscal) + cents(s.investmentAssisting) + cents(s.investmentCollective) + cents(s.investmentEnterprise) + cents(s.investmentOther);
  if (parts !== cents(s.investmentTotal)) problems.push({ field: 'investmentTotal', reason: `the sources add up to ${(parts / 100).toFixed(2)}, not ${s.investmentTotal.toFixed(2)}` });
  return problems;
}

export function checkBeneficiaries(households: number, poorHouseholds: number): Problem[] {
  const problems = [...count('beneficiaryHouseholds', households), ...count('beneficiaryPoorHouseholds', poorHouseholds)];
  if (!problems.length && poorHouseholds > households) problems.push({ field: 'beneficiaryPoorHouseholds', reason: `must not exceed beneficiaryHouseholds (${households})` });
  return problems;
}

/** The fields of an industry project that need nothing else: a name, the years, the investment split, the beneficiaries. */
export function checkProject(f: InvestmentSplit & Pick<IndustryProjectRecord, 'name' | 'startYear' | 'beneficiaryHouseholds' | 'beneficiaryPoorHouseholds'> & { endYear?: number | null }): Problem[] {
  return [
    ...(f.name.trim() ? [] : [{ field: 'name', reason: 'must not be empty' }]),
    ...checkPeriod('startYear', f.startYear, 'endYear', f.endYear),
    ...checkInvestment(f),
    ...checkBeneficiaries(f.beneficiaryHouseholds, f.beneficiaryPoorHouseholds),
  ];
}

/** A project's location lies in (or on the border of) its village's township; `covered` is the database's answer. */
export function checkProjectLocation(villageCode: string, townshipCode: string, covered: boolean): Problem[] {
  return covered ? [] : [{ field: 'location', reason: `must lie inside the township of village ${villageCode} (${townshipCode})` }];
}

/** An organisation named for a role (an alliance's platform company) is of the kind the role needs. */
export function checkOrganisationKind(field: string, o: { id: number; kind: string }, wanted: string): Problem[] {
  return o.kind === wanted ? [] : [{ field, reason: `organisation ${o.id} is a ${o.kind}, not a ${wanted}` }];
}

export function checkFunds(funds: ReadonlyArray<{ year: number; amount: number; committed?: number | null }>, start: number, end: number | null): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<number>();
  funds.forEach((f, i) => {
    problems.push(...checkYear(`funds[${i}].year`, f.year));
    if (f.year < start || (end !== null && f.year > end)) problems.push({ field: `funds[${i}].year`, reason: `must be within the assignment's period ${start}–${end ?? 'open'}` });
    if (seen.has(f.year)) problems.push({ field: `funds[${i}].year`, reason: `year ${f.year} is listed twice` });
    seen.add(f.year);
    if (!(Number.isFinite(f.amount) && f.amount >= 0)) problems.push({ field: `funds[${i}].amount`, reason: 'must be 0 or more (万元)' });
    if (f.committed !== null && f.committed !== undefined && !(Number.isFinite(f.committed) && f.committed >= 0)) problems.push({ field: `funds[${i}].committed`, reason: `承诺资金须为不小于 0 的金额（万元），${f.year} 年填的是 ${f.committed}` });
  });
  return problems;
}
