/** Builds the executable schema from the type-graphql classes. */
import 'reflect-metadata';
import './enums.js';
import type { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { AllianceResolver } from './resolvers/alliance.resolver.js';
import { EmbedTokenResolver } from './resolvers/embed-token.resolver.js';
import { AssignmentResolver, AssistingUnitResolver, WorkTeamResolver } from './resolvers/assistance.resolver.js';
import { IndicatorsResolver } from './resolvers/indicators.resolver.js';
import { OrganisationResolver } from './resolvers/organisation.resolver.js';
import { PairingAnalysisResolver } from './resolvers/pairing-analysis.resolver.js';
import { PairingResolver } from './resolvers/pairing.resolver.js';
import { PlaceResolver } from './resolvers/place.resolver.js';
import { PlanningResolver } from './resolvers/planning.resolver.js';
import { IndustryProjectResolver } from './resolvers/project.resolver.js';
import { CountyResolver, PrefectureResolver, TownshipResolver } from './resolvers/region.resolver.js';
import { VillageResolver, VillageYearResolver } from './resolvers/village.resolver.js';

export const resolvers = [
  PrefectureResolver,
  CountyResolver,
  TownshipResolver,
  VillageResolver,
  VillageYearResolver,
  AllianceResolver,
  IndustryProjectResolver,
  PairingResolver,
  OrganisationResolver,
  AssistingUnitResolver,
  AssignmentResolver,
  WorkTeamResolver,
  IndicatorsResolver,
  PlanningResolver,
  PairingAnalysisResolver,
  EmbedTokenResolver,
  PlaceResolver,
] as const;

export async function createSchema(): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers,
    // class-validator checks argument bounds (@Min, @Max, @Length) before a resolver runs.
    validate: { forbidUnknownValues: false },
  });
  // type-graphql has no option for the root types' descriptions.
  const query = schema.getQueryType();
  if (query) query.description = 'Reading the hub: the region, its areas and villages, alliances, projects, pairings and indicators.';
  const mutation = schema.getMutationType();
  if (mutation) mutation.description = 'Planners\' changes: each needs a token with role planner (or admin) covering the county, obeys the domain rules, runs in one transaction and is audited.';
  return schema;
}
