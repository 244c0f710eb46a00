/**
 * The choropleth's classes as the map and the legend draw them. The server
 * classifies (`choropleth` query: quantile / equal interval / Jenks, computed
 * once in server/src/domain/classify.ts); this module only gives each class
 * its colour and counts its areas, so the county layer's fill and the legend
 * read one `Classification` and cannot disagree.
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
/** The server makes 3 to 7 classes (fewer when there are fewer distinct values). */
export const MAX_CLASSES = 7;
/** Fill for an area without a value (e.g. no rural population). */
export const NO_DATA_COLOR = '#c8ccd2';

export interface ClassInterval {
  /** lower bound (inclusive) */
  from: number;
  /** upper bound: exclusive, except for the last class, which includes the maximum */
  to: number;
  color: string;
  /** how many areas the server put in the class */
  count: number;
}

export interface Classification {
  /** the server's bounds, ascending, one more than there are classes: [min, …, max] */
  breaks: readonly number[];
  classes: ClassInterval[];
  /** each area's class index (into `classes`) by code; areas without a value are absent */
  classOf: ReadonlyMap<string, number>;
  /** each area's value of the metric by code; areas without a value are absent */
  valueOf: ReadonlyMap<string, number>;
  /** how many areas have no value */
  missing: number;
}

/** What the server's `choropleth` returns that the classes are built from. */
export interface ServerChoropleth {
  breaks: readonly number[];
  areas: ReadonlyArray<{ code: string; classIndex: number | null; value?: number | null }>;
}

/** The sequential palette for `count` classes (1…MAX_CLASSES). */
export function paletteFor(count: number): readonly string[] {
  const palette = YL_OR_RD[Math.min(Math.max(count, 1), MAX_CLASSES)];
  if (!palette) throw new RangeError(`no palette for ${count} classes`);
  return palette;
}

/** Colours and counts for the server's classes. Trusts its `classIndex`; never re-derives it from the value. */
export function fromChoropleth({ breaks, areas }: ServerChoropleth): Classification {
  const classCount = Math.max(breaks.length - 1, 0);
  const missing = areas.filter((a) => a.classIndex == null).length;
  const valueOf = new Map<string, number>();
  for (const { code, value } of areas) if (value != null) valueOf.set(code, value);
  if (classCount === 0) return { breaks, classes: [], classOf: new Map(), valueOf, missing };
  const colors = paletteFor(classCount);
  const counts = new Array<number>(classCount).fill(0);
  const classOf = new Map<string, number>();
  for (const { code, classIndex } of areas) {
    if (classIndex == null) continue;
    if (!Number.isInteger(classIndex) || classIndex < 0 || classIndex >= classCount) {
      throw new RangeError(`area ${code} has class ${classIndex}, outside 0…${classCount - 1}`);
    }
    counts[classIndex]! += 1;
    classOf.set(code, classIndex);
  }
  return {
    breaks,
    missing,
    classOf,
    valueOf,
    classes: colors.map((color, i) => ({ from: breaks[i]!, to: breaks[i + 1]!, color, count: counts[i]! })),
  };
}

/**
 * Where `value` sits on a legend that gives each class the same width: 0 is
 * the left end (the minimum), 1 the right end (the maximum), interpolated
 * linearly inside a class. Values outside the range are clamped and flagged.
 * (Placing a marker, not classifying an area: the exit line is not an area.)
 */
export function positionOnScale(
  classification: Pick<Classification, 'classes'>,
  value: number,
): { position: number; clamped: 'below' | 'above' | null } {
  const { classes } = classification;
  const first = classes[0];
  const last = classes[classes.length - 1];
  if (!first || !last) return { position: 0, clamped: null };
  if (value < first.from) return { position: 0, clamped: 'below' };
  if (value > last.to) return { position: 1, clamped: 'above' };
  let index = classes.findIndex((c) => value < c.to);
  if (index < 0) index = classes.length - 1;
  const c = classes[index]!;
  const within = c.to > c.from ? (value - c.from) / (c.to - c.from) : 0.5;
  return { position: (index + Math.min(Math.max(within, 0), 1)) / classes.length, clamped: null };
}

/** The fewest decimals (1…4) at which neighbouring class bounds print differently (legend ticks, export). */
export function tickDecimals(ticks: readonly number[]): number {
  for (let decimals = 1; decimals < 4; decimals += 1) {
    if (ticks.every((t, i) => i === 0 || t.toFixed(decimals) !== ticks[i - 1]!.toFixed(decimals))) return decimals;
  }
  return 4;
}
