/**
 * The data an export needs beyond what the map holds: every village of the
 * view's year (the map draws villages from vector tiles, which carry only
 * the ones in view). Through the app's Apollo Client, so a second export of
 * the same year asks the server nothing.
 */
import type { ApolloClient } from '@apollo/client';
import { ATLAS_VILLAGES, type AtlasVillagesQuery } from '../graphql/documents';
import { fetchAllPages } from '../graphql/paged';
import type { ExportData } from './layer-tables';

const villagesPage = (data: AtlasVillagesQuery) => data.villages;

export async function loadExportData(client: ApolloClient, year: number): Promise<ExportData> {
  const villages = await fetchAllPages(client, ATLAS_VILLAGES, { year }, villagesPage);
  return { villages: villages ?? [] };
}
