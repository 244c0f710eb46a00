/** The server half of each kind of import, keyed by the --kind name: adding a kind is one file and one line. */
import type { ImportKind } from '@lingyan/data';
import type { KindWriter } from '../writer.js';
import { countiesWriter } from './counties.js';
import { figuresWriter } from './figures.js';
import { townshipsWriter } from './townships.js';
import { villagesWriter } from './villages.js';

export const WRITERS: Partial<Record<ImportKind, KindWriter<unknown>>> = {
  counties: countiesWriter as KindWriter<unknown>,
  townships: townshipsWriter as KindWriter<unknown>,
  villages: villagesWriter as KindWriter<unknown>,
  figures: figuresWriter as KindWriter<unknown>,
};
