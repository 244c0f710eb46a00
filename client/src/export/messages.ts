/**
 * The strings the exports need (menu, file contents, the PNG's texts), as an
 * interface: export/ does not import the app's i18n (imports point app →
 * panels → export → map); the app's `export` message tables satisfy it.
 */
import type { VillageStrength } from '../graphql/documents';

/** The layers whose features are exported (a table each; one GeoJSON for all). */
export type ExportLayerKey = 'counties' | 'villages' | 'pairings' | 'alliances';

export interface ExportMessages {
  /** the menu button */
  menuLabel: string;
  png: string;
  /** a CSV item: the layer's name and how many rows it will have */
  csv(layer: string, rows: number): string;
  geojson(features: number): string;
  working: string;
  done(fileName: string): string;
  failed(detail: string): string;
  /** the first part of every file name (领雁-<prefecture>-<year>.png) */
  fileBrand: string;
  /** under the PNG's title */
  pngSubtitle(prefecture: string, metric: string, year: number): string;
  /** the PNG's last line; `date` is YYYY-MM-DD */
  source(date: string): string;
  layerNames: Record<ExportLayerKey, string>;
  /** CSV column headers, by layer */
  columns: {
    counties: Record<'year' | 'code' | 'name' | 'nameEn' | 'incidence' | 'poorPopulation' | 'ruralPopulation' | 'classNumber' | 'classFrom' | 'classTo', string>;
    villages: Record<'year' | 'code' | 'name' | 'nameEn' | 'status' | 'strength' | 'population', string>;
    pairings: Record<'year' | 'id' | 'kind' | 'helper' | 'helperName' | 'helped' | 'helpedName' | 'distance', string>;
    alliances: Record<'year' | 'id' | 'name' | 'foundedYear' | 'centre' | 'members', string>;
  };
  /** a village's strength in words (statuses and pairing kinds are the map's own words) */
  strengths: Record<VillageStrength, string>;
}
