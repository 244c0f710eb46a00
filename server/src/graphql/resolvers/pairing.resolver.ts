/** Pairings (强村带弱村 / 中心村辐射周边村 / 村企联建): both ends, years, distance and line. */
import type { FilterQuery } from '@mikro-orm/core';
import { IsOptional, Length, Max, Min } from 'class-validator';
import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, Float, InputType, Int, Query, Resolver, Root } from 'type-graphql';
import { Organisation, Pairing, Village } from '../../domain/entities.js';
import { PairingKind } from '../../domain/enums.js';
import type { Context } from '../context.js';
import { scopeFilter } from '../../spatial/scope-sql.js';
import { ApiError } from '../errors.js';
import { GeoJSONScalar } from '../scalars/geojson.scalar.js';
import { PageArgs, PageType, page, type Page } from '../types/page.js';
import { YearArgs } from '../types/year.args.js';
import { ValidateNested } from 'class-validator';

export const PairingPage = PageType(Pairing, 'Pairing', 'pairings');

@InputType('PairingFilter', { description: 'Conditions on pairings (筛选条件); all given ones must hold.' })
export class PairingFilter {
  @Field(() => [PairingKind], { nullable: true, description: 'Kind is one of these.' })
  kinds?: PairingKind[];
  @Field(() => Boolean, { nullable: true, description: 'Open (true: no end year) or ended (false).' })
  active?: boolean;
  @Field(() => Int, { nullable: true, description: 'Running in this year: started by it and not ended before it.' })
  @IsOptional()
  @Min(2000)
  @Max(2100)
  activeInYear?: number;
  @Field(() => String, { nullable: true, description: 'The helped village is in this county (12-digit code).' })
  @IsOptional()
  @Length(12, 12)
  countyCode?: string;
  @Field(() => String, { nullable: true, description: 'Helped by this village.' })
  @IsOptional()
  @Length(12, 12)
  helperVillageCode?: string;
  @Field(() => String, { nullable: true, description: 'Helping this village.' })
  @IsOptional()
  @Length(12, 12)
  helpedVillageCode?: string;
  @Field(() => Boolean, {
    nullable: true,
    description: 'Has (true) or lacks (false) a line on the map: a helper village, or a helping enterprise with a home village (`line` is then not null).',
  })
  hasLine?: boolean;
}

@ArgsType()
class PairingsArgs extends PageArgs {
  @Field(() => PairingFilter, { nullable: true, description: 'Conditions (筛选).' })
  @ValidateNested()
  filter?: PairingFilter;
}

@Resolver(() => Pairing)
export class PairingResolver {
  @Query(() => Pairing, { description: 'One pairing by id; NOT_FOUND when there is none.' })
  async pairing(@Arg('id', () => Int, { description: 'Pairing id.' }) id: number, @Ctx() ctx: Context): Promise<Pairing> {
    const found = await ctx.em.findOne(Pairing, { id, ...scopeFilter(ctx.scope, 'helpedVillage') });
    if (!found) throw ApiError.notFound('Pairing', id);
    return found;
  }

  @Query(() => PairingPage, { description: 'Pairings, by id, filtered and paged (帮扶结对).' })
  async pairings(@Args(() => PairingsArgs) args: PairingsArgs, @Ctx() ctx: Context): Promise<Page<Pairing>> {
    const f = args.filter ?? {};
    // Inside the scope: the village helped, and a helping village when there is one.
    const where: FilterQuery<Pairing>[] = [scopeFilter(ctx.scope, 'helpedVillage'), { $or: [{ helperVillage: null }, scopeFilter(ctx.scope, 'helperVillage')] }];
    if (f.kinds?.length) where.push({ kind: { $in: f.kinds } });
    if (f.active !== undefined) where.push({ endYear: f.active ? null : { $ne: null } });
    if (f.activeInYear !== undefined) where.push({ startYear: { $lte: f.activeInYear }, $or: [{ endYear: null }, { endYear: { $gte: f.activeInYear } }] });
    if (f.countyCode) where.push({ helpedVillage: { township: { county: f.countyCode } } });
    if (f.helperVillageCode) where.push({ helperVillage: f.helperVillageCode });
    if (f.helpedVillageCode) where.push({ helpedVillage: f.helpedVillageCode });
    // The line's helper end is HELPER_LOCATION (spatial/feature-geometry.ts): the helper village, else the enterprise's village.
    const located: FilterQuery<Pairing> = { $or: [{ helperVillage: { $ne: null } }, { helperOrganisation: { village: { $ne: null } } }] };
    if (f.hasLine === true) where.push(located);
    if (f.hasLine === false) where.push({ $not: located });
    const [items, total] = await ctx.em.findAndCount(Pairing, where.length ? { $and: where } : {}, { orderBy: { id: 'asc' }, offset: args.offset, limit: args.limit });
    return page(items, total, args.offset);
  }

  @FieldResolver(() => Village, { nullable: true, description: 'The helping village (帮扶村); null when an enterprise helps.' })
  async helperVillage(@Root() p: Pairing): Promise<Village | null> {
    return p.helperVillage ? ((await p.helperVillage.load()) ?? null) : null;
  }

  @FieldResolver(() => Organisation, { nullable: true, description: 'The helping enterprise (帮扶企业, 村企联建); null when a village helps.' })
  async helperOrganisation(@Root() p: Pairing): Promise<Organisation | null> {
    return p.helperOrganisation ? ((await p.helperOrganisation.load()) ?? null) : null;
  }

  @FieldResolver(() => Village, { description: 'The helped village (受帮扶村).' })
  helpedVillage(@Root() p: Pairing): Promise<Village> {
    return p.helpedVillage.load() as Promise<Village>;
  }

  @FieldResolver(() => Boolean, { description: 'Open: no end year (在帮).' })
  active(@Root() p: Pairing): boolean {
    return p.endYear === null;
  }

  @FieldResolver(() => Boolean, { description: 'Running in the year: started by it and not ended before it.' })
  activeIn(@Root() p: Pairing, @Args(() => YearArgs) { year }: YearArgs): boolean {
    return p.startYear <= year && (p.endYear === null || p.endYear >= year);
  }

  @FieldResolver(() => Float, { nullable: true, description: 'Geodesic distance in metres between helper and helped village; null when the helping enterprise has no home village.' })
  async distanceMeters(@Root() p: Pairing, @Ctx() ctx: Context): Promise<number | null> {
    return (await ctx.loaders.pairingLine.load(p.id)).meters;
  }

  @FieldResolver(() => GeoJSONScalar, { nullable: true, description: 'LineString from the helper to the helped village (WGS-84); null when the helping enterprise has no home village.' })
  async line(@Root() p: Pairing, @Ctx() ctx: Context): Promise<unknown> {
    return (await ctx.loaders.pairingLine.load(p.id)).line;
  }
}
