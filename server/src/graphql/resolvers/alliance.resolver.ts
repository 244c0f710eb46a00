/** Alliances (联合党委): centre, members, footprint, their industries and cooperatives, households reached. */
import { IsOptional, Length, Max, Min, ValidateNested } from 'class-validator';
import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, Float, InputType, Int, Query, Resolver, Root, registerEnumType } from 'type-graphql';
import { Alliance, IndustryProject, Organisation, Village } from '../../domain/entities.js';
import { OrganisationKind } from '../../domain/enums.js';
import { searchAlliances } from '../../spatial/alliance-search.js';
import { scopeFilter } from '../../spatial/scope-sql.js';
import { FOOTPRINT_MARGIN_METERS } from '../../spatial/feature-geometry.js';
import type { Context } from '../context.js';
import { distanceOf, inOrder } from '../distance.js';
import { ApiError } from '../errors.js';
import { resolveReference, resolveSpatial } from '../inputs/resolve-spatial.js';
import { ReferenceInput, SpatialFilter } from '../inputs/spatial.input.js';
import { SortDirection } from '../inputs/village-filter.input.js';
import { GeoJSONScalar } from '../scalars/geojson.scalar.js';
import { MAX_PAGE_SIZE, PageArgs, PageType, page, type Page } from '../types/page.js';

export const AlliancePage = PageType(Alliance, 'Alliance', 'alliances');

export const AllianceOrderField = { ID: 'ID', NAME: 'NAME', MEMBERS: 'MEMBERS', DISTANCE: 'DISTANCE' } as const;
export type AllianceOrderField = (typeof AllianceOrderField)[keyof typeof AllianceOrderField];
registerEnumType(AllianceOrderField, { name: 'AllianceOrderField', description: 'Order alliances by id, name, number of members, or geodesic distance of the footprint from `distanceFrom`.' });

@InputType('AllianceFilter', { description: 'Conditions on alliances; all given ones must hold.' })
export class AllianceFilter {
  @Field(() => String, { nullable: true, description: 'With a member in this county (12-digit code).' })
  @IsOptional()
  @Length(12, 12)
  countyCode?: string;
  @Field(() => String, { nullable: true, description: 'With a member in this township (12-digit code).' })
  @IsOptional()
  @Length(12, 12)
  townshipCode?: string;
  @Field(() => SpatialFilter, { nullable: true, description: 'Spatial conditions on the footprint.' })
  @ValidateNested()
  spatial?: SpatialFilter;
}

@ArgsType()
class AlliancesArgs extends PageArgs {
  @Field(() => AllianceFilter, { nullable: true, description: 'Conditions (筛选).' })
  @ValidateNested()
  filter?: AllianceFilter;
  @Field(() => AllianceOrderField, { defaultValue: AllianceOrderField.ID, description: 'Order (排序).' })
  orderBy!: AllianceOrderField;
  @Field(() => SortDirection, { defaultValue: SortDirection.ASC, description: 'Direction of the order.' })
  direction!: SortDirection;
  @Field(() => ReferenceInput, { nullable: true, description: 'Measure `distanceMeters` from here; required to order by DISTANCE.' })
  @ValidateNested()
  distanceFrom?: ReferenceInput;
}

@ArgsType()
class NearestAlliancesArgs {
  @Field(() => ReferenceInput, { description: 'The point or village to search around.' })
  @ValidateNested()
  to!: ReferenceInput;
  @Field(() => Int, { defaultValue: 3, description: `How many alliances, 1 to ${MAX_PAGE_SIZE}.` })
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  k!: number;
}

@Resolver(() => Alliance)
export class AllianceResolver {
  @Query(() => Alliance, { description: 'One alliance by id; NOT_FOUND when there is none.' })
  async alliance(@Arg('id', () => Int, { description: 'Alliance id.' }) id: number, @Ctx() ctx: Context): Promise<Alliance> {
    const found = await ctx.em.findOne(Alliance, { id, ...scopeFilter(ctx.scope, 'centre') });
    if (!found) throw ApiError.notFound('Alliance', id);
    return found;
  }

  @Query(() => AlliancePage, { description: 'Alliances matching attribute and spatial conditions (on their footprint), ordered and paged (联合党委查询).' })
  async alliances(@Args(() => AlliancesArgs) args: AlliancesArgs, @Ctx() ctx: Context): Promise<Page<Alliance>> {
    const { spatial, ...rest } = args.filter ?? {};
    const distanceFrom = args.distanceFrom ? await resolveReference(ctx.em, args.distanceFrom, 'distanceFrom') : undefined;
    if (args.orderBy === AllianceOrderField.DISTANCE && !distanceFrom) {
      throw ApiError.badInput('argument "distanceFrom": ordering by DISTANCE needs a point or village to measure from', 'distanceFrom');
    }
    const result = await searchAlliances(ctx.em, {
      scope: ctx.scope,
      ...rest,
      spatial: await resolveSpatial(ctx.em, spatial, 'filter.spatial'),
      ...(distanceFrom ? { distanceFrom } : {}),
      orderBy: args.orderBy,
      descending: args.direction === SortDirection.DESC,
      offset: args.offset,
      limit: args.limit,
    });
    return page(await this.load(ctx, result.rows), result.total, args.offset);
  }

  @Query(() => [Alliance], { description: 'The k alliances whose footprint is nearest to a point or village, each with `distanceMeters` (0 inside).' })
  async nearestAlliances(@Args(() => NearestAlliancesArgs) args: NearestAlliancesArgs, @Ctx() ctx: Context): Promise<Alliance[]> {
    const result = await searchAlliances(ctx.em, {
      scope: ctx.scope,
      spatial: {},
      distanceFrom: await resolveReference(ctx.em, args.to, 'to'),
      orderBy: 'DISTANCE',
      descending: false,
      offset: 0,
      limit: args.k,
      withTotal: false,
    });
    return this.load(ctx, result.rows);
  }

  @FieldResolver(() => Village, { description: 'The central village (中心村), itself a member.' })
  centre(@Root() a: Alliance): Promise<Village> {
    return a.centre.load() as Promise<Village>;
  }

  @FieldResolver(() => [Village], { description: 'Member villages, the centre included, by code (成员村).' })
  members(@Root() a: Alliance, @Ctx() ctx: Context): Promise<Village[]> {
    return ctx.loaders.membersOfAlliance.load(a.id);
  }

  @FieldResolver(() => Organisation, { nullable: true, description: 'The platform company (平台公司) of "联合党委+平台公司+合作社+农户", if any.' })
  async platformCompany(@Root() a: Alliance): Promise<Organisation | null> {
    return a.platformCompany ? ((await a.platformCompany.load()) ?? null) : null;
  }

  @FieldResolver(() => GeoJSONScalar, {
    nullable: true,
    description: `Footprint (覆盖范围): the convex hull of the member villages widened by ${FOOTPRINT_MARGIN_METERS / 1000} km (Polygon, WGS-84).`,
  })
  footprint(@Root() a: Alliance, @Ctx() ctx: Context): Promise<unknown> {
    return ctx.loaders.allianceFootprint.load(a.id);
  }

  @FieldResolver(() => Float, { nullable: true, description: 'Geodesic distance in metres of the footprint from the query\'s reference point (0 inside); null when the query measured none.' })
  distanceMeters(@Root() a: Alliance): number | null {
    return distanceOf(a);
  }

  @FieldResolver(() => [IndustryProject], { description: 'Industry projects of the member villages (成员村产业项目).' })
  async projects(@Root() a: Alliance, @Ctx() ctx: Context): Promise<IndustryProject[]> {
    const members = await ctx.loaders.membersOfAlliance.load(a.id);
    return (await ctx.loaders.projectsOfVillage.loadMany(members.map((m) => m.code))).flatMap((x) => (x instanceof Error ? [] : x));
  }

  @FieldResolver(() => [Organisation], { description: 'Cooperatives based in the member villages (合作社).' })
  async cooperatives(@Root() a: Alliance, @Ctx() ctx: Context): Promise<Organisation[]> {
    return (await this.organisations(a, ctx)).filter((o) => o.kind === OrganisationKind.COOPERATIVE);
  }

  @FieldResolver(() => Int, { description: 'Households reached (带动农户): member households of the members\' cooperatives and of the platform company.' })
  async householdsReached(@Root() a: Alliance, @Ctx() ctx: Context): Promise<number> {
    return (await this.reached(a, ctx)).reduce((s, o) => s + o.memberHouseholds, 0);
  }

  @FieldResolver(() => Int, { description: 'Registered poor households among the households reached (带动贫困户).' })
  async poorHouseholdsReached(@Root() a: Alliance, @Ctx() ctx: Context): Promise<number> {
    return (await this.reached(a, ctx)).reduce((s, o) => s + o.poorMemberHouseholds, 0);
  }

  private async organisations(a: Alliance, ctx: Context): Promise<Organisation[]> {
    const members = await ctx.loaders.membersOfAlliance.load(a.id);
    return (await ctx.loaders.organisationsOfVillage.loadMany(members.map((m) => m.code))).flatMap((x) => (x instanceof Error ? [] : x));
  }

  private async reached(a: Alliance, ctx: Context): Promise<Organisation[]> {
    const coops = await this.cooperatives(a, ctx);
    const platform = a.platformCompany ? await a.platformCompany.load() : null;
    return platform && !coops.includes(platform) ? [...coops, platform] : coops;
  }

  private async load(ctx: Context, rows: Array<{ key: number; distance: number | null }>): Promise<Alliance[]> {
    const found = rows.length ? await ctx.em.find(Alliance, { id: { $in: rows.map((r) => Number(r.key)) } }) : [];
    return inOrder(rows.map((r) => ({ key: Number(r.key), distance: r.distance })), found, (a) => a.id);
  }
}
