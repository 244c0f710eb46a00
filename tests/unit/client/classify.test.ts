import { describe, expect, it } from 'vitest';
import {
  classify,
  classIndex,
  MAX_CLASSES,
  NO_DATA_COLOR,
  paletteFor,
  positionOnScale,
  quantileBreaks,
} from '../../../client/src/map/classify';

describe('quantileBreaks', () => {
  it('cuts ten values into five classes of two', () => {
    const values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(quantileBreaks(values, 5)).toEqual([3, 5, 7, 9]);
    const sizes = [0, 0, 0, 0, 0];
    for (const v of values) sizes[classIndex(v, [3, 5, 7, 9])]! += 1;
    expect(sizes).toEqual([2, 2, 2, 2, 2]);
  });

  it('does not depend on the input order', () => {
    expect(quantileBreaks([9, 1, 7, 3, 5, 10, 2, 8, 4, 6], 5)).toEqual([3, 5, 7, 9]);
  });

  it('ignores nulls, undefined and non-finite numbers', () => {
    expect(quantileBreaks([null, 1, undefined, 2, Number.NaN, 3, Infinity, 4, 5, 6], 3)).toEqual([3, 5]);
  });

  it('gives each distinct value its own class when there are fewer than the classes', () => {
    expect(quantileBreaks([4, 2, 2, 8], 5)).toEqual([4, 8]);
  });

  it('has no break when all values are equal, or there are none', () => {
    expect(quantileBreaks([3.5, 3.5, 3.5, 3.5, 3.5, 3.5], 5)).toEqual([]);
    expect(quantileBreaks([], 5)).toEqual([]);
    expect(quantileBreaks([null, null], 5)).toEqual([]);
  });

  it('keeps equal values in one class and spends the other classes on the rest', () => {
    // 7 zeros would swallow two quantile cuts; the remaining values are re-divided.
    expect(quantileBreaks([0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4, 5], 5)).toEqual([1, 2, 3, 5]);
    const breaks = quantileBreaks([1, 2, 3, 4, 5, 5, 5, 5, 5, 5, 5, 6], 5);
    for (let i = 1; i < breaks.length; i += 1) expect(breaks[i]!).toBeGreaterThan(breaks[i - 1]!);
    expect(breaks.filter((b) => b === 5)).toHaveLength(1);
  });

  it('rejects a class count that is not a positive integer', () => {
    expect(() => quantileBreaks([1, 2], 0)).toThrow(RangeError);
    expect(() => quantileBreaks([1, 2], 2.5)).toThrow(RangeError);
  });
});

describe('classify', () => {
  it('returns five classes with the YlOrRd palette, bounds and counts', () => {
    const result = classify([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, null], 5);
    expect(result.missing).toBe(1);
    expect(result.classes.map((c) => c.color)).toEqual(paletteFor(5));
    expect(result.classes.map((c) => [c.from, c.to, c.count])).toEqual([
      [1, 3, 2],
      [3, 5, 2],
      [5, 7, 2],
      [7, 9, 2],
      [9, 10, 2],
    ]);
  });

  it('shrinks to the number of distinct values, with a palette of that size', () => {
    const result = classify([2, 2, 6], 5);
    expect(result.breaks).toEqual([6]);
    expect(result.classes.map((c) => c.color)).toEqual(paletteFor(2));
    expect(result.classes.map((c) => c.count)).toEqual([2, 1]);
  });

  it('has one class when all values are equal, and none without values', () => {
    expect(classify([7, 7, 7]).classes).toEqual([{ from: 7, to: 7, color: paletteFor(1)[0], count: 3 }]);
    expect(classify([null, undefined])).toEqual({ breaks: [], classes: [], missing: 2 });
  });

  it('has a distinct colour per class and never the no-data colour', () => {
    for (let n = 1; n <= MAX_CLASSES; n += 1) {
      const palette = paletteFor(n);
      expect(palette).toHaveLength(n);
      expect(new Set(palette).size).toBe(n);
      expect(palette).not.toContain(NO_DATA_COLOR);
    }
  });
});

describe('positionOnScale', () => {
  const classification = classify([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 5);

  it('interpolates inside the class the value falls in', () => {
    expect(positionOnScale(classification, 1).position).toBe(0);
    expect(positionOnScale(classification, 4).position).toBeCloseTo(0.3);
    expect(positionOnScale(classification, 10).position).toBe(1);
  });

  it('clamps and flags values outside the range', () => {
    expect(positionOnScale(classification, 0.5)).toEqual({ position: 0, clamped: 'below' });
    expect(positionOnScale(classification, 12)).toEqual({ position: 1, clamped: 'above' });
  });
});
