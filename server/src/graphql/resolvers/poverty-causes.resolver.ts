/** Causes of poverty (致贫原因): a village's or area's poor households by main cause in a year, and the planner's change. */
import DataLoader from 'dataloader';
import { Arg, Args, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { CauseCountsRefused, causeShares } from '../../domain/causes/poverty-cause.js';
import { setVillagePovertyCauses } from '../../domain/causes/causes.service.js';
import { County, Prefecture, Township, Village } from '../../domain/entities.js';
import { edit } from '../../domain/planning/edit.js';
import { areaCauses, type AreaCauseRow, type CauseLevel } from '../../spatial/poverty-causes.js';
import { requireCounty, requireRole } from '../auth.js';
import type { Context } from '../context.js';
import { ApiError } from '../errors.js';
import { PovertyCauseCount, VillagePovertyCausesInput } from '../types/poverty-cause.type.js';
import { YearArgs } from '../types/year.args.js';

type Key = { code: string; year: number };

/** One loader per request and level: the causes of every (area, year) a response asks for, in one statement. */
const loaders = new WeakMap<Context, Map<CauseLevel, DataLoader<Key, AreaCauseRow[], string>>>();

function causesOf(ctx: Context, level: CauseLevel, code: string, year: number): Promise<PovertyCauseCount[]> {
  let byLevel = loaders.get(ctx);
  if (!byLevel) loaders.set(ctx, (byLevel = new Map()));
  let loader = byLevel.get(level);
  if (!loader) {
    loader = new DataLoader<Key, AreaCauseRow[], string>(
      async (keys) => {
        const rows = await areaCauses(ctx.em, level, keys);
        const grouped = new Map<string, AreaCauseRow[]>();
        for (const r of rows) grouped.set(`${r.code}:${r.year}`, [...(grouped.get(`${r.code}:${r.year}`) ?? []), r]);
        return keys.map((k) => grouped.get(`${k.code}:${k.year}`) ?? []);
      },
      { cacheKeyFn: (k) => `${k.code}:${k.year}` },
    );
    byLevel.set(level, loader);
  }
  return loader.load({ code, year }).then((rows) => rows.map(({ cause, households, share }) => ({ cause, households, share })));
}

const LIST = 'Poor households by main cause (致贫原因) in a year, summed by the database from the villages\' records: most households first, ties in the registration form\'s order; shares are of the households with a recorded cause. Empty when nothing is recorded.';

@Resolver(() => Village)
export class VillagePovertyCauseResolver {
  @FieldResolver(() => [PovertyCauseCount], { description: `The village's poor households by main cause in a year (致贫原因). ${LIST}` })
  povertyCauses(@Root() v: Village, @Args(() => YearArgs) { year }: YearArgs, @Ctx() ctx: Context): Promise<PovertyCauseCount[]> {
    return causesOf(ctx, 'village', v.code, year);
  }

  @Mutation(() => [PovertyCauseCount], {
    description:
      'Set a village-year\'s poor households by main cause (录入致贫原因), the whole set at once; returns the set as stored. The counts add up to at most the village\'s poor households that year (BAD_USER_INPUT in Chinese otherwise). Needs role planner for the village\'s county; audited.',
  })
  async setVillagePovertyCauses(@Arg('input', () => VillagePovertyCausesInput, { description: 'The village, year and counts.' }) input: VillagePovertyCausesInput, @Ctx() ctx: Context): Promise<PovertyCauseCount[]> {
    const principal = requireRole(ctx.principal, 'planner', 'setVillagePovertyCauses');
    try {
      const counts = await edit(ctx.em, principal, (c) => setVillagePovertyCauses(c, input, (county) => requireCounty(principal, county, 'setVillagePovertyCauses')));
      return causeShares(counts).map((s) => ({ cause: s.cause, households: s.households, share: s.share ?? 0 }));
    } catch (error) {
      if (error instanceof CauseCountsRefused) throw ApiError.badInput(error.message, 'input.causes');
      throw error;
    }
  }
}

@Resolver(() => Township)
export class TownshipPovertyCauseResolver {
  @FieldResolver(() => [PovertyCauseCount], { description: `The township's poor households by main cause in a year (致贫原因). ${LIST}` })
  povertyCauses(@Root() t: Township, @Args(() => YearArgs) { year }: YearArgs, @Ctx() ctx: Context): Promise<PovertyCauseCount[]> {
    return causesOf(ctx, 'township', t.code, year);
  }
}

@Resolver(() => County)
export class CountyPovertyCauseResolver {
  @FieldResolver(() => [PovertyCauseCount], { description: `The county's poor households by main cause in a year (致贫原因). ${LIST}` })
  povertyCauses(@Root() c: County, @Args(() => YearArgs) { year }: YearArgs, @Ctx() ctx: Context): Promise<PovertyCauseCount[]> {
    return causesOf(ctx, 'county', c.code, year);
  }
}

@Resolver(() => Prefecture)
export class PrefecturePovertyCauseResolver {
  @FieldResolver(() => [PovertyCauseCount], { description: `The prefecture's poor households by main cause in a year (致贫原因). ${LIST}` })
  povertyCauses(@Root() p: Prefecture, @Args(() => YearArgs) { year }: YearArgs, @Ctx() ctx: Context): Promise<PovertyCauseCount[]> {
    return causesOf(ctx, 'prefecture', p.code, year);
  }
}
