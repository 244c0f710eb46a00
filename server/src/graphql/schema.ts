/** Builds the executable schema from the type-graphql classes. */
import 'reflect-metadata';
import './enums.js';
import { validateOrReject, type ValidationError, type ValidatorOptions } from 'class-validator';
import type { GraphQLSchema } from 'graphql';
import { ArgumentValidationError, buildSchema, getMetadataStorage, type PubSub } from 'type-graphql';
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

/** What type-graphql's own validation passes to class-validator with `validate: { forbidUnknownValues: false }`. */
const VALIDATOR_OPTIONS: ValidatorOptions = { forbidUnknownValues: false, skipMissingProperties: true };
const validatable = (v: unknown): v is object => v !== null && typeof v === 'object';

/**
 * class-validator checks argument bounds (@Min, @Max, @Length) before a
 * resolver runs. type-graphql's built-in validation does the same but loads
 * class-validator with a dynamic import() on every validated argument, which
 * under the tsx loader is a round trip to the loader thread (~1 ms a request).
 */
async function validateArgument(value: unknown): Promise<void> {
  if (!validatable(value)) return;
  try {
    await Promise.all((Array.isArray(value) ? value.filter(validatable) : [value]).map((v) => validateOrReject(v, VALIDATOR_OPTIONS)));
  } catch (error) {
    throw new ArgumentValidationError(error as ValidationError[]);
  }
}

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

/** The part of type-graphql's metadata storage this reads and sets (the type is not exported). */
type TypeMetadata = Pick<ReturnType<typeof getMetadataStorage>, 'fields' | 'objectTypes'>;

/**
 * A field that only reads its property (no field resolver) is left to
 * graphql's default resolver, which graphql-jit compiles to a property read,
 * instead of type-graphql's wrapper, which runs the field's middlewares and
 * role checks first: the schema has neither (type-graphql's `simpleResolvers`).
 * On the national bounding box (254 villages, 3 fields each, 8 connections)
 * the hub answered 372-387 times a second before and 408-410 after. A field
 * given roles or middlewares would be skipped by the default resolver, so one
 * stops the schema being built.
 */
export function plainFieldsReadTheirProperty(storage: TypeMetadata = getMetadataStorage()): void {
  const guarded = storage.fields.filter((f) => (f.roles?.length ?? 0) > 0 || (f.middlewares?.length ?? 0) > 0);
  if (guarded.length > 0) {
    const names = guarded.map((f) => `${f.target.name}.${f.name}`).join(', ');
    throw new Error(`fields with roles or middlewares (${names}): their object types must not use simple resolvers (graphql/schema.ts)`);
  }
  for (const type of storage.objectTypes) type.simpleResolvers ??= true;
}

export async function createSchema(): Promise<GraphQLSchema> {
  plainFieldsReadTheirProperty();
  const schema = await buildSchema({ resolvers, validateFn: validateArgument, pubSub: NO_TOPICS });
  // type-graphql has no option for the root types' descriptions.
  const query = schema.getQueryType();
  if (query) query.description = 'Reading the hub: the region, its areas and villages, alliances, projects, pairings and indicators.';
  const mutation = schema.getMutationType();
  if (mutation) mutation.description = 'Planners\' changes: each needs a token with role planner (or admin) covering the county, obeys the domain rules, runs in one transaction and is audited.';
  const subscription = schema.getSubscriptionType();
  if (subscription) subscription.description = 'Live updates (实时更新) over WebSocket at /graphql (graphql-ws): what changed, as it commits.';
  return schema;
}
