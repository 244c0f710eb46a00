/**
 * The client's typed GraphQL documents, generated from the contract
 * (schema/operations/*.graphql against schema/schema.graphql; see
 * schema/codegen.ts). This file only names what the app uses, so the rest of
 * the client has one import path and never reads generated code directly.
 */
import type { Geometry } from 'geojson';
import {
  AtlasAlliancesDocument,
  AtlasChoroplethDocument,
  AtlasDocument,
  AtlasPairingsDocument,
  AtlasProjectsDocument,
  AtlasSummaryDocument,
  AtlasRegionsDocument,
  type AtlasRegionsQuery,
  AtlasTownshipChoroplethDocument,
  AtlasVillagesDocument,
  AtlasVillageCountsDocument,
  AtlasCountyBoundariesDocument,
  AtlasPairingCountsDocument,
  type AtlasAlliancesQuery,
  type AtlasChoroplethQuery,
  type AtlasPairingsQuery,
  type AtlasProjectsQuery,
  type AtlasQuery,
  type AtlasSummaryQuery,
  type AtlasTownshipChoroplethQuery,
  type AtlasVillagesQuery,
  type AtlasVillageCountsQuery,
  type AtlasCountyBoundariesQuery,
  type AtlasPairingCountsQuery,
  type ClassificationMethod,
  type ClassScope,
  type ClassesNote,
  type MetricPolarity,
  type CountyKind,
  type IndustryType,
  type Metric,
  type PairingKind,
  type PovertyStatus,
  type VillageStrength,
} from '@lingyan/schema/generated';

/** A GeoJSON geometry object (RFC 7946), as carried by the `GeoJSON` scalar. */
export type { Geometry };
export type {
  AtlasAlliancesQuery,
  AtlasChoroplethQuery,
  AtlasPairingsQuery,
  AtlasProjectsQuery,
  AtlasQuery,
  AtlasSummaryQuery,
  AtlasTownshipChoroplethQuery,
  AtlasVillagesQuery,
  AtlasVillageCountsQuery,
  AtlasPairingCountsQuery,
  AtlasCountyBoundariesQuery,
  ClassificationMethod,
  ClassScope,
  ClassesNote,
  MetricPolarity,
  CountyKind,
  IndustryType,
  Metric,
  PairingKind,
  PovertyStatus,
  VillageStrength,
};

export type AtlasCounty = AtlasQuery['counties'][number];
/** A map metric's unit, decimals, polarity, default method and policy bands. */
export type MetricInfo = AtlasQuery['metrics'][number];
/** The server's classification of one year (breaks, each county's class, the exit line). */
export type ChoroplethResult = AtlasChoroplethQuery['choropleth'];
/** A county's figures for the tooltip; null when the year has none. */
export type CountyFigures = NonNullable<AtlasChoroplethQuery['choropleth']['areas'][number]['figures']>;

/** The prefecture (with its boundary) and its counties' names; fetched once. */
export const ATLAS = AtlasDocument;
/** Every county's boundary (for exports: the map draws counties from tiles). */
export const ATLAS_COUNTY_BOUNDARIES = AtlasCountyBoundariesDocument;
/** One year: the server's choropleth of poverty incidence and the counties' figures. */
export const ATLAS_CHOROPLETH = AtlasChoroplethDocument;

/** A pairing active in the year, with its line (null: an enterprise helper without a home village). */
export type AtlasPairing = AtlasPairingsQuery['pairings']['items'][number];
/** A village with its point and (null when the year has none) its status, strength and population. */
export type AtlasVillage = AtlasVillagesQuery['villages']['items'][number];
export type AtlasAlliance = AtlasAlliancesQuery['alliances']['items'][number];

/** Pairings active in a year (paged; for exports). */
export const ATLAS_PAIRINGS = AtlasPairingsDocument;
/** How many pairings active in a year are drawn, by kind, and how many have no line (the pairings legend). */
export const ATLAS_PAIRING_COUNTS = AtlasPairingCountsDocument;
/** Villages with one year's status, strength and population (paged; for exports). */
export const ATLAS_VILLAGES = AtlasVillagesDocument;
/** How many villages have each status and strength in a year (the villages legend). */
export const ATLAS_VILLAGE_COUNTS = AtlasVillageCountsDocument;
/** Alliances with footprints and their villages' points (paged; the same every year). */
export const ATLAS_ALLIANCES = AtlasAlliancesDocument;
/** One year's township choropleth (the same metric as the counties). */
export const ATLAS_TOWNSHIP_CHOROPLETH = AtlasTownshipChoroplethDocument;

/** An industry project running in the year, with its point. */
export type AtlasProject = AtlasProjectsQuery['industryProjects']['items'][number];
/** Industry projects running in a year (paged). */
export const ATLAS_PROJECTS = AtlasProjectsDocument;
/** The prefecture's figures of a year, for the KPI bar (null: none that year). */
export type AtlasSummary = NonNullable<AtlasSummaryQuery['summary']>;
export const ATLAS_SUMMARY = AtlasSummaryDocument;
/** The prefectures the hub holds (the region switcher). */
export const ATLAS_REGIONS = AtlasRegionsDocument;
export type AtlasRegion = AtlasRegionsQuery['prefectures'][number];

// The detail panel (panels/detail) and the search box (panels/SearchBox.tsx).
export {
  AtlasDetailAllianceDocument as ATLAS_DETAIL_ALLIANCE,
  AtlasDetailCountyDocument as ATLAS_DETAIL_COUNTY,
  AtlasDetailPairingDocument as ATLAS_DETAIL_PAIRING,
  AtlasDetailProjectDocument as ATLAS_DETAIL_PROJECT,
  AtlasDetailTownshipDocument as ATLAS_DETAIL_TOWNSHIP,
  AtlasDetailVillageDocument as ATLAS_DETAIL_VILLAGE,
  AtlasSearchDocument as ATLAS_SEARCH,
} from '@lingyan/schema/generated';
export type {
  AtlasDetailAllianceQuery,
  AtlasDetailCountyQuery,
  AtlasDetailPairingQuery,
  AtlasDetailProjectQuery,
  AtlasDetailTownshipQuery,
  AtlasDetailVillageQuery,
  AtlasSearchQuery,
  PlaceLevel,
} from '@lingyan/schema/generated';
export type { BranchFocus, BranchRating, TownshipKind, VillageKind } from '@lingyan/schema/generated';

// The printed county profile (export/print-sheet.tsx): the county's figures of the year, the metric's values by year.
export { AtlasPrintCountyDocument as ATLAS_PRINT_COUNTY, AtlasMetricValuesDocument as ATLAS_METRIC_VALUES } from '@lingyan/schema/generated';
export type { AtlasPrintCountyQuery, AtlasMetricValuesQuery } from '@lingyan/schema/generated';

// Live updates (graphql/live-updates.ts): each change to the hub's data.
export { LiveDataChangedDocument as LIVE_DATA_CHANGED } from '@lingyan/schema/generated';
export type { LiveDataChangedSubscription } from '@lingyan/schema/generated';

// Assessment (考核): the atlas's ranking (assessment/AssessmentRanking.tsx) and the panels' section (panels/detail/AssessmentSection.tsx).
export { AtlasAssessmentDocument as ATLAS_ASSESSMENT, AtlasAssessmentAreaDocument as ATLAS_ASSESSMENT_AREA } from '@lingyan/schema/generated';
export type { AtlasAssessmentQuery, AtlasAssessmentAreaQuery, AssessmentGrade, AssessmentLevel } from '@lingyan/schema/generated';

// 致贫原因: the panels' chart of poor households by main cause (panels/detail/CausesSection.tsx), and the cause a map of CAUSE_SHARE shows.
export { AtlasPovertyCausesDocument as ATLAS_POVERTY_CAUSES } from '@lingyan/schema/generated';
export type { AtlasPovertyCausesQuery, PovertyCause } from '@lingyan/schema/generated';

// 项目进度: a project's progress over the years in its panel (panels/detail/ProjectProgress.tsx).
export { AtlasProjectProgressDocument as ATLAS_PROJECT_PROGRESS } from '@lingyan/schema/generated';
export type { AtlasProjectProgressQuery, ProjectStage } from '@lingyan/schema/generated';

// 督查整改: the findings layer, a finding's panel, the KPI and the area panels' section.
export {
  AtlasFindingsDocument as ATLAS_FINDINGS,
  AtlasFindingDocument as ATLAS_FINDING,
  AtlasFindingCountsDocument as ATLAS_FINDING_COUNTS,
  AtlasAreaFindingsDocument as ATLAS_AREA_FINDINGS,
} from '@lingyan/schema/generated';
export type { AtlasFindingsQuery, AtlasFindingQuery, AtlasFindingCountsQuery, AtlasAreaFindingsQuery, FindingStatus, FindingCategory } from '@lingyan/schema/generated';
export type AtlasFinding = import('@lingyan/schema/generated').AtlasFindingsQuery['findings']['items'][number];

// 预警: the atlas's warnings list, map layer and KPI (client/src/warnings/).
export { AtlasWarningsDocument as ATLAS_WARNINGS, AtlasWarningCountsDocument as ATLAS_WARNING_COUNTS } from '@lingyan/schema/generated';
export type { AtlasWarningsQuery, AtlasWarningCountsQuery, WarningLevel, WarningRule, WarningScope } from '@lingyan/schema/generated';
export type AtlasWarning = import('@lingyan/schema/generated').AtlasWarningsQuery['warnings']['items'][number];
export { AtlasAreaWarningsDocument as ATLAS_AREA_WARNINGS } from '@lingyan/schema/generated';
export type { AtlasAreaWarningsQuery } from '@lingyan/schema/generated';
export { AtlasFigureSourcesDocument as ATLAS_FIGURE_SOURCES, type AtlasFigureSourcesQuery, type FigureSource } from '@lingyan/schema/generated';
