import { PrimaryKeyProp, Collection, Entity, Enum, ManyToOne, OneToMany, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import type { Point } from 'geojson';
import { Field, Int, ObjectType } from 'type-graphql';
import { pointType } from '../../db/types/geometry.type.js';
import { Alliance } from '../alliance/alliance.entity.js';
import { BranchFocus, VillageKind, enumValues } from '../enums.js';
import { Township } from '../region/township.entity.js';
import { VillageYear } from './village-year.entity.js';

/**
 * An administrative village. Its party branch (党支部) is 1:1 with it, so the
 * branch's lasting fields live on the village row; the branch's yearly
 * figures (rating, soft/lax, 一肩挑) are in VillageYear.
 */
@Entity({ tableName: 'village' })
@ObjectType('Village', { description: 'Administrative village (嘎查 / 行政村), a point on the map.' })
export class Village {
  [PrimaryKeyProp]?: 'code';

  @PrimaryKey({ type: 'string', length: 12 })
  @Field(() => String, { description: '12-digit statistical division code; the first 9 digits are its township\'s.' })
  code!: string;

  @ManyToOne({ entity: () => Township, ref: true })
  township!: Ref<Township>;

  @Property({ type: 'text' })
  @Field(() => String, { description: 'Name in Chinese (名称).' })
  name!: string;

  @Property({ type: 'text' })
  @Field(() => String, { description: 'Name in English or pinyin.' })
  nameEn!: string;

  @Enum({ items: enumValues(VillageKind), type: 'text' })
  @Field(() => VillageKind, { description: 'Gacha (嘎查) or village (行政村).' })
  kind!: VillageKind;

  @Property({ type: pointType() })
  location!: Point;

  @Property({ type: 'boolean' })
  @Field(() => Boolean, { description: 'Registered as a poor village (建档立卡贫困村).' })
  isPoorVillage!: boolean;

  @Property({ type: 'integer', nullable: true })
  @Field(() => Int, { nullable: true, description: 'Year the poor village exited (出列), if it did.' })
  exitedYear!: number | null;

  @Property({ type: 'text' })
  branchName!: string;

  @Enum({ items: enumValues(BranchFocus), type: 'text', nullable: true })
  branchFocus!: BranchFocus | null;

  @Property({ type: 'boolean' })
  branchGovernance15!: boolean;

  @ManyToOne({ entity: () => Alliance, ref: true, nullable: true })
  alliance!: Ref<Alliance> | null;

  @OneToMany({ entity: () => VillageYear, mappedBy: 'village' })
  years = new Collection<VillageYear>(this);
}
