/** GraphQL types of assessment (考核): schemes, indicators, and each area's score, rank, grade and breakdown. */
import { ArrayMaxSize, IsOptional, Length, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { ArgsType, Field, Float, GraphQLISODateTime, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { AssessmentLevel, Polarity } from '../../domain/assessment/indicators.js';
import type { ScoringRule } from '../../domain/assessment/scheme.js';
import type { Grade } from '../../domain/assessment/scoring.js';
import { MAX_YEAR, MIN_YEAR } from './year.args.js';
import { PageArgs } from './page.js';

export const AssessmentLevelEnum = { COUNTY: 'COUNTY', TOWNSHIP: 'TOWNSHIP', VILLAGE: 'VILLAGE' } as const satisfies Record<AssessmentLevel, AssessmentLevel>;
registerEnumType(AssessmentLevelEnum, {
  name: 'AssessmentLevel',
  description: 'Level assessed (考核层级): COUNTY (旗县), TOWNSHIP (苏木乡镇) or VILLAGE (嘎查村党组织; only the indicators that exist at village level, their weights rescaled to 100).',
});
export const ScoringRuleEnum = { LINEAR: 'LINEAR', THRESHOLD: 'THRESHOLD', RANK: 'RANK' } as const satisfies Record<ScoringRule, ScoringRule>;
registerEnumType(ScoringRuleEnum, {
  name: 'ScoringRule',
  description:
    'How an indicator scores (计分规则): LINEAR (线性计分: weight × clamp((value − floor) / (target − floor), 0, 1); floor above target when lower is better), THRESHOLD (达标计分: the whole weight when the value reaches the threshold in the good direction, else 0), RANK (排名计分: first place the whole weight, last 0, linear between; ties share a rank).',
});
export const GradeEnum = { GOOD: 'GOOD', FAIR: 'FAIR', AVERAGE: 'AVERAGE', POOR: 'POOR' } as const satisfies Record<Grade, Grade>;
registerEnumType(GradeEnum, { name: 'AssessmentGrade', description: 'Grade (考核等次): GOOD (好), FAIR (较好), AVERAGE (一般), POOR (差).' });
export const IndicatorPolarityEnum = { HIGHER_IS_BETTER: 'HIGHER_IS_BETTER', HIGHER_IS_WORSE: 'HIGHER_IS_WORSE' } as const satisfies Record<Polarity, Polarity>;
registerEnumType(IndicatorPolarityEnum, { name: 'AssessmentIndicatorPolarity', description: 'Which way an indicator is good: HIGHER_IS_BETTER (越高越好) or HIGHER_IS_WORSE (越低越好).' });

@ObjectType('AssessmentIndicatorInfo', { description: 'An indicator a scheme may use (考核指标).' })
export class AssessmentIndicatorInfo {
  @Field(() => String, { description: 'Key used in schemes, e.g. POVERTY_INCIDENCE.' })
  key!: string;
  @Field(() => String, { description: 'Name in Chinese (名称).' })
  name!: string;
  @Field(() => String, { description: 'Name in English.' })
  nameEn!: string;
  @Field(() => String, { description: 'Unit (单位): "%" or "百分点" (percentage points).' })
  unit!: string;
  @Field(() => IndicatorPolarityEnum, { description: 'Which way is good (指标方向).' })
  polarity!: Polarity;
  @Field(() => [AssessmentLevelEnum], { description: 'The levels the indicator has values at.' })
  levels!: AssessmentLevel[];
}

@ObjectType('SchemeIndicator', { description: 'An indicator of a scheme with its weight and scoring rule (考核指标及赋分).' })
export class SchemeIndicatorType {
  @Field(() => String, { description: 'Indicator key (see assessmentIndicators).' })
  key!: string;
  @Field(() => Float, { description: 'Weight: the points the indicator is worth (赋分权重); a scheme\'s weights add up to 100.' })
  weight!: number;
  @Field(() => ScoringRuleEnum, { description: 'Scoring rule (计分规则).' })
  rule!: ScoringRule;
  @Field(() => Float, { nullable: true, description: 'LINEAR: the value worth 0 points (下限).' })
  floor!: number | null;
  @Field(() => Float, { nullable: true, description: 'LINEAR: the value worth the whole weight (目标值).' })
  target!: number | null;
  @Field(() => Float, { nullable: true, description: 'THRESHOLD: the value to reach (达标值).' })
  threshold!: number | null;
}

@ObjectType('GradeBands', { description: 'Lower bounds of the grades (等次分档), descending: score ≥ good is 好, ≥ fair 较好, ≥ average 一般, else 差.' })
export class GradeBandsType {
  @Field(() => Float, { description: 'Lowest score graded 好 (GOOD).' })
  good!: number;
  @Field(() => Float, { description: 'Lowest score graded 较好 (FAIR).' })
  fair!: number;
  @Field(() => Float, { description: 'Lowest score graded 一般 (AVERAGE); below it 差 (POOR).' })
  average!: number;
}

@ObjectType('AssessmentScheme', { description: 'A year\'s assessment scheme (考核办法).' })
export class AssessmentSchemeType {
  @Field(() => Int, { description: 'The year it assesses (年度).' })
  year!: number;
  @Field(() => Int, { description: 'Version for optimistic concurrency: send it back when saving or deleting; a stale one is refused with CONFLICT.' })
  version!: number;
  @Field(() => String, { description: 'Name (名称).' })
  name!: string;
  @Field(() => [SchemeIndicatorType], { description: 'Indicators with weights and rules.' })
  indicators!: SchemeIndicatorType[];
  @Field(() => GradeBandsType, { description: 'Grade bands (等次分档).' })
  gradeBands!: GradeBandsType;
  @Field(() => GraphQLISODateTime, { description: 'When it was last saved (UTC).' })
  updatedAt!: Date;
}

@ObjectType('AssessmentPointLine', { description: 'Where one indicator\'s points came from (得分说明).' })
export class AssessmentPointLine {
  @Field(() => String, { description: 'Indicator key.' })
  key!: string;
  @Field(() => String, { description: 'Indicator name in Chinese.' })
  name!: string;
  @Field(() => String, { description: 'Indicator name in English.' })
  nameEn!: string;
  @Field(() => String, { description: 'Unit of the value.' })
  unit!: string;
  @Field(() => ScoringRuleEnum, { description: 'Scoring rule.' })
  rule!: ScoringRule;
  @Field(() => Float, { description: 'The weight at this level (满分; rescaled to 100 at village level).' })
  weight!: number;
  @Field(() => Float, { nullable: true, description: 'The area\'s raw value (数值); null when it has none (then 0 points).' })
  value!: number | null;
  @Field(() => Float, { nullable: true, description: 'LINEAR: the floor (下限).' })
  floor!: number | null;
  @Field(() => Float, { nullable: true, description: 'LINEAR: the target (目标值).' })
  target!: number | null;
  @Field(() => Float, { nullable: true, description: 'THRESHOLD: the threshold (达标值).' })
  threshold!: number | null;
  @Field(() => Int, { nullable: true, description: 'RANK: the area\'s place among the areas with a value (名次).' })
  rank!: number | null;
  @Field(() => Int, { nullable: true, description: 'RANK: how many areas have a value.' })
  ranked!: number | null;
  @Field(() => Float, { description: 'Points scored (得分), to 0.01.' })
  points!: number;
  @Field(() => Boolean, { description: 'Whether the value is missing (无数值: 0 points).' })
  missing!: boolean;
  @Field(() => String, { description: 'The reckoning in Chinese (说明).' })
  explanation!: string;
  @Field(() => String, { description: 'The reckoning in English.' })
  explanationEn!: string;
}

@ObjectType('AreaAssessment', { description: 'An area\'s assessment result (考核结果): score, rank, grade and breakdown.' })
export class AreaAssessment {
  @Field(() => String, { description: 'Area code.' })
  code!: string;
  @Field(() => String, { description: 'Name in Chinese.' })
  name!: string;
  @Field(() => String, { description: 'Name in English.' })
  nameEn!: string;
  @Field(() => Float, { description: 'Score (考核得分), 0–100, the sum of the breakdown\'s points.' })
  score!: number;
  @Field(() => Int, { description: 'Rank among the level\'s areas (排名): equal scores share a rank and the next rank is skipped.' })
  rank!: number;
  @Field(() => GradeEnum, { description: 'Grade (等次).' })
  grade!: Grade;
  @Field(() => [AssessmentPointLine], { description: 'Every indicator\'s points and how they were reckoned (得分明细).' })
  breakdown!: AssessmentPointLine[];
}

@ObjectType('Assessment', { description: 'A year\'s assessment at one level (考核排名): the scheme and one page of the areas by rank.' })
export class AssessmentType {
  @Field(() => Int, { description: 'The year.' })
  year!: number;
  @Field(() => AssessmentLevelEnum, { description: 'The level.' })
  level!: AssessmentLevel;
  @Field(() => AssessmentSchemeType, { description: 'The scheme used.' })
  scheme!: AssessmentSchemeType;
  @Field(() => [AreaAssessment], { description: 'The areas on this page, by rank then code.' })
  items!: AreaAssessment[];
  @Field(() => Int, { description: 'How many areas of the level were assessed: the ranks are among them.' })
  assessed!: number;
  @Field(() => Int, { description: 'Areas on all pages: all those assessed, or the one matching `code`.' })
  totalCount!: number;
  @Field(() => Boolean, { description: 'Whether a further page exists.' })
  hasNextPage!: boolean;
}

@ArgsType()
export class AssessmentArgs extends PageArgs {
  @Field(() => Int, { description: `The year (年份), ${MIN_YEAR}–${MAX_YEAR}.` })
  @Min(MIN_YEAR)
  @Max(MAX_YEAR)
  year!: number;
  @Field(() => AssessmentLevelEnum, { defaultValue: 'COUNTY', description: 'The level assessed.' })
  level!: AssessmentLevel;
  @Field(() => String, { nullable: true, description: 'Only this area (its rank is still among all the level\'s areas).' })
  @IsOptional()
  @Length(12, 12)
  code?: string | null;
}

@InputType('SchemeIndicatorInput', { description: 'An indicator of a scheme (考核指标及赋分).' })
export class SchemeIndicatorInput {
  @Field(() => String, { description: 'Indicator key (see assessmentIndicators).' })
  @MaxLength(60)
  key!: string;
  @Field(() => Float, { description: 'Weight (赋分权重), > 0; the weights add up to 100.' })
  weight!: number;
  @Field(() => ScoringRuleEnum, { description: 'Scoring rule.' })
  rule!: ScoringRule;
  @Field(() => Float, { nullable: true, description: 'LINEAR only: the value worth 0 points (下限).' })
  floor?: number | null;
  @Field(() => Float, { nullable: true, description: 'LINEAR only: the value worth the whole weight (目标值); not equal to floor.' })
  target?: number | null;
  @Field(() => Float, { nullable: true, description: 'THRESHOLD only: the value to reach (达标值).' })
  threshold?: number | null;
}

@InputType('GradeBandsInput', { description: 'Lower bounds of the grades, 0–100, good > fair > average.' })
export class GradeBandsInput {
  @Field(() => Float, { description: 'Lowest score graded 好.' })
  good!: number;
  @Field(() => Float, { description: 'Lowest score graded 较好.' })
  fair!: number;
  @Field(() => Float, { description: 'Lowest score graded 一般.' })
  average!: number;
}

@InputType('AssessmentSchemeInput', { description: 'A year\'s scheme to create or replace (考核办法).' })
export class AssessmentSchemeInput {
  @Field(() => Int, { description: `The year it assesses, ${MIN_YEAR}–${MAX_YEAR}.` })
  @Min(MIN_YEAR)
  @Max(MAX_YEAR)
  year!: number;
  @Field(() => Int, { nullable: true, description: 'The current version when replacing the year\'s scheme; leave out when creating it.' })
  version?: number | null;
  @Field(() => String, { description: 'Name (名称), not empty.' })
  @MaxLength(200)
  name!: string;
  @Field(() => [SchemeIndicatorInput], { description: 'Indicators with weights and rules (at most 40).' })
  @ArrayMaxSize(40)
  @ValidateNested()
  indicators!: SchemeIndicatorInput[];
  @Field(() => GradeBandsInput, { description: 'Grade bands.' })
  @ValidateNested()
  gradeBands!: GradeBandsInput;
}
