import type { ClassificationMethod } from '../../graphql/documents';
import { exportEn } from './export.en';
import type { Messages } from './zh-CN';

const METHOD_EN: Record<ClassificationMethod, string> = { QUANTILE: 'quantile', EQUAL_INTERVAL: 'equal-interval', JENKS: 'natural-breaks (Jenks)' };

/** UI strings, English. */
export const en: Messages = {
  appTitle: 'Lingyan · Party Building for Poverty Alleviation',
  appShortTitle: 'Lingyan',
  appSubtitle: (prefecture: string) => `${prefecture} · poverty incidence by county`,
  yearLabel: 'Year',
  languageLabel: 'Language',
  legendTitle: 'Poverty incidence (%)',
  legendSubtitle: (year: number, classes: number, method: ClassificationMethod) =>
    `${year} · ${classes} ${METHOD_EN[method]} classes`,
  legendClass: (from: string, to: string, count: number) =>
    `${from} – ${to} (${count} ${count === 1 ? 'county' : 'counties'})`,
  legendNoData: 'No data',
  legendThreshold: (value: string) => `Exit line ${value}%`,
  legendThresholdNote: (value: string) => `A county may exit poverty below ${value}%`,
  legendAllBelow: (value: string) => `This year every county is below the ${value}% exit line`,
  legendAllAbove: (value: string) => `This year no county is below the ${value}% exit line`,
  tooltipIncidence: 'Poverty incidence',
  tooltipPoorPopulation: 'Poor population',
  tooltipRuralPopulation: 'Rural population',
  tooltipPersons: (n: string) => n,
  tooltipBelowThreshold: 'Below the exit line',
  tooltipAboveThreshold: 'Above the exit line',
  tooltipNoData: 'No data',
  layersTitle: 'Layers',
  layerNames: { pairings: 'Pairings', villages: 'Villages', alliances: 'Alliances', townships: 'Townships' },
  layerLoading: 'Loading…',
  pairingKinds: {
    STRONG_HELPS_WEAK: 'Strong village helps weak',
    CENTRE_RADIATES: 'Centre village radiates',
    ENTERPRISE_VILLAGE: 'Enterprise–village',
  },
  legendCount: (label: string, count: number) => `${label} (${count})`,
  pairingDirectionNote: 'Arrows point from the helper to the helped village',
  pairingsWithoutLine: (count: number) =>
    `${count} more ${count === 1 ? 'pairing has' : 'pairings have'} an enterprise helper without a home village (no line)`,
  villageStatuses: { POOR: 'Poor village', EXITED: 'Exited poverty', NEVER_POOR: 'Never poor' },
  villageNoFigures: 'No data this year',
  villageStrong: 'Strong village (dark ring)',
  villageWeak: 'Weak village (orange ring)',
  villageSizeNote: 'Circle area: rural population',
  allianceFootprint: 'Alliance footprint',
  allianceSpoke: 'Centre village to member',
  allianceCentre: 'Centre village (lead goose)',
  allianceFoundedNote: (shown: number, total: number) => `${shown} of ${total} founded by this year`,
  townshipClass: (from: string, to: string) => `${from} – ${to}%`,
  townshipZoomNote: 'Zoom in to see townships shaded',
  countyKind: { BANNER: 'Banner', COUNTY: 'County', DISTRICT: 'District' },
  loading: 'Loading data…',
  loadError: (detail: string) => `Could not load data: ${detail}`,
  mapLabel: 'Map of poverty incidence by county',
  nameField: 'nameEn',
  numberLocale: 'en',
  export: exportEn,
};
