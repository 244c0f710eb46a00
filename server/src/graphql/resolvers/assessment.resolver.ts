/** Assessment (考核): schemes per year, computed scores, ranks, grades and breakdowns; admins save and delete schemes. */
import { Arg, Args, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import { AssessmentScheme } from '../../domain/assessment/assessment-scheme.entity.js';
import { SchemeInvalid, computeAssessment, deleteScheme, saveScheme } from '../../domain/assessment/assessment.service.js';
import { INDICATORS } from '../../domain/assessment/indicators.js';
import { NotAssessable } from '../../domain/assessment/scoring.js';
import { edit } from '../../domain/planning/edit.js';
import { requireRole } from '../auth.js';
import type { Context } from '../context.js';
import { inScope } from '../../domain/region/read-scope.js';
import { ApiError, ErrorCode } from '../errors.js';
import { page } from '../types/page.js';
import { AssessmentArgs, AssessmentIndicatorInfo, AssessmentSchemeInput, AssessmentSchemeType, AssessmentType } from '../types/assessment.type.js';
import { YearArgs } from '../types/year.args.js';

const schemeType = (s: AssessmentScheme): AssessmentSchemeType => ({
  year: s.year,
  version: s.version,
  name: s.name,
  indicators: s.indicators.map((i) => ({ key: i.key, weight: i.weight, rule: i.rule, floor: i.floor ?? null, target: i.target ?? null, threshold: i.threshold ?? null })),
  gradeBands: { ...s.gradeBands },
  updatedAt: s.updatedAt,
});

@Resolver()
export class AssessmentResolver {
  @Query(() => [AssessmentIndicatorInfo], { description: 'The indicators a scheme may use (考核指标库): name, unit, polarity and the levels each has values at.' })
  assessmentIndicators(): AssessmentIndicatorInfo[] {
    return INDICATORS.map((i) => ({ key: i.key, name: i.name, nameEn: i.nameEn, unit: i.unit, polarity: i.polarity, levels: [...i.levels] }));
  }

  @Query(() => AssessmentSchemeType, { nullable: true, description: 'The year\'s assessment scheme (考核办法); null when the year has none.' })
  async assessmentScheme(@Args(() => YearArgs) { year }: YearArgs, @Ctx() ctx: Context): Promise<AssessmentSchemeType | null> {
    const s = await ctx.em.findOne(AssessmentScheme, { year });
    return s ? schemeType(s) : null;
  }

  @Query(() => [AssessmentSchemeType], { description: 'Every year\'s scheme, by year.' })
  async assessmentSchemes(@Ctx() ctx: Context): Promise<AssessmentSchemeType[]> {
    return (await ctx.em.find(AssessmentScheme, {}, { orderBy: { year: 'asc' } })).map(schemeType);
  }

  @Query(() => AssessmentType, {
    nullable: true,
    description: 'A year\'s assessment at one level (考核排名): every area\'s score (考核得分), rank (排名), grade (等次) and where each point came from, by rank; null when the year has no scheme.',
  })
  async assessment(@Args(() => AssessmentArgs) a: AssessmentArgs, @Ctx() ctx: Context): Promise<AssessmentType | null> {
    const t = await ctx.loaders.thresholds();
    let result;
    try {
      // Ranked among the prefecture's areas; an embed token limited to counties then sees only its counties' rows.
      const prefecture = { prefecture: ctx.scope.prefecture, counties: null };
      result = await computeAssessment(ctx.em, a.year, a.level, t, new Date(), (code) => inScope(prefecture, code));
    } catch (error) {
      if (error instanceof NotAssessable) throw ApiError.badInput(error.message, 'level');
      throw error;
    }
    if (!result) return null;
    const visible = result.results.filter((r) => inScope(ctx.scope, r.code));
    const all = a.code ? visible.filter((r) => r.code === a.code) : visible;
    const items = all.slice(a.offset, a.offset + a.limit);
    return { year: a.year, level: a.level, scheme: schemeType(result.scheme), assessed: result.results.length, ...page(items, all.length, a.offset) };
  }

  @Mutation(() => AssessmentSchemeType, {
    description:
      'Create or replace a year\'s assessment scheme (保存考核办法). Checked before it is written (weights > 0 adding up to 100, known indicators, floor ≠ target, grade bands descending within 0–100, a name); problems are listed in Chinese. Send the current version to replace. Needs role admin; audited.',
  })
  async saveAssessmentScheme(@Arg('input', () => AssessmentSchemeInput, { description: 'The scheme.' }) input: AssessmentSchemeInput, @Ctx() ctx: Context): Promise<AssessmentSchemeType> {
    const principal = requireRole(ctx.principal, 'admin', 'saveAssessmentScheme');
    try {
      return schemeType(await edit(ctx.em, principal, (c) => saveScheme(c, input)));
    } catch (error) {
      if (error instanceof SchemeInvalid) throw new ApiError(ErrorCode.BAD_USER_INPUT, error.message, { argument: 'input', problems: error.problems });
      throw error;
    }
  }

  @Mutation(() => Boolean, { description: 'Delete a year\'s assessment scheme (删除考核办法) at its current version. Needs role admin; audited.' })
  async deleteAssessmentScheme(
    @Arg('year', () => Int, { description: 'The year.' }) year: number,
    @Arg('version', () => Int, { description: 'The current version.' }) version: number,
    @Ctx() ctx: Context,
  ): Promise<boolean> {
    const principal = requireRole(ctx.principal, 'admin', 'deleteAssessmentScheme');
    await edit(ctx.em, principal, (c) => deleteScheme(c, year, version));
    return true;
  }
}
