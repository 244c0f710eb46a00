import { IsOptional, Length, Max, Min, ValidateNested } from 'class-validator';
import { ArgsType, Field, Float, InputType, Int, registerEnumType } from 'type-graphql';
import { BranchRating, PovertyStatus, VillageStrength } from '../../domain/enums.js';
import { MAX_PAGE_SIZE, PageArgs } from '../types/page.js';
import { ReferenceInput, SpatialFilter } from './spatial.input.js';

export const VillageOrderField = {
  CODE: 'CODE',
  NAME: 'NAME',
  POVERTY_INCIDENCE: 'POVERTY_INCIDENCE',
  COLLECTIVE_INCOME: 'COLLECTIVE_INCOME',
  DISTANCE: 'DISTANCE',
} as const;
export type VillageOrderField = (typeof VillageOrderField)[keyof typeof VillageOrderField];
registerEnumType(VillageOrderField, {
  name: 'VillageOrderField',
  description: 'Order villages by code, name, poverty incidence or collective income in the filter\'s year, or geodesic distance from `distanceFrom`.',
});

export const SortDirection = { ASC: 'ASC', DESC: 'DESC' } as const;
export type SortDirection = (typeof SortDirection)[keyof typeof SortDirection];
registerEnumType(SortDirection, { name: 'SortDirection', description: 'Ascending (升序) or descending (降序).' });

@InputType('VillageFilter', { description: 'Conditions on villages (筛选条件); all given ones must hold.' })
export class VillageFilter {
  @Field(() => Int, { nullable: true, description: 'The year the figure-based conditions look at (status, strength, soft/lax, rating, 一肩挑, active pairing); default: the latest year with figures.' })
  @IsOptional()
  @Min(2000)
  @Max(2100)
  year?: number;
  @Field(() => String, { nullable: true, description: 'In this county (12-digit code).' })
  @IsOptional()
  @Length(12, 12)
  countyCode?: string;
  @Field(() => String, { nullable: true, description: 'In this township (12-digit code).' })
  @IsOptional()
  @Length(12, 12)
  townshipCode?: string;
  @Field(() => [PovertyStatus], { nullable: true, description: 'Poverty status in the year is one of these (贫困状态).' })
  status?: PovertyStatus[];
  @Field(() => [VillageStrength], { nullable: true, description: 'Strong / weak by the rule in the year is one of these (强村 / 弱村).' })
  strength?: VillageStrength[];
  @Field(() => Boolean, { nullable: true, description: 'The branch is (true) or is not (false) soft and lax in the year (软弱涣散).' })
  softLax?: boolean;
  @Field(() => [BranchRating], { nullable: true, description: 'Branch rating in the year is one of these (支部评定).' })
  branchRating?: BranchRating[];
  @Field(() => Boolean, { nullable: true, description: 'The secretary heads the village committee (true) or not (false) in the year (一肩挑).' })
  secretaryIsDirector?: boolean;
  @Field(() => Boolean, { nullable: true, description: 'Is (true) or is not (false) a member of an alliance (联合党委成员).' })
  inAlliance?: boolean;
  @Field(() => Int, { nullable: true, description: 'Member of this alliance.' })
  allianceId?: number;
  @Field(() => Boolean, { nullable: true, description: 'Has (true) or lacks (false) a pairing helping it that is active in the year (有帮扶结对).' })
  hasActivePairing?: boolean;
  @Field(() => Float, {
    nullable: true,
    description: 'No strong village (by the rule, in the year) lies within this many metres, geodesic (周边无强村); 1 to 100000. E.g. weak villages more than 20 km from any strong village: `{ strength: [WEAK], noStrongVillageWithinMeters: 20000 }`.',
  })
  @IsOptional()
  @Min(1)
  @Max(100_000)
  noStrongVillageWithinMeters?: number;
  @Field(() => String, { nullable: true, description: 'Chinese or English name contains this text (名称包含).' })
  @IsOptional()
  @Length(1, 50)
  nameContains?: string;
  @Field(() => SpatialFilter, { nullable: true, description: 'Spatial conditions on the village location.' })
  @ValidateNested()
  spatial?: SpatialFilter;
}

@ArgsType()
export class VillagesArgs extends PageArgs {
  @Field(() => VillageFilter, { nullable: true, description: 'Conditions (筛选).' })
  @ValidateNested()
  filter?: VillageFilter;
  @Field(() => VillageOrderField, { defaultValue: VillageOrderField.CODE, description: 'Order (排序).' })
  orderBy!: VillageOrderField;
  @Field(() => SortDirection, { defaultValue: SortDirection.ASC, description: 'Direction of the order.' })
  direction!: SortDirection;
  @Field(() => ReferenceInput, { nullable: true, description: 'Measure `distanceMeters` from here; required to order by DISTANCE.' })
  @ValidateNested()
  distanceFrom?: ReferenceInput;
}

@ArgsType()
export class NearestVillagesArgs {
  @Field(() => ReferenceInput, { description: 'The point or village to search around (the village itself is left out).' })
  @ValidateNested()
  to!: ReferenceInput;
  @Field(() => Int, { defaultValue: 5, description: `How many villages, 1 to ${MAX_PAGE_SIZE}.` })
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  k!: number;
  @Field(() => VillageFilter, { nullable: true, description: 'Only villages meeting these conditions.' })
  @ValidateNested()
  filter?: VillageFilter;
}
