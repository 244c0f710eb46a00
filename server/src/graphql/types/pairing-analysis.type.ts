/** API shapes of pairing suggestions, coverage gaps and what-if coverage (computed, never stored). */
import { Field, Float, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Length } from 'class-validator';
import { Village } from '../../domain/entities.js';
import { VillageStrength } from '../../domain/enums.js';
import { SCORE_WEIGHTS, type ScoreFactorName } from '../../domain/pairing-score.js';
import type { CoverageRow } from '../../spatial/pairing-analysis.js';

const ScoreFactorEnum = Object.fromEntries(Object.keys(SCORE_WEIGHTS).map((k) => [k, k])) as { [K in ScoreFactorName]: K };
registerEnumType(ScoreFactorEnum, {
  name: 'ScoreFactorName',
  description: `What a suggestion's score is made of (评分因素). Weights: ${Object.entries(SCORE_WEIGHTS)
    .map(([k, w]) => `${k} ${w}`)
    .join(', ')}; each factor's value is 0–1 and the score is the sum of weight × value (0–100).`,
  valuesConfig: {
    DISTANCE: { description: '1 − distance ÷ radius: the nearer, the better (距离).' },
    INCOME_GAP: { description: '(helper\'s − weak village\'s collective income) ÷ (2 × target income), capped at 1 (收入差).' },
    SHARED_INDUSTRY: { description: 'Industry types both villages run ÷ types the weak village runs (相同产业).' },
    LOAD: { description: '1 ÷ (1 + villages the helper already helps that year) (帮扶负担).' },
  },
});

@ObjectType('ScoreFactor', { description: 'One part of a suggestion\'s score, with the reason in words (评分理由).' })
export class ScoreFactor {
  @Field(() => ScoreFactorEnum, { description: 'Which factor.' })
  factor!: ScoreFactorName;
  @Field(() => Int, { description: 'Its weight (points at a value of 1).' })
  weight!: number;
  @Field(() => Float, { description: 'Its value, 0–1.' })
  value!: number;
  @Field(() => Float, { description: 'Points it adds: weight × value.' })
  points!: number;
  @Field(() => String, { description: 'Why, in words a planner can check (e.g. "3.2 km away").' })
  explanation!: string;
}

@ObjectType('PairingCandidate', { description: 'A strong village that could help, with its rank\'s reasons (候选帮扶村).' })
export class PairingCandidate {
  @Field(() => Village, { description: 'The strong village (强村).' })
  village!: Village;
  @Field(() => Float, { description: 'Geodesic distance to the village to help, metres.' })
  distanceMeters!: number;
  @Field(() => Float, { description: 'Score 0–100: the sum of the factors\' points (see ScoreFactorName).' })
  score!: number;
  @Field(() => [ScoreFactor], { description: 'The factors behind the score, in the order DISTANCE, INCOME_GAP, SHARED_INDUSTRY, LOAD.' })
  factors!: ScoreFactor[];
}

@ObjectType('PairingSuggestions', { description: 'Strong villages within a radius that could help a village, best first (结对推荐).' })
export class PairingSuggestions {
  @Field(() => Village, { description: 'The village to help.' })
  village!: Village;
  @Field(() => Int, { description: 'The year whose figures decide strength.' })
  year!: number;
  @Field(() => Float, { description: 'The search radius, metres.' })
  radiusMeters!: number;
  @Field(() => VillageStrength, { description: 'The village\'s own strength that year (usually WEAK).' })
  strength!: VillageStrength;
  @Field(() => [String], { description: 'Why it is weak; empty unless WEAK.' })
  weakReasons!: string[];
  @Field(() => [PairingCandidate], { description: 'Strong villages in the radius not already helping it, by score (highest first), then distance.' })
  candidates!: PairingCandidate[];
}

@ObjectType('CoverageGap', { description: 'A weak village with no active helper within the radius (帮扶空白村).' })
export class CoverageGap {
  @Field(() => Village, { description: 'The weak village.' })
  village!: Village;
  @Field(() => [String], { description: 'Why it is weak (WEAK_COLLECTIVE_ECONOMY, SOFT_LAX_BRANCH, LAGGING_BRANCH, POOR_NOT_EXITED).' })
  weakReasons!: string[];
  @Field(() => Float, { nullable: true, description: 'Poverty incidence that year, percent; null without rural population.' })
  povertyIncidence!: number | null;
  @Field(() => Float, { description: 'Collective income that year, 万元.' })
  collectiveIncome!: number;
  @Field(() => Int, { description: 'Strong villages within the radius (0: no suggestion is possible at this radius).' })
  strongVillagesWithinRadius!: number;
  @Field(() => Village, { nullable: true, description: 'The nearest strong village at any distance; null when there is none that year.' })
  nearestStrongVillage!: Village | null;
  @Field(() => Float, { nullable: true, description: 'Geodesic distance to it, metres.' })
  nearestStrongDistanceMeters!: number | null;
}

@ObjectType('CoverageGapPage', { description: 'A page of coverage gaps, most in need first: more weak reasons, then higher incidence, then lower income.' })
export class CoverageGapPage {
  @Field(() => [CoverageGap], { description: 'This page.' })
  items!: CoverageGap[];
  @Field(() => Int, { description: 'All gaps matching.' })
  totalCount!: number;
  @Field(() => Boolean, { description: 'Whether more follow this page.' })
  hasNextPage!: boolean;
}

@ObjectType('PairingCoverage', { description: 'How well a county\'s weak villages are covered by helpers within the radius in a year (帮扶覆盖).' })
export class PairingCoverage {
  @Field(() => Int, { description: 'Weak villages (弱村数).' })
  weakVillages!: number;
  @Field(() => Int, { description: 'Weak villages with an active helper within the radius.' })
  coveredWeakVillages!: number;
  @Field(() => Int, { description: 'Weak villages without one (帮扶空白村数).' })
  uncoveredWeakVillages!: number;
  @Field(() => Float, { nullable: true, description: 'Covered share of weak villages, percent; null without weak villages.' })
  coverageShare!: number | null;
  @Field(() => Int, { description: 'Poor population of the uncovered weak villages.' })
  poorPopulationUncovered!: number;
  @Field(() => Int, { description: 'Active pairings helping villages of the county.' })
  pairings!: number;
  @Field(() => Int, { description: 'Distinct helper villages in them.' })
  helperVillages!: number;
  @Field(() => Int, { description: 'Most villages any of those helpers helps (anywhere).' })
  maxHelperLoad!: number;
  @Field(() => Float, { nullable: true, description: 'Mean helper-to-helped distance of village pairings, metres.' })
  meanDistanceMeters!: number | null;

  static from(r: CoverageRow): PairingCoverage {
    const uncovered = r.weakVillages - r.coveredWeakVillages;
    return Object.assign(new PairingCoverage(), { ...r, uncoveredWeakVillages: uncovered, coverageShare: r.weakVillages > 0 ? (r.coveredWeakVillages / r.weakVillages) * 100 : null });
  }
}

@InputType('ProposedPairingInput', { description: 'A pairing to try in a what-if (not stored).' })
export class ProposedPairingInput {
  @Field(() => String, { description: 'The strong village that would help.' })
  @Length(12, 12)
  helperVillageCode!: string;
  @Field(() => String, { description: 'The village it would help (in the county asked about).' })
  @Length(12, 12)
  helpedVillageCode!: string;
}

@ObjectType('ProposedPairing', { description: 'A proposed pairing as the what-if read it.' })
export class ProposedPairing {
  @Field(() => Village, { description: 'The helper.' })
  helperVillage!: Village;
  @Field(() => Village, { description: 'The helped village.' })
  helpedVillage!: Village;
  @Field(() => Float, { description: 'Geodesic distance between them, metres.' })
  distanceMeters!: number;
}

@ObjectType('PairingWhatIf', { description: 'A county\'s coverage now and with proposed pairings made (computed, not stored; 模拟).' })
export class PairingWhatIf {
  @Field(() => String, { description: 'County code.' })
  countyCode!: string;
  @Field(() => Int, { description: 'The year.' })
  year!: number;
  @Field(() => Float, { description: 'Radius within which a helper counts, metres.' })
  radiusMeters!: number;
  @Field(() => PairingCoverage, { description: 'As it stands.' })
  before!: PairingCoverage;
  @Field(() => PairingCoverage, { description: 'With the proposals made.' })
  after!: PairingCoverage;
  @Field(() => [ProposedPairing], { description: 'The proposals, each checked by the rules of createPairing.' })
  proposals!: ProposedPairing[];
}
