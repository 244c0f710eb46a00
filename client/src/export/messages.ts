/**
 * The strings the exports need (menu, file contents, the PNG's and the printed
 * sheet's texts), as an interface: export/ does not import the app's i18n
 * (imports point app → panels → export → map, save the layer modules'
 * tables, made with table-parts.ts); the app's `export` message
 * tables satisfy it. Words the screen already shows (a village's strength,
 * a branch's rating) are the screen's own tables, passed in, not a second
 * wording.
 */
import type { KeysWith } from '../map/layers/registry';
import type { BranchRating, CountyKind, VillageStrength } from '../graphql/documents';

/** The layers whose features are exported (a table each; one GeoJSON for all): the modules with an `export`. */
export type ExportLayerKey = KeysWith<'export'>;

/** Paper sizes of the printed sheet (landscape). */
export type Paper = 'A4' | 'A3';

/** The county figures the printed profile lists, in its order. */
export type ProfileFigure =
  | 'ruralPopulation'
  | 'households'
  | 'poorPopulation'
  | 'poorHouseholds'
  | 'povertyIncidence'
  | 'villages'
  | 'weakVillages'
  | 'strongVillages'
  | 'softLaxCount'
  | 'collectiveIncomeMedian'
  | 'secretaryIsDirectorShare';

export interface ExportMessages {
  /** the menu button */
  menuLabel: string;
  png: string;
  /** a CSV item: the layer's name and how many rows it will have */
  csv(layer: string, rows: number): string;
  geojson(features: number): string;
  /** the last item: a link to the import page (/import), where planners load their own files */
  importData: string;
  /** the print items: the whole region, or the selected county's profile */
  printRegion(paper: Paper): string;
  printCounty(county: string, paper: Paper): string;
  working: string;
  done(fileName: string): string;
  failed(detail: string): string;
  /** the first part of every file name (领雁-<prefecture>-<year>.png) */
  fileBrand: string;
  /** an export's title: prefecture, metric and year */
  documentTitle(prefecture: string, metric: string, year: number): string;
  /** the boundary note every map export carries */
  schematicNote: string;
  /** the last line; `date` is YYYY-MM-DD */
  source(date: string): string;
  /** the scale bar's label */
  kilometres(value: string): string;
  metres(value: string): string;
  /** the north arrow's letter */
  north: string;
  layerNames: Record<ExportLayerKey, string>;
  /** CSV column headers, by layer; a metric column's name is `metricColumn(name, unit)` */
  columns: {
    counties: Record<'year' | 'code' | 'name' | 'nameEn' | 'classNumber' | 'method' | 'scope', string> & {
      /** the class bounds, in the metric's name and unit */
      classFrom(metric: string): string;
      classTo(metric: string): string;
    };
    villages: Record<
      | 'year'
      | 'code'
      | 'name'
      | 'nameEn'
      | 'townshipCode'
      | 'township'
      | 'longitude'
      | 'latitude'
      | 'status'
      | 'strength'
      | 'branchRating'
      | 'secretaryIsDirector'
      | 'softLax',
      string
    >;
    pairings: Record<'year' | 'id' | 'kind' | 'helper' | 'helperName' | 'helped' | 'helpedName' | 'distance', string>;
    alliances: Record<'year' | 'id' | 'name' | 'foundedYear' | 'centre' | 'members', string>;
  };
  /** a quantity column: its name and, when it has one, its unit in brackets */
  metricColumn(name: string, unit: string | null): string;
  /** the unit of household counts (户) */
  householdUnit: string;
  /** names of the figures the CSVs and the printed profile carry */
  figureNames: Record<ProfileFigure | 'collectiveIncome' | 'partyMembers', string>;
  /** the screen's words for a village's strength and a branch's rating (the detail panel's) */
  strengths: Record<VillageStrength, string>;
  branchRatings: Record<BranchRating, string>;
  yes: string;
  no: string;
  /** the printed sheet */
  print: {
    /** the preview's dialog */
    previewLabel: string;
    print: string;
    close: string;
    loading: string;
    /** the heading of the overlays' keys */
    overlays: string;
    /** the county profile's parts */
    figuresOf(year: number): string;
    noFigures(year: number): string;
    trend(metric: string): string;
    ranking(metric: string, year: number): string;
    /** "3rd of 13 counties, highest first" */
    rank(rank: number, of: number): string;
    countyKinds: Record<CountyKind, string>;
    keyPoorCounty: string;
    exitedIn(year: number): string;
  };
}
