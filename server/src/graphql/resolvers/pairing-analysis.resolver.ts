/** Planners' questions before pairing: who could help, who has no helper, what a set of pairings would change. */
import { ArrayMaxSize, IsOptional, Length, Max, Min, ValidateNested } from 'class-validator';
import { Args, ArgsType, Ctx, Field, Float, Int, Query, Resolver } from 'type-graphql';
import { County, Village } from '../../domain/entities.js';
import { RADIUS_LIMIT_METERS, coverageGaps, suggestHelpers, whatIf } from '../../domain/planning/pairing-analysis.service.js';
import type { Context } from '../context.js';
import { inScope } from '../../domain/region/read-scope.js';
import { ApiError } from '../errors.js';
import { PageArgs } from '../types/page.js';
import { CoverageGapPage, PairingCoverage, PairingSuggestions, PairingWhatIf, ProposedPairingInput } from '../types/pairing-analysis.type.js';
import { MAX_YEAR, MIN_YEAR } from '../types/year.args.js';

const DEFAULT_RADIUS = 20_000;
const MAX_PROPOSALS = 200;

@ArgsType()
class SuggestionArgs {
  @Field(() => String, { description: 'The village to find helpers for (12-digit code).' })
  @Length(12, 12)
  villageCode!: string;
  @Field(() => Int, { nullable: true, description: 'Year whose figures decide who is strong; default the latest year with figures.' })
  @IsOptional()
  @Min(MIN_YEAR)
  @Max(MAX_YEAR)
  year?: number;
  @Field(() => Float, { defaultValue: DEFAULT_RADIUS, description: `Search radius in metres, geodesic; more than 0, at most ${RADIUS_LIMIT_METERS}.` })
  @Min(1)
  @Max(RADIUS_LIMIT_METERS)
  radiusMeters!: number;
  @Field(() => Int, { defaultValue: 10, description: 'How many candidates, 1–50.' })
  @Min(1)
  @Max(50)
  limit!: number;
}

@ArgsType()
class GapArgs extends PageArgs {
  @Field(() => Int, { nullable: true, description: 'The year; default the latest year with figures.' })
  @IsOptional()
  @Min(MIN_YEAR)
  @Max(MAX_YEAR)
  year?: number;
  @Field(() => Float, { defaultValue: DEFAULT_RADIUS, description: `A helper farther than this (metres, geodesic) does not count; at most ${RADIUS_LIMIT_METERS}.` })
  @Min(1)
  @Max(RADIUS_LIMIT_METERS)
  radiusMeters!: number;
  @Field(() => String, { nullable: true, description: 'Only this county (12-digit code).' })
  @IsOptional()
  @Length(12, 12)
  countyCode?: string;
}

@ArgsType()
class WhatIfArgs {
  @Field(() => String, { description: 'The county (12-digit code).' })
  @Length(12, 12)
  countyCode!: string;
  @Field(() => Int, { nullable: true, description: 'The year; default the latest year with figures.' })
  @IsOptional()
  @Min(MIN_YEAR)
  @Max(MAX_YEAR)
  year?: number;
  @Field(() => Float, { defaultValue: DEFAULT_RADIUS, description: `A helper farther than this (metres) does not count as covering; at most ${RADIUS_LIMIT_METERS}.` })
  @Min(1)
  @Max(RADIUS_LIMIT_METERS)
  radiusMeters!: number;
  @Field(() => [ProposedPairingInput], { description: `Pairings to try (strong village helps village), at most ${MAX_PROPOSALS}.` })
  @ArrayMaxSize(MAX_PROPOSALS)
  @ValidateNested({ each: true })
  proposals!: ProposedPairingInput[];
}

async function villages(ctx: Context, codes: string[]): Promise<Map<string, Village>> {
  const found = await ctx.em.find(Village, { code: { $in: [...new Set(codes)] } });
  return new Map(found.map((v) => [v.code, v]));
}

@Resolver()
export class PairingAnalysisResolver {
  @Query(() => PairingSuggestions, {
    description: 'Strong villages within a radius that could help a village, ranked by a documented score with its reasons (结对推荐). See ScoreFactorName for the score.',
  })
  async pairingSuggestions(@Args(() => SuggestionArgs) a: SuggestionArgs, @Ctx() ctx: Context): Promise<PairingSuggestions> {
    if (!inScope(ctx.scope, a.villageCode)) throw ApiError.notFound('Village', a.villageCode);
    const year = a.year ?? (await ctx.loaders.latestYear());
    const s = await suggestHelpers(ctx.em, { villageCode: a.villageCode, year, radiusMeters: a.radiusMeters, limit: a.limit }, await ctx.loaders.thresholds());
    const byCode = await villages(ctx, s.candidates.map((c) => c.code));
    return {
      village: s.village,
      year,
      radiusMeters: a.radiusMeters,
      strength: s.verdict.strength,
      weakReasons: s.verdict.reasons,
      candidates: s.candidates.map((c) => ({ village: byCode.get(c.code)!, distanceMeters: c.distanceMeters, score: c.score.score, factors: c.score.factors })),
    };
  }

  @Query(() => CoverageGapPage, { description: 'Weak villages with no active helper within the radius in a year, most in need first (帮扶空白村).' })
  async coverageGaps(@Args(() => GapArgs) a: GapArgs, @Ctx() ctx: Context): Promise<CoverageGapPage> {
    if (a.countyCode) await this.county(ctx, a.countyCode);
    const year = a.year ?? (await ctx.loaders.latestYear());
    const gaps = (await coverageGaps(ctx.em, { year, radiusMeters: a.radiusMeters, countyCode: a.countyCode }, await ctx.loaders.thresholds())).filter((g) => inScope(ctx.scope, g.code));
    const slice = gaps.slice(a.offset, a.offset + a.limit);
    const byCode = await villages(ctx, slice.flatMap((g) => [g.code, ...(g.nearestStrongCode ? [g.nearestStrongCode] : [])]));
    return {
      items: slice.map((g) => ({
        village: byCode.get(g.code)!,
        weakReasons: g.weakReasons,
        povertyIncidence: g.incidence,
        collectiveIncome: g.income,
        strongVillagesWithinRadius: g.strongWithinRadius,
        nearestStrongVillage: g.nearestStrongCode ? byCode.get(g.nearestStrongCode)! : null,
        nearestStrongDistanceMeters: g.nearestStrongMeters,
      })),
      totalCount: gaps.length,
      hasNextPage: a.offset + slice.length < gaps.length,
    };
  }

  @Query(() => PairingWhatIf, { description: 'A county\'s pairing coverage now and if the proposed pairings were made; computed, nothing is stored (模拟结对).' })
  async pairingWhatIf(@Args(() => WhatIfArgs) a: WhatIfArgs, @Ctx() ctx: Context): Promise<PairingWhatIf> {
    await this.county(ctx, a.countyCode);
    const year = a.year ?? (await ctx.loaders.latestYear());
    const r = await whatIf(ctx.em, { countyCode: a.countyCode, year, radiusMeters: a.radiusMeters, proposals: a.proposals }, await ctx.loaders.thresholds());
    const byCode = await villages(ctx, a.proposals.flatMap((p) => [p.helperVillageCode, p.helpedVillageCode]));
    return {
      countyCode: a.countyCode,
      year,
      radiusMeters: a.radiusMeters,
      before: PairingCoverage.from(r.before),
      after: PairingCoverage.from(r.after),
      proposals: r.proposals.map((p) => ({ helperVillage: byCode.get(p.helperVillageCode)!, helpedVillage: byCode.get(p.helpedVillageCode)!, distanceMeters: p.distanceMeters })),
    };
  }

  private async county(ctx: Context, code: string): Promise<void> {
    if (!inScope(ctx.scope, code) || !(await ctx.em.count(County, { code }))) throw ApiError.notFound('County', code);
  }
}
