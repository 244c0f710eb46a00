import { Entity, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { Village } from '../village/village.entity.js';
import { AssistingUnit } from './assisting-unit.entity.js';

@Entity({ tableName: 'work_team' })
@ObjectType('WorkTeam', { description: 'Work team stationed in a village (驻村工作队), led by a first secretary (第一书记).' })
export class WorkTeam {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  @Field(() => Int, { description: 'Identifier.' })
  id!: number;

  @ManyToOne({ entity: () => Village, ref: true })
  village!: Ref<Village>;

  @ManyToOne({ entity: () => AssistingUnit, ref: true })
  dispatchingUnit!: Ref<AssistingUnit>;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Number of members, the first secretary included (队员人数, ≥ 2).' })
  members!: number;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'First year of the term (开始年份).' })
  startYear!: number;

  @Property({ type: 'integer', nullable: true })
  @Field(() => Int, { nullable: true, description: 'Last year of the term (结束年份); null while stationed.' })
  endYear!: number | null;
}
