/** Inputs and summaries of a project's yearly progress (项目进度). */
import { Max, Min } from 'class-validator';
import { Field, Float, InputType, Int, ObjectType } from 'type-graphql';
import { ProjectStage } from '../../domain/project/project-stage.js';
import { MAX_YEAR, MIN_YEAR } from './year.args.js';

@InputType('ProjectYearInput', { description: 'A project\'s progress in one year (项目进度): funds in 万元 (2 decimals), counts whole. Fields left out are 0.' })
export class ProjectYearInput {
  @Field(() => Int, { description: 'The project (项目编号).' })
  projectId!: number;
  @Field(() => Int, { description: 'The year, within the project\'s years (年份).' })
  @Min(MIN_YEAR)
  @Max(MAX_YEAR)
  year!: number;
  @Field(() => Int, { nullable: true, description: 'Required when the year is recorded already: the version you last read.' })
  version?: number;
  @Field(() => ProjectStage, { description: 'Stage (阶段); never behind an earlier year\'s, never ahead of a later year\'s.' })
  stage!: ProjectStage;
  @Field(() => Float, { defaultValue: 0, description: 'Fiscal funds planned, 万元 (计划财政资金).' })
  plannedFiscal!: number;
  @Field(() => Float, { defaultValue: 0, description: 'Assisting units\' funds planned, 万元 (计划帮扶资金).' })
  plannedAssisting!: number;
  @Field(() => Float, { defaultValue: 0, description: 'Village collective funds planned, 万元 (计划村集体资金).' })
  plannedCollective!: number;
  @Field(() => Float, { defaultValue: 0, description: 'Enterprise funds planned, 万元 (计划企业资金).' })
  plannedEnterprise!: number;
  @Field(() => Float, { defaultValue: 0, description: 'Other funds planned, 万元 (计划其他资金).' })
  plannedOther!: number;
  @Field(() => Float, { defaultValue: 0, description: 'Fiscal funds delivered, 万元 (到位财政资金).' })
  deliveredFiscal!: number;
  @Field(() => Float, { defaultValue: 0, description: 'Assisting units\' funds delivered, 万元 (到位帮扶资金).' })
  deliveredAssisting!: number;
  @Field(() => Float, { defaultValue: 0, description: 'Village collective funds delivered, 万元 (到位村集体资金).' })
  deliveredCollective!: number;
  @Field(() => Float, { defaultValue: 0, description: 'Enterprise funds delivered, 万元 (到位企业资金).' })
  deliveredEnterprise!: number;
  @Field(() => Float, { defaultValue: 0, description: 'Other funds delivered, 万元 (到位其他资金).' })
  deliveredOther!: number;
  @Field(() => Int, { defaultValue: 0, description: 'Jobs created (带动就业).' })
  jobs!: number;
  @Field(() => Int, { defaultValue: 0, description: 'Poor households paid a dividend (分红户数); at most the project\'s poor beneficiaries, and only once operating.' })
  dividendHouseholds!: number;
  @Field(() => Float, { defaultValue: 0, description: 'Dividends paid to poor households, 万元 (分红金额); only once operating (投产) or effective (见效).' })
  dividendsPoor!: number;
  @Field(() => Float, { defaultValue: 0, description: 'Share capital put in for poor households, 万元 (股金注入).' })
  shareCapitalPoor!: number;
}

@ObjectType('ProjectProgressSummary', { description: 'A project\'s progress over all its recorded years (累计): funds planned and delivered, dividends and share capital, 万元.' })
export class ProjectProgressSummary {
  @Field(() => Int, { description: 'Years recorded (已录入年数).' })
  years!: number;
  @Field(() => ProjectStage, { nullable: true, description: 'Stage of the latest recorded year (最新阶段); null when no year is recorded.' })
  latestStage!: ProjectStage | null;
  @Field(() => Float, { description: 'Funds planned over the years, 万元 (累计计划投资).' })
  planned!: number;
  @Field(() => Float, { description: 'Funds delivered over the years, 万元 (累计到位资金).' })
  delivered!: number;
  @Field(() => Float, { description: 'Dividends paid to poor households over the years, 万元 (累计分红).' })
  dividendsPoor!: number;
  @Field(() => Float, { description: 'Share capital put in for poor households over the years, 万元 (累计股金注入).' })
  shareCapitalPoor!: number;
}
