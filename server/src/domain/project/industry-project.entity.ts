import { DecimalType, Entity, Enum, ManyToOne, PrimaryKey, Property, type Ref, type Opt } from '@mikro-orm/core';
import type { Point } from 'geojson';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { pointType } from '../../db/types/geometry.type.js';
import { IndustryType, enumValues } from '../enums.js';
import { Organisation } from '../organisation/organisation.entity.js';
import { Village } from '../village/village.entity.js';

const money = () => new DecimalType('number');

@Entity({ tableName: 'industry_project' })
@ObjectType('IndustryProject', { description: 'Industry project (产业项目) of a village: vegetables, potatoes, edible fungi, rural tourism, e-commerce, livestock, …' })
export class IndustryProject {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  @Field(() => Int, { description: 'Identifier.' })
  id!: number;

  @Property({ type: 'integer', version: true })
  @Field(() => Int, { description: 'Row version for optimistic concurrency: send it back with an update; a stale one is refused with CONFLICT.' })
  version!: Opt<number>;

  @Property({ type: 'text' })
  @Field(() => String, { description: 'Name (名称).' })
  name!: string;

  @Enum({ items: enumValues(IndustryType), type: 'text' })
  @Field(() => IndustryType, { description: 'Industry (产业类型).' })
  type!: IndustryType;

  @ManyToOne({ entity: () => Village, ref: true })
  village!: Ref<Village>;

  @ManyToOne({ entity: () => Organisation, ref: true, nullable: true })
  operator!: Ref<Organisation> | null;

  @Property({ type: pointType() })
  location!: Point;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'First year of operation (开始年份).' })
  startYear!: number;

  @Property({ type: 'integer', nullable: true })
  @Field(() => Int, { nullable: true, description: 'Year retired (结束年份); null while running.' })
  endYear!: number | null;

  @Property({ type: money(), precision: 12, scale: 2 })
  @Field(() => Float, { description: 'Total investment, 万元 (总投资); the sum of the five sources.' })
  investmentTotal!: number;

  @Property({ type: money(), precision: 12, scale: 2 })
  @Field(() => Float, { description: 'Of which fiscal funds, 万元 (财政资金).' })
  investmentFiscal!: number;

  @Property({ type: money(), precision: 12, scale: 2 })
  @Field(() => Float, { description: 'Of which funds of assisting units, 万元 (帮扶资金).' })
  investmentAssisting!: number;

  @Property({ type: money(), precision: 12, scale: 2 })
  @Field(() => Float, { description: 'Of which village collective funds, 万元 (村集体资金).' })
  investmentCollective!: number;

  @Property({ type: money(), precision: 12, scale: 2 })
  @Field(() => Float, { description: 'Of which enterprise funds, 万元 (企业资金).' })
  investmentEnterprise!: number;

  @Property({ type: money(), precision: 12, scale: 2 })
  @Field(() => Float, { description: 'Of which other sources, 万元 (其他).' })
  investmentOther!: number;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Households benefiting (受益户数).' })
  beneficiaryHouseholds!: number;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Registered poor households benefiting (受益贫困户数).' })
  beneficiaryPoorHouseholds!: number;
}
