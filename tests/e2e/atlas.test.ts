/**
 * The atlas page in real Chromium against the real server (embedded database,
 * demo region): the choropleth draws every county, the legend's colours are
 * the map's colours, the canvas is not blank, the tooltip and the year and
 * language switches work, and nothing leaves the machine.
 */
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../support/server';
import {
  canvasColors,
  changeAndSettle,
  fillClassColors,
  findCountyPoint,
  hexToRgb,
  layoutProperty,
  legendClasses,
  loadTimings,
  mapStyleKeys,
  onMapHandle,
  recordShaderProgramsAtReady,
  renderedCountyClasses,
  renderedCountyCodes,
  shaderProgramsAtReady,
  textOf,
  waitForMapReady,
} from './helpers/atlas-page';
import { graphqlRequest } from './helpers/graphql';
import { ARTIFACTS, openBrowserSession, type BrowserSession } from './helpers/session';

const LEGEND = '[data-testid="legend"]';

interface Expected {
  prefecture: { years: number[]; thresholds: { countyExitIncidence: number } };
  counties: Array<{ code: string; name: string; nameEn: string }>;
}
interface YearChoropleth {
  choropleth: { classes: number; breaks: number[]; areas: Array<{ code: string; classIndex: number | null }> };
}
/** What the atlas asks for (client/src/app/useAtlasView.ts): the metric's own classes (incidence: policy bands), the same in every year; the server classifies, the map draws. */
const ATLAS_CHOROPLETH = `query($year: Int!) {
  choropleth(year: $year, level: COUNTY, metric: POVERTY_INCIDENCE, classes: 5, scope: ALL_YEARS) {
    classes breaks areas { code classIndex }
  }
}`;

describe('atlas page', () => {
  let session: BrowserSession;
  let server: TestServer;
  let page: Page;
  let expected: Expected;

  beforeAll(async () => {
    session = await openBrowserSession({ width: 1280, height: 800 });
    ({ server, page } = session);
    expected = await graphqlRequest<Expected>(
      server.url,
      '{ prefecture { years thresholds { countyExitIncidence } } counties { code name nameEn } }',
    );
  }, 180_000);

  afterAll(() => session?.close());

  it('opens and draws the choropleth, then reports idle', async () => {
    await recordShaderProgramsAtReady(page);
    const started = performance.now();
    await page.goto(new URL('/', server.url).href);
    await waitForMapReady(page);
    const elapsed = performance.now() - started;
    const timings = await loadTimings(page);
    console.info(
      `[atlas] navigation → first idle with data: ${elapsed.toFixed(0)} ms ` +
        `(DOMContentLoaded ${timings.domContentLoaded} ms, /graphql ${timings.graphql.join(', ')} ms)`,
    );
    await page.screenshot({ path: resolve(ARTIFACTS, 'atlas.png') });

    expect(await textOf(page, 'h1')).toContain('领雁');
    expect(await renderedCountyCodes(page)).toEqual(expected.counties.map((c) => c.code).sort());
  }, 90_000);

  it('draws its first picture with five shader programs: no sky or background pass, one for every line layer', async () => {
    // In a browser without a GPU each program compiled before the first picture
    // costs it 0.1-0.3 s (client/src/map/sky.ts, style.ts, layers/expressions.ts).
    const programs = await shaderProgramsAtReady(page);
    console.info(`[atlas] shader programs at the first idle: ${programs.join(', ')}`);
    expect(programs).not.toContain('sky');
    expect(programs.filter((p) => p === 'line')).toHaveLength(1);
    // Labels (SDF text) and the pairing arrowheads (images) need a program each.
    expect(programs).toEqual(['clippingMask', 'fill', 'line', 'symbolIcon', 'symbolSDF']);
  });

  it('has a self-contained style: no glyphs, no sprite, only our GeoJSON and this hub\'s vector tiles', async () => {
    const style = await mapStyleKeys(page);
    expect(style.glyphs).toBeNull();
    expect(style.sprite).toBeNull();
    expect(new Set(style.sourceTypes)).toEqual(new Set(['geojson', 'vector']));
    expect(style.tileUrls.length).toBeGreaterThan(0);
    for (const url of style.tileUrls) expect(url.startsWith(`${server.url}/tiles/`)).toBe(true);
  });

  it('shows a legend whose classes are the colours of the map, in the server\'s classes', async () => {
    // The atlas opens on the latest year.
    const openingYear = Math.max(...expected.prefecture.years);
    const { choropleth } = await graphqlRequest<YearChoropleth>(server.url, ATLAS_CHOROPLETH, { year: openingYear });
    const classCount = choropleth.classes;
    expect(classCount).toBeGreaterThan(1);

    // Every county is drawn in the class the server gave it (the client does not classify).
    expect(await renderedCountyClasses(page)).toEqual(
      Object.fromEntries(choropleth.areas.map((a) => [a.code, a.classIndex])),
    );

    const classColors = await fillClassColors(page);
    const legend = await legendClasses(page);
    expect(classColors).toHaveLength(classCount);
    expect(legend).toHaveLength(classCount);
    expect(legend.map((c) => c.dataColor)).toEqual(classColors);
    expect(legend.map((c) => c.background)).toEqual(classColors.map((hex) => `rgb(${hexToRgb(hex).join(', ')})`));
    expect(new Set(classColors).size).toBe(classColors.length);

    const legendText = await textOf(page, LEGEND);
    expect(legendText).toContain('贫困发生率 (%)');
    expect(legendText).toContain(String(openingYear));
    const threshold = page.getByTestId('legend-threshold');
    const exitLine = expected.prefecture.thresholds.countyExitIncidence;
    expect(Number(await threshold.getAttribute('data-value'))).toBe(exitLine);
    expect(await threshold.textContent()).toContain(`${exitLine}%`);

    // The canvas shows the colour of every class that holds a county (opaque fills: exact up to rounding);
    // policy bands keep their classes in every year, some of them empty in the latest.
    const held = classColors.filter((_, i) => choropleth.areas.some((a) => a.classIndex === i));
    expect(held.length).toBeGreaterThan(0);
    const pixels = await canvasColors(page, held.map(hexToRgb));
    console.info(`[atlas] canvas ${pixels.width}×${pixels.height}, ${pixels.distinct} colours, class pixels ${pixels.matches.join('/')}`);
    expect(pixels.distinct).toBeGreaterThan(held.length + 2);
    for (const count of pixels.matches) expect(count).toBeGreaterThan(100);
    expect(pixels.dataUrlLength).toBeGreaterThan(10_000);
  });

  it('shows a tooltip with the county under the pointer', async () => {
    const point = await findCountyPoint(page);
    await page.mouse.move(point.x, point.y);
    const tooltip = page.getByTestId('tooltip');
    await tooltip.waitFor({ state: 'visible' });
    const county = expected.counties.find((c) => c.code === point.code)!;
    const text = (await tooltip.textContent()) ?? '';
    expect(text).toContain(county.name);
    expect(text).toContain('贫困发生率');
    await page.mouse.move(1, 799);
  });

  it('changes the year and the language', async () => {
    const years = [...expected.prefecture.years].sort((a, b) => a - b);
    const firstYear = years[0]!;
    if (years.length > 1) {
      await changeAndSettle(page, () => page.getByTestId('year-control').getByRole('button', { name: String(firstYear) }).click());
      expect(await textOf(page, LEGEND)).toContain(String(firstYear));
      const classColors = await fillClassColors(page).catch(() => []);
      const legend = await legendClasses(page);
      expect(legend.map((c) => c.dataColor)).toEqual(classColors);
      await page.screenshot({ path: resolve(ARTIFACTS, `atlas-${firstYear}.png`) });
    }

    await changeAndSettle(page, () => page.getByTestId('language-switch').getByRole('button', { name: 'English' }).click());
    expect(await textOf(page, 'h1')).toContain('Lingyan');
    expect(await textOf(page, LEGEND)).toContain('Poverty incidence (%)');
    expect(await layoutProperty(page, 'county-label', 'text-field')).toEqual(['get', 'nameEn']);
    expect(await renderedCountyCodes(page)).toHaveLength(expected.counties.length);
    await page.screenshot({ path: resolve(ARTIFACTS, 'atlas-en.png') });
  }, 60_000);

  it('fetches the counties\' tiles while the year\'s figures are on their way, each tile once', async () => {
    // The figures are held back until the first county tile is asked for; the
    // region's outline is not: the map opens on it and asks for the counties'
    // tiles without waiting for the figures. Were it to wait, no tile would come
    // while they are held, and after HOLD_CAP_MS they go on and the test fails.
    const HOLD_CAP_MS = 30_000;
    let figuresReleased = Infinity;
    const tileRequests: Array<{ at: number; path: string }> = [];
    let firstTile = () => {};
    const firstTileAsked = new Promise<void>((resolve) => (firstTile = resolve));
    const onRequest = (request: { url(): string }) => {
      if (!request.url().includes('/tiles/counties/')) return;
      tileRequests.push({ at: performance.now(), path: new URL(request.url()).pathname });
      firstTile();
    };
    page.on('request', onRequest);
    await page.route('**/graphql', async (route) => {
      if (route.request().postDataJSON()?.operationName === 'AtlasChoropleth') {
        let cap: NodeJS.Timeout | undefined;
        await Promise.race([firstTileAsked, new Promise((done) => (cap = setTimeout(done, HOLD_CAP_MS)))]);
        clearTimeout(cap);
        figuresReleased = performance.now();
      }
      await route.continue();
    });
    try {
      await page.goto(new URL('/', server.url).href);
      await waitForMapReady(page);
    } finally {
      // Wait for a handler still holding a request: unrouting under it would hand the request on twice ("Route is already handled").
      await page.unrouteAll({ behavior: 'wait' });
      page.off('request', onRequest);
    }
    expect(figuresReleased).toBeLessThan(Infinity);
    expect(tileRequests.length).toBeGreaterThan(0);
    expect(tileRequests[0]!.at).toBeLessThan(figuresReleased);
    // Putting the counties' layers on the early source re-uses its tiles.
    const paths = tileRequests.map((r) => r.path);
    expect(paths.length).toBe(new Set(paths).size);
    expect(await renderedCountyCodes(page)).toEqual(expected.counties.map((c) => c.code).sort());
  }, 90_000);

  it('does not fetch early tiles when the view is in before the map has started: each county tile is parsed once', async () => {
    // A newly launched browser takes longer to start the map (WebGL) than the
    // answers take to come. Holding the page's animation frames until the first
    // two GraphQL answers are in makes that so here: MapLibre loads its style in a frame.
    const probe = onMapHandle(
      `const map = value.map;
      map.once('style.load', () => { window.__earlyProbe.styleLoaded = performance.now(); });
      const addLayer = map.addLayer.bind(map);
      map.addLayer = (layer, before) => { window.__earlyProbe.layers.push(layer.id); return addLayer(layer, before); };
      map.on('sourcedata', (e) => { if (e.sourceId === 'counties' && e.tile) window.__earlyProbe.countyTiles.push(e.tile.tileID.key); });`,
      `const raf = window.requestAnimationFrame.bind(window);
      const caf = window.cancelAnimationFrame.bind(window);
      const held = new Map();
      let next = -1;
      let released = false;
      let answers = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) if (entry.name.endsWith('/graphql')) answers += 1;
        if (answers < 2 || released) return;
        released = true;
        for (const cb of held.values()) raf(cb);
        held.clear();
      }).observe({ type: 'resource', buffered: true });
      window.requestAnimationFrame = (cb) => {
        if (released) return raf(cb);
        const id = next--;
        held.set(id, cb);
        return id;
      };
      window.cancelAnimationFrame = (id) => { if (!held.delete(id)) caf(id); };
      window.__earlyProbe = { layers: [], countyTiles: [], styleLoaded: NaN };`,
    );
    const fresh = await session.context.newPage();
    try {
      await fresh.addInitScript({ content: probe });
      await fresh.goto(new URL('/', server.url).href);
      await waitForMapReady(fresh);
      const seen = await fresh.evaluate(() => {
        const p = (window as unknown as { __earlyProbe: { layers: string[]; countyTiles: string[]; styleLoaded: number } }).__earlyProbe;
        const answers = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((e) => e.name.endsWith('/graphql'));
        return { ...p, answersEnd: Math.max(...answers.slice(0, 2).map((e) => e.responseEnd)) };
      });
      // The premise: the first two answers (prefecture and counties, the year's figures) were in before the style loaded.
      expect(seen.answersEnd).toBeLessThan(seen.styleLoaded);
      expect(seen.layers).not.toContain('counties-early');
      expect(seen.countyTiles.length).toBeGreaterThan(0);
      expect(seen.countyTiles.length).toBe(new Set(seen.countyTiles).size);
      expect(await renderedCountyCodes(fresh)).toEqual(expected.counties.map((c) => c.code).sort());
    } finally {
      await fresh.close();
    }
  }, 90_000);

  it('made no request outside the machine and logged no error', () => {
    expect(session.offline.external).toEqual([]);
    expect(session.pageErrors).toEqual([]);
  });
});
