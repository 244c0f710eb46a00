/**
 * The choropleth's classes as the map and the legend draw them. The server
 * classifies (`choropleth` query: policy bands, manual bounds, quantile,
 * equal interval or Jenks, over every year or one; computed once in
 * server/src/domain/classify.ts); this module only gives each class its
 * colour (palette.ts) and counts its areas, and keeps what the classes are,
 * so the fill, the legend and the exports read one `Classification` and
 * cannot disagree.
 */
import type { ClassesNote, ClassificationMethod, ClassScope, Metric, MetricPolarity } from '../graphql/documents';
import { classColors, MAX_CLASSES } from './palette';

/** Fill for an area without a value (e.g. no rural population). */
export const NO_DATA_COLOR = '#c8ccd2';
export { MAX_CLASSES };

export interface ClassInterval {
  /** lower bound (inclusive) */
  from: number;
  /** upper bound: exclusive, except for the last class, which includes the maximum (open above when `openEnded`) */
  to: number;
  color: string;
  /** how many areas the server put in the class */
  count: number;
}

/** Which areas are classified: the legend says which it is showing. */
export type AreaLevel = 'COUNTY' | 'TOWNSHIP';

/** What the classes are: the legend describes exactly this (cartography rule 5). */
export interface ClassesDescription {
  level: AreaLevel;
  year: number;
  metric: Metric;
  method: ClassificationMethod;
  /** breaks over every year (colours compare) or over this year only */
  scope: ClassScope;
  /** classes asked for; more than `classes.length` when the server made fewer, for `note` */
  requested: number;
  note: ClassesNote | null;
  /** the last class has no upper bound (policy and manual classes) */
  openEnded: boolean;
  /** the metric's policy line, drawn on the legend (null: none) */
  threshold: number | null;
  unit: string;
  decimals: number;
  polarity: MetricPolarity;
}

export interface Classification extends ClassesDescription {
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
export interface ServerChoropleth extends Omit<ClassesDescription, 'requested' | 'note'> {
  requestedClasses: number;
  classesNote?: ClassesNote | null;
  breaks: readonly number[];
  areas: ReadonlyArray<{ code: string; classIndex?: number | null; value?: number | null }>;
}

/** Colours and counts for the server's classes. Trusts its `classIndex`; never re-derives it from the value. */
export function fromChoropleth(choropleth: ServerChoropleth): Classification {
  const { breaks, areas, requestedClasses, classesNote, ...rest } = choropleth;
  const description: ClassesDescription = { ...rest, requested: requestedClasses, note: classesNote ?? null };
  const classCount = Math.max(breaks.length - 1, 0);
  const missing = areas.filter((a) => a.classIndex == null).length;
  const valueOf = new Map<string, number>();
  for (const { code, value } of areas) if (value != null) valueOf.set(code, value);
  if (classCount === 0) return { ...description, breaks, classes: [], classOf: new Map(), valueOf, missing };
  const colors = classColors(classCount, breaks, description.polarity, description.threshold);
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
    ...description,
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

/**
 * Decimals for class bounds: the metric's own (`least`), more only where
 * neighbouring bounds would print the same (up to 4).
 */
export function tickDecimals(ticks: readonly number[], least = 1): number {
  for (let decimals = least; decimals < 4; decimals += 1) {
    if (ticks.every((t, i) => i === 0 || t === ticks[i - 1] || t.toFixed(decimals) !== ticks[i - 1]!.toFixed(decimals))) return decimals;
  }
  return 4;
}
