/**
 * The pure parts of a county's printed profile (print-sheet.tsx): which
 * figures it lists and how each is written (the metric formats of the screen),
 * and the county's rank among the counties in the shaded metric.
 */
import type { AtlasView } from '../map/layers/types';
import { formatNumber } from '../map/messages';
import { formatMetricValue } from '../map/metric-format';
import { FIGURE_FORMATS, unitText } from './table-parts';
import type { ExportMessages, ProfileFigure } from './messages';

/** The figures of the profile, in its order. */
export const PROFILE_FIGURES: readonly ProfileFigure[] = [
  'ruralPopulation',
  'households',
  'poorPopulation',
  'poorHouseholds',
  'povertyIncidence',
  'villages',
  'weakVillages',
  'strongVillages',
  'softLaxCount',
  'collectiveIncomeMedian',
  'secretaryIsDirectorShare',
];

/** A figure in its unit and format, as the screen writes it. */
export function figureText(view: AtlasView, m: ExportMessages, key: keyof typeof FIGURE_FORMATS, value: number | null | undefined): string {
  const format = FIGURE_FORMATS[key];
  if (value == null) return view.messages.legendNoData;
  if (format.unit === '户') return `${formatNumber(view.messages, value, format.decimals)} ${unitText(view, m, format.unit)}`;
  return formatMetricValue(view.messages, value, format, true);
}

/** The county's rank among the counties with a value: 1 is the highest value (ties share a rank). */
export function rankOf(values: ReadonlyMap<string, number>, code: string): { rank: number; of: number } | null {
  const value = values.get(code);
  if (value == null) return null;
  let higher = 0;
  for (const v of values.values()) if (v > value) higher += 1;
  return { rank: higher + 1, of: values.size };
}

