import { Collection, Entity, ManyToOne, OneToMany, PrimaryKey, Property, type Ref, type Opt } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { Organisation } from '../organisation/organisation.entity.js';
import { Village } from '../village/village.entity.js';

@Entity({ tableName: 'alliance' })
@ObjectType('Alliance', {
  description: 'Joint party committee (联合党委) uniting a central village with surrounding villages: "联合党委+平台公司+合作社+农户".',
})
export class Alliance {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  @Field(() => Int, { description: 'Identifier.' })
  id!: number;

  @Property({ type: 'integer', version: true })
  @Field(() => Int, { description: 'Row version for optimistic concurrency: send it back with an update; a stale one is refused with CONFLICT.' })
  version!: Opt<number>;

  @Property({ type: 'text' })
  @Field(() => String, { description: 'Name (名称).' })
  name!: string;

  @ManyToOne({ entity: () => Village, ref: true })
  centre!: Ref<Village>;

  @ManyToOne({ entity: () => Organisation, ref: true, nullable: true })
  platformCompany!: Ref<Organisation> | null;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Year founded (成立年份).' })
  foundedYear!: number;

  @OneToMany({ entity: () => Village, mappedBy: 'alliance' })
  members = new Collection<Village>(this);
}
