/**
 * Two prefectures in one database (issue 24 item 6, the read-scope contract's
 * client side), in real Chromium: the atlas offers the other region in a
 * switcher (name and code); choosing it changes the link (`region=`), the
 * title, the KPIs and the counties drawn, and every request of the page names
 * it (the GraphQL header, the live socket's connection_init, the tiles'
 * `prefecture=`); Back returns to the first region, Forward to the second; a
 * link with the region opens on it, and so does the wall screen's. axe finds
 * nothing serious with the switcher shown. A database holding one prefecture
 * shows no switcher.
 *
 * The database is this file's own: the demo region and, kept beside it, a
 * county-only region of two counties imported as a bureau would.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/src/config/config.js';
import { openDatabase } from '../../server/src/db/database.js';
import { runImport, type ImportOptions } from '../../server/src/importer/run-import.js';
import { loadDemoRegion } from '../support/demo-database.js';
import { ownDatabase, type OwnDatabase } from '../support/own-database.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { renderedCountyCodes, textOf, waitForMapReady } from './helpers/atlas-page';
import { BLOCKING, axeViolations, describeViolations } from './helpers/axe';
import { graphqlRequest } from './helpers/graphql';
import { openBrowserSession, type BrowserSession } from './helpers/session';

const DEMO = '159900000000';
const OTHER = '229900000000';
const [EAST, WEST] = ['229901000000', '229902000000'];
const OTHER_NAME = '测试盟';
const PRIVATE_DATABASE = 'lingyan_e2e_regions';

let own: OwnDatabase;
let session: BrowserSession;
let twoRegions: TestServer;
let page: Page;
let demo: { name: string; counties: string[]; poor: number; poor2020: number };

/** Imports a file into the database at `url` as the CLI would, keeping the demo region. */
async function importInto(url: string, file: string, kind: ImportOptions['kind'], more: Partial<ImportOptions> = {}): Promise<void> {
  const db = await openDatabase({ ...loadConfig({}), databaseUrl: url, seedDemo: false, poolSize: 2 });
  try {
    const r = await runImport(db.orm.em as unknown as EntityManager, {
      file, kind, dryRun: false, skipInvalid: false, repair: false, crs: 'wgs84', encoding: null, overrides: {}, prefectureName: null, ...more,
    });
    expect(r.problems).toEqual([]);
    expect(r.summary.written).toBe(true);
  } finally {
    await db.close();
  }
}

/** Two side-by-side squares far from the demo region, and their county table (2019, 2020). */
async function addOtherRegion(url: string): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'lingyan-regions-'));
  const square = (x: number) => ({ type: 'Polygon', coordinates: [[[x, 44], [x + 0.5, 44], [x + 0.5, 44.5], [x, 44.5], [x, 44]]] });
  const counties = path.join(dir, 'counties.geojson');
  writeFileSync(counties, JSON.stringify({
    type: 'FeatureCollection',
    features: [
      { type: 'Feature', properties: { 代码: EAST, 名称: '东旗' }, geometry: square(125) },
      { type: 'Feature', properties: { 代码: WEST, 名称: '西旗' }, geometry: square(125.5) },
    ],
  }));
  await importInto(url, counties, 'counties', { prefectureName: OTHER_NAME, demoRegion: 'keep' });
  const figures = path.join(dir, '旗县数据.csv');
  const rows = [
    ['旗县代码', '旗县名称', '年份', '贫困人口', '农村人口'],
    [EAST, '东旗', 2019, 1200, 30000],
    [EAST, '东旗', 2020, 321, 30100],
    [WEST, '西旗', 2019, 800, 32000],
    [WEST, '西旗', 2020, 111, 31000],
  ];
  writeFileSync(figures, `\uFEFF${rows.map((r) => r.join(',')).join('\r\n')}\r\n`, 'utf8');
  await importInto(url, figures, 'county-figures');
}

type MapWindow = Window & {
  __lingyan?: { map: { getCenter(): { lng: number; lat: number }; once(event: string, f: () => void): void; jumpTo(o: { center: [number, number]; zoom: number }): void } };
};
type HandleWindow = Window & { __lingyan?: { ready: Promise<void> }; __handleBefore?: unknown };

/** Runs `change`, then waits for the atlas built anew for the region (a new map) to be drawn. */
async function newAtlas(p: Page, change: () => Promise<unknown>): Promise<void> {
  await p.evaluate(() => {
    (window as HandleWindow).__handleBefore = (window as HandleWindow).__lingyan;
  });
  await change();
  await p.waitForFunction(() => {
    const w = window as HandleWindow;
    return w.__lingyan !== undefined && w.__lingyan !== w.__handleBefore;
  }, undefined, { timeout: 60_000 });
  await waitForMapReady(p);
  await p.waitForFunction(() => document.querySelector('[data-testid="kpi-bar"]')?.getAttribute('aria-busy') === 'false', undefined, { timeout: 30_000 });
}

const digits = async (p: Page, testId: string) => Number((await textOf(p, `[data-testid="${testId}"] dd`)).replace(/[^\d]/g, ''));
const subtitle = (p: Page) => textOf(p, '.titlebar-subtitle');

beforeAll(async () => {
  own = await ownDatabase(PRIVATE_DATABASE);
  await loadDemoRegion(own.url);
  await addOtherRegion(own.url);
  // The session's own server reads the run's shared database: the demo region alone.
  session = await openBrowserSession({ width: 1440, height: 900 });
  twoRegions = await startTestServer({ databaseUrl: own.url });
  page = session.page;
  const { prefecture, counties } = await graphqlRequest<{ prefecture: { name: string; years: number[] }; counties: Array<{ code: string }> }>(
    twoRegions.url,
    '{ prefecture { name years } counties { code } }',
  );
  // The atlas opens on the latest year; the other region's years are 2019 and 2020, which the demo region has too.
  const latest = Math.max(...prefecture.years);
  expect(prefecture.years).toContain(2020);
  const { now, then } = await graphqlRequest<{ now: { poorPopulation: number }; then: { poorPopulation: number } }>(
    twoRegions.url,
    `{ now: summary(year: ${latest}) { poorPopulation } then: summary(year: 2020) { poorPopulation } }`,
  );
  demo = { name: prefecture.name, counties: counties.map((c) => c.code).sort(), poor: now.poorPopulation, poor2020: then.poorPopulation };
}, 600_000);

afterAll(async () => {
  await session?.close();
  await twoRegions?.close();
  await own?.stop();
});

describe('two prefectures held', () => {
  it('the hub answers the demo region by default, and the other with the header (the ground truth here)', async () => {
    expect(demo.counties.length).toBeGreaterThan(2);
    expect(demo.counties.every((c) => c.startsWith('1599'))).toBe(true);
    const res = await fetch(`${twoRegions.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'X-Lingyan-Prefecture': OTHER },
      body: JSON.stringify({ query: '{ prefecture { code name } counties { code } summary(year: 2020) { poorPopulation } }' }),
    });
    const body = (await res.json()) as { data: { prefecture: { code: string; name: string }; counties: Array<{ code: string }>; summary: { poorPopulation: number } } };
    expect(body.data.prefecture).toEqual({ code: OTHER, name: OTHER_NAME });
    expect(body.data.counties.map((c) => c.code).sort()).toEqual([EAST, WEST]);
    expect(body.data.summary.poorPopulation).toBe(321 + 111);
  });

  it('offers the other region; choosing it changes link, title, KPIs and map, and every request names it', async () => {
    const graphqlScopes: Array<string | null> = [];
    const tileScopes: Array<string | null> = [];
    const socketScopes: Array<string | null> = [];
    const onRequest = (request: Request) => {
      const url = new URL(request.url());
      if (url.pathname === '/graphql') graphqlScopes.push(request.headers()['x-lingyan-prefecture'] ?? null);
      if (url.pathname.startsWith('/tiles/')) tileScopes.push(url.searchParams.get('prefecture'));
    };
    page.on('request', onRequest);
    page.on('websocket', (socket) => {
      socket.on('framesent', ({ payload }) => {
        const message = JSON.parse(String(payload)) as { type: string; payload?: { prefecture?: string } };
        if (message.type === 'connection_init') socketScopes.push(message.payload?.prefecture ?? null);
      });
    });

    await page.goto(`${twoRegions.url}/`);
    await waitForMapReady(page);
    const switcher = page.getByTestId('region-switch');
    await switcher.waitFor();
    // Listed by name and code, the region shown chosen; nothing in the link yet (today's links unchanged).
    const select = switcher.locator('select');
    expect(await select.locator('option').allTextContents()).toEqual([`${demo.name}（${DEMO}）`, `${OTHER_NAME}（${OTHER}）`]);
    expect(await select.inputValue()).toBe(DEMO);
    expect(await switcher.getAttribute('class')).toBe('region-switch');
    expect(page.url()).not.toContain('region=');
    expect(await subtitle(page)).toContain(demo.name);
    expect(await renderedCountyCodes(page)).toEqual(demo.counties);
    expect(await digits(page, 'kpi-poorPopulation')).toBe(demo.poor);
    expect(graphqlScopes.length).toBeGreaterThan(0);
    expect(new Set(graphqlScopes)).toEqual(new Set([null]));
    expect(new Set(tileScopes)).toEqual(new Set([null]));

    await newAtlas(page, () => select.selectOption(OTHER));
    expect(new URL(page.url()).searchParams.get('region')).toBe(OTHER);
    expect(await subtitle(page)).toContain(OTHER_NAME);
    expect(await subtitle(page)).not.toContain(demo.name);
    expect(await digits(page, 'kpi-poorPopulation')).toBe(321 + 111);
    expect(await renderedCountyCodes(page)).toEqual([EAST, WEST]);
    // The switcher kept the focus through the rebuild, showing the new region.
    expect(await page.evaluate(() => document.activeElement?.closest('[data-testid="region-switch"]') !== null)).toBe(true);
    expect(await page.getByTestId('region-switch').locator('select').inputValue()).toBe(OTHER);
    // The map opened fitted to the new region.
    const centre = await page.evaluate(() => (window as MapWindow).__lingyan!.map.getCenter());
    expect(centre.lng).toBeGreaterThan(125);
    expect(centre.lng).toBeLessThan(126);
    // The new live socket named it.
    await expect.poll(() => socketScopes.at(-1), { timeout: 15_000 }).toBe(OTHER);
    expect(socketScopes[0]).toBeNull();

    // From here on every request names it: another year (GraphQL), and the map zoomed out over
    // both regions (tiles), where the demo region's counties would show if the tiles were not scoped.
    graphqlScopes.length = 0;
    tileScopes.length = 0;
    await page.getByTestId('year-control').locator('.year-ticks button', { hasText: '2019' }).click();
    await expect.poll(() => digits(page, 'kpi-poorPopulation'), { timeout: 30_000 }).toBe(1200 + 800);
    await page.evaluate(
      () =>
        new Promise<void>((done) => {
          const map = (window as MapWindow).__lingyan!.map;
          map.once('idle', () => done());
          map.jumpTo({ center: [121, 44], zoom: 5 });
        }),
    );
    expect(await renderedCountyCodes(page)).toEqual([EAST, WEST]);
    expect(graphqlScopes.length).toBeGreaterThan(0);
    expect(new Set(graphqlScopes)).toEqual(new Set([OTHER]));
    expect(tileScopes.length).toBeGreaterThan(0);
    expect(new Set(tileScopes)).toEqual(new Set([OTHER]));
    page.off('request', onRequest);
    // 2020 again: the year is kept across regions, so Back shows the demo region's 2020.
    await page.getByTestId('year-control').locator('.year-ticks button', { hasText: '2020' }).click();
    await expect.poll(() => digits(page, 'kpi-poorPopulation'), { timeout: 30_000 }).toBe(321 + 111);
  });

  it('Back returns to the first region, Forward to the second', async () => {
    await newAtlas(page, () => page.goBack());
    expect(page.url()).not.toContain('region=');
    expect(new URL(page.url()).searchParams.get('year')).toBe('2020');
    expect(await subtitle(page)).toContain(demo.name);
    expect(await digits(page, 'kpi-poorPopulation')).toBe(demo.poor2020);
    expect(await renderedCountyCodes(page)).toEqual(demo.counties);
    expect(await page.getByTestId('region-switch').locator('select').inputValue()).toBe(DEMO);

    await newAtlas(page, () => page.goForward());
    expect(new URL(page.url()).searchParams.get('region')).toBe(OTHER);
    expect(await subtitle(page)).toContain(OTHER_NAME);
    expect(await renderedCountyCodes(page)).toEqual([EAST, WEST]);
  });

  it('a link with the region opens on it, in English too; a county selected there is cleared by the next switch', async () => {
    await page.goto(`${twoRegions.url}/?region=${OTHER}&lang=en&sel=county:${EAST}`);
    await waitForMapReady(page);
    expect(await subtitle(page)).toContain(OTHER_NAME);
    const select = page.getByTestId('region-switch').locator('select');
    expect(await select.inputValue()).toBe(OTHER);
    expect(await page.getByTestId('region-switch').innerText()).toContain('Region');
    expect(new URL(page.url()).searchParams.get('sel')).toBe(`county:${EAST}`);
    await newAtlas(page, () => select.selectOption(DEMO));
    const params = new URL(page.url()).searchParams;
    expect(params.get('region')).toBeNull();
    expect(params.get('sel')).toBeNull();
    expect(params.get('lang')).toBe('en');
  });

  it('passes axe with the switcher shown (no serious or critical violation)', async () => {
    await page.goto(`${twoRegions.url}/?region=${OTHER}`);
    await waitForMapReady(page);
    await page.getByTestId('region-switch').waitFor();
    const blocking = (await axeViolations(page)).filter((v) => v.impact !== null && BLOCKING.has(v.impact));
    expect(describeViolations(blocking)).toEqual([]);
  });

  it('the wall screen with region= shows that region, every request naming it', async () => {
    const scopes: Array<string | null> = [];
    const onRequest = (request: Request) => {
      const url = new URL(request.url());
      if (url.pathname === '/graphql') scopes.push(request.headers()['x-lingyan-prefecture'] ?? null);
      if (url.pathname.startsWith('/tiles/')) scopes.push(url.searchParams.get('prefecture'));
    };
    page.on('request', onRequest);
    try {
      await page.goto(`${twoRegions.url}/screen?region=${OTHER}&views=2020:poverty_incidence`);
      await expect.poll(() => digits(page, 'screen-kpi-poorPopulation').catch(() => -1), { timeout: 60_000 }).toBe(321 + 111);
      expect(scopes.length).toBeGreaterThan(0);
      expect(new Set(scopes)).toEqual(new Set([OTHER]));
    } finally {
      page.off('request', onRequest);
    }
  });

  it('a phone reaches the switcher behind the tools button, and it works there', async () => {
    const phone = await session.browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, locale: 'zh-CN', hasTouch: true, isMobile: true });
    try {
      const p = await phone.newPage();
      await p.goto(`${twoRegions.url}/`);
      await waitForMapReady(p);
      await p.getByTestId('tools-toggle').click();
      const select = p.getByTestId('region-switch').locator('select');
      await select.waitFor({ state: 'visible' });
      const box = await select.boundingBox();
      expect(box!.height).toBeGreaterThanOrEqual(44);
      await newAtlas(p, () => select.selectOption(OTHER));
      expect(await textOf(p, '.titlebar-subtitle')).toContain(OTHER_NAME);
    } finally {
      await phone.close();
    }
  });
});

describe('one prefecture held', () => {
  it('shows no switcher and sends no region', async () => {
    const scopes: Array<string | null> = [];
    const onRequest = (request: Request) => {
      if (new URL(request.url()).pathname === '/graphql') scopes.push(request.headers()['x-lingyan-prefecture'] ?? null);
    };
    page.on('request', onRequest);
    // The regions' answer is in (the page asked for it) before the switcher's absence is read.
    const regionsAnswered = page.waitForResponse((r) => r.url().endsWith('/graphql') && (r.request().postData() ?? '').includes('AtlasRegions'), { timeout: 60_000 });
    await page.goto(`${session.server.url}/`);
    await waitForMapReady(page);
    await regionsAnswered;
    const { prefectures } = await graphqlRequest<{ prefectures: unknown[] }>(session.server.url, '{ prefectures { code } }');
    expect(prefectures).toHaveLength(1);
    expect(await page.getByTestId('region-switch').count()).toBe(0);
    expect(new Set(scopes)).toEqual(new Set([null]));
    page.off('request', onRequest);
  });

  it('left no page errors and reached nothing outside the machine', () => {
    expect(session.pageErrors).toEqual([]);
    expect(session.offline.external).toEqual([]);
  });
});
