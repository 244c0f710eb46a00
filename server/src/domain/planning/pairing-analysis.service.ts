/**
 * Pairing suggestions, coverage gaps and what-if coverage: the database
 * gathers the facts (spatial/pairing-analysis.ts), the domain ranks and
 * checks them (pairing-score.ts, planning.ts). Nothing here writes.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { countyOf } from '../../auth/roles.js';
import { Pairing, Village, VillageYear } from '../entities.js';
import { PairingKind, type BranchRating, type PovertyStatus } from '../enums.js';
import { compareNeed, rankCandidates, scoreCandidate, type Score } from '../pairing-score.js';
import { checkPairing, enforce, type Problem } from '../planning.js';
import { classifyStrength, povertyStatus, type StrengthVerdict, type Thresholds } from '../rules.js';
import { countyCoverage, strongVillagesNear, uncoveredWeakVillages, villageDistance, villageIndustries, type CoverageRow, type GapRow, type Link } from '../../spatial/pairing-analysis.js';
import { Missing } from './edit.js';

export const RADIUS_LIMIT_METERS = 100_000;
const REQUEST = 'the request';

export function checkRadius(field: string, radiusMeters: number): Problem[] {
  return Number.isFinite(radiusMeters) && radiusMeters > 0 && radiusMeters <= RADIUS_LIMIT_METERS ? [] : [{ field, reason: `must be more than 0 and at most ${RADIUS_LIMIT_METERS} metres` }];
}

/** A village's strength verdict in the year from its stored figures; null without figures. */
export async function verdictOf(em: EntityManager, village: Village, year: number, t: Thresholds): Promise<StrengthVerdict | null> {
  const figures = await em.findOne(VillageYear, { village: village.code, year });
  return figures ? classifyStrength({ ...figures, status: povertyStatus(village, year) }, t) : null;
}

export interface Suggestion {
  code: string;
  distanceMeters: number;
  score: Score;
}

export interface Suggestions {
  village: Village;
  verdict: StrengthVerdict;
  candidates: Suggestion[];
}

export async function suggestHelpers(em: EntityManager, o: { villageCode: string; year: number; radiusMeters: number; limit: number }, t: Thresholds): Promise<Suggestions> {
  enforce(checkRadius('radiusMeters', o.radiusMeters), REQUEST);
  const village = await em.findOne(Village, { code: o.villageCode });
  if (!village) throw new Missing('Village', o.villageCode, 'villageCode');
  const figures = await em.findOne(VillageYear, { village: village.code, year: o.year });
  if (!figures) enforce([{ field: 'year', reason: `village ${village.code} has no figures for ${o.year}` }], REQUEST);
  const verdict = classifyStrength({ ...figures!, status: povertyStatus(village, o.year) }, t)!;
  const weakIndustries = await villageIndustries(em, village.code, o.year);
  const scored = (await strongVillagesNear(em, village.code, o.year, o.radiusMeters, t)).map((c) => ({
    code: c.code,
    distanceMeters: c.distanceMeters,
    score: scoreCandidate(
      { distanceMeters: c.distanceMeters, helperIncome: c.income, weakIncome: Number(figures!.collectiveIncome), helperIndustries: c.industries, weakIndustries, currentLoad: c.load },
      o.radiusMeters,
      t.targetIncome,
    ),
  }));
  return { village, verdict, candidates: rankCandidates(scored).slice(0, o.limit) };
}

export interface Gap extends GapRow {
  weakReasons: string[];
}

/** Uncovered weak villages, most in need first. */
export async function coverageGaps(em: EntityManager, o: { year: number; radiusMeters: number; countyCode?: string | undefined }, t: Thresholds): Promise<Gap[]> {
  enforce(checkRadius('radiusMeters', o.radiusMeters), REQUEST);
  const rows = await uncoveredWeakVillages(em, o, t);
  const gaps = rows.map((r) => ({
    ...r,
    weakReasons:
      classifyStrength(
        { collectiveIncome: r.income, softLax: r.softLax, branchRating: r.branchRating as BranchRating, status: povertyStatus(r, o.year) as PovertyStatus },
        t,
      )?.reasons ?? [],
  }));
  return gaps.sort((a, b) => compareNeed({ ...a, povertyIncidence: a.incidence, collectiveIncome: a.income }, { ...b, povertyIncidence: b.incidence, collectiveIncome: b.income }));
}

export interface ProposedPairing {
  helperVillageCode: string;
  helpedVillageCode: string;
}

export interface WhatIf {
  before: CoverageRow;
  after: CoverageRow;
  proposals: Array<ProposedPairing & { distanceMeters: number }>;
}

/**
 * Coverage of the county as it stands and as it would be with the proposed
 * pairings; each proposal must pass the same rules as createPairing and help
 * a village of the county.
 */
export async function whatIf(em: EntityManager, o: { countyCode: string; year: number; radiusMeters: number; proposals: readonly ProposedPairing[] }, t: Thresholds): Promise<WhatIf> {
  enforce(checkRadius('radiusMeters', o.radiusMeters), REQUEST);
  const problems: Problem[] = [];
  const seen = new Set<string>();
  const proposals: WhatIf['proposals'] = [];
  for (const [i, p] of o.proposals.entries()) {
    const at = (field: string) => `proposals[${i}].${field}`;
    const [helper, helped] = await Promise.all([em.findOne(Village, { code: p.helperVillageCode }), em.findOne(Village, { code: p.helpedVillageCode })]);
    if (!helper) throw new Missing('Village', p.helperVillageCode, at('helperVillageCode'));
    if (!helped) throw new Missing('Village', p.helpedVillageCode, at('helpedVillageCode'));
    if (countyOf(helped.code) !== o.countyCode) problems.push({ field: at('helpedVillageCode'), reason: `village ${helped.code} is not in county ${o.countyCode}` });
    const key = `${helper.code}>${helped.code}`;
    const duplicate = seen.has(key) || (await em.count(Pairing, { helperVillage: helper.code, helpedVillage: helped.code, endYear: null })) > 0;
    seen.add(key);
    const verdict = await verdictOf(em, helper, o.year, t);
    for (const problem of checkPairing(PairingKind.STRONG_HELPS_WEAK, { kind: 'village', code: helper.code, year: o.year, verdict }, helped.code, duplicate)) {
      problems.push({ field: at(problem.field), reason: problem.reason });
    }
    proposals.push({ ...p, distanceMeters: (await villageDistance(em, helper.code, helped.code)) ?? 0 });
  }
  enforce(problems, 'the proposal');
  const links: Link[] = o.proposals.map((p) => ({ helperVillageCode: p.helperVillageCode, helperOrganisationId: null, helpedVillageCode: p.helpedVillageCode }));
  const base = { countyCode: o.countyCode, year: o.year, radiusMeters: o.radiusMeters };
  return { before: await countyCoverage(em, { ...base, proposed: [] }, t), after: await countyCoverage(em, { ...base, proposed: links }, t), proposals };
}
