/**
 * The colours of a choropleth's classes, chosen by the metric's polarity and
 * its policy line (cartography rules 2 and 3), from ColorBrewer's schemes as
 * d3-scale-chromatic ships them (colour-blind and print safe):
 *
 * - a policy line that is a class bound splits a diverging ramp (RdYlBu):
 *   the good side of the line in blues, the bad side in oranges and reds,
 *   so a value under the exit line is never drawn in an alarm colour;
 * - otherwise a sequential ramp: YlOrRd when higher is worse, YlGnBu when
 *   higher is better, Purples for a neutral count.
 */
import { schemePurples, schemeRdYlBu, schemeYlGnBu, schemeYlOrRd } from 'd3-scale-chromatic';
import type { MetricPolarity } from '../graphql/documents';

/** The server makes 1 to 7 classes. */
export const MAX_CLASSES = 7;

const SEQUENTIAL: Record<MetricPolarity, ReadonlyArray<readonly string[]>> = {
  HIGHER_IS_WORSE: schemeYlOrRd,
  HIGHER_IS_BETTER: schemeYlGnBu,
  NEUTRAL: schemePurples,
};
/** ColorBrewer's diverging schemes go up to 11 colours: 5 each side of a neutral middle. */
const DIVERGING_SIDE_MAX = 5;

/** `count` colours (1…MAX_CLASSES) of a sequential ColorBrewer scheme, light to dark. */
function sequential(scheme: ReadonlyArray<readonly string[]>, count: number): string[] {
  // The schemes start at 3 colours; one or two classes take the light and dark ends of three.
  if (count < 3) return count === 1 ? [scheme[3]![1]!] : [scheme[3]![0]!, scheme[3]![2]!];
  return [...scheme[count]!];
}

/**
 * `below` colours under the line and `above` over it, from a diverging
 * scheme with an even number of colours (no neutral middle: every class is
 * on one side of the line), the classes nearest the line lightest.
 */
function diverging(polarity: MetricPolarity, below: number, above: number): string[] | null {
  const side = Math.max(below, above, 2);
  if (side > DIVERGING_SIDE_MAX) return null;
  // RdYlBu runs red → blue: where higher is worse, low values are the good (blue) end.
  const scheme = [...schemeRdYlBu[side * 2]!];
  const ordered = polarity === 'HIGHER_IS_BETTER' ? scheme : scheme.reverse();
  return ordered.slice(side - below, side + above);
}

/**
 * The colours of `classCount` classes bounded by `breaks` (classCount + 1 of
 * them): diverging around `threshold` when it is an inner bound and the
 * metric has a direction, else sequential by polarity.
 */
export function classColors(classCount: number, breaks: readonly number[], polarity: MetricPolarity, threshold: number | null): string[] {
  if (classCount < 1) return [];
  if (classCount > MAX_CLASSES) throw new RangeError(`no palette for ${classCount} classes`);
  const line = threshold == null || polarity === 'NEUTRAL' ? -1 : breaks.findIndex((b, i) => i > 0 && i < classCount && b === threshold);
  if (line > 0) {
    const colors = diverging(polarity, line, classCount - line);
    if (colors) return colors;
  }
  return sequential(SEQUENTIAL[polarity], classCount);
}
