import { BigIntType, Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, GraphQLISODateTime, Int, ObjectType } from 'type-graphql';
import { GraphQLJSON } from 'graphql-scalars';

/** One change made through the API, written in the same transaction as the change. */
@Entity({ tableName: 'audit_entry' })
@ObjectType('AuditEntry', { description: 'One change made through the API (审计记录): who, when, what, before and after.' })
export class AuditEntry {
  @PrimaryKey({ type: new BigIntType('number'), autoincrement: true })
  @Field(() => Int, { description: 'Identifier, increasing with time.' })
  id!: number;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  @Field(() => GraphQLISODateTime, { description: 'When (UTC).' })
  at!: Date;

  @Property({ type: 'text' })
  @Field(() => String, { description: 'Who: the token\'s subject.' })
  subject!: string;

  @Property({ type: 'text' })
  @Field(() => String, { description: 'The role the change was made with.' })
  role!: string;

  @Property({ type: 'text' })
  @Field(() => String, { description: 'The mutation, e.g. createPairing.' })
  action!: string;

  @Property({ type: 'text' })
  @Field(() => String, { description: 'Entity changed, e.g. Pairing.' })
  entity!: string;

  @Property({ type: 'text' })
  @Field(() => String, { description: 'Id or code of the entity changed.' })
  entityId!: string;

  @Property({ type: 'string', length: 12, nullable: true })
  @Field(() => String, { nullable: true, description: 'County of the data changed (for planners\' scoped views).' })
  countyCode!: string | null;

  @Property({ type: 'json', nullable: true })
  @Field(() => GraphQLJSON, { nullable: true, description: 'The entity before the change; null when created.' })
  before!: unknown;

  @Property({ type: 'json', nullable: true })
  @Field(() => GraphQLJSON, { nullable: true, description: 'The entity after the change; null when deleted.' })
  after!: unknown;
}
