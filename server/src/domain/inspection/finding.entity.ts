import { Entity, Enum, ManyToOne, PrimaryKey, Property, type Ref, type Opt } from '@mikro-orm/core';
import { enumValues } from '../enums.js';
import { FindingCategory } from './enums.js';
import { Inspection } from './inspection.entity.js';

/** 问题 / 整改: what a visit found, who must rectify it, by when, and when and how it was rectified. */
@Entity({ tableName: 'finding' })
export class Finding {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'integer', version: true })
  version!: Opt<number>;

  @ManyToOne({ entity: () => Inspection, ref: true, deleteRule: 'cascade' })
  inspection!: Ref<Inspection>;

  @Enum({ items: enumValues(FindingCategory), type: 'text' })
  category!: FindingCategory;

  @Property({ type: 'text' })
  description!: string;

  @Property({ type: 'text' })
  responsibleUnit!: string;

  @Property({ type: 'date' })
  deadline!: string;

  @Property({ type: 'date', nullable: true })
  rectifiedOn!: string | null;

  @Property({ type: 'text', nullable: true })
  evidence!: string | null;
}
