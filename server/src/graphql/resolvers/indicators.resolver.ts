/** Indicators: thematic maps with class breaks, the metrics they draw, and the prefecture summary for a year. */
import { ArrayMaxSize, IsOptional, Max, Min } from 'class-validator';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, ArgsType, Ctx, Field, Float, Info, Int, Mutation, Query, Resolver } from 'type-graphql';
import { ClassificationMethod, MAX_CLASSES, MIN_CLASSES, checkInnerBreaks, classOf, classify, fixedClasses, type Classification } from '../../domain/classify.js';
import { audit, snapshot } from '../../domain/audit/audit.service.js';
import { Prefecture } from '../../domain/entities.js';
import { povertyIncidence, type PolicySettings } from '../../domain/rules.js';
import { FIGURE_FIELDS, areaFiguresEveryYear, areasWithFigures, summaryCounts, type AreaFiguresRow } from '../../spatial/aggregates.js';
import { requireRole } from '../auth.js';
import { refuseAboveCounty, type Context } from '../context.js';
import { inScope, scopeKey } from '../../domain/region/read-scope.js';
import { ApiError } from '../errors.js';
import { METRICS, defaultMethod, share, type MetricRule } from '../metrics.js';
import { selectedFields } from '../selection.js';
import type { ClassBreaks } from '../shared-reads.js';
import { AreaLevelEnum, Choropleth, ClassScope, Metric, MetricInfo, Summary } from '../types/indicators.type.js';
import { AreaFigures } from '../types/area-figures.type.js';
import { MAX_YEAR, MIN_YEAR, YearArgs } from '../types/year.args.js';
import { PovertyCause } from '../types/poverty-cause.type.js';

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
  @Field(() => ClassificationMethod, {
    nullable: true,
    description: "How to choose class breaks; default the metric's own (its `defaultMethod`: POLICY bands where it has them, else QUANTILE).",
  })
  method?: ClassificationMethod | null;
  @Field(() => Int, { defaultValue: 5, description: `Number of classes, ${MIN_CLASSES} to ${MAX_CLASSES} (QUANTILE, EQUAL_INTERVAL, JENKS).` })
  @Min(MIN_CLASSES)
  @Max(MAX_CLASSES)
  classes!: number;
  @Field(() => ClassScope, {
    defaultValue: ClassScope.ALL_YEARS,
    description: 'Which values computed breaks come from: ALL_YEARS (default; colours compare across years) or YEAR (this year only).',
  })
  scope!: ClassScope;
  @Field(() => [Float], {
    nullable: true,
    description: `For MANUAL only: the bounds between classes (分级界值), ascending, 1 to ${MAX_CLASSES - 1} of them, strictly inside the metric's range; e.g. [1, 3, 5, 10, 20] for six incidence classes.`,
  })
  @IsOptional()
  @ArrayMaxSize(MAX_CLASSES)
  breaks?: number[] | null;
  @Field(() => PovertyCause, { defaultValue: PovertyCause.ILLNESS, description: 'For CAUSE_SHARE: the cause of poverty mapped (致贫原因), default ILLNESS (因病); other metrics ignore it.' })
  cause!: PovertyCause;
}

/** The cause a choropleth maps: its argument for a metric by cause, none for the others (so their answers and keys do not vary with it). */
const causeOf = (a: ChoroplethArgs): PovertyCause | null => (a.metric === Metric.CAUSE_SHARE ? a.cause : null);

/** The inner bounds of fixed classes (MANUAL or POLICY), checked; null for a computed method. */
function fixedBounds(a: ChoroplethArgs, method: ClassificationMethod, rule: MetricRule, t: PolicySettings, yearBands: number[] | null): number[] | null {
  if (method !== ClassificationMethod.MANUAL && a.breaks != null) throw ApiError.badInput('`breaks` are for method MANUAL only', 'breaks');
  if (method === ClassificationMethod.MANUAL) {
    if (a.breaks == null) throw ApiError.badInput('method MANUAL needs `breaks`: the bounds between classes, ascending', 'breaks');
    const problem = checkInnerBreaks(a.breaks, rule.range);
    if (problem) throw ApiError.badInput(`breaks for ${a.metric}: ${problem}`, 'breaks');
    return a.breaks;
  }
  if (method === ClassificationMethod.POLICY) {
    const bands = rule.policyBandsIn ? yearBands : rule.policyBands(t, a.level);
    if (!bands) throw ApiError.badInput(`${a.metric} has no policy bands; choose QUANTILE, EQUAL_INTERVAL, JENKS or MANUAL`, 'method');
    return bands;
  }
  return null;
}

const levelOf = (level: AreaLevelEnum) => (level === AreaLevelEnum.COUNTY ? 'county' : 'township');

/** The classes of the metric over every year of the level, and those years (kept per process: every year's map of the metric reads them). */
function breaksEveryYear(ctx: Context, a: ChoroplethArgs, method: ClassificationMethod, inner: number[] | null): Promise<ClassBreaks> {
  const rule = METRICS[a.metric];
  const key = `${scopeKey(ctx.scope)}:${a.level}:${a.metric}:${causeOf(a) ?? ''}:${method}:${inner ? inner.join(',') : a.classes}`;
  return ctx.loaders.classBreaks(key, async () => {
    const rows: Array<{ year: number; value: number | null }> = rule.values
      ? (await rule.values(ctx.em, levelOf(a.level), null, a.cause)).filter((r) => inScope(ctx.scope, r.code))
      : (await areaFiguresEveryYear(ctx.em, ctx.scope, levelOf(a.level), rule.fields)).map((r) => ({ year: r.year, value: rule.value(r) }));
    const values = rows.map((r) => r.value);
    const years = [...new Set(rows.map((r) => r.year))].sort((x, y) => x - y);
    return { classification: inner ? fixedClasses(values, inner, rule.range.min) : classify(values, method as Exclude<ClassificationMethod, 'MANUAL' | 'POLICY'>, a.classes), years };
  });
}

/** The choropleth of `a` in `year`: the areas' metric and its classes, with their figures and names when `read` says so ('' and null without). */
async function computeChoropleth(ctx: Context, a: ChoroplethArgs, year: number, read: { figures: boolean; names: boolean }): Promise<Choropleth> {
  const rule = METRICS[a.metric];
  const t = await ctx.loaders.thresholds();
  const method = a.method ?? defaultMethod(rule);
  const inner = fixedBounds(a, method, rule, t, rule.policyBandsIn && method === ClassificationMethod.POLICY ? await rule.policyBandsIn(ctx.em, year) : null);
  const areas = await areasWithFigures(ctx.em, ctx.scope, levelOf(a.level), year, read.figures ? FIGURE_FIELDS : rule.fields, { names: read.names });
  // Rows outside the scope are never looked up: only the scope's areas are.
  const own = rule.values ? new Map((await rule.values(ctx.em, levelOf(a.level), year, a.cause)).map((r) => [r.code, r.value])) : null;
  const values = areas.map((x) => (own ? (own.get(x.code) ?? null) : x.figures ? rule.value(x.figures) : null));
  let classification: Classification;
  let scopeYears = [year];
  if (a.scope === ClassScope.ALL_YEARS) {
    ({ classification, years: scopeYears } = await breaksEveryYear(ctx, a, method, inner));
  } else {
    classification = inner ? fixedClasses(values, inner, rule.range.min) : classify(values, method as Exclude<ClassificationMethod, 'MANUAL' | 'POLICY'>, a.classes);
  }
  const { breaks } = classification;
  return {
    level: a.level,
    metric: a.metric,
    cause: causeOf(a),
    year,
    method,
    scope: a.scope,
    scopeYears,
    classes: classification.classes,
    requestedClasses: classification.requested,
    classesNote: classification.note,
    breaks,
    openEnded: classification.openEnded,
    threshold: rule.threshold(t, a.level),
    unit: rule.unit,
    decimals: rule.decimals,
    polarity: rule.polarity,
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

/** What the metric is and how it is drawn, with the prefecture's policy line and bands at county level. */
function metricInfo(metric: Metric, t: PolicySettings): MetricInfo {
  const rule = METRICS[metric];
  return {
    metric,
    name: rule.name,
    nameEn: rule.nameEn,
    unit: rule.unit,
    decimals: rule.decimals,
    polarity: rule.polarity,
    defaultMethod: defaultMethod(rule),
    threshold: rule.threshold(t, AreaLevelEnum.COUNTY),
    policyBands: rule.policyBands(t, AreaLevelEnum.COUNTY),
    min: rule.range.min,
    max: rule.range.max,
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
    const key = [scopeKey(ctx.scope), a.level, a.metric, causeOf(a) ?? '', year, a.method ?? '', a.classes, a.scope, a.breaks?.join(',') ?? '', read.figures, read.names].join(':');
    return ctx.loaders.choropleth(key, compute);
  }

  @Query(() => [MetricInfo], { description: 'The map metrics (专题指标): name, unit, decimals, polarity, default method and policy bands of each.' })
  async metrics(@Ctx() ctx: Context): Promise<MetricInfo[]> {
    const t = await ctx.loaders.thresholds();
    return Promise.all(
      Object.values(Metric).map(async (m) => {
        const bandsIn = METRICS[m].policyBandsIn;
        return bandsIn ? { ...metricInfo(m, t), policyBands: await bandsIn(ctx.em, null) } : metricInfo(m, t);
      }),
    );
  }

  @Mutation(() => Prefecture, {
    description:
      'Set the prefecture\'s poverty-incidence bands (设置贫困发生率政策分级): the bounds between classes, %, ascending, 1 to 6 of them inside (0, 100); the exit line is always added as a bound. Needs role admin; audited.',
  })
  async setIncidenceBands(@Arg('bands', () => [Float], { description: 'Bounds between classes, %, e.g. [1, 3, 5, 10, 20].' }) bands: number[], @Ctx() ctx: Context): Promise<Prefecture> {
    const principal = requireRole(ctx.principal, 'admin', 'setIncidenceBands');
    const problem = checkInnerBreaks(bands, METRICS.POVERTY_INCIDENCE.range);
    if (problem) throw ApiError.badInput(`incidence bands: ${problem}`, 'bands');
    return ctx.em.transactional(async (em) => {
      const p = await em.findOne(Prefecture, { code: ctx.scope.prefecture });
      if (!p) throw ApiError.notFound('prefecture', ctx.scope.prefecture);
      const before = snapshot(p);
      p.ownIncidenceBands = [...bands];
      audit(em, principal, { action: 'setIncidenceBands', entity: 'Prefecture', entityId: p.code, countyCode: null, before, after: snapshot(p) });
      return p;
    });
  }

  @Query(() => Summary, {
    nullable: true,
    description: 'Key figures of the prefecture read for a year (年度概况); null when the year has no figures. FORBIDDEN for an embed token limited to counties (figures above county level).',
  })
  async summary(@Args(() => YearArgs) { year }: YearArgs, @Ctx() ctx: Context): Promise<Summary | null> {
    refuseAboveCounty(ctx, '年度概况 summary');
    const prefecture = await ctx.loaders.prefecture();
    const t = prefecture.getThresholds();
    const total = await ctx.loaders.areaFigures.load({ level: 'prefecture', code: prefecture.code, year });
    if (!total) return null;
    const counties = await areasWithFigures(ctx.em, ctx.scope, 'county', year, ['poorPopulation', 'ruralPopulation'], { names: false });
    const counts = await summaryCounts(ctx.em, ctx.scope, year);
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
