/**
 * The overlays' data (pairings, villages, alliances, townships), loaded after
 * the counties so the first map shows the choropleth as soon as it can: the
 * embedded database answers one query at a time, and an overlay asked for in
 * parallel would queue in front of the counties. The exception is the
 * pairings (their counts, then their tiles; part of what a leader must see
 * at once): asked for with the counties' year, they reach the first drawn map. The rest
 * waits until that map is drawn, since every answer that lands before then
 * postpones it: alliances and the villages' counts first (the villages
 * themselves are vector tiles, asked for by the map once their counts are
 * in), then the townships' classes (their boundaries are vector tiles too). Projects are asked for only
 * once their layer is switched on (it is off by default). Once an overlay has
 * loaded, a new year is asked for together with the counties' figures.
 */
import { useMemo, useState } from 'react';
import { skipToken, useQuery } from '@apollo/client/react';
import {
  ATLAS_ALLIANCES,
  ATLAS_FINDINGS,
  ATLAS_WARNINGS,
  ATLAS_PAIRING_COUNTS,
  ATLAS_PROJECTS,
  ATLAS_TOWNSHIP_CHOROPLETH,
  ATLAS_VILLAGE_COUNTS,
  type AtlasAlliancesQuery,
  type AtlasPairingCountsQuery,
  type AtlasProjectsQuery,
  type AtlasVillageCountsQuery,
  type ClassificationMethod,
  type ClassScope,
  type Metric,
  type PovertyCause,
} from '../graphql/documents';
import { useAllPages } from '../graphql/paged';
import { fromChoropleth } from '../map/classes';
import type { OverlayData, OverlayKey, PairingCounts, VillageCounts } from '../map/layers/types';

// Module-level: useAllPages needs stable page selectors.
const alliancesPage = (data: AtlasAlliancesQuery) => data.alliances;
const projectsPage = (data: AtlasProjectsQuery) => data.industryProjects;
const NO_VARIABLES = {};

function pairingCounts(data: AtlasPairingCountsQuery): PairingCounts {
  return {
    drawn: {
      STRONG_HELPS_WEAK: data.strongHelpsWeak.totalCount,
      CENTRE_RADIATES: data.centreRadiates.totalCount,
      ENTERPRISE_VILLAGE: data.enterpriseVillage.totalCount,
    },
    withoutLine: data.withoutLine.totalCount,
  };
}

function villageCounts(data: AtlasVillageCountsQuery): VillageCounts {
  return {
    total: data.all.totalCount,
    status: { POOR: data.poor.totalCount, EXITED: data.exited.totalCount, NEVER_POOR: data.neverPoor.totalCount },
    strength: { STRONG: data.strong.totalCount, WEAK: data.weak.totalCount },
  };
}

export interface Overlays {
  overlays: OverlayData;
  /** overlays whose data for `year` is in */
  loaded: ReadonlySet<OverlayKey>;
  error: Error | null;
}

/**
 * The part to draw: the latest one when it is of the shown year; while the
 * counties of a newly asked year are still loading, the one drawn so far, so
 * the map never mixes years (and does not change until the counties do).
 */
function useOfShownYear<T extends { year: number }>(latest: T | null, shown: number | null): T | null {
  const [drawn, setDrawn] = useState<T | null>(latest);
  const current = latest != null && (latest.year === shown || drawn == null) ? latest : drawn;
  // React's pattern for state derived from the previous render.
  if (current !== drawn) setDrawn(current);
  return current;
}

export interface OverlayYears {
  /** the year asked for (the counties' figures of it may still be loading) */
  requested: number | null;
  /** the year the counties on the map show: an overlay is loaded when its data is of this year */
  shown: number | null;
}

/** How the counties are shaded: the townships are classified the same way. */
export interface Shading {
  metric: Metric;
  /** null: the metric's own */
  method: ClassificationMethod | null;
  classes: number;
  scope: ClassScope;
  breaks: number[] | null;
  /** the cause of poverty of CAUSE_SHARE */
  cause: PovertyCause;
}

/**
 * `drawn`: the map has been drawn with the counties (its first 'idle').
 * `wanted`: overlays switched on (a switched-off one that loads on demand is not asked for).
 */
export function useOverlays(
  { requested: year, shown }: OverlayYears,
  drawn: boolean,
  shading: Shading,
  wanted: ReadonlySet<OverlayKey>,
): Overlays {
  const pairings = useQuery(ATLAS_PAIRING_COUNTS, year != null ? { variables: { year } } : skipToken);
  const alliances = useAllPages(ATLAS_ALLIANCES, drawn ? NO_VARIABLES : null, alliancesPage);
  // The circles are vector tiles; what is asked for here is the legend's counts (and, once in, the tiles).
  const villages = useQuery(ATLAS_VILLAGE_COUNTS, drawn && year != null ? { variables: { year } } : skipToken);
  const projects = useAllPages(
    ATLAS_PROJECTS,
    drawn && year != null && wanted.has('projects') ? { year } : null,
    projectsPage,
  );
  // Off by default, like the projects: asked for once switched on (500 at most: a year's open ones are far fewer).
  const findings = useQuery(ATLAS_FINDINGS, drawn && year != null && wanted.has('findings') ? { variables: { year } } : skipToken);
  // Off by default: asked for once switched on (the first 500, most severe first).
  const warnings = useQuery(ATLAS_WARNINGS, drawn && year != null && wanted.has('warnings') ? { variables: { year } } : skipToken);
  const afterVillages = villages.data != null || villages.error != null;
  const townshipYear = useQuery(
    ATLAS_TOWNSHIP_CHOROPLETH,
    afterVillages && year != null ? { variables: { year, ...shading } } : skipToken,
  );

  const pairingsPart = useOfShownYear(
    // Not held back for the counts: the lines' tiles need only the year, and a
    // newly launched browser asks for the counts late (after its map has
    // started), which held the first picture's pairing lines back by a round.
    useMemo<OverlayData['pairings']>(
      () =>
        year == null
          ? null
          : { year, counts: pairings.data && pairings.variables?.year === year ? pairingCounts(pairings.data) : null },
      [year, pairings.data, pairings.variables],
    ),
    shown,
  );
  const villagesPart = useOfShownYear(
    useMemo<OverlayData['villages']>(
      () => (villages.data && villages.variables?.year != null ? { year: villages.variables.year, counts: villageCounts(villages.data) } : null),
      [villages.data, villages.variables],
    ),
    shown,
  );
  const projectsPart = useOfShownYear(
    useMemo<OverlayData['projects']>(
      () => (projects.data ? { year: projects.data.variables.year, items: projects.data.items } : null),
      [projects.data],
    ),
    shown,
  );
  const findingsPart = useOfShownYear(
    useMemo<OverlayData['findings']>(
      () => (findings.data && findings.variables?.year != null ? { year: findings.variables.year, items: findings.data.findings.items } : null),
      [findings.data, findings.variables],
    ),
    shown,
  );
  const warningsPart = useOfShownYear(
    useMemo<OverlayData['warnings']>(() => (warnings.data ? { year: warnings.data.warnings.year, items: warnings.data.warnings.items } : null), [warnings.data]),
    shown,
  );
  const alliancesPart = alliances.data?.items ?? null;
  const townshipChoropleth = (townshipYear.data ?? townshipYear.previousData)?.choropleth ?? null;
  const townshipsPart = useOfShownYear(
    useMemo<OverlayData['townships']>(
      () =>
        townshipChoropleth
          ? { year: townshipChoropleth.year, classification: fromChoropleth({ ...townshipChoropleth, level: 'TOWNSHIP' }) }
          : null,
      [townshipChoropleth],
    ),
    shown,
  );

  const overlays = useMemo<OverlayData>(
    () => ({
      pairings: pairingsPart,
      projects: projectsPart,
      villages: villagesPart,
      alliances: alliancesPart,
      townships: townshipsPart,
      findings: findingsPart,
      warnings: warningsPart,
    }),
    [pairingsPart, projectsPart, villagesPart, alliancesPart, townshipsPart, findingsPart, warningsPart],
  );
  const loaded = useMemo(() => {
    const keys = new Set<OverlayKey>();
    if (pairingsPart?.year === shown) keys.add('pairings');
    if (villagesPart?.year === shown) keys.add('villages');
    if (projectsPart?.year === shown) keys.add('projects');
    if (alliancesPart) keys.add('alliances');
    if (townshipsPart?.year === shown) keys.add('townships');
    if (findingsPart?.year === shown) keys.add('findings');
    if (warningsPart?.year === shown) keys.add('warnings');
    return keys;
  }, [pairingsPart, villagesPart, projectsPart, alliancesPart, townshipsPart, findingsPart, warningsPart, shown]);

  const error =
    pairings.error ??
    villages.error ??
    projects.error ??
    alliances.error ??
    townshipYear.error ??
    findings.error ??
    warnings.error ??
    null;
  return { overlays, loaded, error };
}
