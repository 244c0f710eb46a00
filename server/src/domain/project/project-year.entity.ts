import { DecimalType, Entity, Enum, ManyToOne, PrimaryKey, Property, Unique, type Ref, type Opt } from '@mikro-orm/core';
import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { IndustryProject } from './industry-project.entity.js';
import { PROJECT_STAGES, ProjectStage } from './project-stage.js';

const money = () => new DecimalType('number');

registerEnumType(ProjectStage, {
  name: 'ProjectStage',
  description: 'Stage of an industry project in a year: PLANNED (规划), BUILDING (在建), OPERATING (投产), EFFECTIVE (见效); it never goes back from one year to the next.',
});

@Entity({ tableName: 'project_year' })
@Unique({ properties: ['project', 'year'] })
@ObjectType('ProjectYear', {
  description: 'An industry project in one year (项目进度): its stage, funds planned and delivered by source (万元), jobs, dividends to poor households and share capital put in for them.',
})
export class ProjectYear {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'integer', version: true })
  @Field(() => Int, { description: 'Row version for optimistic concurrency: send it back with an update or delete; a stale one is refused with CONFLICT.' })
  version!: Opt<number>;

  @ManyToOne({ entity: () => IndustryProject, ref: true })
  project!: Ref<IndustryProject>;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'The year (年份).' })
  year!: number;

  @Enum({ items: [...PROJECT_STAGES], type: 'text' })
  @Field(() => ProjectStage, { description: 'Stage in the year (阶段): 规划 / 在建 / 投产 / 见效.' })
  stage!: ProjectStage;

  @Property({ type: money(), precision: 12, scale: 2 })
  @Field(() => Float, { description: 'Fiscal funds planned for the year, 万元 (计划财政资金).' })
  plannedFiscal!: number;

  @Property({ type: money(), precision: 12, scale: 2 })
  @Field(() => Float, { description: 'Assisting units\' funds planned, 万元 (计划帮扶资金).' })
  plannedAssisting!: number;

  @Property({ type: money(), precision: 12, scale: 2 })
  @Field(() => Float, { description: 'Village collective funds planned, 万元 (计划村集体资金).' })
  plannedCollective!: number;

  @Property({ type: money(), precision: 12, scale: 2 })
  @Field(() => Float, { description: 'Enterprise funds planned, 万元 (计划企业资金).' })
  plannedEnterprise!: number;

  @Property({ type: money(), precision: 12, scale: 2 })
  @Field(() => Float, { description: 'Other funds planned, 万元 (计划其他资金).' })
  plannedOther!: number;

  @Property({ type: money(), precision: 12, scale: 2 })
  @Field(() => Float, { description: 'Fiscal funds delivered in the year, 万元 (到位财政资金).' })
  deliveredFiscal!: number;

  @Property({ type: money(), precision: 12, scale: 2 })
  @Field(() => Float, { description: 'Assisting units\' funds delivered, 万元 (到位帮扶资金).' })
  deliveredAssisting!: number;

  @Property({ type: money(), precision: 12, scale: 2 })
  @Field(() => Float, { description: 'Village collective funds delivered, 万元 (到位村集体资金).' })
  deliveredCollective!: number;

  @Property({ type: money(), precision: 12, scale: 2 })
  @Field(() => Float, { description: 'Enterprise funds delivered, 万元 (到位企业资金).' })
  deliveredEnterprise!: number;

  @Property({ type: money(), precision: 12, scale: 2 })
  @Field(() => Float, { description: 'Other funds delivered, 万元 (到位其他资金).' })
  deliveredOther!: number;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Jobs created or kept in the year (带动就业人数).' })
  jobs!: number;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Poor households paid a dividend in the year (分红贫困户数); at most the project\'s poor beneficiary households.' })
  dividendHouseholds!: number;

  @Property({ type: money(), precision: 12, scale: 2 })
  @Field(() => Float, { description: 'Dividends paid to poor households in the year, 万元 (分红金额); only once operating (投产) or effective (见效).' })
  dividendsPoor!: number;

  @Property({ type: money(), precision: 12, scale: 2 })
  @Field(() => Float, { description: 'Share capital put into the project (or its cooperative) for poor households in the year, 万元 (股金注入).' })
  shareCapitalPoor!: number;
}
