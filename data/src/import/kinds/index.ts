/** The kinds of import with a pure record builder, keyed by the --kind name. */
import type { ImportKind, KindSpec } from './kind.js';
import { figures } from './figures.js';
import { counties, townships } from './region.js';
import { villages } from './villages.js';

export const KIND_SPECS: Partial<Record<ImportKind, KindSpec<unknown>>> = {
  counties: counties as KindSpec<unknown>,
  townships: townships as KindSpec<unknown>,
  villages: villages as KindSpec<unknown>,
  figures: figures as KindSpec<unknown>,
};

export { counties, townships, villages, figures };
export * from './kind.js';
