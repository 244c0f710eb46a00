import { PrimaryKeyProp, type Opt, Collection, DecimalType, Entity, OneToMany, PrimaryKey, Property } from '@mikro-orm/core';
import type { MultiPolygon } from 'geojson';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { multiPolygonType } from '../../db/types/geometry.type.js';
import { DEFAULT_INCIDENCE_BANDS, type PolicySettings, type Thresholds } from '../rules.js';
import { County } from './county.entity.js';

@Entity({ tableName: 'prefecture' })
@ObjectType('Prefecture', { description: 'The region the hub covers (盟 / 市): a league or prefecture-level city.' })
export class Prefecture {
  [PrimaryKeyProp]?: 'code';

  @PrimaryKey({ type: 'string', length: 12 })
  @Field(() => String, { description: '12-digit statistical division code (统计用区划代码).' })
  code!: string;

  @Property({ type: 'text' })
  @Field(() => String, { description: 'Name in Chinese (名称).' })
  name!: string;

  @Property({ type: 'text' })
  @Field(() => String, { description: 'Name in English or pinyin.' })
  nameEn!: string;

  @Property({ type: multiPolygonType(), lazy: true })
  boundary!: MultiPolygon;

  @Property({ type: new DecimalType('number'), precision: 5, scale: 2 })
  villageExitIncidence!: number;

  @Property({ type: new DecimalType('number'), precision: 5, scale: 2 })
  countyExitIncidence!: number;

  @Property({ type: new DecimalType('number'), precision: 12, scale: 2 })
  weakIncomeBelow!: number;

  @Property({ type: new DecimalType('number'), precision: 12, scale: 2 })
  targetIncome!: number;

  @Property({ type: 'integer' })
  targetYear!: number;

  @Property({ type: 'integer' })
  memberPairingMin!: number;

  /** The prefecture's own incidence bands (政策分级), %; null until an admin sets them (then the default applies). */
  @Property({ type: 'json', nullable: true, fieldName: 'incidence_bands' })
  ownIncidenceBands?: Opt<number[]> | null;

  /** The prefecture's warning thresholds and levels (预警设置, domain/warning/settings.ts); null until an admin sets them. */
  @Property({ type: 'json', nullable: true, fieldName: 'warning_settings' })
  ownWarningSettings?: Opt<object> | null;

  @OneToMany({ entity: () => County, mappedBy: 'prefecture' })
  counties = new Collection<County>(this);

  /** The policy thresholds as the domain rules take them. */
  getThresholds(): Thresholds {
    return {
      villageExitIncidence: this.villageExitIncidence,
      countyExitIncidence: this.countyExitIncidence,
      weakIncomeBelow: this.weakIncomeBelow,
      targetIncome: this.targetIncome,
      targetYear: this.targetYear,
      memberPairingMin: this.memberPairingMin,
    };
  }

  /** The thresholds and the map's policy bands. */
  getPolicySettings(): PolicySettings {
    return { ...this.getThresholds(), incidenceBands: this.ownIncidenceBands ?? DEFAULT_INCIDENCE_BANDS };
  }
}

@ObjectType('Thresholds', { description: 'Policy thresholds of the prefecture (政策标准); defaults from national policy.' })
export class ThresholdsType implements Thresholds {
  @Field(() => Float, { description: 'A poor village may exit (出列) when its poverty incidence in percent is below this (default 3).' })
  villageExitIncidence!: number;
  @Field(() => Float, { description: 'A county may exit (摘帽) when its poverty incidence in percent is below this (default 3).' })
  countyExitIncidence!: number;
  @Field(() => Float, { description: 'Collective income (村集体经济收入, 万元) below this makes a weak collective economy (薄弱村; default 5).' })
  weakIncomeBelow!: number;
  @Field(() => Float, { description: 'Collective income (万元) every village should reach by the target year ("三步走" target; default 10).' })
  targetIncome!: number;
  @Field(() => Int, { description: 'The year of the collective-economy target.' })
  targetYear!: number;
  @Field(() => Int, { description: 'Each capable party member pairs with at least this many poor households (党员结对帮扶).' })
  memberPairingMin!: number;
}
