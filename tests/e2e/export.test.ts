/**
 * Export and the list view in real Chromium against the real server
 * (embedded database, demo region): the PNG is the map with its title,
 * legend and source line (decoded here, not by the browser), the CSV has the
 * BOM, the Chinese header and one row per county equal to the GraphQL
 * answer, the GeoJSON has every shown feature, and the list of the features
 * in view is reached and used with the keyboard alone. Nothing leaves the machine.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeAndSettle, fillClassColors, hexToRgb, renderedCountyCodes, waitForMapReady } from './helpers/atlas-page';
import { decodePng, parseCsv, pngColors } from './helpers/export-files';
import { graphqlRequest } from './helpers/graphql';
import { jumpAndSettle, waitForOverlays } from './helpers/layers-page';
import { ARTIFACTS, openBrowserSession, type BrowserSession } from './helpers/session';

interface Expected {
  prefecture: { name: string; nameEn: string; years: number[] };
  villages: { totalCount: number };
}
interface YearData {
  counties: Array<{
    code: string;
    name: string;
    nameEn: string;
    figures: { povertyIncidence: number | null; poorPopulation: number; ruralPopulation: number } | null;
  }>;
  choropleth: { areas: Array<{ code: string; classIndex: number | null }> };
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
const YEAR_DATA = `query($year: Int!) {
  counties { code name nameEn figures(year: $year) { povertyIncidence poorPopulation ruralPopulation } }
  choropleth(year: $year, level: COUNTY, metric: POVERTY_INCIDENCE, method: QUANTILE, classes: 5) { areas { code classIndex } }
  pairings(filter: { activeInYear: $year }, limit: 500) { hasNextPage items { id line } }
  alliances(limit: 500) { hasNextPage items { foundedYear footprint centre { code location } members { code location } } }
}`;

const COUNTY_HEADER = [
  '年份', '区划代码', '名称', '英文名称', '贫困发生率(%)', '贫困人口(人)', '农村人口(人)', '分级(1为最低)', '分级下限(%)', '分级上限(%)',
];

/** Runs `trigger` and returns the file the page downloads, kept as an artefact under `artefact`. */
async function downloaded(page: Page, trigger: () => Promise<void>, artefact: string) {
  const [download] = await Promise.all([page.waitForEvent('download'), trigger()]);
  const bytes = new Uint8Array(readFileSync(await download.path()));
  writeFileSync(resolve(ARTIFACTS, artefact), bytes);
  return { name: download.suggestedFilename(), bytes };
}

function activeElement(page: Page) {
  return page.evaluate(() => {
    const e = document.activeElement as HTMLElement | null;
    return { testId: e?.dataset.testid ?? null, entry: e?.dataset.entry ?? null, current: e?.getAttribute('aria-current') ?? null };
  });
}

/** The answers the files are checked against, asked of the API by the test itself. */
async function askApi(url: string) {
  const { prefecture, villages } = await graphqlRequest<Expected>(url, '{ prefecture { name nameEn years } villages(limit: 1) { totalCount } }');
  // The atlas opens on the latest year.
  const year = Math.max(...prefecture.years);
  const data = await graphqlRequest<YearData>(url, YEAR_DATA, { year });
  expect(data.pairings.hasNextPage || data.alliances.hasNextPage).toBe(false);
  return { prefecture, villageCount: villages.totalCount, year, data };
}

describe('atlas export and list view', () => {
  let session: BrowserSession;
  let page: Page;
  let api: Awaited<ReturnType<typeof askApi>>;

  beforeAll(async () => {
    session = await openBrowserSession({ width: 1280, height: 800 });
    page = session.page;
    api = await askApi(session.server.url);
  }, 180_000);

  afterAll(() => session?.close());

  it('opens with every overlay drawn', async () => {
    await page.goto(new URL('/', session.server.url).href);
    await waitForMapReady(page);
    await waitForOverlays(page);
  }, 90_000);

  it('exports a PNG of the map with its title, legend in the map\'s colours and source line', async () => {
    await page.getByTestId('export-button').click();
    const file = await downloaded(page, () => page.getByTestId('export-png').click(), 'export.png');
    expect(file.name).toBe(`领雁-${api.prefecture.name}-${api.year}.png`);

    const png = decodePng(file.bytes);
    console.info(`[export] PNG ${png.width}×${png.height}, ${file.bytes.length} bytes`);
    // The map canvas (1280×800 at device scale 1) plus a title band above and a legend band below.
    expect(png.width).toBe(1280);
    expect(png.height).toBeGreaterThan(800 + 100);
    const classColors = (await fillClassColors(page)).map(hexToRgb);
    const whole = pngColors(png, [...classColors, hexToRgb('#17212e')]);
    expect(whole.distinct).toBeGreaterThan(200);
    // Every class colour (map and legend), and the title band's colour.
    for (const count of whole.matches) expect(count).toBeGreaterThan(100);
    // The legend band (below title band + map) holds a swatch of every class.
    const legendBand = pngColors(png, classColors, 64 + 800, png.height);
    for (const count of legendBand.matches) expect(count).toBeGreaterThan(50);
    await expect.poll(() => page.getByTestId('export-status').textContent()).toContain(file.name);
  }, 60_000);

  it('exports the counties as CSV (menu by keyboard): BOM, Chinese header, one row per county as the API says', async () => {
    await page.getByTestId('export-button').focus();
    await page.keyboard.press('Enter');
    expect((await activeElement(page)).testId).toBe('export-png');
    // Escape closes the menu and gives the focus back to its button; ↓ opens it again.
    await page.keyboard.press('Escape');
    expect((await activeElement(page)).testId).toBe('export-button');
    expect(await page.getByRole('menu').count()).toBe(0);
    await page.keyboard.press('ArrowDown');
    for (let i = 0; i < 10 && (await activeElement(page)).testId !== 'export-csv-counties'; i += 1) await page.keyboard.press('ArrowDown');
    expect((await activeElement(page)).testId).toBe('export-csv-counties');
    const file = await downloaded(page, () => page.keyboard.press('Enter'), 'export-counties.csv');
    expect(file.name).toBe(`领雁-${api.prefecture.name}-${api.year}-旗县区.csv`);
    expect([...file.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);

    const [header, ...rows] = parseCsv(new TextDecoder().decode(file.bytes.subarray(3)));
    expect(header).toEqual(COUNTY_HEADER);
    const classOf = new Map(api.data.choropleth.areas.map((a) => [a.code, a.classIndex]));
    const cell = (n: number | null | undefined) => (n == null ? '' : String(n));
    expect(rows).toHaveLength(api.data.counties.length);
    expect(rows.map((r) => r.slice(0, 8))).toEqual(
      api.data.counties.map((c) => [
        String(api.year), c.code, c.name, c.nameEn,
        cell(c.figures?.povertyIncidence), cell(c.figures?.poorPopulation), cell(c.figures?.ruralPopulation),
        cell(classOf.get(c.code) == null ? null : classOf.get(c.code)! + 1),
      ]),
    );
  }, 60_000);

  it('exports the shown layers as one GeoJSON FeatureCollection', async () => {
    await page.getByTestId('export-button').click();
    const file = await downloaded(page, () => page.getByTestId('export-geojson').click(), 'export.geojson');
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

  it('lists the counties in view, reached and used by keyboard alone; Enter selects', async () => {
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
  }, 60_000);

  it('exports in English: file name and CSV header in the language', async () => {
    await changeAndSettle(page, () => page.getByTestId('language-switch').getByRole('button', { name: 'English' }).click());
    await page.getByTestId('export-button').click();
    const file = await downloaded(page, () => page.getByTestId('export-csv-counties').click(), 'export-counties-en.csv');
    expect(file.name).toBe(`Lingyan-${api.prefecture.nameEn}-${api.year}-counties.csv`);
    const [header, ...rows] = parseCsv(new TextDecoder().decode(file.bytes.subarray(3)));
    expect(header?.slice(0, 5)).toEqual(['Year', 'Code', 'Name', 'English name', 'Poverty incidence (%)']);
    expect(rows).toHaveLength(api.data.counties.length);
  }, 60_000);

  it('made no request outside the machine and logged no error', () => {
    expect(session.offline.external).toEqual([]);
    expect(session.pageErrors).toEqual([]);
  });
});
