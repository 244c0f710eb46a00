/**
 * Every prefecture the database holds (所有盟市), for a database that keeps a
 * bureau's region beside the demo region (--keep-demo): the first is the one
 * `prefecture` answers (the lowest code, CHOSEN_PREFECTURE), the others are
 * there to be offered or removed (removePrefecture).
 */
import { Ctx, Query, Resolver } from 'type-graphql';
import { Prefecture } from '../../domain/entities.js';
import { CHOSEN_PREFECTURE } from '../../domain/region/chosen-prefecture.js';
import type { Context } from '../context.js';

@Resolver()
export class HeldPrefecturesResolver {
  @Query(() => [Prefecture], {
    description: 'Every prefecture the database holds (所有盟市), by code; the first is the one `prefecture` answers. More than one only when a region was kept beside the demo region.',
  })
  prefectures(@Ctx() ctx: Context): Promise<Prefecture[]> {
    return ctx.em.find(Prefecture, {}, { orderBy: CHOSEN_PREFECTURE.orderBy });
  }
}
