import { DecimalType, Entity, Enum, ManyToOne, PrimaryKey, Property, Unique, type Ref, type Opt } from '@mikro-orm/core';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { BranchRating, enumValues } from '../enums.js';
import { Village } from './village.entity.js';

@Entity({ tableName: 'village_year' })
@Unique({ properties: ['village', 'year'] })
@ObjectType('VillageYear', { description: 'A village\'s figures for one year (年度指标). Counts only: no household-level personal data.' })
export class VillageYear {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'integer', version: true })
  @Field(() => Int, { description: 'Row version for optimistic concurrency: send it back with an update; a stale one is refused with CONFLICT.' })
  version!: Opt<number>;

  @ManyToOne({ entity: () => Village, ref: true })
  village!: Ref<Village>;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'The year (年份).' })
  year!: number;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Registered households (户数).' })
  households!: number;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Rural registered population (农村户籍人口).' })
  ruralPopulation!: number;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Registered poor households (建档立卡贫困户).' })
  poorHouseholds!: number;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Registered poor population (建档立卡贫困人口).' })
  poorPopulation!: number;

  @Property({ type: new DecimalType('number'), precision: 12, scale: 2 })
  @Field(() => Float, { description: 'Village collective income in 10,000 yuan (村集体经济收入, 万元).' })
  collectiveIncome!: number;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Party members in the village branch (党员数).' })
  partyMembers!: number;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Poor households paired with a party member (党员结对帮扶户数).' })
  memberPairings!: number;

  @Property({ type: 'boolean' })
  @Field(() => Boolean, { description: 'The branch secretary also heads the village committee (一肩挑).' })
  secretaryIsDirector!: boolean;

  @Property({ type: 'boolean' })
  @Field(() => Boolean, { description: 'The branch is listed as soft and lax, under rectification (软弱涣散).' })
  softLax!: boolean;

  @Enum({ items: enumValues(BranchRating), type: 'text' })
  @Field(() => BranchRating, { description: 'Branch grading (先进 / 中间 / 后进支部).' })
  branchRating!: BranchRating;
}
