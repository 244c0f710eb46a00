/**
 * client/src/map/classes.ts: the atlas draws the server's classes as they
 * come (colours and counts per class index), never classifying again, and
 * places the exit-line marker on the legend's scale.
 */
import { describe, expect, it } from 'vitest';
import { schemeRdYlBu, schemeYlGnBu, schemeYlOrRd } from 'd3-scale-chromatic';
import { classBounds, classLabel } from '../../../client/src/map/class-labels';
import { fromChoropleth, MAX_CLASSES, positionOnScale, type ServerChoropleth } from '../../../client/src/map/classes';
import { formatMetricValue } from '../../../client/src/map/metric-format';
import { classColors } from '../../../client/src/map/palette';
import { en } from '../../../client/src/app/i18n/en';
import { zhCN } from '../../../client/src/app/i18n/zh-CN';

const describedAs = {
  level: 'COUNTY',
  year: 2019,
  metric: 'POOR_POPULATION',
  method: 'QUANTILE',
  scope: 'ALL_YEARS',
  requestedClasses: 3,
  classesNote: null,
  openEnded: false,
  threshold: null,
  unit: '人',
  decimals: 0,
  polarity: 'HIGHER_IS_WORSE',
} as const;
const server = (c: Pick<ServerChoropleth, 'breaks' | 'areas'> & Partial<ServerChoropleth>): ServerChoropleth => ({ ...describedAs, ...c });
const paletteFor = (n: number) => classColors(n, [], 'HIGHER_IS_WORSE', null);

const choropleth = server({
  breaks: [0.5, 1, 2, 4],
  areas: [
    { code: 'a', classIndex: 0 },
    { code: 'b', classIndex: 2 },
    { code: 'c', classIndex: 2 },
    { code: 'd', classIndex: null },
    { code: 'e', classIndex: 1 },
  ],
});

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
    const c = fromChoropleth(server({ breaks: [0, 1, 2], areas: [{ code: 'x', classIndex: 1 }] }));
    expect(c.classOf.get('x')).toBe(1);
  });

  it('has no classes when no area has a value', () => {
    expect(fromChoropleth(server({ breaks: [], areas: [{ code: 'a', classIndex: null }] }))).toMatchObject({ classes: [], missing: 1 });
  });

  it('rejects a class index outside the breaks rather than drawing a wrong colour', () => {
    expect(() => fromChoropleth(server({ breaks: [0, 1], areas: [{ code: 'a', classIndex: 1 }] }))).toThrow(/outside 0…0/);
  });

  it('gives distinct colours for every class count the server can make, for every polarity', () => {
    for (const polarity of ['HIGHER_IS_WORSE', 'HIGHER_IS_BETTER', 'NEUTRAL'] as const) {
      for (let n = 1; n <= MAX_CLASSES; n += 1) expect(new Set(classColors(n, [], polarity, null)).size).toBe(n);
    }
  });

  it('keeps what the classes are, for the legend: level, year, method, scope, note', () => {
    const c = fromChoropleth(server({ ...choropleth, requestedClasses: 7, classesNote: 'TIED_VALUES' }));
    expect(c).toMatchObject({ level: 'COUNTY', year: 2019, method: 'QUANTILE', scope: 'ALL_YEARS', requested: 7, note: 'TIED_VALUES', unit: '人', decimals: 0 });
  });
});

describe('classColors (ColorBrewer by polarity)', () => {
  const INCIDENCE_BANDS = [0, 1, 3, 5, 10, 20, 31];

  it('splits a diverging ramp at the exit line: blues below it, warm colours above, lightest next to the line', () => {
    const colors = classColors(6, INCIDENCE_BANDS, 'HIGHER_IS_WORSE', 3);
    const scheme = [...schemeRdYlBu[8]!].reverse();
    expect(colors).toEqual(scheme.slice(2, 8));
    // RdYlBu's blue half is its second half: reversed, the first half; the two classes under 3 % are there.
    expect(schemeRdYlBu[8]!.slice(4)).toEqual(expect.arrayContaining(colors.slice(0, 2)));
    expect(schemeRdYlBu[8]!.slice(0, 4)).toEqual(expect.arrayContaining(colors.slice(2)));
  });

  it('puts a higher-is-better metric\'s good side (above its target) in blues', () => {
    const colors = classColors(4, [0, 5, 10, 20, 40], 'HIGHER_IS_BETTER', 10);
    expect(schemeRdYlBu[4]!.slice(0, 2)).toEqual(colors.slice(0, 2));
    expect(schemeRdYlBu[4]!.slice(2)).toEqual(colors.slice(2));
  });

  it('uses a sequential ramp where the line is not a bound: YlOrRd for worse, YlGnBu for better', () => {
    expect(classColors(5, [0, 1, 2, 3, 4, 5], 'HIGHER_IS_WORSE', 3.5)).toEqual([...schemeYlOrRd[5]!]);
    expect(classColors(5, [0, 1, 2, 3, 4, 5], 'HIGHER_IS_BETTER', null)).toEqual([...schemeYlGnBu[5]!]);
  });
});

describe('class labels', () => {
  it('writes an open top class as "≥", a class of one value as "=", in the metric\'s decimals and the area level', () => {
    const policy = fromChoropleth(
      server({ method: 'POLICY', openEnded: true, unit: '%', decimals: 1, breaks: [0, 1, 3, 31.2], requestedClasses: 3, areas: [{ code: 'a', classIndex: 2 }] }),
    );
    expect(classBounds(policy, 0, zhCN)).toBe('0.0 – 1.0');
    expect(classBounds(policy, 2, zhCN)).toBe('≥ 3.0');
    expect(classLabel(policy, 2, zhCN)).toBe('≥ 3.0（1 个旗县区）');
    const jenks = fromChoropleth(server({ breaks: [0, 10, 275, 275], areas: [{ code: 'a', classIndex: 2 }, { code: 'b', classIndex: 0 }] }));
    expect(classBounds(jenks, 2, en)).toBe('= 275');
    expect(classLabel({ ...jenks, level: 'TOWNSHIP' }, 2, en)).toBe('= 275 (1 township)');
    expect(classBounds(jenks, 0, en)).toBe('0 – 10');
  });

  it('formats each metric\'s values with its unit and decimals, counts as integers', () => {
    expect(formatMetricValue(zhCN, 275.0, { unit: '人', decimals: 0 })).toBe('275 人');
    expect(formatMetricValue(zhCN, 3.456, { unit: '%', decimals: 1 })).toBe('3.5%');
    expect(formatMetricValue(zhCN, 12.3456, { unit: '万元', decimals: 2 })).toBe('12.35 万元');
    expect(formatMetricValue(en, 12.3456, { unit: '万元', decimals: 2 })).not.toContain('万元');
    expect(formatMetricValue(en, null, { unit: '%', decimals: 1 })).toBe('–');
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
