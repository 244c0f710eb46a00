/**
 * Reported area figures (报送): planners record them per county or township
 * and year, an admin chooses which figures the map and assessments use, and
 * anyone who reads the map can see where reported and summed figures differ.
 * Resolvers only wire; domain/reported-figures holds the rules.
 */
import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { County, Prefecture, Township } from '../../domain/entities.js';
import { edit } from '../../domain/planning/edit.js';
import {
  deleteReportedFigures,
  upsertReportedFigures,
  figureDifferences,
  figureSourceSetting,
  reportedFigures,
  setFigureSource,
  type FigureDifferenceRow,
  type StoredReportedFigures,
} from '../../domain/reported-figures/reported-figures.service.js';
import type { ReportedLevel } from '../../domain/reported-figures/reported-figures.js';
import { requireCounty, requireRole } from '../auth.js';
import type { Context } from '../context.js';
import { AreaLevelEnum } from '../types/indicators.type.js';
import { FigureDifference, FigureSourceSetting, ReportedFiguresInput, ReportedFiguresType } from '../types/reported-figures.type.js';

const levelOf = (level: AreaLevelEnum): ReportedLevel => (level === AreaLevelEnum.COUNTY ? 'county' : 'township');
const levelEnum = (level: ReportedLevel): AreaLevelEnum => (level === 'county' ? AreaLevelEnum.COUNTY : AreaLevelEnum.TOWNSHIP);

const toType = (r: StoredReportedFigures): ReportedFiguresType => Object.assign(new ReportedFiguresType(), { ...r, level: levelEnum(r.level) });

function toDifference(r: FigureDifferenceRow): FigureDifference {
  return Object.assign(new FigureDifference(), {
    ...r,
    level: levelEnum(r.level),
    poorPopulationGap: r.reportedPoorPopulation - r.villagesPoorPopulation,
    ruralPopulationGap: r.reportedRuralPopulation - r.villagesRuralPopulation,
    incidenceGap: r.reportedIncidence === null || r.villagesIncidence === null ? null : r.reportedIncidence - r.villagesIncidence,
  });
}

@ArgsType()
class DifferenceArgs {
  @Field(() => AreaLevelEnum, { description: 'COUNTY or TOWNSHIP.' })
  level!: AreaLevelEnum;
  @Field(() => Int, { nullable: true, description: 'The year; every year when left out.' })
  year?: number | null;
}

@Resolver()
export class ReportedFiguresResolver {
  @Mutation(() => ReportedFiguresType, {
    description:
      "Record a county's or township's figures for a year as its bureau reports them (录入报送数据), replacing what was reported before. Needs role planner for the area's county; audited.",
  })
  async upsertReportedFigures(@Arg('input', () => ReportedFiguresInput, { description: 'The figures.' }) input: ReportedFiguresInput, @Ctx() ctx: Context): Promise<ReportedFiguresType> {
    const principal = requireRole(ctx.principal, 'planner', 'upsertReportedFigures');
    const row = await edit(ctx.em, principal, (c) =>
      upsertReportedFigures(c, { ...input, level: levelOf(input.level) }, (county) => requireCounty(principal, county, 'upsertReportedFigures')),
    );
    return toType(row);
  }

  @Mutation(() => ReportedFiguresType, {
    description: "Remove an area-year's reported figures (删除报送数据); the area shows its villages' sum again. Needs role planner for the area's county; audited. Returns what was removed.",
  })
  async deleteReportedFigures(
    @Arg('level', () => AreaLevelEnum, { description: 'COUNTY or TOWNSHIP.' }) level: AreaLevelEnum,
    @Arg('code', () => String, { description: '12-digit code of the area.' }) code: string,
    @Arg('year', () => Int, { description: 'The year.' }) year: number,
    @Arg('version', () => Int, { description: 'The version you last read.' }) version: number,
    @Ctx() ctx: Context,
  ): Promise<ReportedFiguresType> {
    const principal = requireRole(ctx.principal, 'planner', 'deleteReportedFigures');
    const row = await edit(ctx.em, principal, (c) =>
      deleteReportedFigures(c, { level: levelOf(level), code, year, version }, (county) => requireCounty(principal, county, 'deleteReportedFigures')),
    );
    return toType(row);
  }

  @Mutation(() => Prefecture, {
    description: 'Choose which figures the map and assessments use where an area has both reported and village figures (设置数据来源优先). Needs role admin; audited.',
  })
  async setFigureSource(
    @Arg('source', () => FigureSourceSetting, { description: 'REPORTED_FIRST or VILLAGES_FIRST.' }) source: FigureSourceSetting,
    @Arg('prefectureCode', () => String, { nullable: true, description: 'The prefecture; the hub\'s own when left out.' }) prefectureCode: string | null,
    @Ctx() ctx: Context,
  ): Promise<Prefecture> {
    const principal = requireRole(ctx.principal, 'admin', 'setFigureSource');
    const code = prefectureCode ?? (await ctx.loaders.prefecture()).code;
    await edit(ctx.em, principal, (c) => setFigureSource(c, code, source));
    return ctx.em.findOneOrFail(Prefecture, { code }, { refresh: true });
  }

  @Query(() => [FigureDifference], {
    description: "The data-quality check (报送与汇总差异): every county or township year with both reported and village figures, with the gaps (reported − villages), by code then year.",
  })
  async figureDifferences(@Args(() => DifferenceArgs) a: DifferenceArgs, @Ctx() ctx: Context): Promise<FigureDifference[]> {
    return (await figureDifferences(ctx.em, levelOf(a.level), a.year ?? null, null)).map(toDifference);
  }
}

@Resolver(() => Prefecture)
export class PrefectureFigureSourceResolver {
  @FieldResolver(() => FigureSourceSetting, { description: 'Which figures the map and assessments use where an area has both (数据来源优先; see setFigureSource).' })
  figureSource(@Root() p: Prefecture, @Ctx() ctx: Context): Promise<FigureSourceSetting> {
    return figureSourceSetting(ctx.em, p.code);
  }
}

@Resolver(() => County)
export class CountyReportedFiguresResolver {
  @FieldResolver(() => [ReportedFiguresType], { description: "The county's reported figures (报送数据), by year; only the year's when `year` is given." })
  async reportedFigures(@Root() c: County, @Arg('year', () => Int, { nullable: true, description: 'One year.' }) year: number | null, @Ctx() ctx: Context): Promise<ReportedFiguresType[]> {
    return (await reportedFigures(ctx.em, 'county', [c.code], year === null || year === undefined ? null : [year])).map(toType);
  }

  @FieldResolver(() => [FigureDifference], { description: "Where the county's reported figures differ from its villages' sum (报送与汇总差异), by year; only the year's when `year` is given." })
  async figureDifferences(@Root() c: County, @Arg('year', () => Int, { nullable: true, description: 'One year.' }) year: number | null, @Ctx() ctx: Context): Promise<FigureDifference[]> {
    return (await figureDifferences(ctx.em, 'county', year ?? null, [c.code])).map(toDifference);
  }
}

@Resolver(() => Township)
export class TownshipReportedFiguresResolver {
  @FieldResolver(() => [ReportedFiguresType], { description: "The township's reported figures (报送数据), by year; only the year's when `year` is given." })
  async reportedFigures(@Root() t: Township, @Arg('year', () => Int, { nullable: true, description: 'One year.' }) year: number | null, @Ctx() ctx: Context): Promise<ReportedFiguresType[]> {
    return (await reportedFigures(ctx.em, 'township', [t.code], year === null || year === undefined ? null : [year])).map(toType);
  }
}
