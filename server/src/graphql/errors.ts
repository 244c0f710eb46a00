/**
 * The one enum of public error codes, and the one place that turns anything
 * thrown inside a resolver into an error a client may see. Internals (stack
 * traces, SQL, driver messages) never leave the server.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, Kind, print, type GraphQLFormattedError } from 'graphql';
import type { ValidationError } from 'class-validator';
import { ArgumentValidationError } from 'type-graphql';
import {
  CheckConstraintViolationException,
  DriverException,
  ForeignKeyConstraintViolationException,
  NotNullConstraintViolationException,
  OptimisticLockError,
  UniqueConstraintViolationException,
} from '@mikro-orm/core';
import { RuleViolation } from '../domain/planning.js';
import { Missing, StaleVersion } from '../domain/planning/edit.js';
import { LIMIT_MESSAGE, tokenLimitMessage } from './limit-messages.js';
import { isPoolTimeout } from './pool-timeout.js';

export enum ErrorCode {
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  NOT_FOUND = 'NOT_FOUND',
  FORBIDDEN = 'FORBIDDEN',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  CONFLICT = 'CONFLICT',
  LIMIT_EXCEEDED = 'LIMIT_EXCEEDED',
  /** The answer is larger than RESPONSE_MAX_BYTES: ask for fewer fields or smaller pages. */
  RESPONSE_TOO_LARGE = 'RESPONSE_TOO_LARGE',
  SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE',
  INTERNAL = 'INTERNAL',
}

/** An error meant for the client: its message is safe to show. */
export class ApiError extends GraphQLError {
  constructor(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { ...extensions, code } });
  }

  static badInput(message: string, argument?: string): ApiError {
    return new ApiError(ErrorCode.BAD_USER_INPUT, message, argument ? { argument } : {});
  }

  static notFound(what: string, id: string | number): ApiError {
    return new ApiError(ErrorCode.NOT_FOUND, `${what} "${id}" does not exist`, { entity: what, id });
  }
}

const APOLLO_CLIENT_CODES = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT', 'BAD_REQUEST', 'PERSISTED_QUERY_NOT_FOUND', 'PERSISTED_QUERY_NOT_SUPPORTED', 'OPERATION_RESOLUTION_FAILURE']);

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P03', '08006', '08001', '08003']);

/**
 * graphql-js repeats a rejected variable's value in its message, twice
 * ('Variable "$y" got invalid value "x"; Int cannot represent non-integer
 * value: "x"'). Say which variable, where in it, and the type it must have,
 * from the variable's definition, never what it held.
 */
function withoutValue(message: string, error: unknown): string {
  const m = /^Variable "(\$[^"]+)" got invalid value/.exec(message);
  if (!m) return message;
  const node = error instanceof GraphQLError ? error.nodes?.[0] : undefined;
  const type = node?.kind === Kind.VARIABLE_DEFINITION ? `; expected ${print(node.type)}` : '';
  const at = / at "([^"]*)"; /.exec(message)?.[1];
  const field = /; (Field "[^"]+" (?:is not defined by type|of required type) "[^"]+"(?: was not provided)?\.?)$/.exec(message)?.[1];
  return `Variable "${m[1]}" got an invalid value${at ? ` at "${at}"` : ''}${field ? `: ${field}` : type}`;
}

/** The one place where domain and database failures become API errors. */
function mapDomainError(e: unknown): ApiError | null {
  if (e instanceof RuleViolation) return new ApiError(ErrorCode.BAD_USER_INPUT, `${e.subject} breaks a rule: ${e.message}`, { problems: e.problems });
  if (e instanceof StaleVersion) return new ApiError(ErrorCode.CONFLICT, e.message, { currentVersion: e.current });
  if (e instanceof OptimisticLockError) return new ApiError(ErrorCode.CONFLICT, 'the row was changed by someone else meanwhile; reload it and try again');
  if (e instanceof Missing) return new ApiError(ErrorCode.NOT_FOUND, e.message, { entity: e.entity, id: e.id, ...(e.field ? { argument: e.field } : {}) });
  if (e instanceof UniqueConstraintViolationException) return new ApiError(ErrorCode.CONFLICT, `the change conflicts with existing data (${constraint(e)})`);
  if (e instanceof CheckConstraintViolationException || e instanceof NotNullConstraintViolationException) {
    return new ApiError(ErrorCode.BAD_USER_INPUT, `the change breaks a database rule (${constraint(e)})`);
  }
  if (e instanceof ForeignKeyConstraintViolationException) return new ApiError(ErrorCode.BAD_USER_INPUT, `the change refers to something that does not exist (${constraint(e)})`);
  return null;
}

/** The constraint's name only: the driver's message holds SQL and values. */
function constraint(e: DriverException): string {
  return (e as DriverException & { constraint?: string }).constraint ?? 'constraint';
}

/** class-validator errors of nested inputs, each named by its path (filter.spatial.near.radiusMeters). */
function flatten(errors: ValidationError[], prefix: string): string[] {
  return errors.flatMap((e) => {
    const path = prefix ? `${prefix}.${e.property}` : e.property;
    const own = e.constraints ? [`${path}: ${Object.values(e.constraints).join('; ')}`] : [];
    return [...own, ...flatten(e.children ?? [], path)];
  });
}

export interface DatabaseFailure {
  code: ErrorCode;
  message: string;
  /** Worth a log line: the pool ran dry (the hub's own limit), not the network. */
  log: boolean;
}

/** A database failure a client may retry later, as the client may see it; null when the error is not one. */
export function databaseFailure(original: unknown): DatabaseFailure | null {
  if (isPoolTimeout(original)) {
    return { code: ErrorCode.SERVICE_UNAVAILABLE, message: 'the database is busy; try again shortly', log: true };
  }
  const driverCode = (original as { code?: string } | null)?.code;
  // 57014: PostgreSQL cancelled it at statement_timeout; 'Query read timeout' (node-postgres, after the statement as
  // MikroORM words it): the embedded database's client gave up at the same time.
  if (driverCode === '57014' || /(^| - )Query read timeout$/.test((original as Error | null)?.message ?? '')) {
    return { code: ErrorCode.LIMIT_EXCEEDED, message: 'the query took too long and was cancelled', log: false };
  }
  // node-postgres gives no code when the connection drops mid-query or times out while connecting.
  // MikroORM puts the statement before the driver's message ("<sql> - Connection terminated unexpectedly").
  const dropped = /(^| - )(Connection terminated|timeout expired$)/.test((original as Error | null)?.message ?? '');
  if ((driverCode && CONNECTION_CODES.has(driverCode)) || dropped) return { code: ErrorCode.SERVICE_UNAVAILABLE, message: 'the database is not reachable; try again shortly', log: false };
  return null;
}

export type ErrorLogger = (error: unknown) => void;

/** Apollo's formatError: keep our codes, map known failures, hide the rest. */
export function formatError(log: ErrorLogger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof ApiError) {
      return { message: original.message, path: formatted.path, locations: formatted.locations, extensions: original.extensions };
    }
    const mapped = mapDomainError(original);
    if (mapped) return { message: mapped.message, path: formatted.path, locations: formatted.locations, extensions: mapped.extensions };
    if (original instanceof ArgumentValidationError) {
      // Name each argument and what is wrong with it, never the value sent.
      const what = flatten(original.extensions.validationErrors, '').join('. ');
      return { message: `invalid argument: ${what}`, path: formatted.path, locations: formatted.locations, extensions: { code: ErrorCode.BAD_USER_INPUT } };
    }
    const code = formatted.extensions?.code;
    const tokens = tokenLimitMessage(formatted.message);
    if (tokens) return { message: tokens, extensions: { code: ErrorCode.LIMIT_EXCEEDED } };
    if (LIMIT_MESSAGE.test(formatted.message)) {
      return { message: formatted.message.replace(/^Syntax Error: /, ''), locations: formatted.locations, extensions: { code: ErrorCode.LIMIT_EXCEEDED } };
    }
    if (typeof code === 'string' && APOLLO_CLIENT_CODES.has(code)) {
      // Parse and validation errors describe the query, not the server.
      const mapped = ErrorCode.BAD_USER_INPUT;
      return { message: withoutValue(formatted.message, original), locations: formatted.locations, path: formatted.path, extensions: { code: mapped } };
    }
    const failure = databaseFailure(original);
    if (failure) {
      if (failure.log) log(original);
      return { message: failure.message, path: formatted.path, extensions: { code: failure.code } };
    }
    log(original);
    return { message: 'internal error', path: formatted.path, extensions: { code: ErrorCode.INTERNAL } };
  };
}

/** HTTP status of a request-level failure (no data) by its error code. */
const REQUEST_STATUS: Partial<Record<string, number>> = {
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.LIMIT_EXCEEDED]: 400,
  [ErrorCode.RESPONSE_TOO_LARGE]: 400,
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.SERVICE_UNAVAILABLE]: 503,
};

/**
 * Apollo answers 500 for errors raised before execution by plugins (e.g. a
 * syntax error found by the token limit's parser). A client's mistake is not
 * a server failure: give such answers the status their code stands for.
 */
export function requestStatusPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.http.status !== 500 || response.body.kind !== 'single' || response.body.singleResult.data) return;
          const statuses = new Set((response.body.singleResult.errors ?? []).map((e) => REQUEST_STATUS[String(e.extensions?.code)]));
          const [status] = [...statuses];
          if (statuses.size === 1 && status !== undefined) response.http.status = status;
        },
      };
    },
  };
}
