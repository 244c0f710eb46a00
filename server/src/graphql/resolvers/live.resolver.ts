/**
 * The `dataChanged` subscription (数据更新): open maps and dashboards learn
 * that figures changed and refetch them. Served over WebSocket at /graphql
 * (graphql-ws, http/live-socket.ts); the announcements come from
 * graphql/data-changes.ts.
 */
import { Field, Int, ObjectType, Resolver, Root, Subscription } from 'type-graphql';
import type { DataChanges } from '../data-changes.js';
import { ApiError, ErrorCode } from '../errors.js';

@ObjectType('DataChange', {
  description:
    'An announcement that the hub\'s data changed (数据更新): a planner\'s edit or an import committed, through this hub or another replica on the same database. Refetch what you show; bursts are folded into at most one announcement about every 300 ms.',
})
export class DataChangeType {
  @Field(() => Int, { description: 'This hub process\'s count of announcements since it started (序号), from 1. Another replica, or this one after a restart, counts on its own.' })
  sequence!: number;

  @Field(() => [String], { description: 'The database tables written (数据表), sorted, e.g. "village_year". Empty when `everything` is true.' })
  tables!: string[];

  @Field(() => Boolean, { description: 'True when what changed is not known (全部更新): the hub could not hear the database for a while. Refetch everything.' })
  everything!: boolean;

  @Field(() => [String], { description: 'The vector tile layers (矢量瓦片图层, GET /tiles/{layer}/…) whose tiles may have changed: ask for their tiles again.' })
  tileLayers!: string[];

  @Field(() => Date, { description: 'When the hub heard the last change this announcement carries (UTC).' })
  at!: Date;
}

/** What a subscription's context carries (http/live-socket.ts). */
export interface LiveContext {
  dataChanges: DataChanges;
}

function isLiveContext(context: unknown): context is LiveContext {
  return typeof context === 'object' && context !== null && 'dataChanges' in context;
}

@Resolver()
export class LiveResolver {
  @Subscription(() => DataChangeType, {
    description:
      'Announces each change to the hub\'s data (数据更新), so an open map refetches its figures without polling. Over WebSocket at /graphql with the graphql-ws protocol (graphql-transport-ws); send the read token, where reading needs one, as connectionParams { authorization: "Bearer <token>" }.',
    subscribe: ({ context }) => {
      if (!isLiveContext(context)) {
        throw new ApiError(ErrorCode.BAD_USER_INPUT, 'subscriptions are served over WebSocket at /graphql (graphql-ws protocol), not over HTTP POST');
      }
      return context.dataChanges.subscribe();
    },
  })
  dataChanged(@Root() change: DataChangeType): DataChangeType {
    return change;
  }
}
