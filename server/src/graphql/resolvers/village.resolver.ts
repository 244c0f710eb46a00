/** Villages, their party branch and their yearly figures with the rules' verdicts. */
import type { Point } from 'geojson';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Float, Info, Query, Resolver, Root } from 'type-graphql';
import { Alliance, Assignment, County, IndustryProject, Organisation, Pairing, Township, Village, VillageYear, WorkTeam } from '../../domain/entities.js';
import { IncomeBand, PovertyStatus, VillageStrength } from '../../domain/enums.js';
import { classifyStrength, incomeBand, povertyIncidence, povertyStatus } from '../../domain/rules.js';
import type { Context } from '../context.js';
import { inScope } from '../../domain/region/read-scope.js';
import { ApiError } from '../errors.js';
import { GeoJSONScalar } from '../scalars/geojson.scalar.js';
import { distanceOf, withDistance } from '../distance.js';
import { NearestVillagesArgs, SortDirection, VillageFilter, VillageOrderField, VillagesArgs } from '../inputs/village-filter.input.js';
import { resolveReference, resolveSpatial } from '../inputs/resolve-spatial.js';
import { searchVillages, type VillageSearch } from '../../spatial/village-search.js';
import { readColumn, type VillageRecord } from '../../spatial/village-records.js';
import type { RawJson } from '../../spatial/raw-json.js';
import { PageType, page, type Page } from '../types/page.js';
import { PartyBranch } from '../types/party-branch.type.js';
import { YearArgs } from '../types/year.args.js';
import { villageReads } from '../village-reads.js';

export const VillagePage = PageType(Village, 'Village', 'villages');

type Conditions = Omit<VillageSearch, 'orderBy' | 'descending' | 'offset' | 'limit'>;

/** The filter input as search conditions, with its year defaulting to the latest year with figures. */
export async function villageSearch(ctx: Context, f: VillageFilter | undefined, argument: string): Promise<Conditions> {
  const { spatial, year, ...rest } = f ?? {};
  return {
    ...rest,
    scope: ctx.scope,
    year: year ?? (await ctx.loaders.latestYear()),
    spatial: await resolveSpatial(ctx.em, spatial, `${argument}.spatial`),
  };
}

@Resolver(() => Village)
export class VillageResolver {
  @Query(() => Village, { description: 'One village of the prefecture read by its 12-digit code; NOT_FOUND when there is none there.' })
  async village(@Arg('code', () => String, { description: '12-digit village code.' }) code: string, @Ctx() ctx: Context): Promise<Village> {
    const village = inScope(ctx.scope, code) ? await ctx.em.findOne(Village, { code }) : null;
    if (!village) throw ApiError.notFound('Village', code);
    return village;
  }

  @Query(() => VillagePage, { description: 'Villages matching attribute and spatial conditions, ordered and paged (村庄查询).' })
  async villages(@Args(() => VillagesArgs) args: VillagesArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<Page<VillageRecord>> {
    const search = await villageSearch(ctx, args.filter, 'filter');
    if (args.distanceFrom) search.distanceFrom = await resolveReference(ctx.em, args.distanceFrom, 'distanceFrom');
    if (args.orderBy === VillageOrderField.DISTANCE && !search.distanceFrom) {
      throw ApiError.badInput('argument "distanceFrom": ordering by DISTANCE needs a point or village to measure from', 'distanceFrom');
    }
    const result = await searchVillages(
      ctx.em,
      {
        ...search,
        orderBy: args.orderBy,
        descending: args.direction === SortDirection.DESC,
        offset: args.offset,
        limit: args.limit,
        properties: villageReads(info, ['items']),
      },
      await ctx.loaders.thresholds(),
    );
    return page(result.rows.map((r) => withDistance(r.village, r.distance)), result.total, args.offset);
  }

  @Query(() => [Village], { description: 'The k villages nearest to a point or village by geodesic distance, each with `distanceMeters` (最近的村).' })
  async nearestVillages(@Args(() => NearestVillagesArgs) args: NearestVillagesArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<VillageRecord[]> {
    const search = await villageSearch(ctx, args.filter, 'filter');
    const reference = await resolveReference(ctx.em, args.to, 'to');
    if (reference.kind === 'village') search.notCode = reference.code;
    const result = await searchVillages(
      ctx.em,
      { ...search, distanceFrom: reference, orderBy: 'DISTANCE', descending: false, offset: 0, limit: args.k, withTotal: false, properties: villageReads(info) },
      await ctx.loaders.thresholds(),
    );
    return result.rows.map((r) => withDistance(r.village, r.distance));
  }

  @FieldResolver(() => Float, { nullable: true, description: 'Geodesic distance in metres from the query\'s reference point (distanceFrom, near, nearest); null when the query measured none.' })
  distanceMeters(@Root() v: VillageRecord): number | null {
    return distanceOf(v);
  }

  @FieldResolver(() => GeoJSONScalar, { description: 'Location (Point, WGS-84).' })
  location(@Root() v: VillageRecord): Point | RawJson {
    return readColumn(v.location, 'location');
  }

  // The root is a managed entity or a read-only record (village-records.ts): follow references by key, through the loaders.
  @FieldResolver(() => Township, { description: 'The township the village belongs to.' })
  township(@Root() v: VillageRecord, @Ctx() ctx: Context): Promise<Township> {
    return ctx.loaders.township.load(readColumn(v.township, 'township').code);
  }

  @FieldResolver(() => County, { description: 'The county the village belongs to.' })
  async county(@Root() v: VillageRecord, @Ctx() ctx: Context): Promise<County> {
    const township = await ctx.loaders.township.load(readColumn(v.township, 'township').code);
    return ctx.loaders.county.load(township.county.code);
  }

  @FieldResolver(() => PartyBranch, { description: 'The village party branch (党支部).' })
  branch(@Root() v: VillageRecord): PartyBranch {
    return { name: v.branchName, focus: v.branchFocus, governance15: v.branchGovernance15 };
  }

  @FieldResolver(() => Alliance, { nullable: true, description: 'The joint party committee (联合党委) the village belongs to, if any.' })
  alliance(@Root() v: VillageRecord, @Ctx() ctx: Context): Promise<Alliance | null> {
    const alliance = readColumn(v.alliance, 'alliance');
    return alliance ? ctx.loaders.alliance.load(alliance.id) : Promise.resolve(null);
  }

  @FieldResolver(() => [Pairing], { description: 'Pairings in which the village is helped (受帮扶), by id.' })
  pairingsReceived(@Root() v: VillageRecord, @Ctx() ctx: Context): Promise<Pairing[]> {
    return ctx.loaders.pairingsHelped.load(v.code);
  }

  @FieldResolver(() => [Pairing], { description: 'Pairings in which the village helps another (帮扶他村), by id.' })
  pairingsGiven(@Root() v: VillageRecord, @Ctx() ctx: Context): Promise<Pairing[]> {
    return ctx.loaders.pairingsGiven.load(v.code);
  }

  @FieldResolver(() => [IndustryProject], { description: 'Industry projects of the village (产业项目), by id.' })
  industryProjects(@Root() v: VillageRecord, @Ctx() ctx: Context): Promise<IndustryProject[]> {
    return ctx.loaders.projectsOfVillage.load(v.code);
  }

  @FieldResolver(() => [Organisation], { description: 'Cooperatives and companies based in the village (合作社 / 企业), by id.' })
  organisations(@Root() v: VillageRecord, @Ctx() ctx: Context): Promise<Organisation[]> {
    return ctx.loaders.organisationsOfVillage.load(v.code);
  }

  @FieldResolver(() => [Assignment], { description: 'Assisting units assigned to the village, with their funds (定点帮扶).' })
  assignments(@Root() v: VillageRecord, @Ctx() ctx: Context): Promise<Assignment[]> {
    return ctx.loaders.assignmentsOfVillage.load(v.code);
  }

  @FieldResolver(() => [WorkTeam], { description: 'Work teams stationed in the village (驻村工作队), by id.' })
  workTeams(@Root() v: VillageRecord, @Ctx() ctx: Context): Promise<WorkTeam[]> {
    return ctx.loaders.workTeamsOfVillage.load(v.code);
  }

  @FieldResolver(() => PovertyStatus, { description: 'Status in a year: POOR, EXITED or NEVER_POOR (贫困状态).' })
  status(@Root() v: VillageRecord, @Args(() => YearArgs) { year }: YearArgs): PovertyStatus {
    return povertyStatus(v, year);
  }

  @FieldResolver(() => VillageYear, { nullable: true, description: 'Figures for a year; null when none were recorded (年度指标).' })
  figures(@Root() v: VillageRecord, @Args(() => YearArgs) { year }: YearArgs, @Ctx() ctx: Context): Promise<VillageYear | null> {
    return ctx.loaders.villageYear.load({ code: v.code, year });
  }

  @FieldResolver(() => [VillageYear], { description: 'Figures for every recorded year, ascending (历年指标).' })
  years(@Root() v: VillageRecord, @Ctx() ctx: Context): Promise<VillageYear[]> {
    return ctx.loaders.villageYears.load(v.code);
  }
}

@Resolver(() => VillageYear)
export class VillageYearResolver {
  @FieldResolver(() => Float, { nullable: true, description: 'Poverty incidence in percent (贫困发生率, %); null without rural population.' })
  povertyIncidence(@Root() y: VillageYear): number | null {
    return povertyIncidence(y.poorPopulation, y.ruralPopulation);
  }

  @FieldResolver(() => PovertyStatus, { description: 'The village\'s status in this year (贫困状态).' })
  async status(@Root() y: VillageYear): Promise<PovertyStatus> {
    return povertyStatus((await y.village.load()) as Village, y.year);
  }

  @FieldResolver(() => VillageStrength, { description: 'Strong or weak by the rule in the prefecture\'s thresholds (强村 / 弱村).' })
  async strength(@Root() y: VillageYear, @Ctx() ctx: Context): Promise<VillageStrength> {
    return (await this.verdict(y, ctx)).strength;
  }

  @FieldResolver(() => [String], { description: 'Why the village is weak: WEAK_COLLECTIVE_ECONOMY, SOFT_LAX_BRANCH, LAGGING_BRANCH, POOR_NOT_EXITED; empty unless weak.' })
  async weakReasons(@Root() y: VillageYear, @Ctx() ctx: Context): Promise<string[]> {
    return (await this.verdict(y, ctx)).reasons;
  }

  @FieldResolver(() => IncomeBand, { description: 'Collective-economy band against the "三步走" target (集体经济档次).' })
  async incomeBand(@Root() y: VillageYear, @Ctx() ctx: Context): Promise<IncomeBand> {
    return incomeBand(y.collectiveIncome, await ctx.loaders.thresholds());
  }

  @FieldResolver(() => Village, { description: 'The village these figures belong to.' })
  village(@Root() y: VillageYear): Promise<Village> {
    return y.village.load() as Promise<Village>;
  }

  private async verdict(y: VillageYear, ctx: Context) {
    const village = (await y.village.load()) as Village;
    const status = povertyStatus(village, y.year);
    // Figures are present, so classifyStrength never returns null here.
    return classifyStrength({ ...y, status }, await ctx.loaders.thresholds())!;
  }
}
