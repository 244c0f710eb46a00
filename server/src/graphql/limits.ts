/**
 * Limits on what one request may ask (graphql-armor): depth, static cost,
 * aliases, tokens and directives. Rejections carry LIMIT_EXCEEDED (see
 * errors.ts). Numbers leave room for every example in the explorer's
 * cookbook; a planner's nested query over counties → townships → villages
 * → figures stays well inside them.
 */
import { ApolloArmor } from '@escape.tech/graphql-armor';

export const LIMITS = {
  maxDepth: 10,
  maxCost: 5000,
  maxAliases: 30,
  maxTokens: 4000,
  maxDirectives: 30,
} as const;

export function armor() {
  return new ApolloArmor({
    maxDepth: { n: LIMITS.maxDepth, ignoreIntrospection: true, flattenFragments: true },
    costLimit: { maxCost: LIMITS.maxCost, ignoreIntrospection: true },
    maxAliases: { n: LIMITS.maxAliases },
    maxTokens: { n: LIMITS.maxTokens },
    maxDirectives: { n: LIMITS.maxDirectives },
    // Planners explore the schema in the IDE; suggestions help them and introspection shows the same.
    blockFieldSuggestion: { enabled: false },
  }).protect();
}

/** graphql-armor's rejection messages, told apart from other validation errors. */
export const LIMIT_MESSAGE = /(depth|cost|aliases|token|directives) limit of \d+ exceeded/i;
