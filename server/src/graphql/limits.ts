/**
 * Limits on what one request may ask: depth, aliases, tokens and directives
 * (graphql-armor), and the estimated cost of what it returns (cost.ts),
 * which also weighs the request in the rate limit. Rejections carry
 * LIMIT_EXCEEDED (see errors.ts). Numbers leave room for every operation the
 * hub ships (the atlas's, the cookbook's) at national scale (~3,000
 * counties, ~41,000 townships); a township choropleth of the whole country
 * costs ~164,000.
 *
 * The cost is estimated per request, not in validation: Apollo validates a
 * document once and keeps it, but its cost depends on the variables
 * (`villages(limit: $limit)`).
 */
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { DocumentNode, GraphQLSchema } from 'graphql';
import { estimateCost, type RegionSizes } from './cost.js';
import { ApiError, ErrorCode } from './errors.js';

export const LIMITS = {
  maxDepth: 10,
  /** cost points (cost.ts): about 2–3 MB of answer per 100,000 */
  maxCost: 250_000,
  maxAliases: 30,
  maxTokens: 4000,
  maxDirectives: 30,
} as const;

/** Cost points worth one unit of the rate limit, beyond the unit every request takes. */
// 5,000 points (~125 KB of answer): an atlas page with every layer takes ~25 units (its paged
// layers ask 500 at a time: the alliances' page 11, the warnings' 6), an answer at maxCost 51 of the
// default 600 a minute; a request of a few values takes 1.
export const COST_PER_UNIT = 5000;

/** Units of the rate limit a request of this cost takes, the request's own unit included. */
export function unitsOf(cost: number): number {
  return 1 + Math.floor(cost / COST_PER_UNIT);
}

export function armor() {
  return new ApolloArmor({
    maxDepth: { n: LIMITS.maxDepth, ignoreIntrospection: true, flattenFragments: true },
    // The cost is estimated per request, with list sizes and geometry vertices (costPlugin).
    costLimit: { enabled: false },
    maxAliases: { n: LIMITS.maxAliases },
    // Counted by graphql-js's own parser instead (ApolloServer parseOptions.maxTokens): armor's
    // token plugin throws from a parsing hook, which Apollo answers with 500, even for a syntax error.
    maxTokens: { enabled: false },
    maxDirectives: { n: LIMITS.maxDirectives },
    // Planners explore the schema in the IDE; suggestions help them and introspection shows the same.
    blockFieldSuggestion: { enabled: false },
  }).protect();
}


/** How to ask for less: the paging arguments, named in every refusal of a large answer. */
export const PAGING_HINT =
  'ask for fewer fields (boundaries are the largest) or page the lists: limit/offset on villages, pairings, industryProjects, alliances, organisations, findings, inspections, assessment; first/after on warnings; a county or township at a time instead of counties { townships { villages } } / 请减少字段（边界最大），或分页：villages、pairings、industryProjects、alliances、organisations、findings、inspections、assessment 用 limit/offset，warnings 用 first/after；按旗县或乡镇逐个查询，而不是 counties { townships { villages } }';

export function costError(cost: number): ApiError {
  return new ApiError(
    ErrorCode.LIMIT_EXCEEDED,
    `cost limit of ${LIMITS.maxCost} exceeded: the query would return about ${cost} values (geometry vertices included); ${PAGING_HINT} / 查询预计返回约 ${cost} 个值，超过上限 ${LIMITS.maxCost}`,
    { limit: 'cost', cost, maxCost: LIMITS.maxCost },
  );
}

/** The rate limit as the cost charge sees it (guards.ts's RequestBudget). */
export interface CostBudget {
  readonly perMinute: number;
  spend(key: string, units: number): { admitted: boolean; remaining: number; reset: number };
}

export interface CostOptions {
  schema: GraphQLSchema;
  /** the region's figures for list sizes and vertices (measured from the database) */
  region: () => RegionSizes;
  /** the GraphQL rate limit; null when off (a function: the limit is made after the server) */
  budget: () => CostBudget | null;
}

/** The bucket a request was counted in, left in the context by the rate limit's middleware. */
export interface RateScope {
  rateKey?: string;
}

/**
 * Refuses an operation whose estimated cost is over LIMITS.maxCost, and
 * takes its cost from the client's rate-limit bucket (the request's own
 * unit was taken when it arrived): over the budget, 429 with Retry-After.
 */
export function costPlugin(o: CostOptions): ApolloServerPlugin<BaseContext> {
  // Costs of documents whose sizes use no variables, per operation: the atlas repeats its operations.
  const known = new WeakMap<DocumentNode, Map<string, number>>();
  return {
    async requestDidStart() {
      let refusedForRate: { reset: number } | null = null;
      return {
        async didResolveOperation(rc) {
          // No operation resolved (an unknown name): graphql-js's error is the answer, there is nothing to cost.
          if (!rc.operation) return;
          const name = rc.operationName ?? '';
          let cost = known.get(rc.document)?.get(name);
          if (cost === undefined) {
            const estimate = estimateCost(o.schema, rc.document, rc.operation, rc.request.variables ?? {}, o.region());
            cost = estimate.cost;
            if (!estimate.usesVariables) {
              let byName = known.get(rc.document);
              if (!byName) known.set(rc.document, (byName = new Map()));
              byName.set(name, cost);
            }
          }
          if (cost > LIMITS.maxCost) throw costError(cost);
          const key = (rc.contextValue as RateScope).rateKey;
          const extra = unitsOf(cost) - 1;
          const budget = o.budget();
          if (!budget || key === undefined || extra === 0) return;
          const spent = budget.spend(key, extra);
          rc.response.http.headers.set('ratelimit', `limit=${budget.perMinute}, remaining=${spent.remaining}, reset=${spent.reset}`);
          if (spent.admitted) return;
          refusedForRate = spent;
          throw new ApiError(
            ErrorCode.LIMIT_EXCEEDED,
            `too many requests: this query takes ${unitsOf(cost)} units (one per ${COST_PER_UNIT} values it returns, plus one) and this client has spent its ${budget.perMinute} units of the minute; retry after the time in Retry-After (seconds), or ask for less / 请求过多：本查询占 ${unitsOf(cost)} 个单位，本客户端本分钟的 ${budget.perMinute} 个单位已用完，请在 Retry-After 所示秒数后重试，或减少查询量`,
            { limit: 'RATE_LIMIT_PER_MINUTE', cost, units: unitsOf(cost) },
          );
        },
        async willSendResponse(rc) {
          if (!refusedForRate) return;
          rc.response.http.status = 429;
          rc.response.http.headers.set('retry-after', String(Math.max(1, refusedForRate.reset)));
        },
      };
    },
  };
}
