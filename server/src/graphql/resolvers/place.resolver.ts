/** Finding counties, townships and villages by name or code, for the atlas's search box. */
import { Length, Max, Min } from 'class-validator';
import { Args, ArgsType, Ctx, Field, Int, Query, Resolver } from 'type-graphql';
import { searchPlaces } from '../../spatial/place-search.js';
import type { Context } from '../context.js';
import { Place } from '../types/place.type.js';

@ArgsType()
export class PlacesArgs {
  @Field(() => String, { description: 'Text the Chinese or English name contains (case-insensitive for English), or a code prefix; 1–50 characters.' })
  @Length(1, 50)
  search!: string;

  @Field(() => Int, { defaultValue: 10, description: 'Most places to return, 1–50.' })
  @Min(1)
  @Max(50)
  limit = 10;
}

@Resolver(() => Place)
export class PlaceResolver {
  @Query(() => [Place], {
    description:
      'Counties, townships and villages whose name contains the text or whose code starts with it (地名检索): exact names first, then names starting with it, then the rest; counties before townships before villages.',
  })
  async places(@Args(() => PlacesArgs) { search, limit }: PlacesArgs, @Ctx() ctx: Context): Promise<Place[]> {
    if (search.trim() === '') return [];
    const rows = await searchPlaces(ctx.em, ctx.scope, search, limit);
    return rows.map((row) => Place.from(row));
  }
}
