/** Assisting units (定点帮扶单位), their assignments with yearly funds, and work teams (驻村工作队). */
import { Arg, Args, Ctx, FieldResolver, Float, Int, Query, Resolver, Root } from 'type-graphql';
import { Assignment, AssignmentFund, AssistingUnit, Village, WorkTeam } from '../../domain/entities.js';
import type { Context } from '../context.js';
import { ApiError } from '../errors.js';
import { PageArgs, PageType, page, type Page } from '../types/page.js';

export const AssistingUnitPage = PageType(AssistingUnit, 'AssistingUnit', 'assisting units');

function sumFunds(funds: AssignmentFund[], year?: number): number {
  return funds.filter((f) => year === undefined || f.year === year).reduce((s, f) => s + f.amount, 0);
}

@Resolver(() => AssistingUnit)
export class AssistingUnitResolver {
  @Query(() => AssistingUnit, { description: 'One assisting unit by id; NOT_FOUND when there is none.' })
  async assistingUnit(@Arg('id', () => Int, { description: 'Assisting unit id.' }) id: number, @Ctx() ctx: Context): Promise<AssistingUnit> {
    const found = await ctx.em.findOne(AssistingUnit, { id });
    if (!found) throw ApiError.notFound('AssistingUnit', id);
    return found;
  }

  @Query(() => AssistingUnitPage, { description: 'Assisting units, by id, paged.' })
  async assistingUnits(@Args(() => PageArgs) args: PageArgs, @Ctx() ctx: Context): Promise<Page<AssistingUnit>> {
    const [items, total] = await ctx.em.findAndCount(AssistingUnit, {}, { orderBy: { id: 'asc' }, offset: args.offset, limit: args.limit });
    return page(items, total, args.offset);
  }

  @FieldResolver(() => [Assignment], { description: 'Its assignments to villages (帮扶关系).' })
  assignments(@Root() u: AssistingUnit, @Ctx() ctx: Context): Promise<Assignment[]> {
    return ctx.loaders.assignmentsOfUnit.load(u.id);
  }

  @FieldResolver(() => [WorkTeam], { description: 'Work teams it dispatched (选派的驻村工作队).' })
  workTeams(@Root() u: AssistingUnit, @Ctx() ctx: Context): Promise<WorkTeam[]> {
    return ctx.loaders.workTeamsOfUnit.load(u.id);
  }

  @FieldResolver(() => Float, { description: 'Funds invested over all its assignments, 万元; in one year when `year` is given (帮扶资金).' })
  async funds(@Root() u: AssistingUnit, @Ctx() ctx: Context, @Arg('year', () => Int, { nullable: true, description: 'Only this year.' }) year?: number): Promise<number> {
    const assignments = await ctx.loaders.assignmentsOfUnit.load(u.id);
    const funds = await ctx.loaders.fundsOfAssignment.loadMany(assignments.map((a) => a.id));
    return funds.reduce<number>((s, f) => s + (f instanceof Error ? 0 : sumFunds(f, year ?? undefined)), 0);
  }
}

@Resolver(() => Assignment)
export class AssignmentResolver {
  @FieldResolver(() => AssistingUnit, { description: 'The assisting unit.' })
  unit(@Root() a: Assignment): Promise<AssistingUnit> {
    return a.unit.load() as Promise<AssistingUnit>;
  }

  @FieldResolver(() => Village, { description: 'The village it helps.' })
  village(@Root() a: Assignment): Promise<Village> {
    return a.village.load() as Promise<Village>;
  }

  @FieldResolver(() => [AssignmentFund], { description: 'Funds per year, ascending (年度帮扶资金).' })
  funds(@Root() a: Assignment, @Ctx() ctx: Context): Promise<AssignmentFund[]> {
    return ctx.loaders.fundsOfAssignment.load(a.id);
  }

  @FieldResolver(() => Float, { description: 'Funds over all years, 万元 (累计帮扶资金).' })
  async fundsTotal(@Root() a: Assignment, @Ctx() ctx: Context): Promise<number> {
    return sumFunds(await ctx.loaders.fundsOfAssignment.load(a.id));
  }
}

@Resolver(() => WorkTeam)
export class WorkTeamResolver {
  @FieldResolver(() => Village, { description: 'The village it is stationed in.' })
  village(@Root() w: WorkTeam): Promise<Village> {
    return w.village.load() as Promise<Village>;
  }

  @FieldResolver(() => AssistingUnit, { description: 'The unit that dispatched it (派出单位).' })
  dispatchingUnit(@Root() w: WorkTeam): Promise<AssistingUnit> {
    return w.dispatchingUnit.load() as Promise<AssistingUnit>;
  }
}
