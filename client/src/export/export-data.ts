/**
 * The data an export needs beyond what the map holds: the counties'
 * boundaries, every village and every pairing of the view's year (the map
 * draws them from vector tiles, which carry only what is in view). Through the app's Apollo Client, so a second export of
 * the same year asks the server nothing.
 */
import type { ApolloClient } from '@apollo/client';
import { ATLAS_ASSESSMENT, ATLAS_COUNTY_BOUNDARIES, ATLAS_PAIRINGS, ATLAS_VILLAGES, type AtlasPairingsQuery, type AtlasVillagesQuery } from '../graphql/documents';
import { assessmentByCode } from '../assessment/export-columns';
import { fetchAllPages } from '../graphql/paged';
import type { ExportData } from './table-parts';

const villagesPage = (data: AtlasVillagesQuery) => data.villages;
const pairingsPage = (data: AtlasPairingsQuery) => data.pairings;

export async function loadExportData(client: ApolloClient, year: number): Promise<ExportData> {
  const [counties, villages, pairings, assessment] = await Promise.all([
    client.query({ query: ATLAS_COUNTY_BOUNDARIES }),
    fetchAllPages(client, ATLAS_VILLAGES, { year }, villagesPage),
    fetchAllPages(client, ATLAS_PAIRINGS, { year }, pairingsPage),
    client.query({ query: ATLAS_ASSESSMENT, variables: { year, level: 'COUNTY' } }),
  ]);
  const countyBoundaries = new Map((counties.data?.counties ?? []).map((c) => [c.code, c.boundary]));
  return { countyBoundaries, villages: villages ?? [], pairings: pairings ?? [], assessment: assessmentByCode(assessment.data) };
}
