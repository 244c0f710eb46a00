/** Industry projects (产业项目): search with spatial conditions, and their links. */
import { IsOptional, Length, Max, Min, ValidateNested } from 'class-validator';
import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, Float, InputType, Int, Query, Resolver, Root, registerEnumType } from 'type-graphql';
import { IndustryProject, Organisation, Village } from '../../domain/entities.js';
import { IndustryType } from '../../domain/enums.js';
import { searchProjects } from '../../spatial/project-search.js';
import { scopeFilter } from '../../spatial/scope-sql.js';
import type { Context } from '../context.js';
import { distanceOf, inOrder } from '../distance.js';
import { ApiError } from '../errors.js';
import { resolveReference, resolveSpatial } from '../inputs/resolve-spatial.js';
import { ReferenceInput, SpatialFilter } from '../inputs/spatial.input.js';
import { SortDirection } from '../inputs/village-filter.input.js';
import { GeoJSONScalar } from '../scalars/geojson.scalar.js';
import { MAX_PAGE_SIZE, PageArgs, PageType, page, type Page } from '../types/page.js';
import { YearArgs } from '../types/year.args.js';

export const IndustryProjectPage = PageType(IndustryProject, 'IndustryProject', 'industry projects');

export const ProjectOrderField = { ID: 'ID', NAME: 'NAME', INVESTMENT: 'INVESTMENT', START_YEAR: 'START_YEAR', DISTANCE: 'DISTANCE' } as const;
export type ProjectOrderField = (typeof ProjectOrderField)[keyof typeof ProjectOrderField];
registerEnumType(ProjectOrderField, { name: 'ProjectOrderField', description: 'Order projects by id, name, total investment, first year, or geodesic distance from `distanceFrom`.' });

@InputType('IndustryProjectFilter', { description: 'Conditions on industry projects; all given ones must hold.' })
export class IndustryProjectFilter {
  @Field(() => [IndustryType], { nullable: true, description: 'Industry is one of these (产业类型).' })
  types?: IndustryType[];
  @Field(() => String, { nullable: true, description: 'Of a village in this county (12-digit code).' })
  @IsOptional()
  @Length(12, 12)
  countyCode?: string;
  @Field(() => String, { nullable: true, description: 'Of a village in this township (12-digit code).' })
  @IsOptional()
  @Length(12, 12)
  townshipCode?: string;
  @Field(() => String, { nullable: true, description: 'Of this village (12-digit code).' })
  @IsOptional()
  @Length(12, 12)
  villageCode?: string;
  @Field(() => Int, { nullable: true, description: 'Running in this year.' })
  @IsOptional()
  @Min(2000)
  @Max(2100)
  activeInYear?: number;
  @Field(() => Int, { nullable: true, description: 'Operated by this organisation.' })
  operatorId?: number;
  @Field(() => SpatialFilter, { nullable: true, description: 'Spatial conditions on the project location.' })
  @ValidateNested()
  spatial?: SpatialFilter;
}

@ArgsType()
class IndustryProjectsArgs extends PageArgs {
  @Field(() => IndustryProjectFilter, { nullable: true, description: 'Conditions (筛选).' })
  @ValidateNested()
  filter?: IndustryProjectFilter;
  @Field(() => ProjectOrderField, { defaultValue: ProjectOrderField.ID, description: 'Order (排序).' })
  orderBy!: ProjectOrderField;
  @Field(() => SortDirection, { defaultValue: SortDirection.ASC, description: 'Direction of the order.' })
  direction!: SortDirection;
  @Field(() => ReferenceInput, { nullable: true, description: 'Measure `distanceMeters` from here; required to order by DISTANCE.' })
  @ValidateNested()
  distanceFrom?: ReferenceInput;
}

@ArgsType()
class NearestProjectsArgs {
  @Field(() => ReferenceInput, { description: 'The point or village to search around.' })
  @ValidateNested()
  to!: ReferenceInput;
  @Field(() => Int, { defaultValue: 5, description: `How many projects, 1 to ${MAX_PAGE_SIZE}.` })
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  k!: number;
  @Field(() => IndustryProjectFilter, { nullable: true, description: 'Only projects meeting these conditions.' })
  @ValidateNested()
  filter?: IndustryProjectFilter;
}

@Resolver(() => IndustryProject)
export class IndustryProjectResolver {
  @Query(() => IndustryProject, { description: 'One industry project by id; NOT_FOUND when there is none.' })
  async industryProject(@Arg('id', () => Int, { description: 'Project id.' }) id: number, @Ctx() ctx: Context): Promise<IndustryProject> {
    const found = await ctx.em.findOne(IndustryProject, { id, ...scopeFilter(ctx.scope, 'village') });
    if (!found) throw ApiError.notFound('IndustryProject', id);
    return found;
  }

  @Query(() => IndustryProjectPage, { description: 'Industry projects matching attribute and spatial conditions, ordered and paged (产业项目查询).' })
  async industryProjects(@Args(() => IndustryProjectsArgs) args: IndustryProjectsArgs, @Ctx() ctx: Context): Promise<Page<IndustryProject>> {
    const { spatial, ...rest } = args.filter ?? {};
    const distanceFrom = args.distanceFrom ? await resolveReference(ctx.em, args.distanceFrom, 'distanceFrom') : undefined;
    if (args.orderBy === ProjectOrderField.DISTANCE && !distanceFrom) {
      throw ApiError.badInput('argument "distanceFrom": ordering by DISTANCE needs a point or village to measure from', 'distanceFrom');
    }
    const result = await searchProjects(ctx.em, {
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

  @Query(() => [IndustryProject], { description: 'The k projects nearest to a point or village by geodesic distance, each with `distanceMeters`.' })
  async nearestIndustryProjects(@Args(() => NearestProjectsArgs) args: NearestProjectsArgs, @Ctx() ctx: Context): Promise<IndustryProject[]> {
    const { spatial, ...rest } = args.filter ?? {};
    const result = await searchProjects(ctx.em, {
      scope: ctx.scope,
      ...rest,
      spatial: await resolveSpatial(ctx.em, spatial, 'filter.spatial'),
      distanceFrom: await resolveReference(ctx.em, args.to, 'to'),
      orderBy: 'DISTANCE',
      descending: false,
      offset: 0,
      limit: args.k,
      withTotal: false,
    });
    return this.load(ctx, result.rows);
  }

  @FieldResolver(() => GeoJSONScalar, { description: 'Location (Point, WGS-84).' })
  location(@Root() p: IndustryProject): unknown {
    return p.location;
  }

  @FieldResolver(() => Float, { nullable: true, description: 'Geodesic distance in metres from the query\'s reference point; null when the query measured none.' })
  distanceMeters(@Root() p: IndustryProject): number | null {
    return distanceOf(p);
  }

  @FieldResolver(() => Village, { description: 'The village the project belongs to.' })
  village(@Root() p: IndustryProject): Promise<Village> {
    return p.village.load() as Promise<Village>;
  }

  @FieldResolver(() => Organisation, { nullable: true, description: 'The operator (经营主体), if recorded.' })
  async operator(@Root() p: IndustryProject): Promise<Organisation | null> {
    return p.operator ? ((await p.operator.load()) ?? null) : null;
  }

  @FieldResolver(() => Boolean, { description: 'Running in the year: started by it and not retired before it.' })
  activeIn(@Root() p: IndustryProject, @Args(() => YearArgs) { year }: YearArgs): boolean {
    return p.startYear <= year && (p.endYear === null || p.endYear >= year);
  }

  private async load(ctx: Context, rows: Array<{ key: number; distance: number | null }>): Promise<IndustryProject[]> {
    const found = rows.length ? await ctx.em.find(IndustryProject, { id: { $in: rows.map((r) => Number(r.key)) } }) : [];
    return inOrder(rows.map((r) => ({ key: Number(r.key), distance: r.distance })), found, (p) => p.id);
  }
}
