import { Entity, Enum, ManyToOne, PrimaryKey, Property, Unique, type Ref } from '@mikro-orm/core';
import { Village } from '../village/village.entity.js';
import { POVERTY_CAUSES, type PovertyCause } from './poverty-cause.js';

/** A village's poor households with one main cause in a year (致贫原因户数); the API reads them aggregated. */
@Entity({ tableName: 'village_poverty_cause' })
@Unique({ properties: ['village', 'year', 'cause'] })
export class VillagePovertyCause {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne({ entity: () => Village, ref: true })
  village!: Ref<Village>;

  @Property({ type: 'integer' })
  year!: number;

  @Enum({ items: [...POVERTY_CAUSES], type: 'text' })
  cause!: PovertyCause;

  @Property({ type: 'integer' })
  households!: number;
}
