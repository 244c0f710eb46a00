/**
 * client/src/warnings: the list's filters and counts, where an entry leads,
 * the map's marks (one per place, its most severe level), the CSV rows, the
 * marks' pixels (shape as well as colour) and the layer's legend.
 */
import { describe, expect, it } from 'vitest';
import type { AtlasWarning } from '../../../client/src/graphql/documents';
import { warningLayer } from '../../../client/src/map/layers/warning-layer';
import type { AtlasView } from '../../../client/src/map/layers/types';
import { markPixels, shapeDistance, WARNING_COLORS } from '../../../client/src/warnings/mark-images';
import { warningsEn, warningsZhCN } from '../../../client/src/warnings/messages';
import { countWarnings, filterWarnings, marksByLevel, warningMarks, warningPlace, warningRows, warningSelection } from '../../../client/src/warnings/warnings';

const county = { code: '159901000000', name: '甲旗', nameEn: 'Jia Banner' };
const township = { code: '159901001000', name: '乙镇', nameEn: 'Yi Town' };
const village = (n: number) => ({ code: `159901001${String(n).padStart(3, '0')}`, name: `丙村${n}`, nameEn: `Bing ${n}` });

function warning(over: Partial<AtlasWarning>): AtlasWarning {
  return {
    __typename: 'Warning',
    id: 'x',
    rule: 'WEAK_UNPAIRED',
    level: 'ORANGE',
    scope: 'VILLAGE',
    areaCode: village(1).code,
    county,
    township,
    village: village(1),
    subject: null,
    message: '丙村1在2025年为弱村（集体经济薄弱），没有结对帮扶。',
    messageEn: 'Bing 1 is weak in 2025 (weak collective economy) and no pairing helps it.',
    responsible: [{ kind: 'TOWNSHIP', name: '乙镇' }],
    longitude: 112.1,
    latitude: 43.2,
    ...over,
  } as AtlasWarning;
}

const items = [
  warning({ id: 'a', rule: 'RETURN_RISK', level: 'RED', scope: 'COUNTY', areaCode: county.code, township: null, village: null, longitude: 112, latitude: 43 }),
  warning({ id: 'b', rule: 'POOR_VILLAGE_UNSTAFFED', level: 'RED', areaCode: village(2).code, village: village(2), longitude: 112.2 }),
  warning({ id: 'c' }),
  // the same village again, at a lower level: its mark stays orange, with two warnings
  warning({ id: 'd', rule: 'FUNDS_BELOW_COMMITMENT', level: 'YELLOW' }),
  warning({ id: 'e', rule: 'FINDING_OVERDUE', level: 'ORANGE', scope: 'TOWNSHIP', areaCode: township.code, village: null, longitude: null, latitude: null }),
];

describe('warnings list', () => {
  it('filters by rule and level, and counts every rule and level', () => {
    expect(filterWarnings(items, { rule: null, level: 'RED' }).map((w) => w.id)).toEqual(['a', 'b']);
    expect(filterWarnings(items, { rule: 'WEAK_UNPAIRED', level: 'ORANGE' }).map((w) => w.id)).toEqual(['c']);
    expect(filterWarnings(items, { rule: 'WEAK_UNPAIRED', level: 'RED' })).toEqual([]);
    const counts = countWarnings(items);
    expect(counts.level).toEqual({ RED: 2, ORANGE: 2, YELLOW: 1 });
    expect(counts.rule.HELPER_WEAK).toBe(0);
    expect(Object.values(counts.rule).reduce((a, b) => a + b, 0)).toBe(items.length);
  });

  it('leads each entry to its village, township or county, named from the county down', () => {
    expect(warningSelection(items[2]!)).toEqual({ kind: 'village', id: village(1).code });
    expect(warningSelection(items[4]!)).toEqual({ kind: 'township', id: township.code });
    expect(warningSelection(items[0]!)).toEqual({ kind: 'county', id: county.code });
    expect(warningPlace(items[2]!, 'name')).toBe('甲旗 · 乙镇 · 丙村1');
    expect(warningPlace(items[0]!, 'nameEn')).toBe('Jia Banner');
  });

  it('writes CSV rows in the reader\'s language', () => {
    expect(warningRows([items[2]!], 2025, warningsZhCN, 'name')).toEqual([['2025', '橙色', '弱村无结对', '甲旗', '乙镇', '丙村1', items[2]!.message, '乙镇']]);
    expect(warningRows([items[0]!], 2025, warningsEn, 'nameEn')[0]!.slice(0, 6)).toEqual(['2025', 'Red', 'Risk of falling back into poverty', 'Jia Banner', '', '']);
    expect(warningsZhCN.csvHeaders).toHaveLength(warningRows(items, 2025, warningsZhCN, 'name')[0]!.length);
  });
});

describe('warnings map marks', () => {
  it('marks each place once, at its most severe level, and leaves out places without a point', () => {
    const marks = warningMarks(items, 'name');
    expect(marks.features.map((f) => [f.properties.code, f.properties.level, f.properties.warnings, f.properties.kind])).toEqual([
      [county.code, 'RED', 1, 'county'],
      [village(2).code, 'RED', 1, 'village'],
      [village(1).code, 'ORANGE', 2, 'village'],
    ]);
    // a yellow first, then a red at the same place: the red wins
    const upgraded = warningMarks([warning({ id: 'y', level: 'YELLOW' }), warning({ id: 'r', level: 'RED' })], 'nameEn');
    expect(upgraded.features[0]!.properties).toMatchObject({ level: 'RED', rank: 0, warnings: 2, name: 'Bing 1' });
    expect(marksByLevel(marks)).toEqual({ RED: 2, ORANGE: 1, YELLOW: 0 });
  });

  it('draws a triangle, a diamond and a circle: the shape tells the level without colour', () => {
    // the top-left quarter's centre is outside the triangle and the diamond, inside the circle's bounding box only
    expect(shapeDistance('triangle', [9, 3])).toBeGreaterThan(0);
    expect(shapeDistance('triangle', [4, 4])).toBeLessThan(0);
    expect(shapeDistance('diamond', [4, 4])).toBeLessThan(0);
    expect(shapeDistance('diamond', [9, 9])).toBeGreaterThan(0);
    expect(shapeDistance('circle', [9, 9])).toBeGreaterThan(0);
    const red = markPixels('RED');
    const px = (img: typeof red, x: number, y: number) => Array.from(img.data.slice((y * img.width + x) * 4, (y * img.width + x) * 4 + 4));
    const hex = (c: string) => [1, 3, 5].map((i) => Number.parseInt(c.slice(i, i + 2), 16));
    // centre (lower middle for the triangle) in the level's colour, corners transparent
    expect(px(red, 18, 24)).toEqual([...hex(WARNING_COLORS.RED), 255]);
    expect(px(red, 1, 1)[3]).toBe(0);
    const yellow = markPixels('YELLOW');
    expect(px(yellow, 18, 18)).toEqual([...hex(WARNING_COLORS.YELLOW), 255]);
    expect(px(yellow, 2, 2)[3]).toBe(0);
  });

  it('gives a legend with a sample of each level\'s shape and its number of places', () => {
    const view = { overlays: { warnings: { year: 2025, items } }, messages: { nameField: 'name', numberLocale: 'zh-CN' } } as unknown as AtlasView;
    const legend = warningLayer.legend(view)!;
    expect(legend.items.map((i) => [i.value, i.label, i.swatch.shape])).toEqual([
      ['RED', '红色预警（2处）', 'polygon'],
      ['ORANGE', '橙色预警（1处）', 'polygon'],
      ['YELLOW', '黄色预警（0处）', 'circle'],
    ]);
    expect(warningLayer.legend({ ...view, overlays: { warnings: null } } as unknown as AtlasView)).toBeNull();
  });
});
