/**
 * The demo region: a fictional league in Inner Mongolia at real scale,
 * generated from one seed. Pure and deterministic: the same seed always gives
 * the same records (no clock, no Math.random).
 */
import { DEFAULT_THRESHOLDS, type RegionDataset } from '../records.js';
import { generateAlliances } from './alliances.js';
import { generateAssessmentSchemes } from './assessment.js';
import { generateAssistance } from './assistance.js';
import { generatePovertyCauses } from './causes.js';
import { Context, OrganisationRegistry } from './context.js';
import { generateInspections } from './inspections.js';
import { generateFigures } from './figures.js';
import { buildGeometry } from './geometry.js';
import { generatePairings } from './links.js';
import { generateOrganisations } from './organisations.js';
import { buildPlaces, PREFECTURE_CODE, PREFECTURE_NAME } from './places.js';
import { YEARS } from './poverty.js';
import { generateProgress } from './progress.js';
import { generateProjects } from './projects.js';
import { DEMO_SEED, Rng } from './rng.js';

const byCode = <T extends { code: string }>(a: T, b: T): number => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

export function generateDemoRegion(seed: number = DEMO_SEED): RegionDataset {
  const rng = new Rng(seed);
  const thresholds = { ...DEFAULT_THRESHOLDS };
  const geometry = buildGeometry(rng.fork('geometry'));
  const places = buildPlaces(geometry, rng.fork('places'));
  const figures = generateFigures(places, thresholds, rng.fork('figures'));
  const ctx = new Context(places, figures, thresholds, YEARS.length);

  const registry = new OrganisationRegistry();
  const orgIndex = generateOrganisations(ctx, registry, rng);
  const alliances = generateAlliances(ctx, registry, rng);
  const industryProjects = generateProjects(ctx, orgIndex, alliances, rng);
  const pairings = generatePairings(ctx, orgIndex, alliances, rng);
  const assistance = generateAssistance(ctx, PREFECTURE_NAME.name.replace(/盟$/, ''), rng);
  const progress = generateProgress(industryProjects, assistance.assistingUnits, assistance.assignments, rng);
  const villageYears = figures
    .slice()
    .sort((a, b) => (a.villageCode < b.villageCode ? -1 : a.villageCode > b.villageCode ? 1 : a.year - b.year));
  const counties = places.counties.map((c) => c.record).sort(byCode);
  const villages = places.villages.map((v) => v.record).sort(byCode);

  return {
    prefecture: { code: PREFECTURE_CODE, ...PREFECTURE_NAME, boundary: geometry.outline, thresholds },
    counties,
    townships: places.townships.map((t) => t.record).sort(byCode),
    villages,
    villageYears,
    organisations: registry.list,
    alliances,
    industryProjects,
    projectYears: progress.projectYears,
    pairings,
    ...assistance,
    assignments: progress.assignments,
    povertyCauses: generatePovertyCauses(counties, villages, villageYears, rng.fork('causes')),
    ...generateInspections(counties, places.townships.map((t) => t.record).sort(byCode), villages, villageYears, thresholds, rng.fork('inspections')),
    assessmentSchemes: generateAssessmentSchemes(YEARS),
  };
}
