/**
 * client/src/export (pure parts) and the feature list's rows: CSV text as
 * RFC 4180 and Excel want it, file names, numbers rounded per metric, and
 * tables (named for the metric and its unit, in the screen's terms), GeoJSON
 * and list rows taken from the layer modules' own features (what the map draws).
 */
import { describe, expect, it } from 'vitest';
import { en } from '../../../client/src/app/i18n/en';
import { zhCN } from '../../../client/src/app/i18n/zh-CN';
import { csvField, toCsv, UTF8_BOM } from '../../../client/src/export/csv';
import { exportFileName, exportFileStem, isoDate } from '../../../client/src/export/file-name';
import { exportFeatureCollection, exportTable, layerFeatures } from '../../../client/src/export/layer-tables';
import { roundTo } from '../../../client/src/export/rounding';
import { formatMetricValue } from '../../../client/src/map/metric-format';
import { pairingEndNames } from '../../../client/src/map/layers/pairing-layer';
import { listGroups } from '../../../client/src/panels/feature-list-entries';
import { fakeData, fakeView } from './export-fixtures';

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

  it('gives the same name without its extension (the printed sheet\'s title)', () => {
    expect(exportFileStem({ brand: '领雁', prefecture: '锡林郭勒盟', year: 2017, detail: '阿巴嘎旗' })).toBe('领雁-锡林郭勒盟-2017-阿巴嘎旗');
  });

  it('gives the local date as YYYY-MM-DD', () => {
    expect(isoDate(new Date(2024, 0, 5, 23, 59))).toBe('2024-01-05');
  });
});

describe('roundTo', () => {
  it('rounds to the decimals as the number reads, and gives null for no number', () => {
    expect(roundTo(1.005, 2)).toBe(1.01);
    expect(roundTo(3.456, 1)).toBe(3.5);
    expect(roundTo(1234.5, 0)).toBe(1235);
    expect(roundTo(-0.04, 1)).toBe(0);
    expect(roundTo(1e-9, 2)).toBe(0);
    expect(roundTo(111.1234567, 6)).toBe(111.123457);
    expect(roundTo(null, 1)).toBeNull();
    expect(roundTo(Number.NaN, 1)).toBeNull();
  });
});

describe('export tables', () => {
  it('has one county row per county: the metric named with its unit, its class and bounds in that unit, method and scope, then the figures', () => {
    const table = exportTable(fakeView(), 'counties', zhCN.export.menu, fakeData());
    expect(table.header).toEqual([
      '年份', '区划代码', '名称', '英文名称', '贫困发生率(%)', '分级(1为最低)', '分级下限：贫困发生率(%)', '分级上限：贫困发生率(%)',
      '分级方法', '分级范围', '建档立卡贫困人口(人)', '农村户籍人口(人)',
    ]);
    const method = zhCN.methodNames.QUANTILE;
    const scope = zhCN.scopeNames.ALL_YEARS;
    expect(table.rows).toEqual([
      [2017, '152501000000', '甲旗', 'Jia Banner', 5.5, 2, 3, 5.5, method, scope, 550, 10_000],
      [2017, '152502000000', '乙县', 'Yi County', 1.3, 1, 1.3, 3, method, scope, 125, 10_000],
      [2017, '152503000000', '丙区', 'Bing District', null, null, null, null, method, scope, null, null],
    ]);
  });

  it('names another metric and its unit in the value and bound columns, rounds it to its decimals, and keeps incidence as a figure', () => {
    const view = fakeView({
      choropleth: {
        metric: 'COLLECTIVE_INCOME_MEDIAN', unit: '万元', decimals: 2, method: 'JENKS', scope: 'YEAR', threshold: 10, polarity: 'HIGHER_IS_BETTER',
        breaks: [3.14159, 8.5, 12.345678],
        areas: [
          { code: '152501000000', classIndex: 1, value: 12.345678 },
          { code: '152502000000', classIndex: 0, value: 3.14159 },
          { code: '152503000000', classIndex: null, value: null },
        ],
      },
    });
    const zh = exportTable(view, 'counties', zhCN.export.menu, fakeData());
    expect(zh.header.slice(4, 10)).toEqual([
      '村集体经济收入中位数(万元)', '分级(1为最低)', '分级下限：村集体经济收入中位数(万元)', '分级上限：村集体经济收入中位数(万元)', '分级方法', '分级范围',
    ]);
    expect(zh.header.slice(10)).toEqual(['贫困发生率(%)', '建档立卡贫困人口(人)', '农村户籍人口(人)']);
    expect(zh.header.join()).not.toContain('分级下限(%)');
    expect(zh.rows[0]).toEqual([2017, '152501000000', '甲旗', 'Jia Banner', 12.35, 2, 8.5, 12.35, zhCN.methodNames.JENKS, zhCN.scopeNames.YEAR, 5.5, 550, 10_000]);
    expect(zh.rows[1]!.slice(4, 8)).toEqual([3.14, 1, 3.14, 8.5]);

    const english = exportTable({ ...view, messages: en }, 'counties', en.export.menu, fakeData());
    const unit = en.unitNames['万元']!;
    expect(english.header.slice(4, 8)).toEqual([
      `Median collective income (${unit})`, 'Class (1 = lowest)', `Class from: Median collective income (${unit})`, `Class to: Median collective income (${unit})`,
    ]);
    // Every header in English: no Chinese unit or word left.
    expect(english.header.join('|')).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it('words a village in the screen\'s terms, with township, point and the year\'s figures rounded; a village without figures left blank', () => {
    const table = exportTable(fakeView({ messages: en }), 'villages', en.export.menu, fakeData());
    expect(table.header).toEqual([
      'Year', 'Code', 'Name', 'English name', 'Township code', 'Township', 'Longitude', 'Latitude', 'Poverty status',
      en.detail.strength, en.detail.branchRating,
      `Households (households)`, `${en.detail.ruralPopulation} (${en.unitNames['人']})`, `${en.detail.poorHouseholds} (households)`,
      `${en.detail.poorPopulation} (${en.unitNames['人']})`, `${en.detail.povertyIncidence} (%)`, `${en.detail.collectiveIncome} (${en.unitNames['万元']})`,
      `${en.detail.partyMembers} (${en.unitNames['人']})`, en.detail.secretaryIsDirector, en.detail.softLax,
    ]);
    expect(table.rows).toEqual([
      [2017, '152501001001', '一村', '一村 en', '152501001000', '一村 Town', 0.623457, 0.5, 'Poor village', en.detail.strengths.WEAK,
        en.detail.branchRatings.MIDDLE, 300, 800, 12, 30, 3.5, 4.57, 25, en.detail.yes, en.detail.no],
      [2017, '152502001001', '二村', '二村 en', '152502001000', '二村 Town', 1.623457, 0.5, 'Exited poverty', en.detail.strengths.MIDDLE,
        en.detail.branchRatings.MIDDLE, 300, 1200, 12, 30, 3.5, 4.57, 25, en.detail.yes, en.detail.no],
      [2017, '152503001001', '三村', '三村 en', '152503001000', '三村 Town', 2.623457, 0.5, 'No data this year', null, null,
        null, null, null, null, null, null, null, null, null],
    ]);
  });

  it('uses the detail panel\'s word for a middle village ("中间"), not a second wording', () => {
    const table = exportTable(fakeView(), 'villages', zhCN.export.menu, fakeData());
    const strength = table.header.indexOf(zhCN.detail.strength);
    expect(table.rows[1]![strength]).toBe(zhCN.detail.strengths.MIDDLE);
    expect(table.rows.map((r) => r[strength])).not.toContain('一般村');
  });

  it('names both ends of a pairing with its distance in whole metres, and has one row per alliance shown in the year', () => {
    const view = fakeView();
    expect(exportTable(view, 'pairings', zhCN.export.menu, fakeData()).rows).toEqual([
      [2017, '7', '强村带弱村', '152502001001', '二村', '152501001001', '一村', 1235],
    ]);
    expect(exportTable(view, 'alliances', zhCN.export.menu, fakeData()).rows).toEqual([[2017, '1', '联合党委1', 2015, '152502001001', 2]]);
  });

  it('leaves out the villages the map\'s filters hide', () => {
    const table = exportTable(fakeView({ filters: { strength: ['WEAK'] } }), 'villages', zhCN.export.menu, fakeData());
    expect(table.rows.map((r) => r[1])).toEqual(['152501001001']);
  });

  it('puts the shown layers\' data features in one GeoJSON, without label and arrowhead points', () => {
    const collection = exportFeatureCollection(fakeView({ hidden: ['villages'] }), fakeData());
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
      { kind: 'county', id: '152501000000', name: '甲旗', figure: formatMetricValue(zhCN, 5.5, { unit: '%', decimals: 1 }) },
      { kind: 'county', id: '152502000000', name: '乙县', figure: formatMetricValue(zhCN, 1.25, { unit: '%', decimals: 1 }) },
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
