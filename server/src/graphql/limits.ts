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
    // Counted by graphql-js's own parser instead (ApolloServer parseOptions.maxTokens): armor's
    // token plugin throws from a parsing hook, which Apollo answers with 500, even for a syntax error.
    maxTokens: { enabled: false },
    maxDirectives: { n: LIMITS.maxDirectives },
    // Planners explore the schema in the IDE; suggestions help them and introspection shows the same.
    blockFieldSuggestion: { enabled: false },
  }).protect();
}

/** graphql-armor's rejection messages, told apart from other validation errors. */
export const LIMIT_MESSAGE = /(depth|cost|aliases|token|directives) limit of \d+ exceeded/i;

/** graphql-js's token-limit message, reworded like armor's. */
export function tokenLimitMessage(message: string): string | null {
  // graphql 16 spells it "more that".
  const m = /Document contains more th(?:an|at) (\d+) tokens/.exec(message);
  return m ? `token limit of ${m[1]} exceeded` : null;
}
