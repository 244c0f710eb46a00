import { PrimaryKeyProp, Collection, Entity, Enum, ManyToOne, OneToMany, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import type { MultiPolygon } from 'geojson';
import { Field, Int, ObjectType } from 'type-graphql';
import { multiPolygonType } from '../../db/types/geometry.type.js';
import { CountyKind, enumValues } from '../enums.js';
import { Prefecture } from './prefecture.entity.js';
import { Township } from './township.entity.js';

@Entity({ tableName: 'county' })
@ObjectType('County', { description: 'County-level unit (旗 / 县 / 区) of the prefecture.' })
export class County {
  [PrimaryKeyProp]?: 'code';

  @PrimaryKey({ type: 'string', length: 12 })
  @Field(() => String, { description: '12-digit statistical division code; the first 6 digits identify the county.' })
  code!: string;

  @ManyToOne({ entity: () => Prefecture, ref: true })
  prefecture!: Ref<Prefecture>;

  @Property({ type: 'text' })
  @Field(() => String, { description: 'Name in Chinese (名称).' })
  name!: string;

  @Property({ type: 'text' })
  @Field(() => String, { description: 'Name in English or pinyin.' })
  nameEn!: string;

  @Enum({ items: enumValues(CountyKind), type: 'text' })
  @Field(() => CountyKind, { description: 'Banner (旗), county (县) or district (区).' })
  kind!: CountyKind;

  @Property({ type: 'boolean' })
  @Field(() => Boolean, { description: 'A nationally designated key poor county (国家重点贫困旗县).' })
  keyPoorCounty!: boolean;

  @Property({ type: 'integer', nullable: true })
  @Field(() => Int, { nullable: true, description: 'Year the county exited poverty (摘帽), if it did.' })
  exitedYear!: number | null;

  @Property({ type: multiPolygonType(), lazy: true })
  boundary!: MultiPolygon;

  @OneToMany({ entity: () => Township, mappedBy: 'county' })
  townships = new Collection<Township>(this);
}
