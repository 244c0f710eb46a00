/**
 * Why the embedded map cannot show its view, from the error its GraphQL
 * client met: a token problem (none where the hub needs one, an expired or
 * a refused one), a hub that does not answer, or another error of the hub's.
 * The code goes to the host page (`error` and `result` messages) and picks
 * the message the frame shows.
 */
import { CombinedGraphQLErrors, ServerError } from '@apollo/client';
import type { ProblemCode } from './protocol';

export type FrameProblem = Extract<ProblemCode, 'token-missing' | 'token-expired' | 'token-invalid' | 'hub-unreachable' | 'load-failed'>;

/** The error's message with what the hub said (status, body, GraphQL errors). */
export function errorText(error: Error): string {
  const parts = [error.message];
  if (ServerError.is(error)) parts.push(String(error.statusCode), error.bodyText);
  if (CombinedGraphQLErrors.is(error)) parts.push(JSON.stringify(error.errors));
  return parts.join(' ');
}

/** Statuses a proxy answers for a hub behind it that is down or overwhelmed. */
const HUB_AWAY = new Set([502, 503, 504]);

export function problemOf(error: Error, hadToken: boolean): FrameProblem {
  const text = errorText(error);
  if (/UNAUTHENTICATED|\b401\b/.test(text)) {
    if (!hadToken) return 'token-missing';
    return /expired/i.test(text) ? 'token-expired' : 'token-invalid';
  }
  if (ServerError.is(error)) return HUB_AWAY.has(error.statusCode) ? 'hub-unreachable' : 'load-failed';
  // fetch rejects with a TypeError when no answer came at all (connection refused or cut).
  return error instanceof TypeError ? 'hub-unreachable' : 'load-failed';
}
