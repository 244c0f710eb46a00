/**
 * client/src/map/classes.ts: the atlas draws the server's classes as they
 * come (colours and counts per class index), never classifying again, and
 * places the exit-line marker on the legend's scale.
 */
import { describe, expect, it } from 'vitest';
import { fromChoropleth, MAX_CLASSES, paletteFor, positionOnScale } from '../../../client/src/map/classes';

const choropleth = {
  breaks: [0.5, 1, 2, 4],
  areas: [
    { code: 'a', classIndex: 0 },
    { code: 'b', classIndex: 2 },
    { code: 'c', classIndex: 2 },
    { code: 'd', classIndex: null },
    { code: 'e', classIndex: 1 },
  ],
};

describe('fromChoropleth', () => {
  it('makes one coloured class per pair of neighbouring breaks, counting the areas the server put in it', () => {
    const c = fromChoropleth(choropleth);
    expect(c.classes).toEqual([
      { from: 0.5, to: 1, color: paletteFor(3)[0], count: 1 },
      { from: 1, to: 2, color: paletteFor(3)[1], count: 1 },
      { from: 2, to: 4, color: paletteFor(3)[2], count: 2 },
    ]);
    expect(c.missing).toBe(1);
    expect([...c.classOf]).toEqual([
      ['a', 0],
      ['b', 2],
      ['c', 2],
      ['e', 1],
    ]);
  });

  it('trusts the class index even where the value would say otherwise (one classifier: the server)', () => {
    const c = fromChoropleth({ breaks: [0, 1, 2], areas: [{ code: 'x', classIndex: 1 }] });
    expect(c.classOf.get('x')).toBe(1);
  });

  it('has no classes when no area has a value', () => {
    expect(fromChoropleth({ breaks: [], areas: [{ code: 'a', classIndex: null }] })).toMatchObject({ classes: [], missing: 1 });
  });

  it('rejects a class index outside the breaks rather than drawing a wrong colour', () => {
    expect(() => fromChoropleth({ breaks: [0, 1], areas: [{ code: 'a', classIndex: 1 }] })).toThrow(/outside 0…0/);
  });

  it('gives distinct colours for every class count the server can make', () => {
    for (let n = 1; n <= MAX_CLASSES; n += 1) expect(new Set(paletteFor(n)).size).toBe(n);
  });
});

describe('positionOnScale', () => {
  const c = fromChoropleth(choropleth);

  it('places a value linearly inside its class, each class the same width', () => {
    expect(positionOnScale(c, 0.5)).toEqual({ position: 0, clamped: null });
    expect(positionOnScale(c, 0.75).position).toBeCloseTo(1 / 6, 9);
    expect(positionOnScale(c, 3).position).toBeCloseTo(2 / 3 + 1 / 6, 9);
    expect(positionOnScale(c, 4)).toEqual({ position: 1, clamped: null });
  });

  it('clamps values off the scale and says which way', () => {
    expect(positionOnScale(c, 0.1)).toEqual({ position: 0, clamped: 'below' });
    expect(positionOnScale(c, 9)).toEqual({ position: 1, clamped: 'above' });
  });
});
