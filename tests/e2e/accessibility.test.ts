/**
 * Accessibility in real Chromium: axe-core (the npm package, put into the
 * page offline) finds no serious or critical violation on the atlas, the
 * explorer, the embedded map and the big screen, in Chinese and in English,
 * with and without a detail panel, with the layer panel's controls (every
 * overlay on, so each legend's filters show) and the keyboard list of the
 * map's features open, and on a phone. Moderate and minor findings are
 * printed, so they show in CI's output.
 *
 * The keyboard reaches the atlas's controls in reading order (title bar,
 * then the layer panel), opens a place from the search box and from the list
 * of features, and Esc closes the panel and gives the focus back; the map
 * canvas has a name in the page's language. On the big screen it reaches the
 * ranking and the rotation's controls, works them with Enter and steps the
 * rotation with the operator's keys.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../support/server';
import { BLOCKING, axeViolations, describeViolations } from './helpers/axe';
import { waitForMapReady } from './helpers/atlas-page';
import { PANEL, waitForPanel } from './helpers/detail-page';
import { EXECUTE_BUTTON, editorText, tabTitles, waitForExplorer } from './helpers/explorer-page';
import { graphqlRequest } from './helpers/graphql';
import { OVERLAYS, waitForOverlays } from './helpers/layers-page';
import { guardOffline } from './helpers/browser';
import { openBrowserSession, type BrowserSession } from './helpers/session';

interface County {
  code: string;
  name: string;
  nameEn: string;
}

type Lang = 'zh-CN' | 'en';

/** What a page must show before it is checked. */
type Ready = (page: Page) => Promise<void>;

interface PageCase {
  name: string;
  path: string;
  ready: Ready;
}


const ALL_LAYERS = `layers=${OVERLAYS.join(',')}`;
/** Two views that stay until the keyboard moves them (the longest interval the screen takes). */
const SCREEN_VIEWS = 'views=latest:poverty_incidence,latest:weak_village_share&interval=3600';

/** The embedded map drawn, with its year slider (`controls=year`). */
async function embedReady(page: Page): Promise<void> {
  await waitForMapReady(page);
  await page.getByTestId('year-range').waitFor({ state: 'visible' });
}

/** The big screen with its map, KPIs and ranking drawn. */
async function screenReady(page: Page): Promise<void> {
  await waitForMapReady(page);
  await page.getByTestId('ranking-bar').first().waitFor({ state: 'visible' });
  await page.getByTestId('screen-kpis').waitFor({ state: 'visible' });
}

describe('accessibility: axe-core and the keyboard', () => {
  let session: BrowserSession;
  let server: TestServer;
  let page: Page;
  let county: County;
  /** Whether the hub serves the big screen (its own page, not the atlas's fallback). */
  let screenServed = false;

  beforeAll(async () => {
    session = await openBrowserSession({ width: 1440, height: 900 });
    ({ server, page } = session);
    ({ counties: [county] } = (await graphqlRequest<{ counties: County[] }>(server.url, '{ counties { code name nameEn } }')) as { counties: [County] });
    screenServed = await servesOwnPage(server.url, '/screen');
  }, 180_000);

  afterAll(() => session?.close());

  const countyName = (lang: Lang) => (lang === 'en' ? county.nameEn : county.name);

  /** The atlas with its map drawn, and the feature list open when asked. */
  const atlasReady =
    (options: { featureList?: boolean; overlays?: boolean } = {}): Ready =>
    async (p) => {
      await waitForMapReady(p);
      if (options.overlays) await waitForOverlays(p);
      // The layer panel's controls are on the page and shown, so axe checks them.
      await p.getByTestId('metric-select').waitFor({ state: 'visible' });
      await p.getByTestId(`layer-toggle-${OVERLAYS[0]}`).waitFor({ state: 'visible' });
      if (options.featureList) {
        await p.getByTestId('feature-list-toggle').click();
        await p.getByTestId('feature-list-entry').first().waitFor({ state: 'visible' });
      }
    };
  /** …and the county's panel with its figures in. */
  const panelReady =
    (lang: Lang, options: { overlays?: boolean } = {}): Ready =>
    async (p) => {
      await atlasReady(options)(p);
      const panel = await waitForPanel(p, 'county', county.code, countyName(lang));
      await panel.locator('[data-testid^="figure-"]').first().waitFor({ state: 'visible' });
      await panel.getByTestId('detail-trend').waitFor({ state: 'visible' });
    };

  const atlasCases = (): PageCase[] =>
    (['zh-CN', 'en'] as const).flatMap((lang) => {
      const suffix = lang === 'en' ? '&lang=en' : '';
      return [
        { name: `atlas ${lang}, feature list open`, path: `/?${suffix.slice(1)}`, ready: atlasReady({ featureList: true }) },
        {
          name: `atlas ${lang}, county panel, every overlay with its filters`,
          path: `/?sel=county:${county.code}&${ALL_LAYERS}${suffix}`,
          ready: panelReady(lang, { overlays: true }),
        },
        { name: `atlas ${lang}, county panel`, path: `/?sel=county:${county.code}${suffix}`, ready: panelReady(lang) },
      ];
    });

  const embedCases = (): PageCase[] =>
    (['zh-CN', 'en'] as const).flatMap((lang) => {
      const suffix = lang === 'en' ? '&lang=en' : '';
      const title = encodeURIComponent(lang === 'en' ? 'Annual report' : '年度报告');
      return [
        { name: `embed ${lang}`, path: `/embed?controls=year&title=${title}${suffix}`, ready: embedReady },
        { name: `embed ${lang}, a county selected`, path: `/embed?controls=year&sel=county:${county.code}${suffix}`, ready: embedReady },
      ];
    });

  /** The explorer is bilingual on one page (Chinese with English beside it): no language parameter. */
  const explorerCases = (): PageCase[] => [
    { name: 'explorer, cookbook open', path: '/explorer', ready: (p) => waitForExplorer(p) },
    {
      name: 'explorer, an example run',
      path: '/explorer',
      ready: async (p) => {
        await waitForExplorer(p);
        await p.locator(EXECUTE_BUTTON).click();
        await p.waitForFunction(() => document.querySelector('.graphiql-response .view-lines')?.textContent?.includes('"data"'));
        expect(await editorText(p, 'response')).toContain('"data"');
      },
    },
    {
      name: 'explorer, a second example in its own tab',
      path: '/explorer',
      ready: async (p) => {
        await waitForExplorer(p);
        const before = (await tabTitles(p)).length;
        await p.locator('.cookbook-item').nth(1).click();
        await expect.poll(() => tabTitles(p)).toHaveLength(before + 1);
        // The tabs are a list of buttons; the open one is the current one, and only it.
        const current = p.locator('.graphiql-tab-button[aria-current="true"]');
        await expect.poll(() => current.count()).toBe(1);
        expect(await current.evaluate((b) => b.closest('.graphiql-tab')!.classList.contains('graphiql-tab-active'))).toBe(true);
        expect(await p.locator('[role="tab"], [role="tablist"]').count()).toBe(0);
      },
    },
  ];

  /** Opens and checks the page; returns its serious and critical violations, one line each. */
  async function check(c: PageCase, on: Page): Promise<string[]> {
    await on.goto(new URL(c.path, server.url).href);
    await c.ready(on);
    const violations = await axeViolations(on);
    const blocking = violations.filter((v) => v.impact !== null && BLOCKING.has(v.impact));
    const rest = violations.filter((v) => !blocking.includes(v));
    const count = (list: typeof violations) => list.reduce((n, v) => n + v.nodes.length, 0);
    console.log(
      [
        `axe ${c.name} (${c.path}): ${blocking.length} serious/critical (${count(blocking)} nodes), ${rest.length} moderate/minor (${count(rest)} nodes)`,
        ...describeViolations(violations).map((line) => `  ${line}`),
      ].join('\n'),
    );
    return describeViolations(blocking).map((line) => `${c.name}: ${line}`);
  }

  /** Checks every page before asserting, so one run reports them all. */
  async function checkAll(cases: readonly PageCase[], on: Page = page): Promise<void> {
    const blocking: string[] = [];
    for (const c of cases) blocking.push(...(await check(c, on)));
    expect(blocking).toEqual([]);
  }

  describe('axe-core finds no serious or critical violation', () => {
    it('on the atlas, in both languages, with and without a panel', async () => {
      await checkAll(atlasCases());
    }, 240_000);

    it('on the atlas on a phone (390×844, touch), with and without a panel', async () => {
      const context = await session.browser.newContext({
        viewport: { width: 390, height: 844 },
        deviceScaleFactor: 1,
        isMobile: true,
        hasTouch: true,
        locale: 'zh-CN',
      });
      const offline = await guardOffline(context);
      try {
        const phone = await context.newPage();
        phone.on('pageerror', (error) => session.pageErrors.push(`phone pageerror: ${error.message}`));
        // The layer panel may be folded on a phone: the map and the panel are what must be there.
        await checkAll(
          [
            { name: 'phone atlas zh-CN', path: '/', ready: (p) => waitForMapReady(p) },
            {
              name: 'phone atlas en, county panel',
              path: `/?sel=county:${county.code}&lang=en`,
              ready: async (p) => {
                await waitForMapReady(p);
                await waitForPanel(p, 'county', county.code, county.nameEn);
              },
            },
          ],
          phone,
        );
        expect(offline.external).toEqual([]);
      } finally {
        await context.close();
      }
    }, 120_000);

    it('on the explorer', async () => {
      await checkAll(explorerCases());
    }, 120_000);

    it('on the embedded map, in both languages', async () => {
      await checkAll(embedCases());
    }, 180_000);

    it('on the big screen, in both languages', async () => {
      expect(screenServed, 'the hub serves /screen').toBe(true);
      await checkAll(
        (['zh-CN', 'en'] as const).flatMap((lang) => {
          const suffix = lang === 'en' ? '&lang=en' : '';
          return [
            { name: `screen ${lang}`, path: `/screen?${SCREEN_VIEWS}${suffix}`, ready: screenReady },
            { name: `screen ${lang}, counties in focus`, path: `/screen?views=latest:${county.code}&interval=3600${suffix}`, ready: screenReady },
          ];
        }),
      );
    }, 120_000);
  });

  describe('the keyboard', () => {
    it('works the big screen\'s rotation: its controls in order, Enter on them, and the operator\'s keys', async () => {
      expect(screenServed, 'the hub serves /screen').toBe(true);
      await page.goto(new URL(`/screen?${SCREEN_VIEWS}`, server.url).href);
      await screenReady(page);
      const screen = page.getByTestId('screen');
      const order = await tabStops(page, 60, (stops) => stops.includes('rotation-next'));
      const at = (id: string) => order.indexOf(id);
      for (const id of ['ranking-bar', 'rotation-previous', 'rotation-pause', 'rotation-next']) {
        expect(at(id), `${id} reached by Tab (stops: ${order.join(', ')})`).toBeGreaterThanOrEqual(0);
      }
      // The controls in the order they are drawn: previous, pause, next.
      const controls = ['rotation-previous', 'rotation-pause', 'rotation-next'].map(at);
      expect(controls).toEqual([...controls].sort((a, b) => a - b));

      // A ranked county with the focus is lit, as under the mouse.
      const bar = page.getByTestId('ranking-bar').first();
      await bar.focus();
      expect(await bar.getAttribute('data-lit')).toBe('true');

      // Enter on the controls: pause, next (the view changes), resume.
      const pause = page.getByTestId('rotation-pause');
      await pause.focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => pause.getAttribute('aria-pressed')).toBe('true');
      expect(await screen.getAttribute('data-paused')).toBe('true');
      const first = await screen.getAttribute('data-view');
      await page.getByTestId('rotation-next').focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => screen.getAttribute('data-view')).not.toBe(first);
      // The operator's keys from anywhere: ← goes back.
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      await page.keyboard.press('ArrowLeft');
      await expect.poll(() => screen.getAttribute('data-view')).toBe(first);
      await pause.focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => pause.getAttribute('aria-pressed')).toBe('false');
    }, 90_000);

    it('names the map canvas in the page language', async () => {
      for (const lang of ['zh-CN', 'en'] as const) {
        await page.goto(new URL(lang === 'en' ? '/?lang=en' : '/', server.url).href);
        await waitForMapReady(page);
        const canvas = page.locator('canvas.maplibregl-canvas');
        const name = (await canvas.getAttribute('aria-label')) ?? '';
        expect(name.length).toBeGreaterThan(2);
        expect(/[\u4e00-\u9fff]/.test(name)).toBe(lang === 'zh-CN');
        expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang);
      }
    }, 90_000);

    it('reaches the year slider, search, metric and layer toggles in reading order', async () => {
      await page.goto(new URL('/', server.url).href);
      await waitForMapReady(page);
      const wanted = ['year-range', 'search-input', 'metric-select', ...OVERLAYS.map((k) => `layer-toggle-${k}`)];
      const offscreen: string[] = [];
      // Far more stops than the page has before its last layer toggle.
      const order = await tabStops(page, 60, (stops) => wanted.every((w) => stops.includes(w)), offscreen);
      const at = (id: string) => order.indexOf(id);
      for (const id of wanted) expect(at(id), `${id} reached by Tab (stops: ${order.join(', ')})`).toBeGreaterThanOrEqual(0);
      // Title bar first (year, then search), then the layer panel (metric, then the toggles as listed).
      const positions = wanted.map(at);
      expect(positions).toEqual([...positions].sort((a, b) => a - b));
      // Every stop is something a sighted keyboard user can see.
      expect(offscreen).toEqual([]);
      // No control is reached twice on the way (no trap, no duplicate stop).
      expect(new Set(order).size).toBe(order.length);
    }, 90_000);

    it('opens a county from the search box with the keyboard; Esc closes the panel and the focus goes back to the search box', async () => {
      await page.goto(new URL('/', server.url).href);
      await waitForMapReady(page);
      const input = page.getByTestId('search-input');
      for (let i = 0; i < 30; i += 1) {
        await page.keyboard.press('Tab');
        if (await input.evaluate((el) => el === document.activeElement)) break;
      }
      expect(await input.evaluate((el) => el === document.activeElement)).toBe(true);
      await page.keyboard.type(county.name);
      await page.locator(`[data-testid="search-results"] [role="option"][data-code="${county.code}"]`).waitFor({ state: 'visible' });
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await waitForPanel(page, 'county', county.code, county.name);
      // The focus is in the panel, so a screen reader hears what opened.
      expect(await page.evaluate((sel) => document.querySelector(sel)?.contains(document.activeElement) ?? false, PANEL)).toBe(true);
      await page.keyboard.press('Escape');
      await page.locator(PANEL).waitFor({ state: 'detached' });
      expect(new URL(page.url()).searchParams.get('sel')).toBeNull();
      expect(await input.evaluate((el) => el === document.activeElement)).toBe(true);
    }, 90_000);

    it('opens a county from the list of the map\'s features; Esc closes the panel and the focus goes back to the list', async () => {
      await page.goto(new URL('/', server.url).href);
      await waitForMapReady(page);
      const toggle = page.getByTestId('feature-list-toggle');
      for (let i = 0; i < 80; i += 1) {
        await page.keyboard.press('Tab');
        if (await toggle.evaluate((el) => el === document.activeElement)) break;
      }
      expect(await toggle.evaluate((el) => el === document.activeElement)).toBe(true);
      await page.keyboard.press('Enter');
      await page.getByTestId('feature-list-counties').getByTestId('feature-list-entry').first().waitFor({ state: 'visible' });
      // One Tab into the list lands on its first entry; ↓ moves to the next.
      await page.keyboard.press('Tab');
      await page.keyboard.press('ArrowDown');
      const entry = await page.evaluate(() => (document.activeElement as HTMLElement).dataset.entry ?? '');
      expect(entry).toMatch(/^county:/);
      await page.keyboard.press('Enter');
      const code = entry.slice('county:'.length);
      await page.locator(`${PANEL}[data-kind="county"][data-id="${code}"]`).getByTestId('detail-title').waitFor({ state: 'visible' });
      await page.keyboard.press('Escape');
      await page.locator(PANEL).waitFor({ state: 'detached' });
      expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.entry ?? '')).toBe(entry);
    }, 90_000);

    it('closes a panel opened by a link with Esc', async () => {
      await page.goto(new URL(`/?sel=county:${county.code}`, server.url).href);
      await waitForMapReady(page);
      await waitForPanel(page, 'county', county.code, county.name);
      await page.keyboard.press('Escape');
      await page.locator(PANEL).waitFor({ state: 'detached' });
      expect(new URL(page.url()).searchParams.get('sel')).toBeNull();
    }, 60_000);
  });

  it('made no request outside the machine and logged no error', () => {
    expect(session.offline.external).toEqual([]);
    expect(session.pageErrors).toEqual([]);
  });
});

/**
 * Presses Tab up to `max` times, until `enough` says so, and returns the
 * stops in order (each element's data-testid, else its tag and class).
 * Stops drawn outside the viewport or with no size go into `offscreen`.
 */
async function tabStops(page: Page, max: number, enough: (stops: string[]) => boolean, offscreen: string[] = []): Promise<string[]> {
  const stops: string[] = [];
  for (let i = 0; i < max && !enough(stops); i += 1) {
    await page.keyboard.press('Tab');
    const stop = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      const r = el.getBoundingClientRect();
      const onScreen = r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth;
      return { id: el.dataset.testid ?? `${el.tagName.toLowerCase()}.${el.className}`, onScreen };
    });
    if (!stop) continue;
    stops.push(stop.id);
    if (!stop.onScreen) offscreen.push(stop.id);
  }
  return stops;
}

/** True when `path` answers 200 with a page of its own (the hub answers unknown paths with the atlas). */
async function servesOwnPage(base: string, path: string): Promise<boolean> {
  const [own, atlas] = await Promise.all([fetch(new URL(path, base)), fetch(new URL('/', base))]);
  if (own.status !== 200) return false;
  return (await own.text()) !== (await atlas.text());
}
