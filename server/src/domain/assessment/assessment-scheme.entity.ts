import { Entity, PrimaryKey, Property, type Opt } from '@mikro-orm/core';
import type { GradeBands, SchemeIndicator } from './scheme.js';

/** 考核办法: one scheme per year; its indicators and grade bands are checked by schemeProblems before every write. */
@Entity({ tableName: 'assessment_scheme' })
export class AssessmentScheme {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'integer', version: true })
  version!: Opt<number>;

  @Property({ type: 'integer', unique: true })
  year!: number;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'json' })
  indicators!: SchemeIndicator[];

  @Property({ type: 'json' })
  gradeBands!: GradeBands;

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Opt<Date> = new Date();
}
