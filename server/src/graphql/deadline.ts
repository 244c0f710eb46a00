/**
 * A deadline for every operation, independent of the database
 * (REQUEST_DEADLINE_MS): an operation still running when it passes is
 * answered LIMIT_EXCEEDED at once instead of holding its client, and what is
 * left of its work is abandoned where it can be: from then on, a resolver
 * that reaches for the database (the context's `em` or `loaders`) fails
 * without asking, so the fields not yet started cost nothing. Statements
 * already sent run until they end (STATEMENT_TIMEOUT_MS bounds them); their
 * answers are dropped.
 *
 * The statement timeout covers one statement; the deadline covers the whole
 * operation (many statements, compiling, resolving thousands of fields,
 * waiting for a pooled connection). Its default is longer than the statement
 * timeout, so a slow statement is answered by its own error first.
 */
import type { ApolloServerOptionsWithGateway, ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ApiError, ErrorCode } from './errors.js';

type Gateway = ApolloServerOptionsWithGateway<BaseContext>['gateway'];
type Executor = NonNullable<Awaited<ReturnType<Gateway['load']>>['executor']>;
type RequestContext = Parameters<Executor>[0];
/** Awaited before an operation runs, inside its deadline. */
export type BeforeExecute = (rc: RequestContext) => Promise<void> | void;

/** Context members through which resolvers reach the database. */
const DATABASE_MEMBERS = ['em', 'loaders'] as const;

/** Set on the context of an operation that ran past its deadline (the plugins' willSendResponse reads it). */
export const DEADLINE_PASSED = Symbol('deadline passed');

export function deadlineError(ms: number): ApiError {
  return new ApiError(
    ErrorCode.LIMIT_EXCEEDED,
    `the request did not finish within ${ms} ms and was stopped; ask for less (fewer fields, smaller pages with limit/offset or first/after) or try again later / 请求未在 ${ms} 毫秒内完成，已停止：请减少查询量（更少字段、用 limit/offset 或 first/after 分更小的页），或稍后再试`,
    { limit: 'REQUEST_DEADLINE_MS', deadlineMs: ms },
  );
}

/** Where a resolver asks for the database after the deadline: it fails at once. */
class Abandoned extends Error {
  override name = 'Abandoned';
}

/** Makes the context's database members fail once `passed()` is true. */
function guardContext(context: Record<PropertyKey, unknown>, passed: () => boolean): void {
  for (const name of DATABASE_MEMBERS) {
    if (!(name in context)) continue;
    const value = context[name];
    Object.defineProperty(context, name, {
      configurable: true,
      enumerable: true,
      get() {
        if (passed()) throw new Abandoned('the request ran past its deadline');
        return value;
      },
    });
  }
}

/**
 * Runs `executor` with a deadline of `ms` (0: none). `beforeExecute` is
 * awaited first, inside the deadline: tests use it as an artificially slow
 * path.
 */
export function executorWithDeadline(executor: Executor, ms: number, beforeExecute?: BeforeExecute): Executor {
  if (ms <= 0 && !beforeExecute) return executor;
  return async (rc) => {
    if (ms <= 0) {
      await beforeExecute?.(rc);
      return executor(rc);
    }
    let passed = false;
    const context = rc.context as Record<PropertyKey, unknown>;
    guardContext(context, () => passed);
    const run = (async () => {
      await beforeExecute?.(rc);
      if (passed) throw new Abandoned('the request ran past its deadline');
      return executor(rc);
    })();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<Awaited<ReturnType<Executor>>>((resolve) => {
      timer = setTimeout(() => {
        passed = true;
        context[DEADLINE_PASSED] = true;
        resolve({ errors: [deadlineError(ms)] });
      }, ms);
    });
    // The abandoned run's end (result or error) is nobody's answer.
    run.catch(() => {});
    try {
      return await Promise.race([run, deadline]);
    } finally {
      clearTimeout(timer);
    }
  };
}

/** A gateway whose executor runs under the deadline. */
export function gatewayWithDeadline(gateway: Gateway, ms: number, beforeExecute?: BeforeExecute): Gateway {
  return {
    async load(options) {
      const loaded = await gateway.load(options);
      return { ...loaded, executor: loaded.executor ? executorWithDeadline(loaded.executor, ms, beforeExecute) : loaded.executor };
    },
    onSchemaLoadOrUpdate: (callback) => gateway.onSchemaLoadOrUpdate(callback),
    stop: () => gateway.stop(),
  };
}

/** An operation stopped at its deadline is answered 400, like the other limits (a 5xx would invite proxies to retry it elsewhere). */
export function deadlineStatusPlugin(): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse(rc) {
          if ((rc.contextValue as Record<PropertyKey, unknown>)[DEADLINE_PASSED] && rc.response.body.kind === 'single' && !rc.response.body.singleResult.data) rc.response.http.status = 400;
        },
      };
    },
  };
}
