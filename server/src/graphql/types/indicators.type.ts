import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ClassesNote, ClassificationMethod } from '../../domain/classify.js';
import { AreaFigures } from './area-figures.type.js';
import { PovertyCause } from './poverty-cause.type.js';

export const AreaLevelEnum = { COUNTY: 'COUNTY', TOWNSHIP: 'TOWNSHIP' } as const;
export type AreaLevelEnum = (typeof AreaLevelEnum)[keyof typeof AreaLevelEnum];
registerEnumType(AreaLevelEnum, { name: 'AreaLevel', description: 'Level of areas on a thematic map: COUNTY (旗县) or TOWNSHIP (苏木乡镇).' });

export const Metric = {
  POVERTY_INCIDENCE: 'POVERTY_INCIDENCE',
  POOR_POPULATION: 'POOR_POPULATION',
  WEAK_VILLAGE_SHARE: 'WEAK_VILLAGE_SHARE',
  COLLECTIVE_INCOME_MEDIAN: 'COLLECTIVE_INCOME_MEDIAN',
  SECRETARY_IS_DIRECTOR_SHARE: 'SECRETARY_IS_DIRECTOR_SHARE',
  SOFT_LAX_COUNT: 'SOFT_LAX_COUNT',
  CAUSE_SHARE: 'CAUSE_SHARE',
  ASSESSMENT_SCORE: 'ASSESSMENT_SCORE',
} as const;
export type Metric = (typeof Metric)[keyof typeof Metric];
registerEnumType(Metric, {
  name: 'Metric',
  description:
    'POVERTY_INCIDENCE (贫困发生率, %), POOR_POPULATION (贫困人口), WEAK_VILLAGE_SHARE (弱村占比, %), COLLECTIVE_INCOME_MEDIAN (村集体经济收入中位数, 万元), SECRETARY_IS_DIRECTOR_SHARE (一肩挑比例, %), SOFT_LAX_COUNT (软弱涣散党组织数), CAUSE_SHARE (致贫原因占比, %: the poor households with one main cause, the choropleth\'s `cause`, among those with a recorded cause), ASSESSMENT_SCORE (考核得分, 0–100: the score by the year\'s assessment scheme; its policy bands are the scheme\'s grade bands).',
});

registerEnumType(ClassificationMethod, {
  name: 'ClassificationMethod',
  description:
    'How class breaks are chosen: QUANTILE (分位数, equal counts), EQUAL_INTERVAL (等间距), JENKS (自然断点, natural breaks), MANUAL (自定义分级: the bounds you give in `breaks`), POLICY (政策分级: the metric\'s policy bands, e.g. incidence bands around the 3 % exit line, configured per prefecture).',
});

/** Which values the breaks are computed from. */
export const ClassScope = { ALL_YEARS: 'ALL_YEARS', YEAR: 'YEAR' } as const;
export type ClassScope = (typeof ClassScope)[keyof typeof ClassScope];
registerEnumType(ClassScope, {
  name: 'ClassScope',
  description:
    'Which values class breaks are computed from: ALL_YEARS (各年统一分级: every year of the metric at the level, so a colour means the same value in every year) or YEAR (本年分级: the chosen year only; colours then do not compare across years). Fixed breaks (MANUAL, POLICY) are the same in every year either way.',
});

registerEnumType(ClassesNote, {
  name: 'ClassesNote',
  description:
    'Why fewer classes were made than asked for: FEWER_DISTINCT_VALUES (不同取值少于分级数: fewer distinct values than classes) or TIED_VALUES (取值重复，相邻分级已合并: quantile bounds fell on one repeated value, so neighbouring classes were merged).',
});

export const MetricPolarityEnum = { HIGHER_IS_WORSE: 'HIGHER_IS_WORSE', HIGHER_IS_BETTER: 'HIGHER_IS_BETTER', NEUTRAL: 'NEUTRAL' } as const;
export type MetricPolarityEnum = (typeof MetricPolarityEnum)[keyof typeof MetricPolarityEnum];
registerEnumType(MetricPolarityEnum, {
  name: 'MetricPolarity',
  description:
    'Which way a metric is good (指标方向): HIGHER_IS_WORSE (越高越差, e.g. poverty incidence: a warm ramp), HIGHER_IS_BETTER (越高越好, e.g. collective income: a cool ramp), NEUTRAL (中性: neither).',
});

@ObjectType('MetricInfo', { description: 'What a map metric is and how it is drawn (指标说明): name, unit, decimals, polarity and policy bands.' })
export class MetricInfo {
  @Field(() => Metric, { description: 'The metric.' })
  metric!: Metric;
  @Field(() => String, { description: 'Name in Chinese (名称).' })
  name!: string;
  @Field(() => String, { description: 'Name in English.' })
  nameEn!: string;
  @Field(() => String, { description: 'Unit of the values (单位): "%", "人" (people), "万元" (10,000 yuan) or "个" (count).' })
  unit!: string;
  @Field(() => Int, { description: 'Decimals to show (小数位): 1 for %, 2 for 万元, 0 for people and counts.' })
  decimals!: number;
  @Field(() => MetricPolarityEnum, { description: 'Which way is worse (指标方向).' })
  polarity!: MetricPolarityEnum;
  @Field(() => ClassificationMethod, { description: 'The method used when none is asked for: POLICY where the metric has policy bands, else QUANTILE.' })
  defaultMethod!: ClassificationMethod;
  @Field(() => Float, { nullable: true, description: 'The county-level policy line (政策线), e.g. the 3 % exit line; null when none.' })
  threshold!: number | null;
  @Field(() => [Float], { nullable: true, description: 'Inner bounds of the county-level policy bands (政策分级), ascending; null when the metric has none.' })
  policyBands!: number[] | null;
  @Field(() => Float, { description: 'The least value the metric can take.' })
  min!: number;
  @Field(() => Float, { nullable: true, description: 'The greatest value the metric can take (100 for shares); null when unbounded.' })
  max!: number | null;
}

// simpleResolvers: plain properties, no type-graphql resolver wrapped around each field of thousands of areas.
@ObjectType('ChoroplethArea', { description: 'One area of a thematic map with its value and class.', simpleResolvers: true })
export class ChoroplethArea {
  @Field(() => String, { description: '12-digit code of the area.' })
  code!: string;
  @Field(() => String, { description: 'Name in Chinese.' })
  name!: string;
  @Field(() => String, { description: 'Name in English or pinyin.' })
  nameEn!: string;
  @Field(() => Float, { nullable: true, description: 'The metric\'s value; null when the area has no figures for the year.' })
  value!: number | null;
  @Field(() => Int, { nullable: true, description: 'Class index from 0 (lowest) to classes − 1; null without a value.' })
  classIndex!: number | null;
  @Field(() => AreaFigures, { nullable: true, description: 'The area\'s figures of the year (for tooltips and tables); null without figures.' })
  figures!: AreaFigures | null;
}

@ObjectType('Choropleth', { description: 'A thematic map (专题图): every area\'s value for a metric and year, with class breaks (分级).' })
export class Choropleth {
  @Field(() => AreaLevelEnum, { description: 'Level of the areas.' })
  level!: AreaLevelEnum;
  @Field(() => Metric, { description: 'The metric.' })
  metric!: Metric;
  @Field(() => PovertyCause, { nullable: true, description: 'The cause of poverty mapped (致贫原因), for CAUSE_SHARE; null for other metrics.' })
  cause!: PovertyCause | null;
  @Field(() => Int, { description: 'The year.' })
  year!: number;
  @Field(() => ClassificationMethod, { description: 'How the breaks were chosen (分级方法).' })
  method!: ClassificationMethod;
  @Field(() => ClassScope, { description: 'Which values the breaks were computed from (分级范围): every year, or this year only.' })
  scope!: ClassScope;
  @Field(() => [Int], { description: 'The years whose values the breaks were computed from, ascending.' })
  scopeYears!: number[];
  @Field(() => Int, { description: 'Classes made (分级数); see requestedClasses and classesNote when fewer than asked.' })
  classes!: number;
  @Field(() => Int, { description: 'Classes asked for (for MANUAL and POLICY: the bounds given + 1).' })
  requestedClasses!: number;
  @Field(() => ClassesNote, { nullable: true, description: 'Why fewer classes were made than asked for; null when as many as asked.' })
  classesNote!: ClassesNote | null;
  @Field(() => [Float], {
    description:
      'Ascending class bounds, classes + 1 of them: [lowest, …, highest]; class i holds values from breaks[i] up to (not including) breaks[i+1], the last class including the highest. Inner bounds strictly ascend; the last two may be equal (a class holding the largest value alone). Values below breaks[0] count in the first class.',
  })
  breaks!: number[];
  @Field(() => Boolean, { description: 'The last class is open above (≥ its lower bound): MANUAL and POLICY classes; breaks\' last is then the largest value, for drawing.' })
  openEnded!: boolean;
  @Field(() => MetricPolarityEnum, { description: 'Which way the metric is worse (picks the colour ramp).' })
  polarity!: MetricPolarityEnum;
  @Field(() => Int, { description: 'Decimals to show for the values (小数位).' })
  decimals!: number;
  @Field(() => Float, { nullable: true, description: 'The policy threshold of the metric, if it has one (e.g. the exit line of 3 % for incidence, the "三步走" income target).' })
  threshold!: number | null;
  @Field(() => String, { description: 'Unit of the values: "%", "人", "万元" or "个".' })
  unit!: string;
  @Field(() => [ChoroplethArea], { description: 'Every area of the level, by code.' })
  areas!: ChoroplethArea[];
}

@ObjectType('Summary', { description: 'Key figures of the prefecture for a year (年度概况), against the policy targets.' })
export class Summary {
  @Field(() => Int, { description: 'The year.' })
  year!: number;
  @Field(() => Int, { description: 'Villages with figures (村数).' })
  villages!: number;
  @Field(() => Int, { description: 'Rural registered population (农村户籍人口).' })
  ruralPopulation!: number;
  @Field(() => Int, { description: 'Registered poor population (建档立卡贫困人口).' })
  poorPopulation!: number;
  @Field(() => Int, { description: 'Registered poor households (建档立卡贫困户).' })
  poorHouseholds!: number;
  @Field(() => Float, { nullable: true, description: 'Poverty incidence, % (贫困发生率).' })
  povertyIncidence!: number | null;
  @Field(() => Int, { description: 'Registered poor villages (贫困村).' })
  poorVillages!: number;
  @Field(() => Int, { description: 'Poor villages exited by this year (已出列贫困村).' })
  villagesExited!: number;
  @Field(() => Int, { description: 'Poor villages exited in this year (当年出列).' })
  villagesExitedThisYear!: number;
  @Field(() => Int, { description: 'Weak villages by the rule (弱村).' })
  weakVillages!: number;
  @Field(() => Int, { description: 'Strong villages by the rule (强村).' })
  strongVillages!: number;
  @Field(() => Int, { description: 'Villages below the weak collective-economy line (薄弱村, "三步走" step one: eliminate).' })
  incomeWeak!: number;
  @Field(() => Int, { description: 'Villages between the weak line and the target (巩固提升).' })
  incomeBuilding!: number;
  @Field(() => Int, { description: 'Villages at or above the collective-income target (达到目标).' })
  incomeTargetMet!: number;
  @Field(() => Float, { description: 'The weak collective-economy line, 万元.' })
  weakIncomeBelow!: number;
  @Field(() => Float, { description: 'The collective-income target, 万元.' })
  targetIncome!: number;
  @Field(() => Int, { description: 'The year of the collective-income target.' })
  targetYear!: number;
  @Field(() => Int, { description: 'Alliances founded by this year (联合党委).' })
  alliances!: number;
  @Field(() => Int, { description: 'Pairings running in this year (在帮结对).' })
  activePairings!: number;
  @Field(() => Float, { nullable: true, description: 'Share of villages with 一肩挑, %.' })
  secretaryIsDirectorShare!: number | null;
  @Field(() => Int, { description: 'Soft and lax branches (软弱涣散党组织).' })
  softLaxBranches!: number;
  @Field(() => Int, { description: 'Counties below the county exit line in this year (达到摘帽标准的旗县).' })
  countiesBelowExitLine!: number;
  @Field(() => Int, { description: 'Counties (旗县).' })
  counties!: number;
}
