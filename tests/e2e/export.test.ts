/**
 * Export, print and the list view in real Chromium against the real server
 * (embedded database, demo region), every file read back here, not by the
 * browser: the PNG is the map with its title, its full key (classes and a key
 * for every overlay drawn), scale bar, north arrow, the footnote that fits
 * the metric, the 示意图 note and the source, in the UI's language (its text
 * chunks say what it draws; its pixels are measured); the CSVs name metric,
 * unit, year, method and scope, round per metric and use the screen's words,
 * equal to the GraphQL answer; the GeoJSON has every shown feature; the
 * printed sheet is a landscape A4 PDF with title, legend and the county's
 * profile; the list of the features in view is used with the keyboard alone.
 * Nothing leaves the machine.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import distance from '@turf/distance';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillClassColors, hexToRgb, renderedCountyCodes, waitForMapReady } from './helpers/atlas-page';
import { waitForPanel } from './helpers/detail-page';
import { decodePng, parseCsv, pngColors, pngText, type DecodedPng } from './helpers/export-files';
import { graphqlRequest } from './helpers/graphql';
import { jumpAndSettle, layerLegend, waitForOverlays } from './helpers/layers-page';
import { readPdf } from './helpers/pdf-text';
import { ARTIFACTS, openBrowserSession, type BrowserSession } from './helpers/session';

interface Expected {
  prefecture: { name: string; nameEn: string; years: number[] };
  villages: { totalCount: number };
}
interface Figures {
  povertyIncidence: number | null;
  poorPopulation: number;
  ruralPopulation: number;
}
interface YearData {
  counties: Array<{ code: string; name: string; nameEn: string; figures: Figures | null }>;
  choropleth: { method: string; scope: string; unit: string; areas: Array<{ code: string; classIndex: number | null; value: number | null }> };
  assessment: { items: Array<{ code: string; score: number; rank: number; grade: 'GOOD' | 'FAIR' | 'AVERAGE' | 'POOR' }> };
  pairings: { hasNextPage: boolean; items: Array<{ id: number; line: { type: string } | null }> };
  alliances: {
    hasNextPage: boolean;
    items: Array<{
      foundedYear: number;
      footprint: unknown;
      centre: { code: string; location: { type: string } };
      members: Array<{ code: string; location: { type: string } }>;
    }>;
  };
}
/** The atlas's default view: incidence in the metric's own (policy) classes over all years, 5 asked for. */
const YEAR_DATA = `query($year: Int!) {
  counties { code name nameEn figures(year: $year) { povertyIncidence poorPopulation ruralPopulation } }
  choropleth(year: $year, level: COUNTY, metric: POVERTY_INCIDENCE, classes: 5) { method scope unit areas { code classIndex value } }
  assessment(year: $year, level: COUNTY, limit: 500) { items { code score rank grade } }
  pairings(filter: { activeInYear: $year }, limit: 500) { hasNextPage items { id line } }
  alliances(limit: 500) { hasNextPage items { foundedYear footprint centre { code location } members { code location } } }
}`;
interface ApiVillage {
  code: string;
  name: string;
  nameEn: string;
  location: { coordinates: [number, number] };
  township: { code: string; name: string; nameEn: string };
  figures: {
    status: string;
    strength: 'STRONG' | 'MIDDLE' | 'WEAK';
    households: number;
    ruralPopulation: number;
    poorHouseholds: number;
    poorPopulation: number;
    povertyIncidence: number | null;
    collectiveIncome: number;
    partyMembers: number;
  } | null;
}
const VILLAGES = `query($year: Int!, $offset: Int!) {
  villages(offset: $offset, limit: 500, orderBy: CODE) { hasNextPage items {
    code name nameEn location township { code name nameEn }
    figures(year: $year) { status strength households ruralPopulation poorHouseholds poorPopulation povertyIncidence collectiveIncome partyMembers }
  } }
}`;

const COUNTY_HEADER = [
  '年份', '区划代码', '名称', '英文名称', '贫困发生率(%)', '分级(1为最低)', '分级下限：贫困发生率(%)', '分级上限：贫困发生率(%)', '分级方法', '分级范围',
  '建档立卡贫困人口(人)', '农村户籍人口(人)', '考核得分', '排名', '等次',
];
const VILLAGE_HEADER = [
  '年份', '区划代码', '名称', '英文名称', '苏木乡镇代码', '苏木乡镇', '经度', '纬度', '贫困状态', '强弱', '支部评定', '户数(户)', '农村户籍人口(人)',
  '建档立卡贫困户(户)', '建档立卡贫困人口(人)', '贫困发生率(%)', '村集体经济收入(万元)', '党员(人)', '“一肩挑”', '软弱涣散',
];
/** The PNG's title band (png.ts), CSS pixels at device scale 1. */
const HEADER = 64;
const VIEWPORT = { width: 1280, height: 800 };
const INK: [number, number, number] = [0x1f, 0x2d, 0x3d];
const HAN = /[\u4e00-\u9fff]/;

/** Runs `trigger` and returns the file the page downloads, kept as an artefact under `artefact`. */
async function downloaded(page: Page, trigger: () => Promise<void>, artefact: string) {
  const [download] = await Promise.all([page.waitForEvent('download'), trigger()]);
  const bytes = new Uint8Array(readFileSync(await download.path()));
  writeFileSync(resolve(ARTIFACTS, artefact), bytes);
  return { name: download.suggestedFilename(), bytes };
}

/** Opens the export menu and runs an item; the menu's data is loaded when it opens. */
async function exportItem(page: Page, item: string, artefact: string) {
  await page.getByTestId('export-button').click();
  const entry = page.getByTestId(`export-${item}`);
  await entry.waitFor({ state: 'visible' });
  return downloaded(page, () => entry.click(), artefact);
}

function activeElement(page: Page) {
  return page.evaluate(() => {
    const e = document.activeElement as HTMLElement | null;
    return { testId: e?.dataset.testid ?? null, entry: e?.dataset.entry ?? null, current: e?.getAttribute('aria-current') ?? null };
  });
}

/** A cell of the CSV holds `expected` rounded to `decimals`: no more decimals written, within half a unit of the last place. */
function expectRounded(cell: string | undefined, expected: number | null | undefined, decimals: number, what: string) {
  if (expected == null) {
    expect(cell, what).toBe('');
    return;
  }
  expect(cell, what).toMatch(decimals === 0 ? /^-?\d+$/ : new RegExp(`^-?\\d+(\\.\\d{1,${decimals}})?$`));
  expect(Math.abs(Number(cell) - expected), what).toBeLessThanOrEqual(0.5 * 10 ** -decimals + 1e-9);
}

/** The longest horizontal run of ink pixels in the rows and columns given: the scale bar. */
function longestInkRun(png: DecodedPng, rows: [number, number], columns: [number, number]): number {
  let longest = 0;
  for (let y = rows[0]; y < rows[1]; y += 1) {
    let run = 0;
    for (let x = columns[0]; x < columns[1]; x += 1) {
      const i = (y * png.width + x) * 4;
      const ink = INK.every((c, k) => Math.abs(png.rgba[i + k]! - c) <= 10);
      run = ink ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
  }
  return longest;
}

/** Where the dark pixels of the north arrow's disc lie, on average, from its centre (png.ts: 36 px from the right, 44 below the map's top). */
function northArrowOffset(png: DecodedPng): { dx: number; dy: number; count: number } {
  const cx = png.width - 36;
  const cy = HEADER + 44;
  let sx = 0, sy = 0, count = 0;
  for (let y = cy - 24; y <= cy + 24; y += 1) {
    for (let x = cx - 24; x <= cx + 24; x += 1) {
      if ((x - cx) ** 2 + (y - cy) ** 2 > 24 ** 2) continue;
      const i = (y * png.width + x) * 4;
      if (INK.every((c, k) => Math.abs(png.rgba[i + k]! - c) <= 24)) (sx += x - cx), (sy += y - cy), (count += 1);
    }
  }
  return { dx: sx / count, dy: sy / count, count };
}

/** Metres per CSS pixel at the map's centre, measured along the parallel by turf between two points the map unprojects. */
function centreScale(page: Page): Promise<{ a: [number, number]; b: [number, number]; pixels: number }> {
  return page.evaluate(() => {
    const map = (window as unknown as { __lingyan: { map: { getCanvas(): HTMLCanvasElement; unproject(p: [number, number]): { lng: number; lat: number } } } }).__lingyan.map;
    const canvas = map.getCanvas();
    const cx = canvas.clientWidth / 2;
    const cy = canvas.clientHeight / 2;
    const a = map.unproject([cx - 100, cy]);
    const b = map.unproject([cx + 100, cy]);
    return { a: [a.lng, a.lat] as [number, number], b: [b.lng, b.lat] as [number, number], pixels: 200 };
  });
}

/** The scale bar's label as metres ("50 公里", "20 km", "500 m"). */
function labelMetres(label: string): number {
  const m = /^([\d.,]+)\s*(公里|km|米|m)$/.exec(label);
  if (!m) throw new Error(`not a scale label: ${label}`);
  const value = Number(m[1]!.replace(/,/g, ''));
  return m[2] === '公里' || m[2] === 'km' ? value * 1000 : value;
}

/** The answers the files are checked against, asked of the API by the test itself. */
async function askApi(url: string) {
  const { prefecture, villages } = await graphqlRequest<Expected>(url, '{ prefecture { name nameEn years } villages(limit: 1) { totalCount } }');
  // The atlas opens on the latest year.
  const year = Math.max(...prefecture.years);
  const data = await graphqlRequest<YearData>(url, YEAR_DATA, { year });
  expect(data.pairings.hasNextPage || data.alliances.hasNextPage).toBe(false);
  const villageList: ApiVillage[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = await graphqlRequest<{ villages: { hasNextPage: boolean; items: ApiVillage[] } }>(url, VILLAGES, { year, offset });
    villageList.push(...page.villages.items);
    if (!page.villages.hasNextPage) break;
  }
  return { prefecture, villageCount: villages.totalCount, year, data, villages: villageList };
}

describe('atlas export, print and list view', () => {
  let session: BrowserSession;
  let page: Page;
  let api: Awaited<ReturnType<typeof askApi>>;

  /** Opens the atlas at the link's `params`, every overlay but the projects on, and waits for the map and its overlays. */
  async function open(params: Record<string, string> = {}) {
    await page.emulateMedia({ media: null });
    const search = new URLSearchParams({ layers: 'pairings,villages,alliances,townships', ...params });
    await page.goto(new URL(`/?${search}`, session.server.url).href);
    await waitForMapReady(page);
    await waitForOverlays(page);
  }

  beforeAll(async () => {
    session = await openBrowserSession(VIEWPORT);
    page = session.page;
    api = await askApi(session.server.url);
  }, 180_000);

  afterAll(() => session?.close());

  it('exports a PNG that is a document: title, classes, a key for every overlay drawn, exit-line note, scale bar, north arrow, 示意图, source', async () => {
    await open();
    const file = await exportItem(page, 'png', 'export.png');
    expect(file.name).toBe(`领雁-${api.prefecture.name}-${api.year}.png`);

    const png = decodePng(file.bytes);
    console.info(`[export] PNG ${png.width}×${png.height}, ${file.bytes.length} bytes`);
    // The map canvas (1280×800 at device scale 1) plus a title band above and a key band below.
    expect(png.width).toBe(VIEWPORT.width);
    expect(png.height).toBeGreaterThan(VIEWPORT.height + 200);

    // What it says: title (prefecture, metric, year), the legend's classes, the overlays' keys, notes.
    const text = pngText(file.bytes);
    const lines = text.Description!.split('\n');
    expect(text.Title).toContain(api.prefecture.name);
    expect(text.Title).toContain(String(api.year));
    expect(text.Title).toContain('贫困发生率');
    expect(text.Disclaimer).toBe('示意图，边界不作为权属依据');
    expect(lines).toContain('示意图，边界不作为权属依据');
    expect(text.Source).toMatch(/^数据来源：领雁数据平台 · 导出日期 \d{4}-\d{2}-\d{2}$/);
    expect(lines.some((l) => l.includes('退出线 3%'))).toBe(true);
    // The classes as the legend on screen labels them.
    const legendLabels = await page.$$eval('[data-testid="legend-class"]', (es) => es.map((e) => e.getAttribute('aria-label') ?? ''));
    expect(legendLabels.length).toBeGreaterThan(1);
    for (const label of legendLabels) expect(lines).toContain(label);
    // A key for each overlay drawn at this zoom, item for item as the layer panel shows it; the townships are not drawn yet.
    for (const key of ['pairings', 'villages', 'alliances']) {
      const items = await layerLegend(page, key);
      expect(items.length, key).toBeGreaterThan(0);
      for (const item of items) expect(lines, `${key}: ${item.text}`).toContain(item.text);
    }
    expect(lines).toContain('结对帮扶');
    expect(lines).toContain('嘎查村');
    expect(lines).toContain('联合党委');
    expect(lines).not.toContain('苏木乡镇');

    // Pixels: every class colour and the overlays' symbol colours in the key band below the map.
    // (The alliances' footprint is a translucent fill and their centre a thin ring: their colours are blended.)
    const classColors = await fillClassColors(page);
    const symbolColors = [...(await layerLegend(page, 'pairings')), ...(await layerLegend(page, 'villages'))]
      .map((item) => item.color)
      .filter((color) => /^#[0-9a-f]{6}$/i.test(color));
    expect(symbolColors.length).toBeGreaterThan(4);
    const wanted = [...new Set([...classColors, ...symbolColors])];
    const keyBand = pngColors(png, wanted.map(hexToRgb), HEADER + VIEWPORT.height, png.height);
    keyBand.matches.forEach((count, i) => expect(count, `${wanted[i]} in the key band`).toBeGreaterThan(8));

    // Scale bar: its drawn length times the map's metres per pixel (turf, between two unprojected points) is its label.
    const scale = await centreScale(page);
    const metresPerPixel = (distance(scale.a, scale.b, { units: 'kilometers' }) * 1000) / scale.pixels;
    const bar = longestInkRun(png, [HEADER + VIEWPORT.height - 50, HEADER + VIEWPORT.height - 10], [0, 400]);
    const labelled = labelMetres(text.Scale!);
    console.info(`[export] scale bar ${bar} px = ${text.Scale}; map ${metresPerPixel.toFixed(1)} m/px`);
    expect(bar).toBeGreaterThan(40);
    expect(bar).toBeLessThanOrEqual(162);
    expect(Math.abs((bar * metresPerPixel) / labelled - 1)).toBeLessThan(0.03);
    // North arrow: the dark half of the needle and the letter above it; north is up (bearing 0).
    const north = northArrowOffset(png);
    expect(north.count).toBeGreaterThan(40);
    expect(north.dy).toBeLessThan(-2);
    expect(Math.abs(north.dx)).toBeLessThan(Math.abs(north.dy));
    await expect.poll(() => page.getByTestId('export-status').textContent()).toContain(file.name);
  }, 90_000);

  it('turns the north arrow with the map\'s bearing', async () => {
    await open();
    await page.evaluate(
      () =>
        new Promise<void>((resolve) => {
          const map = (window as unknown as { __lingyan: { map: { once(e: string, f: () => void): void; setBearing(b: number): void } } }).__lingyan.map;
          map.once('idle', () => resolve());
          map.setBearing(90);
        }),
    );
    const png = decodePng((await exportItem(page, 'png', 'export-bearing-90.png')).bytes);
    // Bearing 90: north is to the left of the image.
    const north = northArrowOffset(png);
    expect(north.dx).toBeLessThan(-2);
    expect(Math.abs(north.dy)).toBeLessThan(Math.abs(north.dx));
  }, 90_000);

  it('gives an income map its own key and no incidence footnote, and no key for a hidden overlay', async () => {
    // The overlays on at first sight: no alliances, so no alliance key.
    await open({ metric: 'collective_income_median', layers: 'pairings,villages,townships' });
    const file = await exportItem(page, 'png', 'export-income.png');
    const text = pngText(file.bytes);
    const lines = text.Description!.split('\n');
    expect(lines).toContain('结对帮扶');
    expect(lines).not.toContain('联合党委');
    expect(text.Title).toContain('村集体经济收入中位数');
    expect(lines.join('\n')).not.toContain('退出线');
    expect(lines.join('\n')).not.toContain('摘帽');
    expect(lines.some((l) => l.includes('万元'))).toBe(true);
    const png = decodePng(file.bytes);
    const classColors = (await fillClassColors(page)).map(hexToRgb);
    pngColors(png, classColors, HEADER + VIEWPORT.height, png.height).matches.forEach((count) => expect(count).toBeGreaterThan(8));
  }, 90_000);

  it('exports the counties as CSV (menu by keyboard): metric, unit, method and scope named, values rounded, one row per county as the API says', async () => {
    await open();
    await page.getByTestId('export-button').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('export-png').waitFor({ state: 'visible' });
    await expect.poll(async () => (await activeElement(page)).testId).toBe('export-png');
    // Escape closes the menu and gives the focus back to its button; ↓ opens it again.
    await page.keyboard.press('Escape');
    expect((await activeElement(page)).testId).toBe('export-button');
    expect(await page.getByRole('menu').count()).toBe(0);
    await page.keyboard.press('ArrowDown');
    await expect.poll(async () => (await activeElement(page)).testId).toBe('export-png');
    for (let i = 0; i < 10 && (await activeElement(page)).testId !== 'export-csv-counties'; i += 1) await page.keyboard.press('ArrowDown');
    expect((await activeElement(page)).testId).toBe('export-csv-counties');
    const file = await downloaded(page, () => page.keyboard.press('Enter'), 'export-counties.csv');
    expect(file.name).toBe(`领雁-${api.prefecture.name}-${api.year}-旗县区.csv`);
    expect([...file.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);

    const [header, ...rows] = parseCsv(new TextDecoder().decode(file.bytes.subarray(3)));
    expect(header).toEqual(COUNTY_HEADER);
    const area = new Map(api.data.choropleth.areas.map((a) => [a.code, a]));
    expect(rows).toHaveLength(api.data.counties.length);
    // Method and scope in the legend's words: the legend on screen says them too.
    const legend = (await page.getByTestId('legend').textContent()) ?? '';
    const methods = new Set(rows.map((r) => r[8]));
    const scopes = new Set(rows.map((r) => r[9]));
    expect(methods.size).toBe(1);
    expect(scopes.size).toBe(1);
    expect(legend).toContain([...methods][0]);
    // Policy bands are the same in every year: the legend says so in its own words.
    if (legend.includes('（各年相同）')) expect([...scopes][0]).toBe('各年统一分级');
    else expect(legend).toContain([...scopes][0]);
    api.data.counties.forEach((c, i) => {
      const row = rows[i]!;
      const a = area.get(c.code)!;
      expect(row.slice(0, 4)).toEqual([String(api.year), c.code, c.name, c.nameEn]);
      expectRounded(row[4], a.value, 1, `${c.code} incidence`);
      expect(row[5]).toBe(a.classIndex == null ? '' : String(a.classIndex + 1));
      expectRounded(row[10], c.figures?.poorPopulation, 0, `${c.code} poor`);
      expectRounded(row[11], c.figures?.ruralPopulation, 0, `${c.code} rural`);
      // The year's assessment (考核得分, 排名, 等次) as the API gives it.
      const assessed = api.data.assessment.items.find((x) => x.code === c.code)!;
      expect(row.slice(12)).toEqual([String(assessed.score), String(assessed.rank), { GOOD: '好', FAIR: '较好', AVERAGE: '一般', POOR: '差' }[assessed.grade]]);
      // The class bounds hold the county's value (as written, at the bounds' decimals).
      if (a.value != null && row[6] !== '') {
        expect(Number(row[6]) - 0.05).toBeLessThanOrEqual(a.value);
        if (row[7] !== '') expect(a.value).toBeLessThanOrEqual(Number(row[7]) + 0.05);
      }
    });
  }, 90_000);

  it('exports the villages as CSV with township, point and the year\'s figures as the API gives them, in the panel\'s words', async () => {
    // A village of middle strength: its panel shows the word the CSV must use.
    const middle = api.villages.find((v) => v.figures?.strength === 'MIDDLE')!;
    expect(middle).toBeDefined();
    await open({ sel: `village:${middle.code}` });
    const panel = await waitForPanel(page, 'village', middle.code, middle.name);
    const shownStrength = (await panel.getByTestId('figure-strength').textContent())!.trim();

    const file = await exportItem(page, 'csv-villages', 'export-villages.csv');
    const [header, ...rows] = parseCsv(new TextDecoder().decode(file.bytes.subarray(3)));
    expect(header).toEqual(VILLAGE_HEADER);
    expect(rows).toHaveLength(api.villageCount);
    const byCode = new Map(rows.map((r) => [r[1]!, r]));
    expect(byCode.get(middle.code)![9]).toBe(shownStrength);
    expect(rows.map((r) => r[9])).not.toContain('一般村');
    for (const v of api.villages) {
      const row = byCode.get(v.code)!;
      expect(row, v.code).toBeDefined();
      expect(row.slice(0, 6)).toEqual([String(api.year), v.code, v.name, v.nameEn, v.township.code, v.township.name]);
      expectRounded(row[6], v.location.coordinates[0], 6, `${v.code} lon`);
      expectRounded(row[7], v.location.coordinates[1], 6, `${v.code} lat`);
      const f = v.figures;
      expectRounded(row[11], f?.households, 0, `${v.code} households`);
      expectRounded(row[12], f?.ruralPopulation, 0, `${v.code} rural`);
      expectRounded(row[13], f?.poorHouseholds, 0, `${v.code} poor households`);
      expectRounded(row[14], f?.poorPopulation, 0, `${v.code} poor`);
      expectRounded(row[15], f?.povertyIncidence, 1, `${v.code} incidence`);
      expectRounded(row[16], f?.collectiveIncome, 2, `${v.code} income`);
      expectRounded(row[17], f?.partyMembers, 0, `${v.code} party members`);
    }
  }, 120_000);

  it('exports the shown layers as one GeoJSON FeatureCollection', async () => {
    await open();
    const file = await exportItem(page, 'geojson', 'export.geojson');
    expect(file.name).toBe(`领雁-${api.prefecture.name}-${api.year}.geojson`);
    const collection = JSON.parse(new TextDecoder().decode(file.bytes)) as {
      type: string;
      features: Array<{ type: string; properties: { layer: string; part?: string } }>;
    };
    expect(collection.type).toBe('FeatureCollection');
    const count = (layer: string) => collection.features.filter((f) => f.properties.layer === layer).length;
    // Alliances founded by the year: footprint, a spoke to each member but the centre, the centre.
    const allianceFeatures = api.data.alliances.items
      .filter((a) => a.foundedYear <= api.year)
      .reduce((n, a) => n + (a.footprint ? 1 : 0) + a.members.filter((m) => m.code !== a.centre.code && m.location.type === 'Point').length + 1, 0);
    const expectedCounts = {
      counties: api.data.counties.length,
      villages: api.villageCount,
      pairings: api.data.pairings.items.filter((p) => p.line?.type === 'LineString').length,
      alliances: allianceFeatures,
    };
    expect({ counties: count('counties'), villages: count('villages'), pairings: count('pairings'), alliances: count('alliances') }).toEqual(
      expectedCounts,
    );
    expect(collection.features).toHaveLength(Object.values(expectedCounts).reduce((a, b) => a + b, 0));
  }, 60_000);

  it('prints the region on one landscape A4 page: title, legend, overlay keys, notes', async () => {
    await open();
    const appTitle = await page.title();
    await page.getByTestId('export-button').click();
    await page.getByTestId('export-print-region-A4').click();
    const preview = page.locator('[data-testid="print-preview"][data-ready="true"]');
    await preview.waitFor({ state: 'visible' });
    const title = (await page.getByTestId('print-title').textContent())!;
    expect(title).toContain(api.prefecture.name);
    expect(title).toContain(String(api.year));
    await expect.poll(async () => (await activeElement(page)).testId).toBe('print-run');
    // "Save as PDF" offers the page's title as the file's name: the exports' name while the sheet is open.
    expect(await page.title()).toBe(`领雁-${api.prefecture.name}-${api.year}`);

    // In print, the sheet alone: the atlas and the preview's toolbar are not printed; the page is A4 wide.
    await page.emulateMedia({ media: 'print' });
    const layout = await page.evaluate(() => ({
      app: getComputedStyle(document.getElementById('root')!).display,
      toolbar: getComputedStyle(document.querySelector('.print-toolbar')!).display,
      page: document.querySelector('[data-testid="print-map-page"]')!.getBoundingClientRect().width,
      image: (document.querySelector('[data-testid="print-map-image"]') as HTMLImageElement).naturalWidth,
      keyClipped: ((k) => k.scrollHeight > k.clientHeight + 1)(document.querySelector('[data-testid="print-legend"]')!),
      pageClipped: ((p) => p.scrollHeight > p.clientHeight + 1)(document.querySelector('[data-testid="print-map-page"]')!),
    }));
    await page.screenshot({ path: resolve(ARTIFACTS, 'export-print-region.png'), fullPage: true });
    expect(layout.app).toBe('none');
    expect(layout.toolbar).toBe('none');
    // Nothing of the key or the page is cut off.
    expect(layout.keyClipped).toBe(false);
    expect(layout.pageClipped).toBe(false);
    // 297 mm at 96 px per inch.
    expect(layout.page).toBeCloseTo((297 / 25.4) * 96, 0);
    expect(layout.image).toBe(VIEWPORT.width);
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    writeFileSync(resolve(ARTIFACTS, 'export-region-A4.pdf'), pdf);
    const pages = readPdf(new Uint8Array(pdf));
    expect(pages).toHaveLength(1);
    // A4 landscape: 842 × 595 points.
    expect(pages[0]!.width).toBeCloseTo(841.9, 0);
    expect(pages[0]!.height).toBeCloseTo(595.3, 0);
    const printed = pages[0]!.text;
    expect(printed).toContain(title.normalize('NFKC'));
    expect(printed).toContain('贫困发生率 (%)');
    expect(printed).toContain((await page.getByTestId('print-footnote').textContent())!.normalize('NFKC'));
    expect(printed).toContain('退出线 3%');
    // (The PDF's text is NFKC: full-width punctuation comes back as ASCII.)
    expect(printed).toContain('示意图，边界不作为权属依据'.normalize('NFKC'));
    expect(printed).toContain('数据来源：领雁数据平台'.normalize('NFKC'));
    const legendLabels = await page.$$eval('[data-testid="print-classes"] li', (es) => es.map((e) => e.textContent ?? ''));
    expect(legendLabels.length).toBeGreaterThan(1);
    for (const label of legendLabels) expect(printed).toContain(label.normalize('NFKC'));
    for (const key of ['pairings', 'villages', 'alliances']) expect(await page.getByTestId(`print-overlay-${key}`).count()).toBe(1);
    await page.emulateMedia({ media: null });

    // Escape closes the preview and gives the focus back to the menu button.
    await page.keyboard.press('Escape');
    expect(await page.getByTestId('print-preview').count()).toBe(0);
    expect((await activeElement(page)).testId).toBe('export-button');
    expect(await page.title()).toBe(appTitle);
  }, 90_000);

  it('prints on landscape A3 when asked', async () => {
    await open();
    await page.getByTestId('export-button').click();
    await page.getByTestId('export-print-region-A3').click();
    await page.locator('[data-testid="print-preview"][data-ready="true"][data-paper="A3"]').waitFor({ state: 'visible' });
    const pages = readPdf(new Uint8Array(await page.pdf({ preferCSSPageSize: true, printBackground: true })));
    expect(pages).toHaveLength(1);
    // A3 landscape: 1191 × 842 points.
    expect(Math.abs(pages[0]!.width - 1190.6)).toBeLessThan(1);
    expect(Math.abs(pages[0]!.height - 841.9)).toBeLessThan(1);
    expect(pages[0]!.text).toContain('示意图，边界不作为权属依据'.normalize('NFKC'));
    await page.getByTestId('print-close').click();
    expect(await page.getByTestId('print-preview').count()).toBe(0);
  }, 90_000);

  it('prints a county\'s profile: its map page, then its figures, the metric\'s trend and its rank among the counties', async () => {
    const withValue = api.data.counties.filter((c) => api.data.choropleth.areas.find((a) => a.code === c.code)?.value != null);
    const value = (code: string) => api.data.choropleth.areas.find((a) => a.code === code)!.value!;
    const county = [...withValue].sort((a, b) => value(a.code) - value(b.code))[Math.floor(withValue.length / 2)]!;
    const rank = 1 + withValue.filter((c) => value(c.code) > value(county.code)).length;
    await open({ sel: `county:${county.code}` });
    await waitForPanel(page, 'county', county.code, county.name);
    await page.getByTestId('export-button').click();
    await page.getByTestId('export-print-county-A4').click();
    await page.locator('[data-testid="print-preview"][data-ready="true"]').waitFor({ state: 'visible' });
    expect(await page.title()).toBe(`领雁-${api.prefecture.name}-${api.year}-${county.name}`);
    expect(await page.getByTestId('print-rank').getAttribute('data-rank')).toBe(String(rank));
    expect(await page.getByTestId('print-rank').getAttribute('data-of')).toBe(String(withValue.length));
    // The trend has a point for each year with a value, this year's the value the map is shaded by.
    const points = await page.$$eval('[data-testid="print-trend"] circle', (cs) => cs.map((c) => ({ year: Number(c.getAttribute('data-year')), value: Number(c.getAttribute('data-value')) })));
    expect(points.find((p) => p.year === api.year)?.value).toBeCloseTo(value(county.code), 6);

    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: resolve(ARTIFACTS, 'export-print-county.png'), fullPage: true });
    const profileClipped = await page.$$eval('[data-testid="print-profile"] .print-profile-body > section', (sections) =>
      sections.some((s) => s.scrollHeight > s.clientHeight + 1),
    );
    expect(profileClipped).toBe(false);
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    writeFileSync(resolve(ARTIFACTS, 'export-county-A4.pdf'), pdf);
    const pages = readPdf(new Uint8Array(pdf));
    expect(pages).toHaveLength(2);
    for (const p of pages) expect(p.width).toBeGreaterThan(p.height);
    expect(pages[1]!.text).toContain(county.name);
    expect(pages[1]!.text).toContain(`第 ${rank} 位（共 ${withValue.length} 个旗县区，由高到低）`.normalize('NFKC'));
    expect(pages[1]!.text).toContain('建档立卡贫困人口');
    expect(pages[1]!.text).toContain('历年变化');
    expectRounded(
      /建档立卡贫困人口([\d,]+) 人/.exec(pages[1]!.text)?.[1]?.replace(/,/g, ''),
      county.figures?.poorPopulation,
      0,
      'printed poor population',
    );
    await page.emulateMedia({ media: null });
    await page.getByTestId('print-close').click();
    expect(await page.getByTestId('print-preview').count()).toBe(0);
  }, 90_000);

  it('lists the counties in view, reached and used by keyboard alone; Enter selects', async () => {
    await open();
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    for (let i = 0; i < 80 && (await activeElement(page)).testId !== 'feature-list-toggle'; i += 1) await page.keyboard.press('Tab');
    expect((await activeElement(page)).testId).toBe('feature-list-toggle');
    await page.keyboard.press('Enter');
    await page.getByTestId('feature-list-counties').waitFor({ state: 'visible' });

    // The whole region is in view: every county is listed, once, as the map draws them.
    const listed = await page.$$eval('[data-testid="feature-list-counties"] [data-entry]', (es) =>
      es.map((e) => (e as HTMLElement).dataset.entry!),
    );
    expect(listed.map((e) => e.replace('county:', '')).sort()).toEqual(await renderedCountyCodes(page));
    expect(listed.length).toBe(api.data.counties.length);
    await expect.poll(() => page.getByTestId('feature-list-summary').textContent()).toContain(`旗县区 ${api.data.counties.length} 个`);
    // Highest incidence first: the county a leader asks about.
    const highest = [...api.data.counties].sort((a, b) => (b.figures?.povertyIncidence ?? -1) - (a.figures?.povertyIncidence ?? -1))[0]!;
    expect(listed[0]).toBe(`county:${highest.code}`);

    // One tab stop into the list, then arrows.
    await page.keyboard.press('Tab');
    expect((await activeElement(page)).entry).toBe(listed[0]);
    await page.keyboard.press('ArrowDown');
    expect((await activeElement(page)).entry).toBe(listed[1]);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('[aria-current="true"]').getAttribute('data-entry')).toBe(listed[1]);
    // The selection is the view's: it is in the link, and its panel opens with the focus in it.
    await expect.poll(() => new URL(page.url()).searchParams.get('sel')).toBe(listed[1]);
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.closest('[data-testid="detail-panel"]') != null))
      .toBe(true);
    await page.screenshot({ path: resolve(ARTIFACTS, 'export-list.png') });
    // Escape closes the panel and gives the focus back to the list entry it came from.
    await page.keyboard.press('Escape');
    await expect.poll(async () => (await activeElement(page)).entry).toBe(listed[1]);

    // Closer in, the list follows the map: fewer counties, as drawn there.
    const camera = await page.evaluate(() => {
      const map = (window as unknown as { __lingyan: { map: { getCenter(): { lng: number; lat: number }; getZoom(): number } } }).__lingyan.map;
      return { center: [map.getCenter().lng, map.getCenter().lat] as [number, number], zoom: map.getZoom() };
    });
    await jumpAndSettle(page, camera.center, camera.zoom + 3);
    const countyEntries = () =>
      page.$$eval('[data-testid="feature-list-counties"] [data-entry]', (es) => es.map((e) => (e as HTMLElement).dataset.entry!.slice(7)).sort());
    await expect.poll(countyEntries).toEqual(await renderedCountyCodes(page));
    expect((await countyEntries()).length).toBeLessThan(api.data.counties.length);
    // Villages are listed too, under the counties (the list scrolls).
    expect(await page.getByTestId('feature-list-villages').count()).toBe(1);
    await page.screenshot({ path: resolve(ARTIFACTS, 'export-list-zoomed.png') });
    await page.getByTestId('feature-list-entry').first().focus();

    // Escape closes the list and gives the focus back to its toggle.
    await page.keyboard.press('Escape');
    expect((await activeElement(page)).testId).toBe('feature-list-toggle');
    expect(await page.getByTestId('feature-list').count()).toBe(0);
  }, 90_000);

  it('exports in English: file names, PNG texts and CSV headers in the language, no Chinese unit, the panel\'s English words', async () => {
    const middle = api.villages.find((v) => v.figures?.strength === 'MIDDLE')!;
    await open({ lang: 'en', metric: 'collective_income_median', sel: `village:${middle.code}` });
    const panel = await waitForPanel(page, 'village', middle.code, middle.nameEn);
    const shownStrength = (await panel.getByTestId('figure-strength').textContent())!.trim();

    const png = await exportItem(page, 'png', 'export-en.png');
    expect(png.name).toBe(`Lingyan-${api.prefecture.nameEn}-${api.year}.png`);
    const text = pngText(png.bytes);
    expect(text.Title).toContain(api.prefecture.nameEn);
    expect(text.Disclaimer).toBe('Schematic map; boundaries are not authoritative');
    // Every text the image draws is English: no Chinese word or unit (万元, 人, 个).
    expect(text.Description).not.toMatch(HAN);
    expect(text.Scale).toMatch(/^[\d.,]+ (km|m)$/);
    expect(text.Description).not.toContain('Exit line');

    const counties = await exportItem(page, 'csv-counties', 'export-counties-en.csv');
    expect(counties.name).toBe(`Lingyan-${api.prefecture.nameEn}-${api.year}-counties.csv`);
    const [header, ...rows] = parseCsv(new TextDecoder().decode(counties.bytes.subarray(3)));
    expect(header?.slice(0, 4)).toEqual(['Year', 'Code', 'Name', 'English name']);
    expect(header![4]).toMatch(/^Median collective income \(.+\)$/);
    expect(header![6]).toBe(`Class from: ${header![4]}`);
    expect(header!.join('|')).not.toMatch(HAN);
    expect(rows).toHaveLength(api.data.counties.length);
    // Collective income: two decimals at most.
    for (const row of rows) if (row[4] !== '') expect(row[4]).toMatch(/^\d+(\.\d{1,2})?$/);

    const villages = await exportItem(page, 'csv-villages', 'export-villages-en.csv');
    const [villageHeader, ...villageRows] = parseCsv(new TextDecoder().decode(villages.bytes.subarray(3)));
    expect(villageHeader!.join('|')).not.toMatch(HAN);
    const strength = villageHeader!.indexOf('Strong / weak');
    expect(villageRows.find((r) => r[1] === middle.code)![strength]).toBe(shownStrength);
  }, 120_000);

  it('made no request outside the machine and logged no error', () => {
    expect(session.offline.external).toEqual([]);
    expect(session.pageErrors).toEqual([]);
  });
});
