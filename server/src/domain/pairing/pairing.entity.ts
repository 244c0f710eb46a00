import { Entity, Enum, ManyToOne, PrimaryKey, Property, type Ref, type Opt } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { PairingKind, enumValues } from '../enums.js';
import { Organisation } from '../organisation/organisation.entity.js';
import { Village } from '../village/village.entity.js';

@Entity({ tableName: 'pairing' })
@ObjectType('Pairing', {
  description: 'A helping link (强村带弱村 / 中心村辐射周边村 / 村企联建) from a strong village or an enterprise to a weak village.',
})
export class Pairing {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  @Field(() => Int, { description: 'Identifier.' })
  id!: number;

  @Property({ type: 'integer', version: true })
  @Field(() => Int, { description: 'Row version for optimistic concurrency: send it back with an update; a stale one is refused with CONFLICT.' })
  version!: Opt<number>;

  @Enum({ items: enumValues(PairingKind), type: 'text' })
  @Field(() => PairingKind, { description: 'Kind of link (结对类型).' })
  kind!: PairingKind;

  @ManyToOne({ entity: () => Village, ref: true, nullable: true })
  helperVillage!: Ref<Village> | null;

  @ManyToOne({ entity: () => Organisation, ref: true, nullable: true })
  helperOrganisation!: Ref<Organisation> | null;

  @ManyToOne({ entity: () => Village, ref: true })
  helpedVillage!: Ref<Village>;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'First year (开始年份).' })
  startYear!: number;

  @Property({ type: 'integer', nullable: true })
  @Field(() => Int, { nullable: true, description: 'Last year (结束年份); null while active.' })
  endYear!: number | null;
}
