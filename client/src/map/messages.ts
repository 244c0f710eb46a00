/**
 * The strings and number format the map needs, as an interface: the map does
 * not import the app's i18n (imports point app → panels → map); the app's
 * message tables satisfy this and are passed down.
 */
import type { ClassesNote, ClassificationMethod, ClassScope, IndustryType, Metric, PairingKind, PovertyStatus } from '../graphql/documents';
import type { AreaLevel } from './classes';
import type { OverlayKey } from './layers/types';

export interface MapMessages {
  /** the metric's name and unit (as `unitNames` writes it) */
  legendTitle(metric: Metric, unit: string): string;
  metricNames: Record<Metric, string>;
  /** the server's units ("%", "人", "万元", "个") in the messages' language */
  unitNames: Record<string, string>;
  /** `method`: how the server chose the breaks */
  legendSubtitle(year: number, classes: number, method: ClassificationMethod): string;
  legendClass(from: string, to: string, count: number): string;
  methodNames: Record<ClassificationMethod, string>;
  /** "各年统一分级" / "本年分级" */
  scopeNames: Record<ClassScope, string>;
  /** "旗县区" / "苏木乡镇" */
  levelNames: Record<AreaLevel, string>;
  /** what the legend shows: level, year, classes made, method and scope */
  legendDescription(d: { level: AreaLevel; year: number; classes: number; method: ClassificationMethod; scope: ClassScope }): string;
  /** why fewer classes were made than asked for */
  legendClassesNote(note: ClassesNote, made: number, requested: number): string;
  /** class bounds: a range, the open top class, a class of one value */
  classRange(from: string, to: string): string;
  classAtLeast(from: string): string;
  classExactly(value: string): string;
  /** how many areas a class holds, e.g. "（3 个旗县区）" */
  areaCount(count: number, level: AreaLevel): string;
  legendNoData: string;
  /** the key of the selected feature's mark */
  legendSelected: string;
  legendThreshold(value: string): string;
  /** the policy line of a metric other than incidence (e.g. the collective-income target) */
  legendPolicyLine(value: string, unit: string): string;
  legendThresholdNote(value: string): string;
  /** every county is below the exit line */
  legendAllBelow(value: string): string;
  /** every county is at or above the exit line */
  legendAllAbove(value: string): string;
  tooltipIncidence: string;
  tooltipPoorPopulation: string;
  tooltipRuralPopulation: string;
  tooltipPersons(n: string): string;
  tooltipBelowThreshold: string;
  tooltipAboveThreshold: string;
  tooltipNoData: string;
  /** the layer panel's heading */
  layersTitle: string;
  /** each overlay's name (its toggle's label) */
  layerNames: Record<OverlayKey, string>;
  /** shown under a switched-on overlay whose data is still loading */
  layerLoading: string;
  pairingKinds: Record<PairingKind, string>;
  industryTypes: Record<IndustryType, string>;
  projectSizeNote: string;
  /** a legend item with the number of features it stands for */
  legendCount(label: string, count: number): string;
  pairingDirectionNote: string;
  /** `count` active pairings have an enterprise helper without a home village: no line to draw */
  pairingsWithoutLine(count: number): string;
  villageStatuses: Record<PovertyStatus, string>;
  villageNoFigures: string;
  villageStrong: string;
  villageWeak: string;
  villageSizeNote: string;
  allianceFootprint: string;
  allianceSpoke: string;
  allianceCentre: string;
  /** alliances founded by the year / all alliances */
  allianceFoundedNote(shown: number, total: number): string;
  townshipZoomNote: string;
  /** which county name the labels and tooltip show */
  nameField: 'name' | 'nameEn';
  /** BCP 47 locale for numbers */
  numberLocale: string;
}

/** Formats a number for the messages' locale with a fixed number of decimals. */
export function formatNumber(messages: Pick<MapMessages, 'numberLocale'>, value: number, decimals = 0): string {
  return value.toLocaleString(messages.numberLocale, {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  });
}
