/**
 * One way to write a metric's value, for every place that shows one (legend,
 * tooltip, list, panels, CSV, PNG): the server's unit and decimals for the
 * metric (`choropleth.unit`, `choropleth.decimals`, or `metrics`), in the
 * messages' language. Counts come out as integers, percentages with one
 * decimal, 万元 with two (cartography rule 4).
 */
import { formatNumber, type MapMessages } from './messages';

export interface MetricFormat {
  /** the server's unit: "%", "人", "万元" or "个" */
  unit: string;
  /** decimals to show */
  decimals: number;
}

/** The unit in the messages' language ("万元" → "10k CNY" in English; "%" stays). */
export function unitLabel(messages: Pick<MapMessages, 'unitNames'>, unit: string): string {
  return messages.unitNames[unit] ?? unit;
}

/** The value rounded to the metric's decimals, with its unit unless `withUnit` is false; "–" for null. */
export function formatMetricValue(
  messages: Pick<MapMessages, 'unitNames' | 'numberLocale'>,
  value: number | null,
  format: MetricFormat,
  withUnit = true,
): string {
  if (value === null || !Number.isFinite(value)) return '–';
  const number = formatNumber(messages, value, format.decimals);
  if (!withUnit) return number;
  const unit = unitLabel(messages, format.unit);
  return format.unit === '%' ? `${number}%` : `${number} ${unit}`;
}
