/**
 * How the validation limits word their refusals (graphql-armor's and
 * graphql-js's), so errors.ts can tell a limit from another validation
 * error and answer LIMIT_EXCEEDED. Apart from limits.ts, which imports the
 * error codes.
 */

/** graphql-armor's rejection messages, told apart from other validation errors. */
export const LIMIT_MESSAGE = /(depth|cost|aliases|token|directives) limit of \d+ exceeded/i;

/** graphql-js's token-limit message, reworded like armor's. */
export function tokenLimitMessage(message: string): string | null {
  // graphql 16 spells it "more that".
  const m = /Document contains more th(?:an|at) (\d+) tokens/.exec(message);
  return m ? `token limit of ${m[1]} exceeded` : null;
}
