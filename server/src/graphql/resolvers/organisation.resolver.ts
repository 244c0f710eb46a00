/** Organisations (合作社 / 平台公司 / 企业) and what they are linked to. */
import type { FilterQuery } from '@mikro-orm/core';
import { IsOptional, Length, ValidateNested } from 'class-validator';
import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, InputType, Int, Query, Resolver, Root } from 'type-graphql';
import { Alliance, IndustryProject, Organisation, Pairing, Village } from '../../domain/entities.js';
import { OrganisationKind } from '../../domain/enums.js';
import type { Context } from '../context.js';
import { scopeFilter } from '../../spatial/scope-sql.js';
import { ApiError } from '../errors.js';
import { PageArgs, PageType, page, type Page } from '../types/page.js';

export const OrganisationPage = PageType(Organisation, 'Organisation', 'organisations');

@InputType('OrganisationFilter', { description: 'Conditions on organisations; all given ones must hold.' })
export class OrganisationFilter {
  @Field(() => [OrganisationKind], { nullable: true, description: 'Kind is one of these.' })
  kinds?: OrganisationKind[];
  @Field(() => Boolean, { nullable: true, description: 'Led by the village party branch (党支部领办) or not.' })
  ledByBranch?: boolean;
  @Field(() => String, { nullable: true, description: 'Based in this village (12-digit code).' })
  @IsOptional()
  @Length(12, 12)
  villageCode?: string;
  @Field(() => String, { nullable: true, description: 'Based in a village of this county (12-digit code).' })
  @IsOptional()
  @Length(12, 12)
  countyCode?: string;
}

@ArgsType()
class OrganisationsArgs extends PageArgs {
  @Field(() => OrganisationFilter, { nullable: true, description: 'Conditions (筛选).' })
  @ValidateNested()
  filter?: OrganisationFilter;
}

/**
 * Inside the request's read scope by home village; an enterprise without one
 * belongs to no area and is read by prefecture-wide readers only (not by an
 * embed token limited to counties).
 */
function inReadScope(ctx: Context): FilterQuery<Organisation> {
  const home = scopeFilter(ctx.scope, 'village') as FilterQuery<Organisation>;
  return ctx.scope.counties === null ? { $or: [{ village: null }, home] } : home;
}

@Resolver(() => Organisation)
export class OrganisationResolver {
  @Query(() => Organisation, { description: 'One organisation by id; NOT_FOUND when there is none.' })
  async organisation(@Arg('id', () => Int, { description: 'Organisation id.' }) id: number, @Ctx() ctx: Context): Promise<Organisation> {
    const found = await ctx.em.findOne(Organisation, { $and: [{ id }, inReadScope(ctx)] });
    if (!found) throw ApiError.notFound('Organisation', id);
    return found;
  }

  @Query(() => OrganisationPage, { description: 'Cooperatives, platform companies and enterprises, by id, filtered and paged.' })
  async organisations(@Args(() => OrganisationsArgs) args: OrganisationsArgs, @Ctx() ctx: Context): Promise<Page<Organisation>> {
    const f = args.filter ?? {};
    const where: FilterQuery<Organisation>[] = [inReadScope(ctx)];
    if (f.kinds?.length) where.push({ kind: { $in: f.kinds } });
    if (f.ledByBranch !== undefined) where.push({ ledByBranch: f.ledByBranch });
    if (f.villageCode) where.push({ village: f.villageCode });
    if (f.countyCode) where.push({ village: { township: { county: f.countyCode } } });
    const [items, total] = await ctx.em.findAndCount(Organisation, where.length ? { $and: where } : {}, { orderBy: { id: 'asc' }, offset: args.offset, limit: args.limit });
    return page(items, total, args.offset);
  }

  @FieldResolver(() => Village, { nullable: true, description: 'Home village; null for an enterprise based outside any village.' })
  async village(@Root() o: Organisation): Promise<Village | null> {
    return o.village ? ((await o.village.load()) ?? null) : null;
  }

  @FieldResolver(() => [IndustryProject], { description: 'Industry projects it operates (经营的产业项目).' })
  projects(@Root() o: Organisation, @Ctx() ctx: Context): Promise<IndustryProject[]> {
    return ctx.loaders.projectsOfOperator.load(o.id);
  }

  @FieldResolver(() => [Pairing], { description: 'Pairings in which it helps a village (村企联建).' })
  pairings(@Root() o: Organisation, @Ctx() ctx: Context): Promise<Pairing[]> {
    return ctx.loaders.pairingsByOrganisation.load(o.id);
  }

  @FieldResolver(() => [Alliance], { description: 'Alliances whose platform company it is (平台公司).' })
  alliances(@Root() o: Organisation, @Ctx() ctx: Context): Promise<Alliance[]> {
    return ctx.loaders.alliancesByPlatform.load(o.id);
  }
}
