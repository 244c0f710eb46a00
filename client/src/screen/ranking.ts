/**
 * The counties ranked by the value the map shades them by: the server's
 * value of the metric and year (`Classification.valueOf`), highest first,
 * each with its class's colour, the very colour of its fill on the map.
 */
import { NO_DATA_COLOR, type Classification } from '../map/classes';

export interface RankedCounty {
  code: string;
  name: string;
  /** null: no value this year (ranked last) */
  value: number | null;
  /** null: no class (no value) */
  classIndex: number | null;
  color: string;
  /** the bar's length, 0–1 of the largest value (bars start at zero) */
  share: number;
}

/** Highest value first; equal values by code, so the order is the same on every screen; no value last. */
export function rankCounties(
  counties: ReadonlyArray<{ code: string; name: string; nameEn: string }>,
  classification: Pick<Classification, 'valueOf' | 'classOf' | 'classes'>,
  nameField: 'name' | 'nameEn',
): RankedCounty[] {
  const values = counties.map((c) => classification.valueOf.get(c.code)).filter((v): v is number => v != null);
  const max = Math.max(0, ...values);
  return counties
    .map((county): RankedCounty => {
      const value = classification.valueOf.get(county.code) ?? null;
      const classIndex = classification.classOf.get(county.code) ?? null;
      return {
        code: county.code,
        name: county[nameField],
        value,
        classIndex,
        color: classIndex == null ? NO_DATA_COLOR : (classification.classes[classIndex]?.color ?? NO_DATA_COLOR),
        share: value == null || max <= 0 ? 0 : Math.max(0, value) / max,
      };
    })
    .sort((a, b) => {
      if (a.value == null || b.value == null) return a.value == null ? (b.value == null ? a.code.localeCompare(b.code) : 1) : -1;
      return b.value - a.value || a.code.localeCompare(b.code);
    });
}
