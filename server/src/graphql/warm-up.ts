/**
 * The atlas's opening questions, asked once by the hub itself as soon as it
 * listens, so the first leader to open the map after a start does not pay
 * for a cold process. On the national dataset those four answers took
 * 464–528 ms together on a fresh process and 21–57 ms afterwards (issue 8):
 * JavaScript compiled on first use (the ORM generates its hydrators then,
 * graphql-js and the resolvers warm up) and the kept reads (thresholds,
 * latest year, the default choropleth) filled.
 *
 * The questions are the client's own operations (schema/operations), with
 * the atlas's opening view: poverty incidence in quantiles of 5, the latest
 * year. They are asked with a viewer's read scope, in the background: the
 * hub is ready before they are done, and a failure (database busy, no data
 * yet) is only logged, since the real request will ask again.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { ApolloServer } from '@apollo/server';
import type { Principal } from '../auth/roles.js';
import type { Context } from './context.js';

const require = createRequire(import.meta.url);

/** An operation of the client, as the hub reads it from the contract package. */
function operation(name: string): string {
  return fs.readFileSync(require.resolve(`@lingyan/schema/operations/${name}.graphql`), 'utf8');
}

/** Who the warm-up asks as: a viewer of the whole prefecture (what an anonymous visitor reads). */
export const WARM_UP_PRINCIPAL: Principal = { subject: 'warm-up', role: 'viewer', counties: null };

/** The atlas's opening view (client/src/state/view-state.ts DEFAULT_VIEW). */
const OPENING = { metric: 'POVERTY_INCIDENCE', method: 'QUANTILE', classes: 5 } as const;

/** Where the warm-up reports what went wrong (the hub's logger). */
export interface WarmUpLog {
  info(message: string): void;
  error(message: string, error?: unknown): void;
}

/** Asks the opening questions; resolves when all are answered or one failed (never rejects: `log` is told). */
export async function warmUp(apollo: ApolloServer<Context>, context: () => Context, log: WarmUpLog): Promise<void> {
  const ask = async (name: string, variables: Record<string, unknown>): Promise<Record<string, unknown> | null> => {
    const response = await apollo.executeOperation({ query: operation(name), variables }, { contextValue: context() });
    const result = response.body.kind === 'single' ? response.body.singleResult : null;
    if (result?.errors?.length) log.info(`warm-up: ${name} answered with an error: ${result.errors[0]!.message}`);
    return (result?.data as Record<string, unknown> | undefined) ?? null;
  };
  try {
    const [, choropleth] = await Promise.all([ask('Atlas', {}), ask('AtlasChoropleth', { ...OPENING })]);
    const year = (choropleth?.choropleth as { year?: number } | undefined)?.year;
    if (year === undefined) return;
    await Promise.all([ask('AtlasSummary', { year }), ask('AtlasPairingCounts', { year })]);
  } catch (error) {
    log.error('warm-up failed', error);
  }
}
