/**
 * The atlas's opening questions, asked once by the hub itself as soon as it
 * listens, so the first leader to open the map after a start does not pay
 * for a cold process: JavaScript compiled on first use (the ORM generates its
 * hydrators then, graphql-js and the resolvers warm up) and the kept reads
 * (thresholds, latest year, the default choropleth) filled.
 *
 * The questions are the client's own operations (schema/operations), with
 * the atlas's opening view: poverty incidence in its own classes (the
 * policy bands, the same in every year), the latest year. They are asked as
 * the first visitor will ask them (`warmUpPrincipal`), in the background: the
 * hub is ready before they are done, and a failure (database busy, no data
 * yet) is only logged, since the real request will ask again.
 *
 * They are asked in the very form the atlas sends them (Apollo Client adds
 * `__typename` to every selection set below the operation's and prints the
 * document; the operation's name and the variables as the page passes them),
 * so that the answers kept in the GraphQL answer cache are the ones the first
 * page asks for: that cache is keyed by the request's text, and asked in the
 * files' form the first browser would still find it cold.
 *
 * Seam on a library's internals (docs/architecture.md#seams-on-libraries-internals):
 * - buys: a newly launched browser's first Atlas request answered from the
 *   cache; figure in docs/performance.md#what-the-workarounds-buy.
 * - leans on: Apollo Client's document rewriting (`addTypenameToDocument`
 *   and graphql's `print`), re-implemented in `withTypenames`: a client
 *   upgrade that adds `__typename` elsewhere or prints differently makes the
 *   warm-up's keys miss silently.
 * - guarded by: tests/e2e/warm-up.test.ts (the first page's Atlas request is
 *   a cache hit) and tests/api/warm-up.test.ts.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { ApolloServer } from '@apollo/server';
import { Kind, parse, print, visit, type DocumentNode, type FieldNode } from 'graphql';
import type { Principal } from '../auth/roles.js';
import type { Context } from './context.js';

const require = createRequire(import.meta.url);

/** An operation of the client, as the hub reads it from the contract package. */
function operation(name: string): string {
  return fs.readFileSync(require.resolve(`@lingyan/schema/operations/${name}.graphql`), 'utf8');
}

const TYPENAME: FieldNode = { kind: Kind.FIELD, name: { kind: Kind.NAME, value: '__typename' } };

/**
 * Apollo Client's rule for the documents it sends (its `addTypenameToDocument`):
 * `__typename` is added to each selection set that is not an operation's own
 * and does not select `__typename` or another `__` field already.
 */
export function withTypenames(document: DocumentNode): DocumentNode {
  return visit(document, {
    SelectionSet: {
      enter(node, _key, parent) {
        if (parent && !Array.isArray(parent) && (parent as { kind?: string }).kind === Kind.OPERATION_DEFINITION) return undefined;
        if (node.selections.some((s) => s.kind === Kind.FIELD && s.name.value.startsWith('__'))) return undefined;
        return { ...node, selections: [...node.selections, TYPENAME] };
      },
    },
  });
}

/** An operation's text as the atlas sends it. */
export function asSentByTheAtlas(name: string): string {
  return print(withTypenames(parse(operation(name))));
}

/** Who the warm-up asks as on a hub without public reads: a viewer of the whole prefecture (the scope of a read token). */
export const WARM_UP_PRINCIPAL: Principal = { subject: 'warm-up', role: 'viewer', counties: null };

/**
 * Who the atlas's first visitor will be, whose answers the cache keeps apart
 * by scope: anonymous (no principal) on a hub with public reads, else a viewer.
 */
export function warmUpPrincipal(publicRead: boolean): Principal | null {
  return publicRead ? null : WARM_UP_PRINCIPAL;
}

/**
 * The atlas's opening view (client/src/state/view-state.ts DEFAULT_VIEW), as
 * the page passes it (client/src/app/useAtlasView.ts): the same variables in
 * the same order, since the answer cache is keyed by them.
 */
const OPENING = { metric: 'POVERTY_INCIDENCE', method: null, classes: 5, scope: 'ALL_YEARS', breaks: null, cause: 'ILLNESS' } as const;

/** Where the warm-up reports what went wrong (the hub's logger). */
export interface WarmUpLog {
  info(message: string): void;
  error(message: string, error?: unknown): void;
}

/** Asks the opening questions; resolves when all are answered or one failed (never rejects: `log` is told). */
export async function warmUp(apollo: ApolloServer<Context>, context: () => Context, log: WarmUpLog): Promise<void> {
  const ask = async (name: string, variables: Record<string, unknown>): Promise<Record<string, unknown> | null> => {
    const response = await apollo.executeOperation({ query: asSentByTheAtlas(name), operationName: name, variables }, { contextValue: context() });
    const result = response.body.kind === 'single' ? response.body.singleResult : null;
    if (result?.errors?.length) log.info(`warm-up: ${name} answered with an error: ${result.errors[0]!.message}`);
    return (result?.data as Record<string, unknown> | undefined) ?? null;
  };
  try {
    // The choropleth's variables in the page's order, its year null until the page knows it (client/src/app/useAtlasView.ts).
    const [, choropleth] = await Promise.all([ask('Atlas', {}), ask('AtlasChoropleth', { year: null, ...OPENING })]);
    const year = (choropleth?.choropleth as { year?: number } | undefined)?.year;
    if (year === undefined) return;
    await Promise.all([ask('AtlasSummary', { year }), ask('AtlasPairingCounts', { year })]);
  } catch (error) {
    log.error('warm-up failed', error);
  }
}
