/**
 * Early warnings (预警): the `warnings` of a year, computed by the database
 * from the rules (domain/warning), and the prefecture's warning settings,
 * which admins change. Warnings have no import: they are computed from the
 * figures, never stored or entered.
 */
import { IsOptional, Max, Min } from 'class-validator';
import { Arg, Args, ArgsType, Ctx, Field, Int, Mutation, Query, Resolver } from 'type-graphql';
import { audit } from '../../domain/audit/audit.service.js';
import { Prefecture } from '../../domain/entities.js';
import {
  RULE_INFO,
  WARNING_LEVELS,
  WARNING_RULES,
  applyWarningSettings,
  checkWarningSettings,
  warningSettingsOf,
  type WarningLevel,
  type WarningRule,
  type WarningSettings,
} from '../../domain/warning/settings.js';
import { computeWarnings } from '../../domain/warning/warnings.js';
import { requireRole } from '../auth.js';
import type { Context } from '../context.js';
import { ApiError } from '../errors.js';
import { MAX_PAGE_SIZE } from '../types/page.js';
import { MAX_YEAR, MIN_YEAR } from '../types/year.args.js';
import { WarningConnection, WarningLevelEnum, WarningRuleEnum, WarningSettingsInput, WarningSettingsType } from '../types/warning.type.js';
import { inScope } from '../../domain/region/read-scope.js';

@ArgsType()
class WarningsArgs {
  @Field(() => Int, { nullable: true, description: `The year (年份), ${MIN_YEAR}–${MAX_YEAR}; default the latest year with figures.` })
  @IsOptional()
  @Min(MIN_YEAR)
  @Max(MAX_YEAR)
  year?: number | null;
  @Field(() => WarningRuleEnum, { nullable: true, description: 'Only this rule.' })
  rule?: WarningRule | null;
  @Field(() => WarningLevelEnum, { nullable: true, description: 'Only this level.' })
  level?: WarningLevel | null;
  @Field(() => String, { nullable: true, description: 'Only warnings inside this area: a county, township or village code (the prefecture\'s code or none: all).' })
  areaCode?: string | null;
  @Field(() => Int, { defaultValue: 100, description: `Page size, 1 to ${MAX_PAGE_SIZE} (每页条数).` })
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first!: number;
  @Field(() => String, { nullable: true, description: 'The endCursor of the previous page: warnings after it.' })
  after?: string | null;
}

function settingsType(s: WarningSettings, isDefault: boolean): WarningSettingsType {
  return {
    returnRiskIncidencePoints: s.returnRiskIncidencePoints,
    returnRiskPoorPopulation: s.returnRiskPoorPopulation,
    softLaxYears: s.softLaxYears,
    fundsBelowPercent: s.fundsBelowPercent,
    rules: WARNING_RULES.map((rule) => ({ rule, ...RULE_INFO[rule], level: s.levels[rule] })),
    isDefault,
  };
}

const AREA_CODE = /^[0-9]{12}$/;

@Resolver()
export class WarningResolver {
  @Query(() => WarningConnection, { description: 'Early warnings of a year (预警清单), most severe first: filter by rule, level and area; page with first/after.' })
  async warnings(@Args(() => WarningsArgs) a: WarningsArgs, @Ctx() ctx: Context): Promise<WarningConnection> {
    if (a.areaCode != null && !AREA_CODE.test(a.areaCode)) throw ApiError.badInput(`地区代码须为12位数字的统计用区划代码，收到“${a.areaCode}”`, 'areaCode');
    const year = a.year ?? (await ctx.loaders.latestYear());
    if (a.areaCode != null && !inScope(ctx.scope, a.areaCode)) throw ApiError.notFound('Area', a.areaCode);
    const prefecture = await ctx.loaders.prefecture();
    // The prefecture's code reads its areas only (by code prefix); an embed token's counties narrow that further.
    const all = (
      await computeWarnings(ctx.em, {
        year,
        areaCode: a.areaCode ?? prefecture.code,
        settings: warningSettingsOf(prefecture.ownWarningSettings),
        thresholds: prefecture.getThresholds(),
      })
    ).filter((w) => inScope(ctx.scope, w.areaCode));
    const matching = all.filter((w) => (!a.rule || w.rule === a.rule) && (!a.level || w.level === a.level));
    let start = 0;
    if (a.after != null) {
      const at = matching.findIndex((w) => w.id === a.after);
      if (at < 0) throw ApiError.badInput(`翻页游标“${a.after}”不在这一年的预警清单中（请从第一页重新读取）`, 'after');
      start = at + 1;
    }
    const items = matching.slice(start, start + a.first);
    return {
      year,
      items,
      totalCount: matching.length,
      hasNextPage: start + items.length < matching.length,
      endCursor: items.length > 0 ? items[items.length - 1]!.id : null,
      byRule: WARNING_RULES.map((rule) => ({ rule, count: all.filter((w) => w.rule === rule).length })),
      byLevel: WARNING_LEVELS.map((level) => ({ level, count: all.filter((w) => w.level === level).length })),
    };
  }

  @Query(() => WarningSettingsType, { description: 'The prefecture\'s warning thresholds and each rule\'s level (预警设置).' })
  async warningSettings(@Ctx() ctx: Context): Promise<WarningSettingsType> {
    const p = await ctx.loaders.prefecture();
    return settingsType(warningSettingsOf(p.ownWarningSettings), p.ownWarningSettings == null);
  }

  @Mutation(() => WarningSettingsType, {
    description: 'Change the prefecture\'s warning thresholds and levels (设置预警规则); what is left out keeps its value. Needs role admin; validated, audited; open maps hear of it as a change to the prefecture.',
  })
  async setWarningSettings(@Arg('input', () => WarningSettingsInput, { description: 'The thresholds and levels to change (预警设置).' }) input: WarningSettingsInput, @Ctx() ctx: Context): Promise<WarningSettingsType> {
    const principal = requireRole(ctx.principal, 'admin', 'setWarningSettings');
    const levels = Object.fromEntries((input.levels ?? []).map((l) => [l.rule, l.level]));
    if (input.levels && Object.keys(levels).length !== input.levels.length) throw ApiError.badInput('同一预警规则的等级只能给一次', 'input.levels');
    return ctx.em.transactional(async (em) => {
      const p = await em.findOne(Prefecture, { code: ctx.scope.prefecture });
      if (!p) throw ApiError.notFound('prefecture', '');
      const before = warningSettingsOf(p.ownWarningSettings);
      const after = applyWarningSettings(before, {
        returnRiskIncidencePoints: input.returnRiskIncidencePoints ?? undefined,
        returnRiskPoorPopulation: input.returnRiskPoorPopulation ?? undefined,
        softLaxYears: input.softLaxYears ?? undefined,
        fundsBelowPercent: input.fundsBelowPercent ?? undefined,
        levels,
      });
      const problems = checkWarningSettings(after);
      if (problems.length > 0) throw ApiError.badInput(`预警设置有误：${problems.join('；')}`, 'input');
      p.ownWarningSettings = after;
      audit(em, principal, { action: 'setWarningSettings', entity: 'Prefecture', entityId: p.code, countyCode: null, before, after });
      return settingsType(after, false);
    });
  }
}
