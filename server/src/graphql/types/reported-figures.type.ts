/** Reported area figures (报送), where each area figure comes from, and the data-quality check. */
import { Length } from 'class-validator';
import { Field, Float, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { AreaLevelEnum } from './indicators.type.js';

export const FigureSource = { REPORTED: 'REPORTED', FROM_VILLAGES: 'FROM_VILLAGES' } as const;
export type FigureSource = (typeof FigureSource)[keyof typeof FigureSource];
registerEnumType(FigureSource, {
  name: 'FigureSource',
  description: "Where an area's figures come from: REPORTED (报送, the bureau's own figures for the area) or FROM_VILLAGES (由村汇总, the sum of its villages).",
});

export const FigureSourceSetting = { REPORTED_FIRST: 'REPORTED_FIRST', VILLAGES_FIRST: 'VILLAGES_FIRST' } as const;
export type FigureSourceSetting = (typeof FigureSourceSetting)[keyof typeof FigureSourceSetting];
registerEnumType(FigureSourceSetting, {
  name: 'FigureSourceSetting',
  description:
    'Which figures the map and assessments use where an area has both (数据来源优先): REPORTED_FIRST (报送优先, the default) or VILLAGES_FIRST (由村汇总优先). An area with only one of the two uses that one either way.',
});

@ObjectType('ReportedFigures', { description: "A county's or township's figures for a year as its bureau reports them (报送数据); blank figures are null." })
export class ReportedFiguresType {
  @Field(() => AreaLevelEnum, { description: 'COUNTY (旗县) or TOWNSHIP (苏木乡镇).' })
  level!: AreaLevelEnum;
  @Field(() => String, { description: '12-digit code of the area.' })
  code!: string;
  @Field(() => Int, { description: 'The year (年份).' })
  year!: number;
  @Field(() => Int, { description: 'Version, for the next change.' })
  version!: number;
  @Field(() => Int, { nullable: true, description: 'Households (户数).' })
  households!: number | null;
  @Field(() => Int, { description: 'Rural registered population (农村人口); derived from the incidence when only that and the poor population were reported.' })
  ruralPopulation!: number;
  @Field(() => Int, { nullable: true, description: 'Registered poor households (贫困户数).' })
  poorHouseholds!: number | null;
  @Field(() => Int, { description: 'Registered poor population (贫困人口); derived from the incidence when only that and the rural population were reported.' })
  poorPopulation!: number;
  @Field(() => Float, { nullable: true, description: 'Poverty incidence as reported, % (报送的贫困发生率); the hub computes incidence from the populations.' })
  povertyIncidence!: number | null;
  @Field(() => Float, { nullable: true, description: 'Total collective income of the villages, 万元 (村集体经济收入合计).' })
  collectiveIncomeTotal!: number | null;
  @Field(() => Int, { nullable: true, description: 'Party members (党员数).' })
  partyMembers!: number | null;
}

@InputType('ReportedFiguresInput', {
  description: "An area's reported figures for a year (录入报送数据): poor and rural population, or one of them with the incidence; the other figures may be left out.",
})
export class ReportedFiguresInput {
  @Field(() => AreaLevelEnum, { description: 'COUNTY or TOWNSHIP.' })
  level!: AreaLevelEnum;
  @Field(() => String, { description: '12-digit code of the county or township.' })
  @Length(12, 12)
  code!: string;
  @Field(() => Int, { description: 'The year.' })
  year!: number;
  @Field(() => Int, { nullable: true, description: 'Required when the area-year has reported figures: the version you last read.' })
  version?: number | null;
  @Field(() => Int, { nullable: true, description: 'Households.' })
  households?: number | null;
  @Field(() => Int, { nullable: true, description: 'Rural registered population.' })
  ruralPopulation?: number | null;
  @Field(() => Int, { nullable: true, description: 'Registered poor households.' })
  poorHouseholds?: number | null;
  @Field(() => Int, { nullable: true, description: 'Registered poor population.' })
  poorPopulation?: number | null;
  @Field(() => Float, { nullable: true, description: 'Poverty incidence, %.' })
  povertyIncidence?: number | null;
  @Field(() => Float, { nullable: true, description: 'Total collective income, 万元.' })
  collectiveIncomeTotal?: number | null;
  @Field(() => Int, { nullable: true, description: 'Party members.' })
  partyMembers?: number | null;
}

@ObjectType('FigureDifference', {
  description: "An area-year with both reported figures and village figures (报送与汇总差异): what the bureau reported, what its villages sum to, and the gap (reported − villages).",
})
export class FigureDifference {
  @Field(() => AreaLevelEnum, { description: 'COUNTY or TOWNSHIP.' })
  level!: AreaLevelEnum;
  @Field(() => String, { description: '12-digit code.' })
  code!: string;
  @Field(() => String, { description: 'Name (名称).' })
  name!: string;
  @Field(() => String, { description: 'English name.' })
  nameEn!: string;
  @Field(() => Int, { description: 'The year.' })
  year!: number;
  @Field(() => FigureSource, { description: 'The figures the map and assessments use for it under the prefecture\'s setting (采用).' })
  used!: FigureSource;
  @Field(() => Int, { description: 'Villages with figures (村数).' })
  villages!: number;
  @Field(() => Int, { description: 'Poor population reported (报送贫困人口).' })
  reportedPoorPopulation!: number;
  @Field(() => Int, { description: 'Poor population summed from the villages (汇总贫困人口).' })
  villagesPoorPopulation!: number;
  @Field(() => Int, { description: 'Reported − summed poor population (差额).' })
  poorPopulationGap!: number;
  @Field(() => Int, { description: 'Rural population reported (报送农村人口).' })
  reportedRuralPopulation!: number;
  @Field(() => Int, { description: 'Rural population summed from the villages (汇总农村人口).' })
  villagesRuralPopulation!: number;
  @Field(() => Int, { description: 'Reported − summed rural population (差额).' })
  ruralPopulationGap!: number;
  @Field(() => Float, { nullable: true, description: 'Poverty incidence from the reported populations, % (报送贫困发生率).' })
  reportedIncidence!: number | null;
  @Field(() => Float, { nullable: true, description: 'Poverty incidence from the villages\' sums, % (汇总贫困发生率).' })
  villagesIncidence!: number | null;
  @Field(() => Float, { nullable: true, description: 'Reported − summed incidence, percentage points (发生率差, 百分点); null when either is.' })
  incidenceGap!: number | null;
}
