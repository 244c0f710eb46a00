import type { Point } from 'geojson';
import { IsOptional, Length, ValidateNested } from 'class-validator';
import { Field, Float, InputType, Int } from 'type-graphql';
import { BranchRating, IndustryType, PairingKind } from '../../domain/enums.js';
import { GeoJSONScalar } from '../scalars/geojson.scalar.js';

@InputType('PairingInput', { description: 'A new pairing: a strong village (or, for ENTERPRISE_VILLAGE, an enterprise) helping a village.' })
export class PairingInput {
  @Field(() => PairingKind, { description: 'Kind of link.' })
  kind!: PairingKind;
  @Field(() => String, { nullable: true, description: 'The helping village (must be strong in startYear); give this or helperOrganisationId.' })
  @IsOptional()
  @Length(12, 12)
  helperVillageCode?: string;
  @Field(() => Int, { nullable: true, description: 'The helping enterprise (ENTERPRISE_VILLAGE only).' })
  helperOrganisationId?: number;
  @Field(() => String, { description: 'The helped village.' })
  @Length(12, 12)
  helpedVillageCode!: string;
  @Field(() => Int, { description: 'First year.' })
  startYear!: number;
}

@InputType('AllianceInput', { description: 'A new alliance (联合党委): its centre is one of its members.' })
export class AllianceInput {
  @Field(() => String, { description: 'Name.' })
  @Length(1, 100)
  name!: string;
  @Field(() => String, { description: 'The central village (中心村).' })
  @Length(12, 12)
  centreCode!: string;
  @Field(() => [String], { description: 'All member villages, the centre included (≥ 2), in the centre\'s township or adjacent ones.' })
  memberCodes!: string[];
  @Field(() => Int, { description: 'Year founded.' })
  foundedYear!: number;
  @Field(() => Int, { nullable: true, description: 'The platform company (平台公司), if any.' })
  platformCompanyId?: number;
}

@InputType('AllianceUpdateInput', { description: 'Changes to an alliance; fields left out stay as they are.' })
export class AllianceUpdateInput {
  @Field(() => Int, { description: 'Alliance id.' })
  id!: number;
  @Field(() => Int, { description: 'The version you last read (optimistic concurrency).' })
  version!: number;
  @Field(() => String, { nullable: true, description: 'New name.' })
  @IsOptional()
  @Length(1, 100)
  name?: string;
  @Field(() => String, { nullable: true, description: 'New centre village (must be a member).' })
  @IsOptional()
  @Length(12, 12)
  centreCode?: string;
  @Field(() => Int, { nullable: true, description: 'New platform company.' })
  platformCompanyId?: number;
  @Field(() => [String], { nullable: true, description: 'The whole new member list (centre included).' })
  memberCodes?: string[];
}

@InputType('VillageYearInput', { description: 'A village\'s figures for a year (年度指标); counts only.' })
export class VillageYearInput {
  @Field(() => String, { description: 'The village.' })
  @Length(12, 12)
  villageCode!: string;
  @Field(() => Int, { description: 'The year, 2000–2100.' })
  year!: number;
  @Field(() => Int, { nullable: true, description: 'Required when figures for the year exist: the version you last read.' })
  version?: number;
  @Field(() => Int, { description: 'Registered households.' })
  households!: number;
  @Field(() => Int, { description: 'Rural registered population.' })
  ruralPopulation!: number;
  @Field(() => Int, { description: 'Registered poor households (≤ households, ≤ poor population).' })
  poorHouseholds!: number;
  @Field(() => Int, { description: 'Registered poor population (≤ rural population).' })
  poorPopulation!: number;
  @Field(() => Float, { description: 'Collective income, 万元.' })
  collectiveIncome!: number;
  @Field(() => Int, { description: 'Party members.' })
  partyMembers!: number;
  @Field(() => Int, { description: 'Poor households paired with a party member (≤ poor households).' })
  memberPairings!: number;
  @Field(() => Boolean, { description: '一肩挑.' })
  secretaryIsDirector!: boolean;
  @Field(() => Boolean, { description: 'Soft and lax branch (软弱涣散).' })
  softLax!: boolean;
  @Field(() => BranchRating, { description: 'Branch rating.' })
  branchRating!: BranchRating;
}

@InputType('IndustryProjectInput', { description: 'An industry project: located inside its village\'s township; the five investment sources add up to the total (万元, 2 decimals).' })
export class IndustryProjectInput {
  @Field(() => String, { description: 'Name.' })
  @Length(1, 200)
  name!: string;
  @Field(() => IndustryType, { description: 'Industry.' })
  type!: IndustryType;
  @Field(() => String, { description: 'The village.' })
  @Length(12, 12)
  villageCode!: string;
  @Field(() => Int, { nullable: true, description: 'Operator organisation.' })
  operatorId?: number;
  @Field(() => GeoJSONScalar, { description: 'Location (GeoJSON Point).' })
  location!: Point;
  @Field(() => Int, { description: 'First year.' })
  startYear!: number;
  @Field(() => Int, { nullable: true, description: 'Year retired, if any.' })
  endYear?: number;
  @Field(() => Float, { description: 'Total investment, 万元.' })
  investmentTotal!: number;
  @Field(() => Float, { defaultValue: 0, description: 'Fiscal funds, 万元.' })
  investmentFiscal!: number;
  @Field(() => Float, { defaultValue: 0, description: 'Assisting units\' funds, 万元.' })
  investmentAssisting!: number;
  @Field(() => Float, { defaultValue: 0, description: 'Village collective funds, 万元.' })
  investmentCollective!: number;
  @Field(() => Float, { defaultValue: 0, description: 'Enterprise funds, 万元.' })
  investmentEnterprise!: number;
  @Field(() => Float, { defaultValue: 0, description: 'Other sources, 万元.' })
  investmentOther!: number;
  @Field(() => Int, { defaultValue: 0, description: 'Households benefiting.' })
  beneficiaryHouseholds!: number;
  @Field(() => Int, { defaultValue: 0, description: 'Poor households benefiting (≤ households benefiting).' })
  beneficiaryPoorHouseholds!: number;
}

@InputType('FundInput', { description: 'Funds of one year, 万元.' })
export class FundInput {
  @Field(() => Int, { description: 'The year (within the assignment\'s period).' })
  year!: number;
  @Field(() => Float, { description: 'Amount delivered, 万元 (≥ 0).' })
  amount!: number;
  @Field(() => Float, { nullable: true, description: 'Amount committed for the year, 万元 (承诺资金, ≥ 0); omit when not recorded.' })
  committed?: number | null;
}

@InputType('AssignmentInput', { description: 'An assisting unit assigned to a village, with its period and yearly funds.' })
export class AssignmentInput {
  @Field(() => Int, { description: 'The assisting unit.' })
  unitId!: number;
  @Field(() => String, { description: 'The village.' })
  @Length(12, 12)
  villageCode!: string;
  @Field(() => Int, { description: 'First year.' })
  startYear!: number;
  @Field(() => Int, { nullable: true, description: 'Last year; omit while ongoing.' })
  endYear?: number;
  @Field(() => [FundInput], { defaultValue: [], description: 'Funds per year.' })
  @ValidateNested()
  funds!: FundInput[];
}

@InputType('AuditFilter', { description: 'Conditions on audit entries.' })
export class AuditFilter {
  @Field(() => String, { nullable: true, description: 'Changes in this county.' })
  @IsOptional()
  @Length(12, 12)
  countyCode?: string;
  @Field(() => String, { nullable: true, description: 'Changes to this entity type, e.g. Pairing.' })
  entity?: string;
  @Field(() => String, { nullable: true, description: 'Changes by this token subject.' })
  subject?: string;
}
