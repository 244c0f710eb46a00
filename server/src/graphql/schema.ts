/** Builds the executable schema from the type-graphql classes. */
import 'reflect-metadata';
import './enums.js';
import type { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { AllianceResolver } from './resolvers/alliance.resolver.js';
import { CountyResolver, PrefectureResolver, TownshipResolver } from './resolvers/region.resolver.js';
import { VillageResolver, VillageYearResolver } from './resolvers/village.resolver.js';

export const resolvers = [PrefectureResolver, CountyResolver, TownshipResolver, VillageResolver, VillageYearResolver, AllianceResolver] as const;

export function createSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers,
    // class-validator checks argument bounds (@Min, @Max, @Length) before a resolver runs.
    validate: { forbidUnknownValues: false },
  });
}
