/**
 * 督查整改: visits and findings, read for a year and an area with each
 * finding's status as of a day, and planners' changes (record a visit, add,
 * change or rectify a finding, delete a visit) in their counties, audited.
 */
import { IsOptional, Length, Max, Min } from 'class-validator';
import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Principal } from '../../auth/roles.js';
import { FindingCategory, FindingStatus } from '../../domain/inspection/enums.js';
import { asOfDate, type FindingStatus as FindingStatusName, type IsoDate } from '../../domain/inspection/finding-status.js';
import {
  areaScope,
  countFindingsByStatus,
  findFindings,
  findInspections,
  findingById,
  findingsOfInspections,
  inspectionsById,
  type AreaScope,
} from '../../domain/inspection/finding-sql.js';
import { addFinding, deleteInspection, rectifyFinding, recordInspection, updateFinding } from '../../domain/inspection/inspection.service.js';
import { isIsoDate } from '../../domain/inspection/rules.js';
import { edit } from '../../domain/planning/edit.js';
import { requireCounty, requireRole } from '../auth.js';
import { refuseAboveCounty, type Context } from '../context.js';
import { inScope } from '../../domain/region/read-scope.js';
import { inScopeSql } from '../../spatial/scope-sql.js';
import { ApiError } from '../errors.js';
import { FindingCounts, FindingInput, FindingPage, FindingView, InspectionInput, InspectionPage, InspectionView } from '../types/inspection.type.js';
import { PageArgs, page, type Page } from '../types/page.js';
import { MAX_YEAR, MIN_YEAR } from '../types/year.args.js';

@ArgsType()
class AreaYearArgs {
  @Field(() => Int, { description: 'The year (年份), 2000–2100.' })
  @Min(MIN_YEAR)
  @Max(MAX_YEAR)
  year!: number;
  @Field(() => String, { nullable: true, description: 'Only in this county, township or village (12-digit code; the prefecture\'s code or none: the whole region).' })
  @IsOptional()
  @Length(12, 12)
  areaCode?: string;
  @Field(() => String, { nullable: true, description: 'Judge statuses as of this day in the year (yyyy-mm-dd); default: the year\'s last day, or today while it runs.' })
  asOf?: string;
}

@ArgsType()
class InspectionsArgs extends PageArgs {
  @Field(() => Int, { description: 'Visits made in this year (年份).' })
  @Min(MIN_YEAR)
  @Max(MAX_YEAR)
  year!: number;
  @Field(() => String, { nullable: true, description: 'Only visits to this county, township or village, or within it (12-digit code).' })
  @IsOptional()
  @Length(12, 12)
  areaCode?: string;
}

@ArgsType()
class FindingsArgs extends PageArgs {
  @Field(() => Int, { description: 'The year\'s findings (年份): raised by `asOf` and not rectified before the year began.' })
  @Min(MIN_YEAR)
  @Max(MAX_YEAR)
  year!: number;
  @Field(() => String, { nullable: true, description: 'Only of visits to this county, township or village, or within it (12-digit code).' })
  @IsOptional()
  @Length(12, 12)
  areaCode?: string;
  @Field(() => [FindingStatus], { nullable: true, description: 'Status is one of these as of `asOf` (整改状态).' })
  status?: FindingStatusName[];
  @Field(() => [FindingCategory], { nullable: true, description: 'Category is one of these (问题类别).' })
  category?: FindingCategory[];
  @Field(() => String, { nullable: true, description: 'Judge statuses as of this day in the year (yyyy-mm-dd); default: the year\'s last day, or today while it runs.' })
  asOf?: string;
}

/** The day a year is judged on: the `asOf` argument, checked to lie in the year, or asOfDate(year). */
function dayOf(year: number, asOf: string | undefined): IsoDate {
  if (asOf === undefined || asOf === null) return asOfDate(year);
  if (!isIsoDate(asOf) || asOf.slice(0, 4) !== String(year)) throw ApiError.badInput(`argument "asOf": 截至日期 ${asOf} 须为 ${year} 年内的日期（yyyy-mm-dd）`, 'asOf');
  return asOf;
}

/** The area asked for (inside the request's read scope: NOT_FOUND outside), or the whole read scope when none or its prefecture is asked for. */
async function scopeOf(ctx: Context, code: string | undefined): Promise<AreaScope> {
  const scope = code && inScope(ctx.scope, code) ? await areaScope(ctx.em, code) : code ? undefined : null;
  if (scope === undefined) throw ApiError.notFound('Area', code!);
  return scope === null || code === ctx.scope.prefecture ? { kind: 'WHERE', where: inScopeSql(ctx.scope, 'i.county_code') } : scope;
}

function planner(ctx: Context, action: string): { principal: Principal; authorise: (county: string) => void } {
  const principal = requireRole(ctx.principal, 'planner', action);
  return { principal, authorise: (county) => requireCounty(principal, county, action) };
}

/** The day a visit's findings are judged on after a change: the end of the visit's year, or today while it runs. */
function visitDay(inspectedOn: IsoDate): IsoDate {
  return asOfDate(Number(inspectedOn.slice(0, 4)));
}

async function readFinding(ctx: Context, id: number): Promise<FindingView> {
  const probe = await findingById(ctx.em, id, '2100-12-31');
  if (!probe) throw ApiError.notFound('Finding', id);
  const asOf = visitDay(probe.visit.inspected_on);
  const row = (await findingById(ctx.em, id, asOf))!;
  return FindingView.from(row, asOf, InspectionView.from(row.visit, asOf));
}

/** `found` when its visit lies inside the request's read scope; NOT_FOUND otherwise, as if there were none. */
function readable<T>(ctx: Context, found: T, what: string, id: number, visit: InspectionView = found as InspectionView): T {
  if (!inScope(ctx.scope, visit.place.countyCode)) throw ApiError.notFound(what, id);
  return found;
}

async function readInspection(ctx: Context, id: number): Promise<InspectionView> {
  const [row] = await inspectionsById(ctx.em, [id]);
  if (!row) throw ApiError.notFound('Inspection', id);
  return InspectionView.from(row, visitDay(row.inspected_on));
}

@Resolver(() => InspectionView)
export class InspectionResolver {
  @Query(() => InspectionPage, { description: 'Inspection visits of a year in an area, newest first (督查记录), each with its findings.' })
  async inspections(@Args(() => InspectionsArgs) args: InspectionsArgs, @Ctx() ctx: Context): Promise<Page<InspectionView>> {
    const scope = await scopeOf(ctx, args.areaCode);
    const { rows, total } = await findInspections(ctx.em, { year: args.year, scope, offset: args.offset, limit: args.limit });
    const asOf = asOfDate(args.year);
    const views = rows.map((r) => InspectionView.from(r, asOf));
    const findings = await findingsOfInspections(ctx.em, new Map(views.map((v) => [v.id, asOf])));
    for (const v of views) v.findingRows = findings.filter((f) => f.inspection_id === v.id);
    return page(views, total, args.offset);
  }

  @Query(() => InspectionView, { description: 'One inspection visit by id; NOT_FOUND when there is none.' })
  async inspection(@Arg('id', () => Int, { description: 'Visit id.' }) id: number, @Ctx() ctx: Context): Promise<InspectionView> {
    return readable(ctx, await readInspection(ctx, id), 'Inspection', id);
  }

  @FieldResolver(() => [FindingView], { description: 'What the visit found, each judged as of the end of the visit\'s year (or today while it runs).' })
  async findings(@Root() v: InspectionView, @Ctx() ctx: Context): Promise<FindingView[]> {
    const rows = v.findingRows ?? (await findingsOfInspections(ctx.em, new Map([[v.id, v.findingsAsOf]])));
    return rows.map((r) => FindingView.from(r, v.findingsAsOf, v));
  }

  @Query(() => FindingPage, { name: 'findings', description: 'Findings of a year in an area with their status as of a day, overdue first, then by deadline (督查问题清单).' })
  async findingList(@Args(() => FindingsArgs) args: FindingsArgs, @Ctx() ctx: Context): Promise<Page<FindingView>> {
    const asOf = dayOf(args.year, args.asOf);
    const scope = await scopeOf(ctx, args.areaCode);
    const { rows, total } = await findFindings(ctx.em, { year: args.year, asOf, scope, statuses: args.status, categories: args.category, offset: args.offset, limit: args.limit });
    return page(rows.map((r) => FindingView.from(r, asOf, InspectionView.from(r.visit, asOf))), total, args.offset);
  }

  @Query(() => FindingView, { description: 'One finding by id, judged as of a day (default: the end of its visit\'s year, or today while it runs); NOT_FOUND when there is none.' })
  async finding(
    @Arg('id', () => Int, { description: 'Finding id.' }) id: number,
    @Arg('asOf', () => String, { nullable: true, description: 'Judge its status as of this day (yyyy-mm-dd).' }) asOf: string | undefined,
    @Ctx() ctx: Context,
  ): Promise<FindingView> {
    if (asOf === undefined || asOf === null) {
      const finding = await readFinding(ctx, id);
      return readable(ctx, finding, 'Finding', id, finding.inspection);
    }
    if (!isIsoDate(asOf)) throw ApiError.badInput(`argument "asOf": 截至日期 ${asOf} 须为 yyyy-mm-dd 格式的日期`, 'asOf');
    const row = await findingById(ctx.em, id, asOf);
    if (!row || !inScope(ctx.scope, row.visit.county_code)) throw ApiError.notFound('Finding', id);
    return FindingView.from(row, asOf, InspectionView.from(row.visit, asOf));
  }

  @Query(() => FindingCounts, { description: 'An area\'s findings of a year by status as of a day (督查问题统计), for the KPI bar and panels.' })
  async findingCounts(@Args(() => AreaYearArgs) args: AreaYearArgs, @Ctx() ctx: Context): Promise<FindingCounts> {
    const asOf = dayOf(args.year, args.asOf);
    if (!args.areaCode || args.areaCode === ctx.scope.prefecture) refuseAboveCounty(ctx, '盟市督查问题统计 prefecture finding counts');
    const scope = await scopeOf(ctx, args.areaCode);
    return FindingCounts.from(await countFindingsByStatus(ctx.em, args.year, asOf, scope), asOf);
  }

  @Mutation(() => InspectionView, { description: 'Record an inspection visit with its findings (录入督查). Needs role planner for the inspected county.' })
  async recordInspection(@Arg('input', () => InspectionInput, { description: 'The visit and its findings.' }) input: InspectionInput, @Ctx() ctx: Context): Promise<InspectionView> {
    const { principal, authorise } = planner(ctx, 'recordInspection');
    const created = await edit(ctx.em, principal, (c) => recordInspection(c, input, authorise));
    return readInspection(ctx, created.id);
  }

  @Mutation(() => FindingView, { description: 'Add a finding to a visit (补录问题).' })
  async addFinding(
    @Arg('inspectionId', () => Int, { description: 'The visit.' }) inspectionId: number,
    @Arg('input', () => FindingInput, { description: 'The finding.' }) input: FindingInput,
    @Ctx() ctx: Context,
  ): Promise<FindingView> {
    const { principal, authorise } = planner(ctx, 'addFinding');
    const created = await edit(ctx.em, principal, (c) => addFinding(c, inspectionId, input, authorise));
    return readFinding(ctx, created.id);
  }

  @Mutation(() => FindingView, { description: 'Change a finding (all fields) (修改问题).' })
  async updateFinding(
    @Arg('id', () => Int, { description: 'Finding id.' }) id: number,
    @Arg('version', () => Int, { description: 'The version you last read.' }) version: number,
    @Arg('input', () => FindingInput, { description: 'The finding as it should be.' }) input: FindingInput,
    @Ctx() ctx: Context,
  ): Promise<FindingView> {
    const { principal, authorise } = planner(ctx, 'updateFinding');
    await edit(ctx.em, principal, (c) => updateFinding(c, id, version, input, authorise));
    return readFinding(ctx, id);
  }

  @Mutation(() => FindingView, { description: 'Mark a finding rectified on a day, with its evidence (整改销号).' })
  async rectifyFinding(
    @Arg('id', () => Int, { description: 'Finding id.' }) id: number,
    @Arg('version', () => Int, { description: 'The version you last read.' }) version: number,
    @Arg('rectifiedOn', () => String, { description: 'Day rectified (整改完成日期), yyyy-mm-dd: not before the visit, not in the future.' }) rectifiedOn: string,
    @Arg('evidence', () => String, { description: 'Evidence of the rectification (整改佐证).' }) evidence: string,
    @Ctx() ctx: Context,
  ): Promise<FindingView> {
    const { principal, authorise } = planner(ctx, 'rectifyFinding');
    await edit(ctx.em, principal, (c) => rectifyFinding(c, id, version, rectifiedOn, evidence, authorise));
    return readFinding(ctx, id);
  }

  @Mutation(() => Int, { description: 'Delete a visit and its findings (删除督查记录, e.g. recorded by mistake); returns its id.' })
  async deleteInspection(
    @Arg('id', () => Int, { description: 'Visit id.' }) id: number,
    @Arg('version', () => Int, { description: 'The version you last read.' }) version: number,
    @Ctx() ctx: Context,
  ): Promise<number> {
    const { principal, authorise } = planner(ctx, 'deleteInspection');
    await edit(ctx.em, principal, (c) => deleteInspection(c, id, version, authorise));
    return id;
  }
}
