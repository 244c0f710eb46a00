/**
 * The data an export needs beyond what the map holds: every village and
 * every pairing of the view's year (the map draws both from vector tiles,
 * which carry only the ones in view). Through the app's Apollo Client, so a second export of
 * the same year asks the server nothing.
 */
import type { ApolloClient } from '@apollo/client';
import { ATLAS_PAIRINGS, ATLAS_VILLAGES, type AtlasPairingsQuery, type AtlasVillagesQuery } from '../graphql/documents';
import { fetchAllPages } from '../graphql/paged';
import type { ExportData } from './layer-tables';

const villagesPage = (data: AtlasVillagesQuery) => data.villages;
const pairingsPage = (data: AtlasPairingsQuery) => data.pairings;

export async function loadExportData(client: ApolloClient, year: number): Promise<ExportData> {
  const [villages, pairings] = await Promise.all([
    fetchAllPages(client, ATLAS_VILLAGES, { year }, villagesPage),
    fetchAllPages(client, ATLAS_PAIRINGS, { year }, pairingsPage),
  ]);
  return { villages: villages ?? [], pairings: pairings ?? [] };
}
