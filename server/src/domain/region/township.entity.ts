import { PrimaryKeyProp, Collection, Entity, Enum, ManyToOne, OneToMany, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import type { MultiPolygon } from 'geojson';
import { Field, ObjectType } from 'type-graphql';
import { multiPolygonType } from '../../db/types/geometry.type.js';
import { TownshipKind, enumValues } from '../enums.js';
import { Village } from '../village/village.entity.js';
import { County } from './county.entity.js';

@Entity({ tableName: 'township' })
@ObjectType('Township', { description: 'Township-level unit (苏木 / 乡 / 镇) inside a county.' })
export class Township {
  [PrimaryKeyProp]?: 'code';

  @PrimaryKey({ type: 'string', length: 12 })
  @Field(() => String, { description: '12-digit statistical division code; the first 9 digits identify the township.' })
  code!: string;

  @ManyToOne({ entity: () => County, ref: true })
  county!: Ref<County>;

  @Property({ type: 'text' })
  @Field(() => String, { description: 'Name in Chinese (名称).' })
  name!: string;

  @Property({ type: 'text' })
  @Field(() => String, { description: 'Name in English or pinyin.' })
  nameEn!: string;

  @Enum({ items: enumValues(TownshipKind), type: 'text' })
  @Field(() => TownshipKind, { description: 'Sumu (苏木), township (乡) or town (镇).' })
  kind!: TownshipKind;

  @Property({ type: multiPolygonType(), lazy: true })
  boundary!: MultiPolygon;

  @OneToMany({ entity: () => Village, mappedBy: 'township' })
  villages = new Collection<Village>(this);
}
