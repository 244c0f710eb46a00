/** Class breaks: natural breaks (ckmeans) give the breaks simple-statistics' O(k·n²) jenks gave. */
import { jenks, quantileSorted } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../../data/src/demo/rng.js';
import { ClassificationMethod, checkInnerBreaks, classOf, classify, fixedClasses } from '../../../server/src/domain/classify.js';

const datasets: Array<[string, number[]]> = (() => {
  const rng = new Rng(8);
  const r = () => rng.float();
  return [
    ['uniform', Array.from({ length: 400 }, () => r() * 100)],
    ['skewed shares (like poverty incidence)', Array.from({ length: 500 }, () => r() ** 6 * 30)],
    ['small counts with many repeats', Array.from({ length: 300 }, () => Math.floor(r() ** 2 * 12))],
    ['clusters', Array.from({ length: 360 }, (_, i) => (i % 3) * 50 + r() * 4)],
    ['few distinct values', Array.from({ length: 50 }, (_, i) => i % 4)],
  ];
})();

describe('classify', () => {
  it.each(datasets)('natural breaks of %s are those of the O(k·n²) Jenks', (_, values) => {
    const sorted = [...values].sort((a, b) => a - b);
    const distinct = new Set(sorted).size;
    for (let classes = 3; classes <= 7; classes++) {
      const k = Math.min(classes, distinct);
      const { breaks } = classify(values, ClassificationMethod.JENKS, classes);
      // A class of one extreme value is a real class: its bounds are [max, max], as jenks gives them.
      expect(breaks).toEqual(jenks(sorted, k));
    }
  });

  it('puts every value in the class its breaks bound, nulls in none', () => {
    const values = [...datasets[1]![1], null, Number.NaN];
    for (const method of [ClassificationMethod.QUANTILE, ClassificationMethod.EQUAL_INTERVAL, ClassificationMethod.JENKS] as const) {
      const { breaks, classes } = classify(values, method, 5);
      expect(breaks).toHaveLength(classes + 1);
      for (const v of values) {
        const c = classOf(v === null || Number.isNaN(v) ? null : v, breaks);
        if (v === null || Number.isNaN(v)) continue;
        expect(v).toBeGreaterThanOrEqual(breaks[c!]!);
        if (c! < classes - 1) expect(v).toBeLessThan(breaks[c! + 1]!);
      }
      expect(classOf(null, breaks)).toBeNull();
    }
  });

  it('makes one class of a single value and none of no values', () => {
    expect(classify([2, 2, null], ClassificationMethod.JENKS, 5)).toMatchObject({ breaks: [2, 2], classes: 1, requested: 5, note: 'FEWER_DISTINCT_VALUES' });
    expect(classify([null], ClassificationMethod.QUANTILE, 5)).toMatchObject({ breaks: [], classes: 0 });
  });
});

describe('classes that say what they hold', () => {
  it('keeps a Jenks class holding the largest value alone (the poorest county is not merged with others)', () => {
    const values = [1, 1.2, 1.4, 5, 5.3, 5.6, 9, 9.4, 30];
    const c = classify(values, ClassificationMethod.JENKS, 4);
    expect(c).toMatchObject({ classes: 4, requested: 4, note: null });
    expect(c.breaks).toEqual(jenks([...values].sort((a, b) => a - b), 4));
    expect(c.breaks.slice(-2)).toEqual([30, 30]);
    expect(classOf(30, c.breaks)).toBe(3);
    expect(classOf(9.4, c.breaks)).toBe(2);
  });

  it('makes two classes of 0/1 counts asked for three, and says why', () => {
    const values = [...Array<number>(81).fill(0), ...Array<number>(8).fill(1)];
    const c = classify(values, ClassificationMethod.JENKS, 3);
    expect(c).toMatchObject({ classes: 2, requested: 3, note: 'FEWER_DISTINCT_VALUES', breaks: [0, 1, 1] });
    expect(values.filter((v) => classOf(v, c.breaks) === 1)).toHaveLength(8);
  });

  it('says when quantile classes were merged over tied values, against simple-statistics quantiles', () => {
    const values = [...Array<number>(60).fill(0), 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    const sorted = [...values].sort((a, b) => a - b);
    const c = classify(values, ClassificationMethod.QUANTILE, 7);
    const inner = [1, 2, 3, 4, 5, 6].map((i) => quantileSorted(sorted, i / 7)).filter((q, i, all) => q > 0 && (i === 0 || q > all[i - 1]!));
    expect(c.breaks).toEqual([0, ...inner, 10]);
    expect(c).toMatchObject({ requested: 7, note: 'TIED_VALUES' });
    expect(c.classes).toBeLessThan(7);
    expect(c.classes).toBe(inner.length + 1);
  });

  it('keeps fixed bounds whatever the values, open above, from the metric\'s floor', () => {
    expect(fixedClasses([0.5, 2, 4, 31], [1, 3, 5, 10, 20], 0)).toEqual({ breaks: [0, 1, 3, 5, 10, 20, 31], classes: 6, requested: 6, note: null, openEnded: true });
    // No value above the last bound: the scale ends at the bound.
    expect(fixedClasses([0.01, 0.02], [1, 3], 0).breaks).toEqual([0, 1, 3, 3]);
    expect(classOf(31, [0, 1, 3, 5, 10, 20, 31])).toBe(5);
    expect(classOf(2.99, [0, 1, 3, 5, 10, 20, 31])).toBe(1);
    expect(classOf(3, [0, 1, 3, 5, 10, 20, 31])).toBe(2);
  });

  it('refuses bounds that do not ascend, lie outside the range or are too many', () => {
    const pct = { min: 0, max: 100 };
    expect(checkInnerBreaks([1, 3, 5], pct)).toBeNull();
    expect(checkInnerBreaks([3, 1], pct)).toMatch(/ascend.*bound 2/);
    expect(checkInnerBreaks([3, 3], pct)).toMatch(/ascend/);
    expect(checkInnerBreaks([0], pct)).toMatch(/strictly between 0 and 100/);
    expect(checkInnerBreaks([50, 120], pct)).toMatch(/bound 2 \(120\)/);
    expect(checkInnerBreaks([], pct)).toMatch(/1 to 6/);
    expect(checkInnerBreaks([1, 2, 3, 4, 5, 6, 7], pct)).toMatch(/1 to 6/);
    expect(checkInnerBreaks([1e6], { min: 0, max: null })).toBeNull();
  });
});
