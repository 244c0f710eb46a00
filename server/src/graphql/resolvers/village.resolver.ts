/** Villages, their party branch and their yearly figures with the rules' verdicts. */
import type { FilterQuery } from '@mikro-orm/core';
import type { Point } from 'geojson';
import { Arg, Args, Ctx, FieldResolver, Float, Query, Resolver, Root } from 'type-graphql';
import { Alliance, County, Township, Village, VillageYear } from '../../domain/entities.js';
import { IncomeBand, PovertyStatus, VillageStrength } from '../../domain/enums.js';
import { classifyStrength, incomeBand, povertyIncidence, povertyStatus } from '../../domain/rules.js';
import type { Context } from '../context.js';
import { ApiError } from '../errors.js';
import { GeoJSONScalar } from '../scalars/geojson.scalar.js';
import { PartyBranch } from '../types/party-branch.type.js';
import { VillagePage } from '../types/village-page.type.js';
import { VillagesArgs } from '../types/villages.args.js';
import { YearArgs } from '../types/year.args.js';

@Resolver(() => Village)
export class VillageResolver {
  @Query(() => Village, { description: 'One village by its 12-digit code; NOT_FOUND when there is none.' })
  async village(@Arg('code', () => String, { description: '12-digit village code.' }) code: string, @Ctx() ctx: Context): Promise<Village> {
    const village = await ctx.em.findOne(Village, { code });
    if (!village) throw ApiError.notFound('Village', code);
    return village;
  }

  @Query(() => VillagePage, { description: 'Villages, filtered and paged, by code.' })
  async villages(@Args(() => VillagesArgs) args: VillagesArgs, @Ctx() ctx: Context): Promise<VillagePage> {
    const where: FilterQuery<Village> = {};
    if (args.townshipCode) where.township = args.townshipCode;
    if (args.countyCode) where.township = { ...(args.townshipCode ? { code: args.townshipCode } : {}), county: args.countyCode };
    if (args.nameContains) {
      const like = `%${args.nameContains.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      where.$or = [{ name: { $like: like } }, { nameEn: { $ilike: like } }];
    }
    const [items, totalCount] = await ctx.em.findAndCount(Village, where, { orderBy: { code: 'asc' }, offset: args.offset, limit: args.limit });
    return { items, totalCount, hasNextPage: args.offset + items.length < totalCount };
  }

  @FieldResolver(() => GeoJSONScalar, { description: 'Location (Point, WGS-84).' })
  location(@Root() v: Village): Point {
    return v.location;
  }

  @FieldResolver(() => Township, { description: 'The township the village belongs to.' })
  township(@Root() v: Village): Promise<Township> {
    return v.township.load() as Promise<Township>;
  }

  @FieldResolver(() => County, { description: 'The county the village belongs to.' })
  async county(@Root() v: Village): Promise<County> {
    const township = (await v.township.load()) as Township;
    return township.county.load() as Promise<County>;
  }

  @FieldResolver(() => PartyBranch, { description: 'The village party branch (党支部).' })
  branch(@Root() v: Village): PartyBranch {
    return { name: v.branchName, focus: v.branchFocus, governance15: v.branchGovernance15 };
  }

  @FieldResolver(() => Alliance, { nullable: true, description: 'The joint party committee (联合党委) the village belongs to, if any.' })
  async alliance(@Root() v: Village): Promise<Alliance | null> {
    return v.alliance ? ((await v.alliance.load()) ?? null) : null;
  }

  @FieldResolver(() => PovertyStatus, { description: 'Status in a year: POOR, EXITED or NEVER_POOR (贫困状态).' })
  status(@Root() v: Village, @Args(() => YearArgs) { year }: YearArgs): PovertyStatus {
    return povertyStatus(v, year);
  }

  @FieldResolver(() => VillageYear, { nullable: true, description: 'Figures for a year; null when none were recorded (年度指标).' })
  figures(@Root() v: Village, @Args(() => YearArgs) { year }: YearArgs, @Ctx() ctx: Context): Promise<VillageYear | null> {
    return ctx.loaders.villageYear.load({ code: v.code, year });
  }

  @FieldResolver(() => [VillageYear], { description: 'Figures for every recorded year, ascending (历年指标).' })
  years(@Root() v: Village, @Ctx() ctx: Context): Promise<VillageYear[]> {
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
