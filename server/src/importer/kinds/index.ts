/** The server half of each kind of import, keyed by the --kind name: adding a kind is one file and one line. */
import type { ImportKind } from '@lingyan/data';
import type { KindWriter } from '../writer.js';
import { alliancesWriter } from './alliances.js';
import { causesWriter } from './causes.js';
import { countiesWriter } from './counties.js';
import { countyFiguresWriter } from './county-figures.js';
import { figuresWriter } from './figures.js';
import { findingsWriter } from './findings.js';
import { pairingsWriter } from './pairings.js';
import { progressWriter } from './progress.js';
import { projectsWriter } from './projects.js';
import { townshipFiguresWriter } from './township-figures.js';
import { townshipsWriter } from './townships.js';
import { unitsWriter } from './units.js';
import { villagesWriter } from './villages.js';

export const WRITERS: Record<ImportKind, KindWriter<unknown>> = {
  counties: countiesWriter as KindWriter<unknown>,
  townships: townshipsWriter as KindWriter<unknown>,
  villages: villagesWriter as KindWriter<unknown>,
  figures: figuresWriter as KindWriter<unknown>,
  alliances: alliancesWriter as KindWriter<unknown>,
  pairings: pairingsWriter as KindWriter<unknown>,
  projects: projectsWriter as KindWriter<unknown>,
  units: unitsWriter as KindWriter<unknown>,
  progress: progressWriter as KindWriter<unknown>,
  causes: causesWriter as KindWriter<unknown>,
  findings: findingsWriter as KindWriter<unknown>,
  'county-figures': countyFiguresWriter as KindWriter<unknown>,
  'township-figures': townshipFiguresWriter as KindWriter<unknown>,
};
