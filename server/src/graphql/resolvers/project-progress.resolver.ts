/**
 * Project progress (项目进度): a project's years with stage, funds planned
 * and delivered, jobs and dividends; planners record and delete years in
 * their counties (roles, audit and versions as the other planning changes).
 */
import { Arg, Args, Ctx, FieldResolver, Float, Int, Mutation, Resolver, Root } from 'type-graphql';
import type { Principal } from '../../auth/roles.js';
import { IndustryProject, ProjectYear } from '../../domain/entities.js';
import { edit } from '../../domain/planning/edit.js';
import { progressTotals } from '../../domain/project/progress-rules.js';
import { deleteProjectYear, upsertProjectYear } from '../../domain/project/progress.service.js';
import { requireCounty, requireRole } from '../auth.js';
import type { Context } from '../context.js';
import { ProjectProgressSummary, ProjectYearInput } from '../types/project-progress.type.js';
import { YearArgs } from '../types/year.args.js';

function planner(ctx: Context, action: string): { principal: Principal; authorise: (county: string) => void } {
  const principal = requireRole(ctx.principal, 'planner', action);
  return { principal, authorise: (county) => requireCounty(principal, county, action) };
}

@Resolver(() => IndustryProject)
export class ProjectProgressResolver {
  @FieldResolver(() => [ProjectYear], { description: 'Its progress by year, earliest first (项目进度).' })
  progress(@Root() p: IndustryProject, @Ctx() ctx: Context): Promise<ProjectYear[]> {
    return ctx.loaders.progressOfProject.load(p.id);
  }

  @FieldResolver(() => ProjectYear, { nullable: true, description: 'Its progress in one year; null when the year is not recorded.' })
  async progressIn(@Root() p: IndustryProject, @Args(() => YearArgs) { year }: YearArgs, @Ctx() ctx: Context): Promise<ProjectYear | null> {
    return (await ctx.loaders.progressOfProject.load(p.id)).find((y) => y.year === year) ?? null;
  }

  @FieldResolver(() => ProjectProgressSummary, { description: 'Its progress summed over the recorded years (累计).' })
  async progressSummary(@Root() p: IndustryProject, @Ctx() ctx: Context): Promise<ProjectProgressSummary> {
    const years = await ctx.loaders.progressOfProject.load(p.id);
    const cents = (f: (y: ProjectYear) => number) => years.reduce((s, y) => s + Math.round(f(y) * 100), 0) / 100;
    return {
      years: years.length,
      latestStage: years.at(-1)?.stage ?? null,
      planned: cents((y) => progressTotals(y).planned),
      delivered: cents((y) => progressTotals(y).delivered),
      dividendsPoor: cents((y) => y.dividendsPoor),
      shareCapitalPoor: cents((y) => y.shareCapitalPoor),
    };
  }

  @Mutation(() => ProjectYear, { description: 'Record a project\'s progress for a year (录入项目进度); needs role planner for the project\'s county.' })
  async upsertProjectYear(@Arg('input', () => ProjectYearInput, { description: 'The year\'s progress.' }) input: ProjectYearInput, @Ctx() ctx: Context): Promise<ProjectYear> {
    const { principal, authorise } = planner(ctx, 'upsertProjectYear');
    const row = await edit(ctx.em, principal, (c) => upsertProjectYear(c, input, authorise));
    return ctx.em.findOneOrFail(ProjectYear, { id: row.id }, { refresh: true });
  }

  @Mutation(() => IndustryProject, { description: 'Delete a project\'s progress for a year (删除项目进度); answers the project.' })
  async deleteProjectYear(
    @Arg('projectId', () => Int, { description: 'The project.' }) projectId: number,
    @Arg('year', () => Int, { description: 'The year.' }) year: number,
    @Arg('version', () => Int, { description: 'The version you last read.' }) version: number,
    @Ctx() ctx: Context,
  ): Promise<IndustryProject> {
    const { principal, authorise } = planner(ctx, 'deleteProjectYear');
    await edit(ctx.em, principal, (c) => deleteProjectYear(c, projectId, year, version, authorise));
    return ctx.em.findOneOrFail(IndustryProject, { id: projectId }, { refresh: true });
  }
}

@Resolver(() => ProjectYear)
export class ProjectYearResolver {
  @FieldResolver(() => Float, { description: 'Funds planned for the year from all sources, 万元 (计划投资合计).' })
  plannedTotal(@Root() y: ProjectYear): number {
    return progressTotals(y).planned;
  }

  @FieldResolver(() => Float, { description: 'Funds delivered in the year from all sources, 万元 (到位资金合计).' })
  deliveredTotal(@Root() y: ProjectYear): number {
    return progressTotals(y).delivered;
  }

  @FieldResolver(() => IndustryProject, { description: 'The project.' })
  project(@Root() y: ProjectYear): Promise<IndustryProject> {
    return y.project.load() as Promise<IndustryProject>;
  }
}
