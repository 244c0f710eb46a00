/** The atlas's findings: the day a year is judged on, where each finding is drawn, the legend and both languages. */
import { describe, expect, it } from 'vitest';
import type { AtlasFinding } from '../../../client/src/graphql/documents';
import { findingTableParts } from '../../../client/src/inspection/export-table';
import { asOfDay, countByStatus, findingFeatures, SPREAD_DEGREES } from '../../../client/src/inspection/findings';
import { FINDING_CIRCLE_LAYER_ID, findingLayer } from '../../../client/src/map/layers/finding-layer';
import type { AtlasView } from '../../../client/src/map/layers/types';
import { findingMessagesFor, findingMessagesForLocale } from '../../../client/src/inspection/messages';
import { asOfDate } from '../../../server/src/domain/inspection/finding-status';

function finding(id: number, status: 'OPEN' | 'OVERDUE', code: string, at: [number, number]): AtlasFinding {
  return {
    id,
    status,
    category: 'FUNDS',
    deadline: '2025-10-01',
    asOf: '2025-12-31',
    responsibleUnit: '村民委员会',
    description: '资金公示不及时',
    inspection: { inspectedOn: '2025-08-01', inspectingUnit: '盟委督查室', place: { kind: 'VILLAGE', code, name: '某嘎查', nameEn: 'Mou Gacha', point: { type: 'Point', coordinates: at } } },
  };
}

describe('asOfDay', () => {
  it('is the year\'s last day once it is over, today while it runs, as the server\'s asOfDate', () => {
    const today = new Date('2026-12-06T05:00:00Z');
    for (const year of [2016, 2025, 2026, 2027]) expect(asOfDay(year, today)).toBe(asOfDate(year, today));
    expect(asOfDay(2025, today)).toBe('2025-12-31');
    expect(asOfDay(2026, today)).toBe('2026-12-06');
  });
});

describe('findingFeatures', () => {
  it('keeps a place\'s only finding at the place, and rings several findings of one place with the overdue first', () => {
    const items = [finding(3, 'OPEN', '159908100201', [110, 40]), finding(7, 'OVERDUE', '159908100201', [110, 40]), finding(5, 'OPEN', '159908100202', [111, 41])];
    const { features } = findingFeatures(items, 'name');
    expect(features.map((f) => f.properties.id)).toEqual([7, 3, 5]);
    const [first, second, alone] = features.map((f) => f.geometry.coordinates as [number, number]);
    expect(alone).toEqual([111, 41]);
    // Two on a ring of SPREAD_DEGREES: north and south of the place.
    expect(first![0]).toBeCloseTo(110, 9);
    expect(first![1]).toBeCloseTo(40 + SPREAD_DEGREES, 9);
    expect(second![1]).toBeCloseTo(40 - SPREAD_DEGREES, 9);
    expect(features[0]!.id).toBe(7);
    expect(features[0]!.properties).toMatchObject({ status: 'OVERDUE', place: '某嘎查', deadline: '2025-10-01' });
    expect(findingFeatures(items, 'nameEn').features[0]!.properties.place).toBe('Mou Gacha');
  });

  it('counts the open and the overdue', () => {
    expect(countByStatus([{ status: 'OPEN' }, { status: 'OVERDUE' }, { status: 'OVERDUE' }])).toEqual({ OPEN: 1, OVERDUE: 2 });
  });
});

describe('messages', () => {
  it('say the same things in Chinese and English', () => {
    const zh = findingMessagesFor('name');
    const en = findingMessagesFor('nameEn');
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    expect(zh.statuses.OVERDUE).toBe('已逾期');
    expect(en.statuses.OVERDUE).toBe('Overdue');
    expect(zh.categories.PARTY_BUILDING).toBe('基层党建');
    expect(findingMessagesForLocale('zh-CN')).toBe(zh);
    expect(findingMessagesForLocale('en')).toBe(en);
  });
});

describe('the export\'s findings table', () => {
  it('has a row per finding the map shows, with its place, category, unit, deadline, status and point, headed in the atlas\'s language', () => {
    const items = [finding(7, 'OVERDUE', '159908100201', [110.1234567, 40.5])];
    const view = { year: 2025, messages: { nameField: 'name' }, overlays: { findings: { year: 2025, items } } } as unknown as AtlasView;
    const { features } = findingFeatures(items, 'name');
    const table = findingTableParts(view, features, '年份');
    expect(table.header).toEqual(['年份', '问题编号', '被督查单位代码', '被督查单位', '层级', '问题类别', '问题描述', '责任单位', '督查日期', '整改时限', '整改状态', '经度', '纬度']);
    expect(table.rows).toEqual([[2025, 7, '159908100201', '某嘎查', '嘎查村', '扶贫资金', '资金公示不及时', '村民委员会', '2025-08-01', '2025-10-01', '已逾期', 110.123457, 40.5]]);
    const en = findingTableParts({ ...view, messages: { nameField: 'nameEn' } } as unknown as AtlasView, features, 'Year');
    expect(en.header[10]).toBe('Status');
    expect(en.rows[0]![3]).toBe('Mou Gacha');
    expect(en.rows[0]![10]).toBe('Overdue');
  });
});

describe('the findings layer', () => {
  const items = [finding(1, 'OVERDUE', '159908100201', [110, 40]), finding(2, 'OVERDUE', '159908100202', [111, 40]), finding(3, 'OPEN', '159908100203', [112, 40])];
  const view = { year: 2025, messages: { nameField: 'name' }, overlays: { findings: { year: 2025, items } } } as unknown as AtlasView;

  it('keys the overdue and the open with their counts, told apart by fill and size as well as colour', () => {
    const legend = findingLayer.legend(view)!;
    expect(legend.items.map((i) => [i.value, i.label])).toEqual([
      ['OVERDUE', '已逾期（2 个）'],
      ['OPEN', '未整改（期限内）（1 个）'],
    ]);
    const [overdue, open] = legend.items.map((i) => i.swatch as { color: string; stroke: string });
    expect(open!.color).toBe('#ffffff');
    expect(overdue!.color).not.toBe(open!.color);
    const circles = findingLayer.layers().find((l) => l.id === FINDING_CIRCLE_LAYER_ID)!;
    // Radius: larger for the overdue at every zoom stop.
    expect(JSON.stringify((circles as { paint: Record<string, unknown> }).paint['circle-radius'])).toContain('["case",["==",["get","status"],"OVERDUE"],5,3.5]');
    expect(findingLayer.legend({ ...view, overlays: { findings: null } } as unknown as AtlasView)).toBeNull();
  });

  it('draws one feature per finding, selectable as a finding by its id', () => {
    expect(findingLayer.toGeoJSON(view).features.map((f) => f.properties!.id)).toEqual([1, 2, 3]);
    expect(findingLayer.select).toMatchObject({ kind: 'finding', layerIds: [FINDING_CIRCLE_LAYER_ID], idProperty: 'id' });
  });
});
