/** Class breaks: natural breaks (ckmeans) give the breaks simple-statistics' O(k·n²) jenks gave. */
import { jenks } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../../data/src/demo/rng.js';
import { ClassificationMethod, classOf, classify } from '../../../server/src/domain/classify.js';

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
      const expected = jenks(sorted, k)!.filter((b, i, all) => i === 0 || b > all[i - 1]!);
      expect(breaks).toEqual(expected);
    }
  });

  it('puts every value in the class its breaks bound, nulls in none', () => {
    const values = [...datasets[1]![1], null, Number.NaN];
    for (const method of Object.values(ClassificationMethod)) {
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
    expect(classify([2, 2, null], ClassificationMethod.JENKS, 5)).toEqual({ breaks: [2, 2], classes: 1 });
    expect(classify([null], ClassificationMethod.QUANTILE, 5)).toEqual({ breaks: [], classes: 0 });
  });
});
