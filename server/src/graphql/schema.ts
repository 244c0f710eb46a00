/** Builds the executable schema from the type-graphql classes. */
import 'reflect-metadata';
import './enums.js';
import type { GraphQLSchema } from 'graphql';
import { buildSchema, type PubSub } from 'type-graphql';
import { validateArgument } from './argument-validation.js';
import { directFieldResolvers } from './direct-field-resolvers.js';
import { plainFieldsReadTheirProperty } from './simple-resolvers.js';
import { AllianceResolver } from './resolvers/alliance.resolver.js';
import { AssessmentResolver } from './resolvers/assessment.resolver.js';
import { EmbedTokenResolver } from './resolvers/embed-token.resolver.js';
import { TokenRevocationResolver } from './resolvers/token-revocation.resolver.js';
import { AssignmentResolver, AssistingUnitResolver, WorkTeamResolver } from './resolvers/assistance.resolver.js';
import { IndicatorsResolver } from './resolvers/indicators.resolver.js';
import { InspectionResolver } from './resolvers/inspection.resolver.js';
import { LiveResolver } from './resolvers/live.resolver.js';
import { OrganisationResolver } from './resolvers/organisation.resolver.js';
import { PairingAnalysisResolver } from './resolvers/pairing-analysis.resolver.js';
import { PairingResolver } from './resolvers/pairing.resolver.js';
import { PlaceResolver } from './resolvers/place.resolver.js';
import { PlanningResolver } from './resolvers/planning.resolver.js';
import { HeldPrefecturesResolver } from './resolvers/held-prefectures.resolver.js';
import { RemovePrefectureResolver } from './resolvers/remove-prefecture.resolver.js';
import { CountyPovertyCauseResolver, PrefecturePovertyCauseResolver, TownshipPovertyCauseResolver, VillagePovertyCauseResolver } from './resolvers/poverty-causes.resolver.js';
import { IndustryProjectResolver } from './resolvers/project.resolver.js';
import { ProjectProgressResolver, ProjectYearResolver } from './resolvers/project-progress.resolver.js';
import { CountyResolver, PrefectureResolver, TownshipResolver } from './resolvers/region.resolver.js';
import { CountyReportedFiguresResolver, PrefectureFigureSourceResolver, ReportedFiguresResolver, TownshipReportedFiguresResolver } from './resolvers/reported-figures.resolver.js';
import { VillageResolver, VillageYearResolver } from './resolvers/village.resolver.js';
import { WarningResolver } from './resolvers/warning.resolver.js';

export const resolvers = [
  PrefectureResolver,
  CountyResolver,
  TownshipResolver,
  VillageResolver,
  VillageYearResolver,
  AllianceResolver,
  IndustryProjectResolver,
  ProjectProgressResolver,
  ProjectYearResolver,
  PairingResolver,
  OrganisationResolver,
  AssistingUnitResolver,
  AssignmentResolver,
  WorkTeamResolver,
  IndicatorsResolver,
  PlanningResolver,
  PairingAnalysisResolver,
  EmbedTokenResolver,
  TokenRevocationResolver,
  RemovePrefectureResolver,
  HeldPrefecturesResolver,
  PlaceResolver,
  LiveResolver,
  WarningResolver,
  ReportedFiguresResolver,
  PrefectureFigureSourceResolver,
  CountyReportedFiguresResolver,
  TownshipReportedFiguresResolver,
  AssessmentResolver,
  InspectionResolver,
  VillagePovertyCauseResolver,
  TownshipPovertyCauseResolver,
  CountyPovertyCauseResolver,
  PrefecturePovertyCauseResolver,
] as const;

/**
 * type-graphql wants a PubSub as soon as the schema has a subscription, even
 * when each brings its own `subscribe` function, as ours do (live.resolver.ts):
 * one that has no topics.
 */
const NO_TOPICS: PubSub = {
  publish() {
    throw new Error('this schema\'s subscriptions have no topics: each brings its own subscribe function');
  },
  subscribe() {
    throw new Error('this schema\'s subscriptions have no topics: each brings its own subscribe function');
  },
};

export async function createSchema(): Promise<GraphQLSchema> {
  plainFieldsReadTheirProperty();
  const schema = await buildSchema({ resolvers, validateFn: validateArgument, pubSub: NO_TOPICS });
  directFieldResolvers(schema);
  // type-graphql has no option for the root types' descriptions.
  const query = schema.getQueryType();
  if (query) query.description = 'Reading the hub: the region, its areas and villages, alliances, projects, pairings and indicators.';
  const mutation = schema.getMutationType();
  if (mutation) mutation.description = 'Planners\' changes: each needs a token with role planner (or admin) covering the county, obeys the domain rules, runs in one transaction and is audited.';
  const subscription = schema.getSubscriptionType();
  if (subscription) subscription.description = 'Live updates (实时更新) over WebSocket at /graphql (graphql-ws): what changed, as it commits.';
  return schema;
}
