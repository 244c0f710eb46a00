/**
 * What the variables of a request may hold before anything reads them.
 *
 * PostgreSQL cannot store or compare text containing the NUL character
 * (U+0000): such a string would fail deep in the driver as an internal error.
 * Refuse it up front, naming where it is, in the query text (a validation
 * rule) and in the variables (a plugin, before anything runs).
 *
 * No input type of the schema nests deeper than a GeoJSON MultiPolygon's
 * coordinates (4 arrays inside 2 objects); a value nested thousands deep
 * would overflow the stack of whatever walks it next (the answer cache's
 * key, graphql-js's coercion). Deeper than MAX_DEPTH is refused, and the
 * walk here is a loop, not a recursion.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, type ValidationRule } from 'graphql';

const NUL = '\u0000';
const WHY = 'contains the NUL character (\\u0000), which cannot be stored; remove it';

/** Levels of arrays and objects a variable may nest. */
export const MAX_DEPTH = 32;

export const nulFreeLiterals: ValidationRule = (context) => ({
  StringValue(node) {
    if (node.value.includes(NUL)) context.reportError(new GraphQLError(`a string in the query ${WHY}`, { nodes: [node] }));
  },
});

export type InputProblem = { kind: 'nul' | 'depth'; path: string };

/**
 * The first problem of a variable's value, depth first: a string (value or
 * key) containing NUL, e.g. at `$input.memberCodes[2]`, or a value nested
 * deeper than MAX_DEPTH; null when there is none.
 */
export function inputProblem(value: unknown, path: string): InputProblem | null {
  const stack: Array<{ value: unknown; path: string; depth: number }> = [{ value, path, depth: 0 }];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (typeof item.value === 'string') {
      if (item.value.includes(NUL)) return { kind: 'nul', path: item.path };
      continue;
    }
    if (item.value === null || typeof item.value !== 'object') continue;
    if (item.depth >= MAX_DEPTH) return { kind: 'depth', path: item.path };
    const children = Array.isArray(item.value)
      ? item.value.map((child, i) => ({ value: child, path: `${item.path}[${i}]`, depth: item.depth + 1 }))
      : Object.entries(item.value).map(([key, child]) => {
          if (key.includes(NUL)) return { value: key, path: `${item.path}.${key}`, depth: item.depth + 1 };
          return { value: child, path: `${item.path}.${key}`, depth: item.depth + 1 };
        });
    // Reversed onto the stack, so the first child is looked at first.
    for (let i = children.length - 1; i >= 0; i -= 1) stack.push(children[i]!);
  }
  return null;
}

export function nulFreeVariables(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request }) {
          for (const [name, value] of Object.entries(request.variables ?? {})) {
            const problem = inputProblem(value, `$${name}`);
            if (!problem) continue;
            const message = problem.kind === 'nul' ? `variable ${problem.path} ${WHY}` : `variable ${problem.path} is nested deeper than ${MAX_DEPTH} levels; no input of this API nests so deep`;
            throw new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });
          }
        },
      };
    },
  };
}
