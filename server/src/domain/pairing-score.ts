/**
 * How a strong village is ranked as a helper for a weak one (强村带弱村), and
 * how weak villages without a helper are ordered by need. Pure functions over
 * facts the database gathers, so the ranking is one documented rule that the
 * API, docs/api.md and the tests share.
 *
 * Score of a candidate helper, 0–100, the sum of four weighted factors, each 0–1:
 *
 * | factor          | weight | value                                                                 |
 * |-----------------|--------|-----------------------------------------------------------------------|
 * | DISTANCE        | 40     | 1 − distance ÷ radius (next door 1, at the edge of the radius 0)      |
 * | INCOME_GAP      | 30     | (helper's − weak village's collective income) ÷ (2 × target), at most 1 |
 * | SHARED_INDUSTRY | 20     | industry types both run ÷ industry types the weak village runs (0 if none) |
 * | LOAD            | 10     | 1 ÷ (1 + villages the helper already helps that year)                  |
 *
 * Distance weighs most because the speech's helping is done in person
 * (members walk over, cadres meet); what the helper brings comes next.
 */
import type { IndustryType } from './enums.js';

export const SCORE_WEIGHTS = { DISTANCE: 40, INCOME_GAP: 30, SHARED_INDUSTRY: 20, LOAD: 10 } as const;
export type ScoreFactorName = keyof typeof SCORE_WEIGHTS;

export interface CandidateFacts {
  distanceMeters: number;
  helperIncome: number;
  weakIncome: number;
  helperIndustries: readonly IndustryType[];
  weakIndustries: readonly IndustryType[];
  /** villages the candidate already helps in the year */
  currentLoad: number;
}

export interface ScoreFactor {
  factor: ScoreFactorName;
  weight: number;
  /** 0–1 */
  value: number;
  /** weight × value */
  points: number;
  /** why, in words a planner can check */
  explanation: string;
}

export interface Score {
  score: number;
  factors: ScoreFactor[];
}

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));
const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

function factor(name: ScoreFactorName, value: number, explanation: string): ScoreFactor {
  const v = clamp01(value);
  return { factor: name, weight: SCORE_WEIGHTS[name], value: round(v, 4), points: round(SCORE_WEIGHTS[name] * v, 2), explanation };
}

/** The score and its reasons; `radiusMeters` > 0, `targetIncome` > 0 (万元). */
export function scoreCandidate(f: CandidateFacts, radiusMeters: number, targetIncome: number): Score {
  const gap = f.helperIncome - f.weakIncome;
  const shared = [...new Set(f.weakIndustries)].filter((t) => f.helperIndustries.includes(t)).sort();
  const weakTypes = new Set(f.weakIndustries).size;
  const factors = [
    factor('DISTANCE', 1 - f.distanceMeters / radiusMeters, `${(f.distanceMeters / 1000).toFixed(1)} km away (radius ${(radiusMeters / 1000).toFixed(1)} km)`),
    factor('INCOME_GAP', gap / (2 * targetIncome), `collective income ${f.helperIncome.toFixed(2)} vs ${f.weakIncome.toFixed(2)} 万元 (gap ${gap.toFixed(2)}; full marks at ${(2 * targetIncome).toFixed(2)})`),
    factor(
      'SHARED_INDUSTRY',
      weakTypes ? shared.length / weakTypes : 0,
      weakTypes === 0 ? 'the weak village runs no industry project yet' : shared.length ? `both run ${shared.join(', ')}` : 'no industry type in common',
    ),
    factor('LOAD', 1 / (1 + Math.max(0, f.currentLoad)), f.currentLoad > 0 ? `already helps ${f.currentLoad} village${f.currentLoad === 1 ? '' : 's'}` : 'helps no other village yet'),
  ];
  return { score: round(factors.reduce((s, x) => s + x.points, 0), 2), factors };
}

/** Candidates best first; ties go to the nearer, then to the lower code (stable across runs). */
export function rankCandidates<T extends { score: Score; distanceMeters: number; code: string }>(candidates: readonly T[]): T[] {
  return [...candidates].sort((a, b) => b.score.score - a.score.score || a.distanceMeters - b.distanceMeters || a.code.localeCompare(b.code));
}

export interface NeedFacts {
  code: string;
  /** reasons the village is weak (domain/rules.ts) */
  weakReasons: readonly string[];
  povertyIncidence: number | null;
  collectiveIncome: number;
}

/**
 * Need order of uncovered weak villages: more reasons to be weak first, then
 * higher poverty incidence, then lower collective income, then code.
 */
export function compareNeed(a: NeedFacts, b: NeedFacts): number {
  return (
    b.weakReasons.length - a.weakReasons.length ||
    (b.povertyIncidence ?? -1) - (a.povertyIncidence ?? -1) ||
    a.collectiveIncome - b.collectiveIncome ||
    a.code.localeCompare(b.code)
  );
}
