/**
 * PostgreSQL cannot store or compare text containing the NUL character
 * (U+0000): such a string would fail deep in the driver as an internal error.
 * Refuse it up front, naming where it is, in the query text (a validation
 * rule) and in the variables (a plugin, before anything runs).
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, type ValidationRule } from 'graphql';

const NUL = '\u0000';
const WHY = 'contains the NUL character (\\u0000), which cannot be stored; remove it';

export const nulFreeLiterals: ValidationRule = (context) => ({
  StringValue(node) {
    if (node.value.includes(NUL)) context.reportError(new GraphQLError(`a string in the query ${WHY}`, { nodes: [node] }));
  },
});

/** The path of the first string containing NUL, e.g. `$input.memberCodes[2]`; null when there is none. */
export function nulPath(value: unknown, path: string): string | null {
  if (typeof value === 'string') return value.includes(NUL) ? path : null;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = nulPath(item, `${path}[${i}]`);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = nulPath(key, `${path}.${key}`) ?? nulPath(item, `${path}.${key}`);
      if (found) return found;
    }
  }
  return null;
}

export function nulFreeVariables(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request }) {
          for (const [name, value] of Object.entries(request.variables ?? {})) {
            const at = nulPath(value, `$${name}`);
            if (at) throw new GraphQLError(`variable ${at} ${WHY}`, { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });
          }
        },
      };
    },
  };
}
