/**
 * Planners' changes. Each mutation: a token with role planner (or admin),
 * limited to the counties it covers; the domain rules; one transaction with
 * its audit entry. Resolvers only wire; the services hold the rules' use.
 */
import type { FilterQuery } from '@mikro-orm/core';
import { Arg, Args, ArgsType, Ctx, Field, Int, Mutation, Query, Resolver } from 'type-graphql';
import { ValidateNested } from 'class-validator';
import type { Principal } from '../../auth/roles.js';
import { Alliance, Assignment, AuditEntry, IndustryProject, Pairing, Village, VillageYear } from '../../domain/entities.js';
import { createAlliance, updateAlliance } from '../../domain/planning/alliance.service.js';
import { assignUnit } from '../../domain/planning/assignment.service.js';
import { edit } from '../../domain/planning/edit.js';
import { upsertVillageYear } from '../../domain/planning/figures.service.js';
import { createPairing, endPairing } from '../../domain/planning/pairing.service.js';
import { createProject, retireProject, updateProject } from '../../domain/planning/project.service.js';
import { InvalidGeometry, POINT_TYPES, geometryArgument } from '../../spatial/geometry-input.js';
import { requireCounty, requireRole } from '../auth.js';
import type { Context } from '../context.js';
import { AllianceInput, AllianceUpdateInput, AssignmentInput, AuditFilter, IndustryProjectInput, PairingInput, VillageYearInput } from '../inputs/planning.input.js';
import { ApiError } from '../errors.js';
import { PageArgs, PageType, page, type Page } from '../types/page.js';

export const AuditEntryPage = PageType(AuditEntry, 'AuditEntry', 'audit entries');

@ArgsType()
class AuditArgs extends PageArgs {
  @Field(() => AuditFilter, { nullable: true, description: 'Conditions (筛选).' })
  @ValidateNested()
  filter?: AuditFilter;
}

/** The planner behind a change, and a scope check bound to the action's name. */
function planner(ctx: Context, action: string): { principal: Principal; authorise: (county: string) => void } {
  const principal = requireRole(ctx.principal, 'planner', action);
  return { principal, authorise: (county) => requireCounty(principal, county, action) };
}

async function fresh<T extends object>(ctx: Context, entity: new () => T, id: number): Promise<T> {
  return ctx.em.findOneOrFail(entity, { id } as FilterQuery<T>, { refresh: true });
}

async function point(ctx: Context, value: unknown, argument: string) {
  try {
    return JSON.parse(await geometryArgument(ctx.em, argument, value, POINT_TYPES));
  } catch (error) {
    if (error instanceof InvalidGeometry) throw ApiError.badInput(error.message, error.argument);
    throw error;
  }
}

@Resolver()
export class PlanningResolver {
  @Mutation(() => Pairing, { description: 'Pair a strong village (or an enterprise) with a village (新建结对). Needs role planner for the helped village\'s county.' })
  async createPairing(@Arg('input', () => PairingInput, { description: 'The pairing.' }) input: PairingInput, @Ctx() ctx: Context): Promise<Pairing> {
    const { principal, authorise } = planner(ctx, 'createPairing');
    // Read before the transaction: embedded PGlite serves one transaction at a time, so a
    // query on another connection inside it would wait for the transaction to end.
    const thresholds = await ctx.loaders.thresholds();
    const created = await edit(ctx.em, principal, (c) => createPairing(c, input, thresholds, authorise));
    return fresh(ctx, Pairing, created.id);
  }

  @Mutation(() => Pairing, { description: 'End an open pairing in a year (结束结对).' })
  async endPairing(
    @Arg('id', () => Int, { description: 'Pairing id.' }) id: number,
    @Arg('endYear', () => Int, { description: 'Last year of the pairing.' }) endYear: number,
    @Arg('version', () => Int, { description: 'The version you last read.' }) version: number,
    @Ctx() ctx: Context,
  ): Promise<Pairing> {
    const { principal, authorise } = planner(ctx, 'endPairing');
    await edit(ctx.em, principal, (c) => endPairing(c, id, endYear, version, authorise));
    return fresh(ctx, Pairing, id);
  }

  @Mutation(() => Alliance, { description: 'Form an alliance (成立联合党委) of villages around a centre.' })
  async createAlliance(@Arg('input', () => AllianceInput, { description: 'The alliance.' }) input: AllianceInput, @Ctx() ctx: Context): Promise<Alliance> {
    const { principal, authorise } = planner(ctx, 'createAlliance');
    const created = await edit(ctx.em, principal, (c) => createAlliance(c, input, authorise));
    return fresh(ctx, Alliance, created.id);
  }

  @Mutation(() => Alliance, { description: 'Change an alliance\'s name, centre, platform company or members.' })
  async updateAlliance(@Arg('input', () => AllianceUpdateInput, { description: 'The changes.' }) input: AllianceUpdateInput, @Ctx() ctx: Context): Promise<Alliance> {
    const { principal, authorise } = planner(ctx, 'updateAlliance');
    await edit(ctx.em, principal, (c) => updateAlliance(c, input, 'updateAlliance', authorise));
    return fresh(ctx, Alliance, input.id);
  }

  @Mutation(() => Alliance, { description: 'Add a village to an alliance.' })
  async addAllianceMember(
    @Arg('id', () => Int, { description: 'Alliance id.' }) id: number,
    @Arg('villageCode', () => String, { description: 'The village to add.' }) villageCode: string,
    @Arg('version', () => Int, { description: 'The version you last read.' }) version: number,
    @Ctx() ctx: Context,
  ): Promise<Alliance> {
    return this.changeMembers(ctx, 'addAllianceMember', id, version, (codes) => [...codes, villageCode]);
  }

  @Mutation(() => Alliance, { description: 'Remove a village from an alliance (not its centre; the alliance keeps ≥ 2 members).' })
  async removeAllianceMember(
    @Arg('id', () => Int, { description: 'Alliance id.' }) id: number,
    @Arg('villageCode', () => String, { description: 'The village to remove.' }) villageCode: string,
    @Arg('version', () => Int, { description: 'The version you last read.' }) version: number,
    @Ctx() ctx: Context,
  ): Promise<Alliance> {
    return this.changeMembers(ctx, 'removeAllianceMember', id, version, (codes) => {
      if (!codes.includes(villageCode)) throw ApiError.badInput(`argument "villageCode": village ${villageCode} is not a member of alliance ${id}`, 'villageCode');
      return codes.filter((c) => c !== villageCode);
    });
  }

  @Mutation(() => VillageYear, { description: 'Record a village\'s figures for a year (录入年度指标); every aggregate follows at once.' })
  async upsertVillageYear(@Arg('input', () => VillageYearInput, { description: 'The figures.' }) input: VillageYearInput, @Ctx() ctx: Context): Promise<VillageYear> {
    const { principal, authorise } = planner(ctx, 'upsertVillageYear');
    const row = await edit(ctx.em, principal, (c) => upsertVillageYear(c, input, authorise));
    return fresh(ctx, VillageYear, row.id);
  }

  @Mutation(() => IndustryProject, { description: 'Record a new industry project (新建产业项目).' })
  async createIndustryProject(@Arg('input', () => IndustryProjectInput, { description: 'The project.' }) input: IndustryProjectInput, @Ctx() ctx: Context): Promise<IndustryProject> {
    const { principal, authorise } = planner(ctx, 'createIndustryProject');
    const location = await point(ctx, input.location, 'input.location');
    const created = await edit(ctx.em, principal, (c) => createProject(c, { ...input, location }, authorise));
    return fresh(ctx, IndustryProject, created.id);
  }

  @Mutation(() => IndustryProject, { description: 'Change an industry project (all fields).' })
  async updateIndustryProject(
    @Arg('id', () => Int, { description: 'Project id.' }) id: number,
    @Arg('version', () => Int, { description: 'The version you last read.' }) version: number,
    @Arg('input', () => IndustryProjectInput, { description: 'The project as it should be.' }) input: IndustryProjectInput,
    @Ctx() ctx: Context,
  ): Promise<IndustryProject> {
    const { principal, authorise } = planner(ctx, 'updateIndustryProject');
    const location = await point(ctx, input.location, 'input.location');
    await edit(ctx.em, principal, (c) => updateProject(c, id, version, { ...input, location }, authorise));
    return fresh(ctx, IndustryProject, id);
  }

  @Mutation(() => IndustryProject, { description: 'Retire an industry project in a year (项目退出).' })
  async retireIndustryProject(
    @Arg('id', () => Int, { description: 'Project id.' }) id: number,
    @Arg('version', () => Int, { description: 'The version you last read.' }) version: number,
    @Arg('endYear', () => Int, { description: 'Last year of the project.' }) endYear: number,
    @Ctx() ctx: Context,
  ): Promise<IndustryProject> {
    const { principal, authorise } = planner(ctx, 'retireIndustryProject');
    await edit(ctx.em, principal, (c) => retireProject(c, id, version, endYear, authorise));
    return fresh(ctx, IndustryProject, id);
  }

  @Mutation(() => Assignment, { description: 'Assign an assisting unit to a village with yearly funds (定点帮扶).' })
  async assignUnit(@Arg('input', () => AssignmentInput, { description: 'The assignment.' }) input: AssignmentInput, @Ctx() ctx: Context): Promise<Assignment> {
    const { principal, authorise } = planner(ctx, 'assignUnit');
    const created = await edit(ctx.em, principal, (c) => assignUnit(c, input, authorise));
    return fresh(ctx, Assignment, created.id);
  }

  @Query(() => AuditEntryPage, { description: 'The audit trail, newest first (审计记录): admins see all; planners the changes in their counties.' })
  async auditTrail(@Args(() => AuditArgs) args: AuditArgs, @Ctx() ctx: Context): Promise<Page<AuditEntry>> {
    const principal = requireRole(ctx.principal, 'planner', 'auditTrail');
    const f = args.filter ?? {};
    const where: FilterQuery<AuditEntry>[] = [];
    if (f.countyCode) {
      if (principal.role !== 'admin') requireCounty(principal, f.countyCode, 'auditTrail');
      where.push({ countyCode: f.countyCode });
    } else if (principal.role !== 'admin' && principal.counties !== null) {
      where.push({ countyCode: { $in: principal.counties } });
    }
    if (f.entity) where.push({ entity: f.entity });
    if (f.subject) where.push({ subject: f.subject });
    const [items, total] = await ctx.em.findAndCount(AuditEntry, where.length ? { $and: where } : {}, { orderBy: { id: 'desc' }, offset: args.offset, limit: args.limit });
    return page(items, total, args.offset);
  }

  private async changeMembers(ctx: Context, action: string, id: number, version: number, next: (codes: string[]) => string[]): Promise<Alliance> {
    const { principal, authorise } = planner(ctx, action);
    await edit(ctx.em, principal, async (c) => {
      const members = await c.em.find(Village, { alliance: id }, { orderBy: { code: 'asc' } });
      return updateAlliance(c, { id, version, memberCodes: next(members.map((m) => m.code)) }, action, authorise);
    });
    return fresh(ctx, Alliance, id);
  }
}
