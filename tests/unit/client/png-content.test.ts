/**
 * What an exported map says (client/src/export/png-content.ts, pure): the
 * title, the classes of the level drawn in their colours, the footnote that
 * fits the metric (only incidence gets the exit line), a key for each overlay
 * drawn at the map's zoom from the layer modules' own legends, the boundary
 * note and the source, all in the UI's language; and the scale bar and north
 * arrow (map-marks.ts) and the PNG's text chunks (png-text.ts).
 */
import { unzlibSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { en } from '../../../client/src/app/i18n/en';
import { zhCN } from '../../../client/src/app/i18n/zh-CN';
import { figureText, rankOf } from '../../../client/src/export/county-profile';
import { metresPerPixel, northRotation, scaleBar } from '../../../client/src/export/map-marks';
import { contentLines, drawnFromZoom, pngContent, shadedLevel, type PngContent } from '../../../client/src/export/png-content';
import { crc32, withPngText } from '../../../client/src/export/png-text';
import { fromChoropleth } from '../../../client/src/map/classes';
import { LAYER_REGISTRY } from '../../../client/src/map/layers/registry';
import { formatMetricValue } from '../../../client/src/map/metric-format';
import type { AtlasView } from '../../../client/src/map/layers/types';
import { TOWNSHIP_MIN_ZOOM } from '../../../client/src/map/layers/zoom';
import { fakeChoropleth, fakeView } from './export-fixtures';

const TEXTS = { brand: '领雁', prefecture: '测试盟', date: '2024-05-01', zoom: 7 };
const HAN = /[\u4e00-\u9fff]/;

const INCOME = {
  metric: 'COLLECTIVE_INCOME_MEDIAN',
  unit: '万元',
  decimals: 2,
  method: 'POLICY',
  scope: 'ALL_YEARS',
  threshold: 10,
  openEnded: true,
  polarity: 'HIGHER_IS_BETTER',
  requestedClasses: 4,
  breaks: [0, 5, 10, 20, 40],
  areas: [
    { code: '152501000000', classIndex: 3, value: 23.456 },
    { code: '152502000000', classIndex: 1, value: 6.5 },
    { code: '152503000000', classIndex: null, value: null },
  ],
} as const;

function content(view: AtlasView, zoom = TEXTS.zoom, messages = view.messages === en ? en : zhCN): PngContent {
  const english = messages === en;
  return pngContent(view, { ...TEXTS, brand: english ? 'Lingyan' : '领雁', prefecture: english ? 'Test League' : '测试盟', zoom }, messages.export.menu);
}

describe('pngContent: title, classes and notes', () => {
  it('titles the map with prefecture, metric and year, and describes the classes as the legend does', () => {
    const view = fakeView();
    const c = content(view);
    expect(c.title).toBe(zhCN.export.menu.documentTitle('测试盟', '贫困发生率', 2017));
    expect(c.title).toContain('测试盟');
    expect(c.title).toContain('2017');
    expect(c.brand).toBe('领雁');
    expect(c.subtitle).toBe(zhCN.legendDescription({ level: 'COUNTY', year: 2017, classes: 2, method: 'QUANTILE', scope: 'ALL_YEARS' }));
    expect(c.level).toBe('county');
    expect(c.classes.map((k) => k.swatch)).toEqual(view.classification.classes.map((k) => ({ shape: 'fill', color: k.color })));
    expect(c.classes.map((k) => k.label)).toEqual(['1.3 – 3.0（1 个旗县区）', '3.0 – 5.5（1 个旗县区）']);
    // One county has no value: its swatch is in the key.
    expect(c.noData?.label).toBe(zhCN.legendNoData);
    expect(c.classesNote).toBeNull();
    expect(c.schematic).toBe('示意图，边界不作为权属依据');
    expect(c.source).toBe('数据来源：领雁数据平台 · 导出日期 2024-05-01');
  });

  it('gives incidence the exit-line footnote, in the legend\'s words', () => {
    const c = content(fakeView());
    expect(c.footnote).toBe(`${zhCN.legendThreshold('3')} · ${zhCN.legendThresholdNote('3')}`);
    expect(c.footnote).toContain('退出线 3%');
  });

  it('says every county is below the exit line when all are', () => {
    const view = fakeView({
      choropleth: {
        breaks: [0, 0.01, 0.02],
        areas: [
          { code: '152501000000', classIndex: 1, value: 0.02 },
          { code: '152502000000', classIndex: 0, value: 0 },
        ],
      },
    });
    const c = content(view);
    expect(c.footnote).toBe(zhCN.legendAllBelow('3'));
    // 0.01 and 0.02 are two classes: their bounds print apart.
    expect(c.classes.map((k) => k.label)).toEqual(['0.00 – 0.01（1 个旗县区）', '0.01 – 0.02（1 个旗县区）']);
  });

  it('gives an income map its own policy line and no incidence footnote, the open top class as "≥"', () => {
    const c = content(fakeView({ choropleth: INCOME }));
    expect(c.footnote).toBe(zhCN.legendPolicyLine('10', '万元'));
    const texts = contentLines(c, '50 公里').join('\n');
    expect(texts).not.toContain('退出线');
    expect(texts).not.toContain(zhCN.legendThresholdNote('3'));
    expect(c.legendTitle).toBe(zhCN.legendTitle('COLLECTIVE_INCOME_MEDIAN', '万元'));
    expect(c.classes.at(-1)!.label).toMatch(/^≥ 20\.00/);
    expect(c.classes[0]!.label).toMatch(/^0\.00 – 5\.00/);
  });

  it('has no footnote for a metric without a policy line', () => {
    const c = content(
      fakeView({ choropleth: { metric: 'SOFT_LAX_COUNT', unit: '个', decimals: 0, threshold: null, polarity: 'HIGHER_IS_WORSE', breaks: [0, 2, 5] } }),
    );
    expect(c.footnote).toBeNull();
    expect(c.classes.map((k) => k.label)).toEqual(['0 – 2（1 个旗县区）', '2 – 5（1 个旗县区）']);
  });

  it('says why fewer classes were made than asked', () => {
    const c = content(fakeView({ choropleth: { requestedClasses: 5, classesNote: 'TIED_VALUES' } }));
    expect(c.classesNote).toBe(zhCN.legendClassesNote('TIED_VALUES', 2, 5));
  });

  it('is in English throughout in English, units translated (no Chinese unit or word left)', () => {
    const view = fakeView({ messages: en, choropleth: INCOME });
    const c = content(view, TEXTS.zoom, en);
    const lines = contentLines(c, '50 km');
    expect(lines.join('\n')).not.toMatch(HAN);
    expect(lines.join('\n')).not.toContain('万元');
    expect(c.legendTitle).toContain(en.unitNames['万元']!);
    expect(c.schematic).toBe('Schematic map; boundaries are not authoritative');
    expect(c.footnote).toBe(en.legendPolicyLine('10', en.unitNames['万元']!));
  });
});

describe('pngContent: overlay keys', () => {
  it('keys every overlay drawn at the zoom with its layer module\'s own legend items', () => {
    const view = fakeView();
    const c = content(view, 7);
    expect(c.overlays.map((s) => s.key)).toEqual(['pairings', 'villages', 'alliances']);
    for (const section of c.overlays) {
      const legend = (LAYER_REGISTRY[section.key] as { legend?: (v: AtlasView) => { items: Array<{ label: string; swatch: unknown }> } | null }).legend!(view)!;
      expect(section.title).toBe(zhCN.layerNames[section.key]);
      expect(section.items).toEqual(legend.items.map(({ label, swatch }) => ({ label, swatch })));
    }
    // Village circles: status fills and strength rings; pairings: arrows; alliances: footprint, spoke, centre.
    expect(c.overlays[0]!.items.every((i) => i.swatch.shape === 'arrow')).toBe(true);
    expect(c.overlays[2]!.items.map((i) => i.swatch.shape)).toEqual(['fill', 'line', 'circle']);
  });

  it('keys no overlay the user switched off, nor one not drawn at the zoom (villages and pairings from zoom 5)', () => {
    expect(content(fakeView({ hidden: ['villages', 'alliances'] })).overlays.map((s) => s.key)).toEqual(['pairings']);
    const view = fakeView();
    expect(drawnFromZoom(LAYER_REGISTRY.villages, view)).toBe(5);
    expect(content(view, 4).overlays.map((s) => s.key)).toEqual(['alliances']);
  });

  it('keys only the symbols the filters let through', () => {
    const c = content(fakeView({ filters: { strength: ['WEAK'], pairing: ['STRONG_HELPS_WEAK'] } }));
    const villages = c.overlays.find((s) => s.key === 'villages')!;
    expect(villages.items.map((i) => i.label)).not.toContain(zhCN.legendCount(zhCN.villageStrong, 1));
    expect(villages.items.map((i) => i.label)).toContain(zhCN.legendCount(zhCN.villageWeak, 1));
    expect(c.overlays.find((s) => s.key === 'pairings')!.items).toHaveLength(1);
  });

  it('shows the township classes (not the counties\') where townships are drawn, without a second township key', () => {
    const townships = fromChoropleth(
      fakeChoropleth({
        level: 'TOWNSHIP',
        breaks: [0, 2, 4, 8],
        areas: [
          { code: 't1', classIndex: 0, value: 1 },
          { code: 't2', classIndex: 2, value: 7 },
        ],
        requestedClasses: 3,
      }),
    );
    const view = fakeView({ loaded: ['prefecture', 'counties', 'villages', 'townships'] });
    const withTownships = { ...view, overlays: { ...view.overlays, townships: { year: 2017, classification: townships } } } as AtlasView;
    expect(shadedLevel(withTownships, TOWNSHIP_MIN_ZOOM - 0.5)).toBe('county');
    const c = content(withTownships, TOWNSHIP_MIN_ZOOM + 0.5);
    expect(c.level).toBe('township');
    expect(c.classes.map((k) => k.swatch.color)).toEqual(townships.classes.map((k) => k.color));
    expect(c.classes[0]!.label).toContain('苏木乡镇');
    expect(c.subtitle).toContain(zhCN.levelNames.TOWNSHIP);
    expect(c.overlays.map((s) => s.key)).not.toContain('townships');
  });
});

describe('scale bar and north arrow', () => {
  it('measures metres per pixel as MapLibre\'s 512-pixel Web Mercator world does', () => {
    // At the equator, zoom 0: the equator (40,075,016.7 m) over 512 px.
    expect(metresPerPixel(0, 0)).toBeCloseTo(40_075_016.686 / 512, 3);
    // Each zoom level halves it; at 60° it is half the equator's.
    expect(metresPerPixel(0, 1)).toBeCloseTo(metresPerPixel(0, 0) / 2, 6);
    expect(metresPerPixel(60, 5)).toBeCloseTo(metresPerPixel(0, 5) / 2, 6);
  });

  it('picks the longest 1-2-5 length that fits, and labels it in km or m in the language', () => {
    const zh = zhCN.export.menu;
    const bar = scaleBar(1000, 160, zh, 'zh-CN');
    expect(bar).toEqual({ metres: 100_000, pixels: 100, label: '100 公里' });
    expect(scaleBar(300, 160, en.export.menu, 'en')).toEqual({ metres: 20_000, pixels: 20_000 / 300, label: '20 km' });
    expect(scaleBar(2, 160, en.export.menu, 'en')).toMatchObject({ metres: 200, label: '200 m' });
    expect(scaleBar(1, 160, en.export.menu, 'en').pixels).toBeLessThanOrEqual(160);
    expect(() => scaleBar(0, 160, zh, 'zh-CN')).toThrow(RangeError);
  });

  it('turns the north arrow against the map\'s bearing', () => {
    expect(northRotation(0)).toBe(0);
    expect(northRotation(30)).toBe(330);
    expect(northRotation(-90)).toBe(90);
    expect(northRotation(720)).toBe(0);
  });
});

describe('PNG text chunks', () => {
  /** A 1×1 RGBA PNG: signature, IHDR, IDAT, IEND. */
  function tinyPng(): Uint8Array {
    const chunk = (type: string, data: number[]) => {
      const body = new Uint8Array([...new TextEncoder().encode(type), ...data]);
      const out = new Uint8Array(12 + data.length);
      const view = new DataView(out.buffer);
      view.setUint32(0, data.length);
      out.set(body, 4);
      view.setUint32(8 + data.length, crc32(body));
      return [...out];
    };
    const ihdr = [0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0];
    const idat = [0x78, 0x9c, 0x63, 0x60, 0x00, 0x02, 0x00, 0x00, 0x05, 0x00, 0x01];
    return new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...chunk('IHDR', ihdr), ...chunk('IDAT', idat), ...chunk('IEND', [])]);
  }

  it('computes the standard CRC-32', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });

  it('inserts UTF-8 iTXt chunks after the header, each with a valid CRC, the image untouched', () => {
    const png = tinyPng();
    const out = withPngText(png, [['Title', '测试盟 2017 年贫困发生率'], ['Disclaimer', '示意图']], 'zh-CN');
    const chunks: Array<{ type: string; data: Uint8Array; crcOk: boolean }> = [];
    const view = new DataView(out.buffer);
    for (let at = 8; at < out.length; ) {
      const length = view.getUint32(at);
      const type = new TextDecoder().decode(out.subarray(at + 4, at + 8));
      const data = out.subarray(at + 8, at + 8 + length);
      chunks.push({ type, data, crcOk: view.getUint32(at + 8 + length) === crc32(out.subarray(at + 4, at + 8 + length)) });
      at += 12 + length;
    }
    expect(chunks.map((c) => c.type)).toEqual(['IHDR', 'iTXt', 'iTXt', 'IDAT', 'IEND']);
    expect(chunks.every((c) => c.crcOk)).toBe(true);
    const [keyword, , , text] = (() => {
      const d = chunks[1]!.data;
      const nul = d.indexOf(0);
      const lang = d.indexOf(0, nul + 3);
      const translated = d.indexOf(0, lang + 1);
      return [new TextDecoder().decode(d.subarray(0, nul)), d[nul + 1], new TextDecoder().decode(d.subarray(nul + 3, lang)), new TextDecoder().decode(d.subarray(translated + 1))];
    })();
    expect(keyword).toBe('Title');
    expect(text).toBe('测试盟 2017 年贫困发生率');
    // The pixel data is as it was.
    expect([...unzlibSync(chunks[3]!.data)]).toEqual([0, 0, 0, 0, 0]);
  });

  it('refuses a file that is not a PNG and a keyword PNG does not allow', () => {
    expect(() => withPngText(new Uint8Array([1, 2, 3]), [['Title', 'x']])).toThrow(/not a PNG/);
    expect(() => withPngText(tinyPng(), [['标题', 'x']])).toThrow(/keyword/);
  });
});

describe('county profile', () => {
  it('ranks a county among those with a value, highest first, ties sharing a rank', () => {
    const values = new Map([['a', 5], ['b', 7.5], ['c', 5], ['d', 1]]);
    expect(rankOf(values, 'b')).toEqual({ rank: 1, of: 4 });
    expect(rankOf(values, 'a')).toEqual({ rank: 2, of: 4 });
    expect(rankOf(values, 'c')).toEqual({ rank: 2, of: 4 });
    expect(rankOf(values, 'd')).toEqual({ rank: 4, of: 4 });
    expect(rankOf(values, 'x')).toBeNull();
  });

  it('writes each figure in its unit and decimals, in the language', () => {
    const zh = fakeView();
    expect(figureText(zh, zhCN.export.menu, 'poorPopulation', 1234.4)).toBe('1,234 人');
    expect(figureText(zh, zhCN.export.menu, 'households', 10572)).toBe('10,572 户');
    expect(figureText(zh, zhCN.export.menu, 'povertyIncidence', 3.456)).toBe(formatMetricValue(zhCN, 3.5, { unit: '%', decimals: 1 }));
    expect(figureText(zh, zhCN.export.menu, 'povertyIncidence', 3.456)).toMatch(/^3\.5 ?%$/);
    expect(figureText(zh, zhCN.export.menu, 'collectiveIncomeMedian', 19.333)).toBe('19.33 万元');
    expect(figureText(zh, zhCN.export.menu, 'softLaxCount', null)).toBe(zhCN.legendNoData);
    const english = fakeView({ messages: en });
    expect(figureText(english, en.export.menu, 'households', 2)).toBe('2 households');
    expect(figureText(english, en.export.menu, 'collectiveIncomeMedian', 19.333)).toBe(`19.33 ${en.unitNames['万元']}`);
    expect(figureText(english, en.export.menu, 'poorPopulation', 2)).not.toMatch(HAN);
  });
});
