/** Indicators: thematic maps with class breaks, and the prefecture summary for a year. */
import { IsOptional, Max, Min } from 'class-validator';
import type { GraphQLResolveInfo } from 'graphql';
import { Args, ArgsType, Ctx, Field, Info, Int, Query, Resolver } from 'type-graphql';
import { ClassificationMethod, MAX_CLASSES, MIN_CLASSES, classOf, classify } from '../../domain/classify.js';
import { povertyIncidence, type Thresholds } from '../../domain/rules.js';
import { FIGURE_FIELDS, areasWithFigures, summaryCounts, type AreaFiguresRow, type FigureField } from '../../spatial/aggregates.js';
import type { Context } from '../context.js';
import { selectedFields } from '../selection.js';
import { AreaLevelEnum, Choropleth, Metric, Summary } from '../types/indicators.type.js';
import { AreaFigures } from '../types/area-figures.type.js';
import { MAX_YEAR, MIN_YEAR, YearArgs } from '../types/year.args.js';

@ArgsType()
class ChoroplethArgs {
  @Field(() => Int, { nullable: true, description: `The year (年份), ${MIN_YEAR}–${MAX_YEAR}; default the latest year with figures.` })
  @IsOptional()
  @Min(MIN_YEAR)
  @Max(MAX_YEAR)
  year?: number | null;
  @Field(() => AreaLevelEnum, { defaultValue: AreaLevelEnum.COUNTY, description: 'Counties or townships.' })
  level!: AreaLevelEnum;
  @Field(() => Metric, { defaultValue: Metric.POVERTY_INCIDENCE, description: 'What to map.' })
  metric!: Metric;
  @Field(() => ClassificationMethod, { defaultValue: ClassificationMethod.QUANTILE, description: 'How to choose class breaks.' })
  method!: ClassificationMethod;
  @Field(() => Int, { defaultValue: 5, description: `Number of classes, ${MIN_CLASSES} to ${MAX_CLASSES}.` })
  @Min(MIN_CLASSES)
  @Max(MAX_CLASSES)
  classes!: number;
}

const share = (part: number, whole: number): number | null => (whole > 0 ? (part / whole) * 100 : null);

interface MetricRule<F extends FigureField> {
  unit: string;
  /** the figures `value` reads (a map of the metric reads only these) */
  fields: readonly F[];
  value(r: Pick<AreaFiguresRow, F>): number | null;
  threshold(t: Thresholds, level: AreaLevelEnum): number | null;
}

/** Checks that `value` reads only the figures in `fields`. */
const metric = <F extends FigureField>(rule: MetricRule<F>): MetricRule<F> => rule;

/** The metric's value for an area-year, and its unit. */
export const METRICS: Record<Metric, MetricRule<FigureField>> = {
  POVERTY_INCIDENCE: metric({
    unit: '%',
    fields: ['poorPopulation', 'ruralPopulation'],
    value: (r) => povertyIncidence(r.poorPopulation, r.ruralPopulation),
    threshold: (t, level) => (level === AreaLevelEnum.COUNTY ? t.countyExitIncidence : t.villageExitIncidence),
  }),
  POOR_POPULATION: metric({ unit: '人', fields: ['poorPopulation'], value: (r) => r.poorPopulation, threshold: () => null }),
  WEAK_VILLAGE_SHARE: metric({ unit: '%', fields: ['weakCount', 'villages'], value: (r) => share(r.weakCount, r.villages), threshold: () => null }),
  COLLECTIVE_INCOME_MEDIAN: metric({ unit: '万元', fields: ['collectiveIncomeMedian'], value: (r) => r.collectiveIncomeMedian, threshold: (t) => t.targetIncome }),
  SECRETARY_IS_DIRECTOR_SHARE: metric({
    unit: '%',
    fields: ['secretaryIsDirectorCount', 'villages'],
    value: (r) => share(r.secretaryIsDirectorCount, r.villages),
    threshold: () => null,
  }),
  SOFT_LAX_COUNT: metric({ unit: '个', fields: ['softLaxCount'], value: (r) => r.softLaxCount, threshold: () => null }),
};

/** The choropleth of `a` in `year`: the areas' metric and its classes, with their figures and names when `read` says so ('' and null without). */
async function computeChoropleth(ctx: Context, a: ChoroplethArgs, year: number, read: { figures: boolean; names: boolean }): Promise<Choropleth> {
  const metric = METRICS[a.metric];
  const level = a.level === AreaLevelEnum.COUNTY ? 'county' : 'township';
  const areas = await areasWithFigures(ctx.em, level, year, read.figures ? FIGURE_FIELDS : metric.fields, { names: read.names });
  const values = areas.map((x) => (x.figures ? metric.value(x.figures) : null));
  const { breaks, classes } = classify(values, a.method, a.classes);
  return {
    level: a.level,
    metric: a.metric,
    year,
    method: a.method,
    classes,
    breaks,
    threshold: metric.threshold(await ctx.loaders.thresholds(), a.level),
    unit: metric.unit,
    areas: areas.map((x, i) => ({
      code: x.code,
      name: x.name,
      nameEn: x.nameEn,
      value: values[i] ?? null,
      classIndex: classOf(values[i] ?? null, breaks),
      // read.figures read every figure (FIGURE_FIELDS), so the row is whole.
      figures: read.figures && x.figures ? AreaFigures.from(x.figures as AreaFiguresRow) : null,
    })),
  };
}

@Resolver()
export class IndicatorsResolver {
  @Query(() => Choropleth, { description: 'A thematic map: every county or township\'s value of a metric in a year, with class breaks (专题图).' })
  async choropleth(@Args(() => ChoroplethArgs) a: ChoroplethArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<Choropleth> {
    const year = a.year ?? (await ctx.loaders.latestYear());
    // Each area's figures and names only when asked for: reading and parsing the whole row of every area is most of the work of a national map.
    const asked = selectedFields(info, ['areas']);
    const read = { figures: asked.has('figures'), names: asked.has('name') || asked.has('nameEn') };
    const compute = () => computeChoropleth(ctx, a, year, read);
    // Not kept: every township's whole figures (tens of MB at national scale, eight of them past the memory budget).
    if (read.figures && a.level === AreaLevelEnum.TOWNSHIP) return compute();
    return ctx.loaders.choropleth(`${a.level}:${a.metric}:${year}:${a.method}:${a.classes}:${read.figures}:${read.names}`, compute);
  }

  @Query(() => Summary, { nullable: true, description: 'Key figures of the prefecture for a year (年度概况); null when the year has no figures.' })
  async summary(@Args(() => YearArgs) { year }: YearArgs, @Ctx() ctx: Context): Promise<Summary | null> {
    const prefecture = await ctx.loaders.prefecture();
    const t = prefecture.getThresholds();
    const total = await ctx.loaders.areaFigures.load({ level: 'prefecture', code: prefecture.code, year });
    if (!total) return null;
    const counties = await areasWithFigures(ctx.em, 'county', year, ['poorPopulation', 'ruralPopulation'], { names: false });
    const counts = await summaryCounts(ctx.em, year);
    const incidences = counties.map(({ figures: r }) => (r ? povertyIncidence(r.poorPopulation, r.ruralPopulation) : null));
    return {
      year,
      villages: total.villages,
      ruralPopulation: total.ruralPopulation,
      poorPopulation: total.poorPopulation,
      poorHouseholds: total.poorHouseholds,
      povertyIncidence: povertyIncidence(total.poorPopulation, total.ruralPopulation),
      ...counts,
      weakVillages: total.weakCount,
      strongVillages: total.strongCount,
      incomeWeak: total.incomeWeakCount,
      incomeBuilding: total.villages - total.incomeWeakCount - total.incomeTargetMetCount,
      incomeTargetMet: total.incomeTargetMetCount,
      weakIncomeBelow: t.weakIncomeBelow,
      targetIncome: t.targetIncome,
      targetYear: t.targetYear,
      secretaryIsDirectorShare: share(total.secretaryIsDirectorCount, total.villages),
      softLaxBranches: total.softLaxCount,
      countiesBelowExitLine: incidences.filter((x) => x !== null && x < t.countyExitIncidence).length,
      counties: counties.length,
    };
  }
}
