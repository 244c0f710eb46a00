import { Entity, Enum, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { AssistingUnitKind, enumValues } from '../enums.js';

@Entity({ tableName: 'assisting_unit' })
@ObjectType('AssistingUnit', { description: 'Designated assisting unit (定点帮扶单位): a government body, enterprise or institution helping villages.' })
export class AssistingUnit {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  @Field(() => Int, { description: 'Identifier.' })
  id!: number;

  @Property({ type: 'text' })
  @Field(() => String, { description: 'Name (名称).' })
  name!: string;

  @Enum({ items: enumValues(AssistingUnitKind), type: 'text' })
  @Field(() => AssistingUnitKind, { description: 'Government body (机关), enterprise (企业) or institution (事业单位).' })
  kind!: AssistingUnitKind;
}
