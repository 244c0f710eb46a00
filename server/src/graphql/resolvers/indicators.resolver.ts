/** Indicators: thematic maps with class breaks, and the prefecture summary for a year. */
import { IsOptional, Max, Min } from 'class-validator';
import { Args, ArgsType, Ctx, Field, Int, Query, Resolver } from 'type-graphql';
import { ClassificationMethod, MAX_CLASSES, MIN_CLASSES, classOf, classify } from '../../domain/classify.js';
import { povertyIncidence, type Thresholds } from '../../domain/rules.js';
import { areasWithFigures, summaryCounts, type AreaFiguresRow } from '../../spatial/aggregates.js';
import type { Context } from '../context.js';
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

/** The metric's value for an area-year, and its unit. */
export const METRICS: Record<Metric, { unit: string; value(r: AreaFiguresRow): number | null; threshold(t: Thresholds, level: AreaLevelEnum): number | null }> = {
  POVERTY_INCIDENCE: {
    unit: '%',
    value: (r) => povertyIncidence(r.poorPopulation, r.ruralPopulation),
    threshold: (t, level) => (level === AreaLevelEnum.COUNTY ? t.countyExitIncidence : t.villageExitIncidence),
  },
  POOR_POPULATION: { unit: '人', value: (r) => r.poorPopulation, threshold: () => null },
  WEAK_VILLAGE_SHARE: { unit: '%', value: (r) => share(r.weakCount, r.villages), threshold: () => null },
  COLLECTIVE_INCOME_MEDIAN: { unit: '万元', value: (r) => r.collectiveIncomeMedian, threshold: (t) => t.targetIncome },
  SECRETARY_IS_DIRECTOR_SHARE: { unit: '%', value: (r) => share(r.secretaryIsDirectorCount, r.villages), threshold: () => null },
  SOFT_LAX_COUNT: { unit: '个', value: (r) => r.softLaxCount, threshold: () => null },
};

@Resolver()
export class IndicatorsResolver {
  @Query(() => Choropleth, { description: 'A thematic map: every county or township\'s value of a metric in a year, with class breaks (专题图).' })
  async choropleth(@Args(() => ChoroplethArgs) a: ChoroplethArgs, @Ctx() ctx: Context): Promise<Choropleth> {
    const year = a.year ?? (await ctx.loaders.latestYear());
    const areas = await areasWithFigures(ctx.em, a.level === AreaLevelEnum.COUNTY ? 'county' : 'township', year);
    const metric = METRICS[a.metric];
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
        figures: x.figures ? AreaFigures.from(x.figures) : null,
      })),
    };
  }

  @Query(() => Summary, { nullable: true, description: 'Key figures of the prefecture for a year (年度概况); null when the year has no figures.' })
  async summary(@Args(() => YearArgs) { year }: YearArgs, @Ctx() ctx: Context): Promise<Summary | null> {
    const prefecture = await ctx.loaders.prefecture();
    const t = prefecture.getThresholds();
    const total = await ctx.loaders.areaFigures.load({ level: 'prefecture', code: prefecture.code, year });
    if (!total) return null;
    const counties = await areasWithFigures(ctx.em, 'county', year);
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
