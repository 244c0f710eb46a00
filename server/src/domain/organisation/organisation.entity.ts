import { Entity, Enum, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { OrganisationKind, enumValues } from '../enums.js';
import { Village } from '../village/village.entity.js';

@Entity({ tableName: 'organisation' })
@ObjectType('Organisation', { description: 'Economic body (合作社 / 平台公司 / 企业): a cooperative, platform company or enterprise.' })
export class Organisation {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  @Field(() => Int, { description: 'Identifier.' })
  id!: number;

  @Property({ type: 'text' })
  @Field(() => String, { description: 'Name (名称).' })
  name!: string;

  @Enum({ items: enumValues(OrganisationKind), type: 'text' })
  @Field(() => OrganisationKind, { description: 'Cooperative (合作社), platform company (平台公司) or enterprise (企业).' })
  kind!: OrganisationKind;

  @ManyToOne({ entity: () => Village, ref: true, nullable: true })
  village!: Ref<Village> | null;

  @Property({ type: 'boolean' })
  @Field(() => Boolean, { description: 'Led by the village party branch (党支部领办).' })
  ledByBranch!: boolean;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Year founded (成立年份).' })
  foundedYear!: number;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Member households (成员户数).' })
  memberHouseholds!: number;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Member households that are registered poor (其中贫困户).' })
  poorMemberHouseholds!: number;
}
