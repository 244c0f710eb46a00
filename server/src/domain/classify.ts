/**
 * Class breaks for thematic maps: quantile, equal interval, natural breaks
 * (Jenks, via simple-statistics), and fixed breaks (a planner's MANUAL bounds
 * or the metric's POLICY bands). The atlas colours areas with these breaks,
 * so legend and map come from one computation.
 *
 * Natural breaks are the classes of least within-class sum of squares.
 * simple-statistics' `jenks` finds them in O(k·n²) time and memory (too
 * slow for a national choropleth per request, and for the national
 * townships by far); its `ckmeans` finds the same optimal classes in
 * O(k·n·log n), and the breaks are their lower bounds, as jenks gives them.
 *
 * A class may hold one value: Jenks isolates an extreme value when that is
 * optimal (the poorest county alone), and the top class is then [max, max].
 * So the bounds are ascending but the last two may be equal; every class is
 * still non-empty or fixed by policy, and `classOf` puts max in the last class.
 */
import { ckmeans, quantileSorted } from 'simple-statistics';

export const ClassificationMethod = {
  QUANTILE: 'QUANTILE',
  EQUAL_INTERVAL: 'EQUAL_INTERVAL',
  JENKS: 'JENKS',
  MANUAL: 'MANUAL',
  POLICY: 'POLICY',
} as const;
export type ClassificationMethod = (typeof ClassificationMethod)[keyof typeof ClassificationMethod];
/** The methods that compute breaks from the values (the others take fixed inner bounds). */
export type ComputedMethod = typeof ClassificationMethod.QUANTILE | typeof ClassificationMethod.EQUAL_INTERVAL | typeof ClassificationMethod.JENKS;

/** Why fewer classes were made than asked for. */
export const ClassesNote = {
  /** fewer distinct values than classes */
  FEWER_DISTINCT_VALUES: 'FEWER_DISTINCT_VALUES',
  /** quantile bounds fell on the same tied value, so neighbouring classes were merged */
  TIED_VALUES: 'TIED_VALUES',
} as const;
export type ClassesNote = (typeof ClassesNote)[keyof typeof ClassesNote];

export const MIN_CLASSES = 3;
export const MAX_CLASSES = 7;

export interface Classification {
  /**
   * ascending bounds, classes + 1 of them: [min, …, max]. Inner bounds are
   * strictly ascending; the last may equal the one before (a class of the
   * maximum alone).
   */
  breaks: number[];
  /** classes actually made */
  classes: number;
  /** classes asked for */
  requested: number;
  /** why `classes` < `requested`; null when they are equal */
  note: ClassesNote | null;
  /** the last class has no upper bound (fixed breaks: every value ≥ its lower bound); breaks' last is then the largest value, for drawing */
  openEnded: boolean;
}

const finiteSorted = (values: ReadonlyArray<number | null>): number[] =>
  values.filter((v): v is number => v !== null && Number.isFinite(v)).sort((a, b) => a - b);

/**
 * Breaks for `values` (nulls ignored) in `classes` classes. A value v is in
 * class i when breaks[i] ≤ v < breaks[i+1] (the last class includes max).
 */
export function classify(values: ReadonlyArray<number | null>, method: ComputedMethod, classes: number): Classification {
  const sorted = finiteSorted(values);
  const none: Classification = { breaks: [], classes: 0, requested: classes, note: null, openEnded: false };
  if (sorted.length === 0) return none;
  let distinct = 1;
  for (let i = 1; i < sorted.length; i++) if (sorted[i] !== sorted[i - 1]) distinct++;
  const k = Math.max(1, Math.min(classes, distinct));
  const min = sorted[0]!;
  const max = sorted[sorted.length - 1]!;
  const fewer = k < classes ? ClassesNote.FEWER_DISTINCT_VALUES : null;
  if (k === 1) return { breaks: [min, max], classes: 1, requested: classes, note: fewer, openEnded: false };
  let breaks: number[];
  switch (method) {
    case ClassificationMethod.QUANTILE: {
      const inner = Array.from({ length: k - 1 }, (_, i) => quantileSorted(sorted, (i + 1) / k));
      // Tied values put several quantiles on one value; a bound equal to the one before (or to min) would make an empty class.
      const unique = inner.filter((b, i) => b > min && (i === 0 || b > inner[i - 1]!));
      // The top class of a quantile split may be the maximum alone when it repeats; keep it as Jenks does.
      breaks = [min, ...unique, max];
      const made = breaks.length - 1;
      return { breaks, classes: made, requested: classes, note: made < k ? ClassesNote.TIED_VALUES : fewer, openEnded: false };
    }
    case ClassificationMethod.EQUAL_INTERVAL:
      breaks = Array.from({ length: k + 1 }, (_, i) => (i === k ? max : min + ((max - min) * i) / k));
      break;
    case ClassificationMethod.JENKS:
      // ckmeans makes exactly k non-empty clusters of k ≤ distinct values; each class starts at its cluster's least value.
      breaks = [...ckmeans(sorted, k).map((cluster) => cluster[0]!), max];
      break;
    default: {
      const unreachable: never = method;
      throw new Error(`unknown classification method ${String(unreachable)}`);
    }
  }
  return { breaks, classes: k, requested: classes, note: fewer, openEnded: false };
}

/**
 * Classes of fixed inner bounds (a planner's MANUAL breaks or a metric's
 * POLICY bands): `inner` are the bounds between classes, so there are
 * inner.length + 1 classes whatever the values. The scale runs from `floor`
 * (the metric's least possible value) to the largest of the values and the
 * last inner bound; the last class is open above. `inner` must already be
 * valid (see `checkInnerBreaks`).
 */
export function fixedClasses(values: ReadonlyArray<number | null>, inner: readonly number[], floor: number): Classification {
  const sorted = finiteSorted(values);
  const top = Math.max(inner[inner.length - 1]!, sorted.length > 0 ? sorted[sorted.length - 1]! : -Infinity);
  const bottom = Math.min(floor, sorted.length > 0 ? sorted[0]! : floor);
  return { breaks: [bottom, ...inner, top], classes: inner.length + 1, requested: inner.length + 1, note: null, openEnded: true };
}

/** What is wrong with inner bounds for a metric whose values lie in [min, max]; null when they are valid. */
export function checkInnerBreaks(inner: readonly number[], range: { min: number; max: number | null }): string | null {
  if (inner.length < 1 || inner.length > MAX_CLASSES - 1) return `give 1 to ${MAX_CLASSES - 1} bounds between classes (${inner.length} given)`;
  for (let i = 0; i < inner.length; i++) {
    const b = inner[i]!;
    if (!Number.isFinite(b)) return `bound ${i + 1} is not a number`;
    if (b <= range.min || (range.max !== null && b >= range.max)) {
      return `bound ${i + 1} (${b}) must lie strictly between ${range.min} and ${range.max ?? '∞'}`;
    }
    if (i > 0 && b <= inner[i - 1]!) return `bounds must ascend: bound ${i + 1} (${b}) is not above bound ${i} (${inner[i - 1]})`;
  }
  return null;
}

/** The class index (0-based) of a value for the breaks; null for null. Below the first bound is class 0, above the last the last class. */
export function classOf(value: number | null, breaks: readonly number[]): number | null {
  if (value === null || breaks.length < 2) return null;
  for (let i = breaks.length - 2; i >= 0; i--) if (value >= breaks[i]!) return i;
  return 0;
}
