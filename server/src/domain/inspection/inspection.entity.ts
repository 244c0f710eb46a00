import { Collection, Entity, OneToMany, PrimaryKey, Property, type Opt } from '@mikro-orm/core';
import { Finding } from './finding.entity.js';

/**
 * 督查: a visit by an inspecting unit to a county, a township or a village
 * (its branch). The county is always set, so planners' rights follow it; the
 * township is set for a township or village visit, the village for a village.
 */
@Entity({ tableName: 'inspection' })
export class Inspection {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'integer', version: true })
  version!: Opt<number>;

  @Property({ type: 'date' })
  inspectedOn!: string;

  @Property({ type: 'text' })
  inspectingUnit!: string;

  @Property({ type: 'string', length: 12 })
  countyCode!: string;

  @Property({ type: 'string', length: 12, nullable: true })
  townshipCode!: string | null;

  @Property({ type: 'string', length: 12, nullable: true })
  villageCode!: string | null;

  @Property({ type: 'text', nullable: true })
  note!: string | null;

  @OneToMany({ entity: () => Finding, mappedBy: 'inspection' })
  findings = new Collection<Finding>(this);
}
