/**
 * Quantile classification for the choropleth. Pure functions, no map code:
 * the county layer turns the result into a MapLibre `step` expression and the
 * legend draws the same classes, so both read one `Classification`.
 */

/** ColorBrewer YlOrRd (sequential, colour-blind safe), by number of classes. */
const YL_OR_RD: Readonly<Record<number, readonly string[]>> = {
  1: ['#fd8d3c'],
  2: ['#feb24c', '#f03b20'],
  3: ['#ffeda0', '#feb24c', '#f03b20'],
  4: ['#ffffb2', '#fecc5c', '#fd8d3c', '#e31a1c'],
  5: ['#ffffb2', '#fecc5c', '#fd8d3c', '#f03b20', '#bd0026'],
  6: ['#ffffb2', '#fed976', '#feb24c', '#fd8d3c', '#f03b20', '#bd0026'],
  7: ['#ffffb2', '#fed976', '#feb24c', '#fd8d3c', '#fc4e2a', '#e31a1c', '#b10026'],
};
export const MAX_CLASSES = 7;
/** Fill for an area without a value (e.g. no rural population). */
export const NO_DATA_COLOR = '#c8ccd2';

export interface ClassInterval {
  /** lowest value in the class (inclusive) */
  from: number;
  /** upper bound: the next class's `from` (exclusive), or the maximum (inclusive) for the last class */
  to: number;
  color: string;
  /** how many values fall in the class */
  count: number;
}

export interface Classification {
  /** interior thresholds, strictly ascending; value v is in class `#breaks ≤ v` */
  breaks: number[];
  classes: ClassInterval[];
  /** how many input values were null / undefined / not finite */
  missing: number;
}

function finiteValues(values: ReadonlyArray<number | null | undefined>): number[] {
  return values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
}

/**
 * Quantile breaks: up to `classes - 1` strictly ascending thresholds that cut
 * the sorted values into groups of (nearly) equal size. Each threshold is an
 * observed value and starts a class (`value >= threshold` is in the upper
 * class), which is exactly MapLibre's `step` semantics.
 *
 * Nulls and non-finite numbers are ignored. With fewer distinct values than
 * classes every distinct value gets its own class. Equal values always share
 * a class: a cut that would fall inside a run of ties moves to the nearer end
 * of the run and the rest is re-divided, so ties cost as few classes as
 * possible; the result may still have fewer breaks than asked.
 */
export function quantileBreaks(values: ReadonlyArray<number | null | undefined>, classes: number): number[] {
  if (!Number.isInteger(classes) || classes < 1) {
    throw new RangeError(`classes must be a positive integer, got ${classes}`);
  }
  const sorted = finiteValues(values).sort((a, b) => a - b);
  const n = sorted.length;
  if (n === 0) return [];
  const distinct = [...new Set(sorted)];
  if (distinct.length <= classes) return distinct.slice(1);

  const breaks: number[] = [];
  let start = 0; // first index of the class being filled
  for (let remaining = classes; remaining > 1; remaining -= 1) {
    const cut = tieFreeCut(sorted, start, Math.max(start + 1, start + Math.round((n - start) / remaining)));
    if (cut >= n) break;
    breaks.push(sorted[cut]!);
    start = cut;
  }
  return breaks;
}

/** Moves index `cut` (> start) off a run of equal values, to the nearer end of the run. */
function tieFreeCut(sorted: readonly number[], start: number, cut: number): number {
  if (cut >= sorted.length || sorted[cut] !== sorted[cut - 1]) return cut;
  let low = cut;
  while (low > start && sorted[low - 1] === sorted[cut]) low -= 1;
  let high = cut;
  while (high < sorted.length && sorted[high] === sorted[cut]) high += 1;
  return low > start && cut - low <= high - cut ? low : high;
}

/** Index of the class `value` falls in, given breaks from `quantileBreaks`. */
export function classIndex(value: number, breaks: readonly number[]): number {
  let index = 0;
  while (index < breaks.length && value >= breaks[index]!) index += 1;
  return index;
}

/** The sequential palette for `count` classes (1…MAX_CLASSES). */
export function paletteFor(count: number): readonly string[] {
  const palette = YL_OR_RD[Math.min(Math.max(count, 1), MAX_CLASSES)];
  if (!palette) throw new RangeError(`no palette for ${count} classes`);
  return palette;
}

/** Quantile classes with their colours and counts, ready for the map and the legend. */
export function classify(values: ReadonlyArray<number | null | undefined>, classes = 5): Classification {
  const present = finiteValues(values);
  const missing = values.length - present.length;
  if (present.length === 0) return { breaks: [], classes: [], missing };

  const breaks = quantileBreaks(present, Math.min(classes, MAX_CLASSES));
  const colors = paletteFor(breaks.length + 1);
  const max = Math.max(...present);
  const min = Math.min(...present);
  const counts = new Array<number>(breaks.length + 1).fill(0);
  for (const value of present) counts[classIndex(value, breaks)]! += 1;

  return {
    breaks,
    missing,
    classes: colors.map((color, i) => ({
      from: i === 0 ? min : breaks[i - 1]!,
      to: i === breaks.length ? max : breaks[i]!,
      color,
      count: counts[i]!,
    })),
  };
}

/**
 * Where `value` sits on a legend that gives each class the same width: 0 is
 * the left end (the minimum), 1 the right end (the maximum), interpolated
 * linearly inside a class. Values outside the range are clamped and flagged.
 */
export function positionOnScale(
  classification: Classification,
  value: number,
): { position: number; clamped: 'below' | 'above' | null } {
  const { classes } = classification;
  const first = classes[0];
  const last = classes[classes.length - 1];
  if (!first || !last) return { position: 0, clamped: null };
  if (value < first.from) return { position: 0, clamped: 'below' };
  if (value > last.to) return { position: 1, clamped: 'above' };
  const index = classIndex(value, classification.breaks);
  const c = classes[index]!;
  const within = c.to > c.from ? (value - c.from) / (c.to - c.from) : 0.5;
  return { position: (index + Math.min(within, 1)) / classes.length, clamped: null };
}
