/**
 * client/src/export (pure parts) and the feature list's rows: CSV text as
 * RFC 4180 and Excel want it, file names, and tables, GeoJSON and list rows
 * taken from the layer modules' own features (what the map draws).
 */
import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { en } from '../../../client/src/app/i18n/en';
import { zhCN } from '../../../client/src/app/i18n/zh-CN';
import { csvField, toCsv, UTF8_BOM } from '../../../client/src/export/csv';
import { exportFileName, isoDate } from '../../../client/src/export/file-name';
import { exportFeatureCollection, exportTable, layerFeatures, type ExportData } from '../../../client/src/export/layer-tables';
import { pngContent } from '../../../client/src/export/png-content';
import type { AtlasPairing, AtlasQuery, AtlasVillage, CountyFigures } from '../../../client/src/graphql/documents';
import { fromChoropleth } from '../../../client/src/map/classes';
import type { AtlasView, OverlayKey } from '../../../client/src/map/layers/types';
import { pairingEndNames } from '../../../client/src/map/layers/pairing-layer';
import { listGroups } from '../../../client/src/panels/feature-list-entries';

describe('csvField / toCsv', () => {
  it('quotes only fields with a quote, comma or line break, doubling quotes', () => {
    expect(csvField('锡林浩特市')).toBe('锡林浩特市');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\r')).toBe('"cr\r"');
  });

  it('writes numbers as they are, empty for null, undefined and non-finite numbers', () => {
    expect(csvField(12.3456)).toBe('12.3456');
    expect(csvField(-3)).toBe('-3');
    expect(csvField(0)).toBe('0');
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvField(Number.NaN)).toBe('');
  });

  it('keeps text a spreadsheet would run as a formula as text', () => {
    expect(csvField('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvField('+86')).toBe("'+86");
    expect(csvField('-x,y')).toBe(`"'-x,y"`);
  });

  it('starts with the UTF-8 BOM and ends every line with CRLF', () => {
    const text = toCsv(['名称', '值'], [['甲', 1], ['乙,丙', null]]);
    expect(text.startsWith(UTF8_BOM)).toBe(true);
    expect(text.slice(1)).toBe('名称,值\r\n甲,1\r\n"乙,丙",\r\n');
    expect(new TextEncoder().encode(text).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
  });
});

describe('exportFileName / isoDate', () => {
  it('names the PNG 领雁-<prefecture>-<year>.png', () => {
    expect(exportFileName({ brand: '领雁', prefecture: '锡林郭勒盟', year: 2017, extension: 'png' })).toBe('领雁-锡林郭勒盟-2017.png');
  });

  it('adds the detail, and drops characters file systems refuse', () => {
    expect(exportFileName({ brand: 'Lingyan', prefecture: 'A/B: "C"', year: 2020, detail: 'counties', extension: 'csv' })).toBe(
      'Lingyan-A_B_ _C_-2020-counties.csv',
    );
    expect(exportFileName({ brand: '领雁', prefecture: '  ', year: 2020, extension: 'geojson' })).toBe('领雁-2020.geojson');
  });

  it('gives the local date as YYYY-MM-DD', () => {
    expect(isoDate(new Date(2024, 0, 5, 23, 59))).toBe('2024-01-05');
  });
});

const square = (x: number, y: number): Polygon => ({
  type: 'Polygon',
  coordinates: [[[x, y], [x + 1, y], [x + 1, y + 1], [x, y + 1], [x, y]]],
});

/** The counties' boundaries, three villages (one without figures) and one pairing, as the API gives them for an export. */
function fakeData(): ExportData {
  const village = (code: string, name: string, x: number, figures: AtlasVillage['figures']) =>
    ({ code, name, nameEn: `${name} en`, location: { type: 'Point', coordinates: [x, 0.5] }, figures }) as AtlasVillage;
  return {
    countyBoundaries: new Map([
      ['152501000000', square(0, 0)],
      ['152502000000', square(1, 0)],
      ['152503000000', square(2, 0)],
    ]),
    villages: [
      village('152501001001', '一村', 0.5, { status: 'POOR', strength: 'WEAK', ruralPopulation: 800 } as AtlasVillage['figures']),
      village('152502001001', '二村', 1.5, { status: 'EXITED', strength: 'STRONG', ruralPopulation: 1200 } as AtlasVillage['figures']),
      village('152503001001', '三村', 2.5, null),
    ],
    pairings: [
      {
        id: 7,
        kind: 'STRONG_HELPS_WEAK',
        startYear: 2016,
        endYear: null,
        distanceMeters: 1234.5,
        line: { type: 'LineString', coordinates: [[1.5, 0.5], [0.5, 0.5]] },
        helperVillage: { code: '152502001001', name: '二村', nameEn: '二村 en' },
        helperOrganisation: null,
        helpedVillage: { code: '152501001001', name: '一村', nameEn: '一村 en' },
      } as AtlasPairing,
    ],
  };
}

/** Three counties (one without figures), one pairing, one alliance, as the atlas holds them. */
function fakeView(messages: AtlasView['messages'] = zhCN, hidden: OverlayKey[] = []): AtlasView {
  const atlas = {
    prefecture: { code: '152500000000', name: '测试盟', nameEn: 'Test League', years: [2017], thresholds: { countyExitIncidence: 3 }, boundary: square(0, 0) },
    counties: [
      { code: '152501000000', name: '甲旗', nameEn: 'Jia Banner', kind: 'BANNER', boundary: square(0, 0) },
      { code: '152502000000', name: '乙县', nameEn: 'Yi County', kind: 'COUNTY', boundary: square(1, 0) },
      { code: '152503000000', name: '丙区', nameEn: 'Bing District', kind: 'DISTRICT', boundary: square(2, 0) },
    ],
  } as unknown as AtlasQuery;
  const fig = (incidence: number, poor: number, rural: number) =>
    ({ year: 2017, povertyIncidence: incidence, poorPopulation: poor, ruralPopulation: rural }) as CountyFigures;
  const figures = new Map<string, CountyFigures | null>([
    ['152501000000', fig(5.5, 550, 10_000)],
    ['152502000000', fig(1.25, 125, 10_000)],
    ['152503000000', null],
  ]);
  const classification = fromChoropleth({
    breaks: [1.25, 3, 5.5],
    areas: [
      { code: '152501000000', classIndex: 1 },
      { code: '152502000000', classIndex: 0 },
      { code: '152503000000', classIndex: null },
    ],
  });
  const { villages } = fakeData();
  const alliance = (id: number, foundedYear: number) => ({
    id,
    name: `联合党委${id}`,
    foundedYear,
    footprint: square(0, 0),
    centre: { code: '152502001001', location: villages[1]!.location },
    members: [villages[0]!, villages[1]!].map((v) => ({ code: v.code, location: v.location })),
  });
  return {
    atlas,
    year: 2017,
    figures,
    classification,
    method: 'QUANTILE',
    metric: 'POVERTY_INCIDENCE',
    unit: '%',
    filters: { status: [], strength: [], pairing: [], industry: [] },
    selection: null,
    messages,
    overlays: {
      villages: { year: 2017, counts: { total: 3, status: { POOR: 1, EXITED: 1, NEVER_POOR: 0 }, strength: { STRONG: 1, WEAK: 1 } } },
      pairings: { year: 2017, counts: { drawn: { STRONG_HELPS_WEAK: 1, CENTRE_RADIATES: 0, ENTERPRISE_VILLAGE: 0 }, withoutLine: 0 } },
      // The second alliance is founded after the view's year: the map does not show it.
      alliances: [alliance(1, 2015), alliance(2, 2019)],
      townships: null,
      projects: null,
    },
    hidden: new Set(hidden),
    loaded: new Set(['prefecture', 'counties', 'villages', 'pairings', 'alliances']),
  } as unknown as AtlasView;
}

describe('export tables', () => {
  it('has one county row per county, with the year\'s figures and the server\'s class (1 = lowest)', () => {
    const table = exportTable(fakeView(), 'counties', zhCN.export.menu, fakeData());
    expect(table.header).toEqual([
      '年份', '区划代码', '名称', '英文名称', '贫困发生率(%)', '贫困人口(人)', '农村人口(人)', '分级(1为最低)', '分级下限(%)', '分级上限(%)',
    ]);
    expect(table.rows).toEqual([
      [2017, '152501000000', '甲旗', 'Jia Banner', 5.5, 550, 10_000, 2, 3, 5.5],
      [2017, '152502000000', '乙县', 'Yi County', 1.25, 125, 10_000, 1, 1.25, 3],
      [2017, '152503000000', '丙区', 'Bing District', null, null, null, null, undefined, undefined],
    ]);
  });

  it('words village status and strength in the language, and leaves a village without figures blank', () => {
    const table = exportTable(fakeView(en), 'villages', en.export.menu, fakeData());
    expect(table.header[4]).toBe('Poverty status');
    expect(table.rows).toEqual([
      [2017, '152501001001', '一村', '一村 en', 'Poor village', 'Weak', 800],
      [2017, '152502001001', '二村', '二村 en', 'Exited poverty', 'Strong', 1200],
      [2017, '152503001001', '三村', '三村 en', 'No data this year', null, null],
    ]);
  });

  it('names both ends of a pairing, and has one row per alliance shown in the year', () => {
    const view = fakeView();
    expect(exportTable(view, 'pairings', zhCN.export.menu, fakeData()).rows).toEqual([
      [2017, '7', '强村带弱村', '152502001001', '二村', '152501001001', '一村', 1234.5],
    ]);
    expect(exportTable(view, 'alliances', zhCN.export.menu, fakeData()).rows).toEqual([[2017, '1', '联合党委1', 2015, '152502001001', 2]]);
  });

  it('puts the shown layers\' data features in one GeoJSON, without label and arrowhead points', () => {
    const collection = exportFeatureCollection(fakeView(zhCN, ['villages']), fakeData());
    const byLayer = (layer: string) => collection.features.filter((f) => f.properties?.layer === layer);
    expect(byLayer('counties').map((f) => f.geometry.type)).toEqual(['Polygon', 'Polygon', 'Polygon']);
    expect(byLayer('villages')).toEqual([]);
    expect(byLayer('pairings').map((f) => f.geometry.type)).toEqual(['LineString']);
    // Alliance 1: footprint, one spoke, the centre.
    expect(byLayer('alliances').map((f) => f.properties?.part)).toEqual(['footprint', 'spoke', 'centre']);
    expect(collection.features.every((f) => f.properties?.year === 2017)).toBe(true);
    expect(layerFeatures(fakeView(), 'counties', fakeData())[0]!.properties).toMatchObject({ code: '152501000000', incidence: 5.5, classIndex: 1 });
  });
});

describe('pngContent', () => {
  it('labels the legend\'s classes in their colours as the legend does, and says the source and date', () => {
    const view = fakeView();
    const content = pngContent(view, { title: '领雁', prefecture: '测试盟', threshold: 3, date: '2024-05-01' }, zhCN.export.menu);
    expect(content.subtitle).toBe('测试盟 · 贫困发生率 (%) · 2017 年');
    expect(content.classes).toEqual([
      { color: view.classification.classes[0]!.color, label: '1.3 – 3.0（1 个旗县区）' },
      { color: view.classification.classes[1]!.color, label: '3.0 – 5.5（1 个旗县区）' },
    ]);
    expect(content.note).toContain('退出线 3%');
    expect(content.source).toBe('数据来源：领雁数据平台 · 2024-05-01');
  });
});

describe('feature list rows', () => {
  it('groups the rendered features by layer, once each, the figure that matters first', () => {
    const view = fakeView();
    const counties = layerFeatures(view, 'counties', fakeData()).map((f) => f.properties!);
    const villages = layerFeatures(view, 'villages', fakeData()).map((f) => f.properties!);
    const rendered = new Map([
      // A county drawn across two tiles comes back twice.
      ['counties', [...counties, counties[0]!]],
      ['villages', villages],
      // As a pairing's tile carries it: both ends' codes and names.
      ['pairings', [{ id: 7, kind: 'STRONG_HELPS_WEAK', helper: '152502001001', helped: '152501001001', helperName: '二村', helpedName: '一村', active: true }]],
    ] as const);
    const groups = listGroups(rendered, view, zhCN.export.list);
    expect(groups.map((g) => g.key)).toEqual(['counties', 'villages', 'pairings']);
    expect(groups[0]!.entries).toEqual([
      { kind: 'county', id: '152501000000', name: '甲旗', figure: '5.50%' },
      { kind: 'county', id: '152502000000', name: '乙县', figure: '1.25%' },
      { kind: 'county', id: '152503000000', name: '丙区', figure: '无数据' },
    ]);
    expect(groups[1]!.entries.map((e) => e.name)).toEqual(['二村', '一村', '三村']);
    expect(groups[1]!.entries[0]!.figure).toBe('已出列贫困村 · 1,200 人');
    expect(groups[2]!.entries).toEqual([{ kind: 'pairing', id: '7', name: '二村 → 一村', figure: '强村带弱村' }]);
  });

  it('names a pairing\'s ends in English where they have English names, else in Chinese (an enterprise has none)', () => {
    const tile = { helper: null, helperOrganisation: 3, helperName: '乳业公司', helped: '152501001001', helpedName: '一村', helpedNameEn: 'Yi Cun' };
    expect(pairingEndNames(tile, 'nameEn')).toEqual({ helper: '乳业公司', helped: 'Yi Cun' });
    expect(pairingEndNames(tile, 'name')).toEqual({ helper: '乳业公司', helped: '一村' });
  });
});
