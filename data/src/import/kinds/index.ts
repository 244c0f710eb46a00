/** The kinds of import with a pure record builder, keyed by the --kind name. */
import type { ImportKind, KindSpec } from './kind.js';
import { alliances } from './alliances.js';
import { causes } from './causes.js';
import { figures } from './figures.js';
import { findings } from './findings.js';
import { pairings } from './pairings.js';
import { progress } from './progress.js';
import { projects } from './projects.js';
import { units } from './units.js';
import { counties, townships } from './region.js';
import { countyFigures } from './county-figures.js';
import { townshipFigures } from './township-figures.js';
import { villages } from './villages.js';

export const KIND_SPECS: Record<ImportKind, KindSpec<unknown>> = {
  counties: counties as KindSpec<unknown>,
  townships: townships as KindSpec<unknown>,
  villages: villages as KindSpec<unknown>,
  figures: figures as KindSpec<unknown>,
  alliances: alliances as KindSpec<unknown>,
  pairings: pairings as KindSpec<unknown>,
  projects: projects as KindSpec<unknown>,
  units: units as KindSpec<unknown>,
  progress: progress as KindSpec<unknown>,
  causes: causes as KindSpec<unknown>,
  findings: findings as KindSpec<unknown>,
  'county-figures': countyFigures as KindSpec<unknown>,
  'township-figures': townshipFigures as KindSpec<unknown>,
};

export { counties, townships, villages, figures, alliances, pairings, projects, units, causes };
export { CAUSE_HEADERS, type CausesImport } from './causes.js';
export type { AllianceImport } from './alliances.js';
export { CATEGORY_ZH as FINDING_CATEGORY_ZH, findings, parseDay, visitKey, type FindingImport } from './findings.js';
export { pairingKey, type PairingImport } from './pairings.js';
export type { ProjectImport } from './projects.js';
export { progress, projectReferenceText, type ProjectReference, type ProjectYearImport } from './progress.js';
export type { AssignmentImport, AssistingUnitImport } from './units.js';
export type { CountyImport } from './region.js';
export { countyFigures, townshipFigures };
export type { ReportedFiguresRecord } from './reported-figures.js';
export { referenceText, type Reference } from './references.js';
export * from './kind.js';
