import { Collection, DecimalType, Entity, ManyToOne, OneToMany, PrimaryKey, Property, Unique, type Ref, type Opt } from '@mikro-orm/core';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Village } from '../village/village.entity.js';
import { AssistingUnit } from './assisting-unit.entity.js';

@Entity({ tableName: 'assignment' })
@ObjectType('Assignment', { description: 'An assisting unit assigned to a village (帮扶关系), with its period and yearly funds.' })
export class Assignment {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  @Field(() => Int, { description: 'Identifier.' })
  id!: number;

  @Property({ type: 'integer', version: true })
  @Field(() => Int, { description: 'Row version for optimistic concurrency: send it back with an update; a stale one is refused with CONFLICT.' })
  version!: Opt<number>;

  @ManyToOne({ entity: () => AssistingUnit, ref: true })
  unit!: Ref<AssistingUnit>;

  @ManyToOne({ entity: () => Village, ref: true })
  village!: Ref<Village>;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'First year (开始年份).' })
  startYear!: number;

  @Property({ type: 'integer', nullable: true })
  @Field(() => Int, { nullable: true, description: 'Last year (结束年份); null while ongoing.' })
  endYear!: number | null;

  @OneToMany({ entity: () => AssignmentFund, mappedBy: 'assignment' })
  funds = new Collection<AssignmentFund>(this);
}

@Entity({ tableName: 'assignment_fund' })
@Unique({ properties: ['assignment', 'year'] })
@ObjectType('AssignmentFund', { description: 'Funds an assisting unit invested in its village in one year (帮扶资金).' })
export class AssignmentFund {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne({ entity: () => Assignment, ref: true })
  assignment!: Ref<Assignment>;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'The year (年份).' })
  year!: number;

  @Property({ type: new DecimalType('number'), precision: 12, scale: 2 })
  @Field(() => Float, { description: 'Amount delivered, in 10,000 yuan (万元, 到位帮扶资金).' })
  amount!: number;

  @Property({ type: new DecimalType('number'), precision: 12, scale: 2, nullable: true })
  @Field(() => Float, { nullable: true, description: 'Amount the unit committed for the year, 万元 (承诺资金 / 计划帮扶资金); null when not recorded.' })
  committed!: number | null;
}
