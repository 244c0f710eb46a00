/** Prefecture, counties and townships: the administrative tree and its aggregated figures. */
import type { MultiPolygon } from 'geojson';
import { Arg, Args, Ctx, FieldResolver, Float, Int, Query, Resolver, Root } from 'type-graphql';
import { County, Prefecture, Township, Village } from '../../domain/entities.js';
import { refuseAboveCounty, type Context } from '../context.js';
import { inScope } from '../../domain/region/read-scope.js';
import { scopeFilter } from '../../spatial/scope-sql.js';
import { ApiError } from '../errors.js';
import { GeoJSONScalar } from '../scalars/geojson.scalar.js';
import { AreaFigures } from '../types/area-figures.type.js';
import { YearArgs } from '../types/year.args.js';
import { ThresholdsType } from '../../domain/region/prefecture.entity.js';
import { figureYears } from '../../spatial/aggregates.js';
import type { AreaFiguresRow, AreaLevel } from '../../spatial/aggregates.js';

async function figures(ctx: Context, level: AreaLevel, code: string, year: number): Promise<AreaFigures | null> {
  const row = await ctx.loaders.areaFigures.load({ level, code, year });
  return row ? AreaFigures.from(row) : null;
}

async function trend(ctx: Context, level: AreaLevel, code: string): Promise<AreaFigures[]> {
  const years = await figureYears(ctx.em, ctx.scope);
  const rows = await ctx.loaders.areaFigures.loadMany(years.map((year) => ({ level, code, year })));
  return rows.filter((r): r is AreaFiguresRow => r !== null && !(r instanceof Error)).map((r) => AreaFigures.from(r));
}

@Resolver(() => Prefecture)
export class PrefectureResolver {
  @Query(() => Prefecture, {
    description:
      'The prefecture read (盟 / 市): the one the request names (header X-Lingyan-Prefecture), else the lowest code held. With `code`, that prefecture, which must be the one read: NOT_FOUND otherwise (the header chooses what every read answers).',
  })
  async prefecture(
    @Ctx() ctx: Context,
    @Arg('code', () => String, { nullable: true, description: '12-digit prefecture code; default the prefecture the request reads.' }) code?: string | null,
  ): Promise<Prefecture> {
    if (code != null && code !== ctx.scope.prefecture) throw ApiError.notFound('Prefecture', code);
    return ctx.loaders.prefecture();
  }

  @FieldResolver(() => GeoJSONScalar, { description: 'Outline of the prefecture (MultiPolygon, WGS-84).' })
  async boundary(@Root() p: Prefecture, @Ctx() ctx: Context): Promise<MultiPolygon> {
    await ctx.em.populate(p, ['boundary']);
    return p.boundary;
  }

  @FieldResolver(() => ThresholdsType, { description: 'Policy thresholds used by the rules (政策标准).' })
  thresholds(@Root() p: Prefecture): ThresholdsType {
    return Object.assign(new ThresholdsType(), p.getThresholds());
  }

  @FieldResolver(() => [Float], { description: 'Inner bounds of the poverty-incidence bands the map uses (政策分级), %, ascending; the exit line is always one of the bounds drawn (see setIncidenceBands).' })
  incidenceBands(@Root() p: Prefecture): readonly number[] {
    return p.getPolicySettings().incidenceBands;
  }

  @FieldResolver(() => [Int], { description: 'Years with village figures, ascending (有数据的年份).' })
  years(@Ctx() ctx: Context): Promise<number[]> {
    return figureYears(ctx.em, ctx.scope);
  }

  @FieldResolver(() => [County], { description: 'Counties of the prefecture, by code (旗县); for an embed token limited to counties, those.' })
  counties(@Root() p: Prefecture, @Ctx() ctx: Context): Promise<County[]> {
    return ctx.em.find(County, { prefecture: p.code, ...scopeFilter(ctx.scope) }, { orderBy: { code: 'asc' } });
  }

  @FieldResolver(() => AreaFigures, { nullable: true, description: 'Figures for a year, aggregated from all villages; null when the year has none. FORBIDDEN for an embed token limited to counties.' })
  figures(@Root() p: Prefecture, @Args(() => YearArgs) { year }: YearArgs, @Ctx() ctx: Context): Promise<AreaFigures | null> {
    refuseAboveCounty(ctx, '盟市数字 prefecture figures');
    return figures(ctx, 'prefecture', p.code, year);
  }

  @FieldResolver(() => [AreaFigures], { description: 'Figures for every year with data (趋势). FORBIDDEN for an embed token limited to counties.' })
  trend(@Root() p: Prefecture, @Ctx() ctx: Context): Promise<AreaFigures[]> {
    refuseAboveCounty(ctx, '盟市趋势 prefecture trend');
    return trend(ctx, 'prefecture', p.code);
  }
}

@Resolver(() => County)
export class CountyResolver {
  @Query(() => [County], { description: 'The counties (旗县) of the prefecture read, by code; for an embed token limited to counties, those.' })
  counties(@Ctx() ctx: Context): Promise<County[]> {
    return ctx.em.find(County, scopeFilter(ctx.scope), { orderBy: { code: 'asc' } });
  }

  @Query(() => County, { description: 'One county of the prefecture read by its 12-digit code; NOT_FOUND when there is none there.' })
  async county(@Arg('code', () => String, { description: '12-digit county code.' }) code: string, @Ctx() ctx: Context): Promise<County> {
    const county = inScope(ctx.scope, code) ? await ctx.em.findOne(County, { code }) : null;
    if (!county) throw ApiError.notFound('County', code);
    return county;
  }

  @FieldResolver(() => GeoJSONScalar, { description: 'Boundary (MultiPolygon, WGS-84).' })
  boundary(@Root() c: County, @Ctx() ctx: Context): Promise<unknown> {
    return ctx.loaders.countyBoundary.load(c.code);
  }

  @FieldResolver(() => Prefecture, { description: 'The prefecture the county belongs to.' })
  prefecture(@Root() c: County): Promise<Prefecture> {
    return c.prefecture.load() as Promise<Prefecture>;
  }

  @FieldResolver(() => [Township], { description: 'Townships of the county, by code (苏木乡镇).' })
  async townships(@Root() c: County): Promise<Township[]> {
    const items = await c.townships.load();
    return [...items].sort((a, b) => a.code.localeCompare(b.code));
  }

  @FieldResolver(() => AreaFigures, { nullable: true, description: 'Figures for a year, aggregated from the county\'s villages; null when the year has none.' })
  figures(@Root() c: County, @Args(() => YearArgs) { year }: YearArgs, @Ctx() ctx: Context): Promise<AreaFigures | null> {
    return figures(ctx, 'county', c.code, year);
  }

  @FieldResolver(() => [AreaFigures], { description: 'Figures for every year with data (趋势).' })
  trend(@Root() c: County, @Ctx() ctx: Context): Promise<AreaFigures[]> {
    return trend(ctx, 'county', c.code);
  }
}

@Resolver(() => Township)
export class TownshipResolver {
  @Query(() => Township, { description: 'One township of the prefecture read by its 12-digit code; NOT_FOUND when there is none there.' })
  async township(@Arg('code', () => String, { description: '12-digit township code.' }) code: string, @Ctx() ctx: Context): Promise<Township> {
    const township = inScope(ctx.scope, code) ? await ctx.em.findOne(Township, { code }) : null;
    if (!township) throw ApiError.notFound('Township', code);
    return township;
  }

  @FieldResolver(() => GeoJSONScalar, { description: 'Boundary (MultiPolygon, WGS-84).' })
  boundary(@Root() t: Township, @Ctx() ctx: Context): Promise<unknown> {
    return ctx.loaders.townshipBoundary.load(t.code);
  }

  @FieldResolver(() => County, { description: 'The county the township belongs to.' })
  county(@Root() t: Township): Promise<County> {
    return t.county.load() as Promise<County>;
  }

  @FieldResolver(() => [Village], { description: 'Villages of the township, by code (嘎查村).' })
  async villages(@Root() t: Township): Promise<Village[]> {
    const items = await t.villages.load();
    return [...items].sort((a, b) => a.code.localeCompare(b.code));
  }

  @FieldResolver(() => AreaFigures, { nullable: true, description: 'Figures for a year, aggregated from the township\'s villages; null when the year has none.' })
  figures(@Root() t: Township, @Args(() => YearArgs) { year }: YearArgs, @Ctx() ctx: Context): Promise<AreaFigures | null> {
    return figures(ctx, 'township', t.code, year);
  }

  @FieldResolver(() => [AreaFigures], { description: 'Figures for every year with data (趋势).' })
  trend(@Root() t: Township, @Ctx() ctx: Context): Promise<AreaFigures[]> {
    return trend(ctx, 'township', t.code);
  }
}
