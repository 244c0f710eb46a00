/**
 * Removing a region (删除地区): an admin removes a prefecture with everything
 * under it, e.g. the demo region once the bureau's own is loaded. One
 * transaction, audited (domain/region/remove-prefecture.service.ts); the same as
 * `pnpm data:remove --prefecture <code>`.
 */
import { Arg, Ctx, Field, Int, Mutation, ObjectType, Resolver } from 'type-graphql';
import type { EntityManager } from '@mikro-orm/postgresql';
import { PrefectureRemovalError, removePrefecture } from '../../domain/region/remove-prefecture.service.js';
import { requireRole } from '../auth.js';
import type { Context } from '../context.js';
import { ApiError } from '../errors.js';

@ObjectType('RemovedRows', { description: 'Rows removed from one table (删除的行数).' })
export class RemovedRowsType {
  @Field(() => String, { description: 'The table, e.g. village, village_year, pairing.' })
  table!: string;

  @Field(() => Int, { description: 'How many of its rows were removed.' })
  rows!: number;
}

@ObjectType('PrefectureRemoval', { description: 'A removed prefecture (已删除的盟市) and what went with it.' })
export class PrefectureRemovalType {
  @Field(() => String, { description: 'Its 12-digit division code.' })
  code!: string;

  @Field(() => String, { description: 'Its name (名称).' })
  name!: string;

  @Field(() => [RemovedRowsType], { description: 'Rows removed per table, children first.' })
  removed!: RemovedRowsType[];
}

@Resolver()
export class RemovePrefectureResolver {
  @Mutation(() => PrefectureRemovalType, {
    description:
      'Remove a prefecture with everything under it (删除盟市及其下全部数据): counties, townships, villages, their figures, pairings, projects, inspections and the rest, all or nothing. Needs role admin; audited.',
  })
  async removePrefecture(@Arg('code', () => String, { description: 'The prefecture\'s 12-digit code, e.g. 159900000000 (the demo region).' }) code: string, @Ctx() ctx: Context): Promise<PrefectureRemovalType> {
    const principal = requireRole(ctx.principal, 'admin', 'removePrefecture');
    try {
      return await ctx.em.transactional((em) => removePrefecture(em as EntityManager, code.trim(), principal));
    } catch (error) {
      if (error instanceof PrefectureRemovalError) throw ApiError.badInput(error.message, 'code');
      throw error;
    }
  }
}
