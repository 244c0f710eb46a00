/**
 * Who may read the schema (introspection). INTROSPECTION on: everyone.
 * Off (the production default): callers with an analyst's, planner's or
 * admin's token still may, so the explorer (/explorer, GraphiQL) keeps its
 * documentation and completion for the people who write queries: they enter
 * their token in its headers pane and fetch the schema again. Anonymous
 * callers, viewers and embed tokens are refused, as Apollo's own switch would
 * refuse everyone.
 *
 * Checked once the operation is known, before any answer is looked up in the
 * answer cache, so a schema answered to a planner is never served to others.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { BREAK, visit, type DocumentNode } from 'graphql';
import { hasRole, type Principal } from '../auth/roles.js';
import { ApiError, ErrorCode } from './errors.js';

/** Per parsed document (Apollo keeps one per operation text): whether it reads the schema. Walking the document took 7–8 µs of every request on a hub with INTROSPECTION off (the production default): 2 % of a county choropleth's answer. */
const readsSchema = new WeakMap<DocumentNode, boolean>();

/** Whether the document asks for __schema or __type anywhere. */
export function asksSchema(document: DocumentNode): boolean {
  const known = readsSchema.get(document);
  if (known !== undefined) return known;
  let found = false;
  visit(document, {
    Field(node) {
      if (node.name.value === '__schema' || node.name.value === '__type') {
        found = true;
        return BREAK;
      }
      return undefined;
    },
  });
  readsSchema.set(document, found);
  return found;
}

/** Whether the principal may introspect while INTROSPECTION is off. */
export function mayIntrospect(principal: Principal | null): boolean {
  return principal !== null && !principal.embed && hasRole(principal, 'analyst');
}

export function introspectionPlugin(forEveryone: boolean): ApolloServerPlugin<{ principal: Principal | null }> {
  return {
    async requestDidStart() {
      if (forEveryone) return;
      return {
        async didResolveOperation({ document, contextValue }) {
          if (!asksSchema(document) || mayIntrospect(contextValue.principal)) return;
          // Answered 400 by requestStatusPlugin (errors.ts), as Apollo's own refusal is.
          throw new ApiError(ErrorCode.BAD_USER_INPUT, 'introspection is off on this hub (INTROSPECTION): only analysts, planners and admins may read the schema, with their token');
        },
      };
    },
  };
}
