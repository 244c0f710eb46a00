/**
 * The atlas on every screen it is read on, in real Chromium against the real
 * server (embedded database, demo region): phones and tablets with a touch
 * screen in both orientations (client/src/app/compact.css), a laptop and a
 * desktop display (with a touch screen too, so a finger can be tried there).
 * For each one:
 *
 * - at first sight, in Chinese and in English, the map canvas is the topmost
 *   element on at least 60 % of the viewport, every KPI's label and value is
 *   inside the viewport, unclipped and uncovered, the map's buttons are not
 *   under a bar, and nothing sticks out sideways;
 * - a tap on a county opens that county's panel (a bottom sheet on a phone
 *   or tablet in portrait, with a handle), the county is framed clear of the
 *   panels and no hover card is left behind; at the region's zoom a tap on a
 *   village drawn on a county selects the county (a mouse still picks the
 *   village);
 * - the layer drawer opens and closes, the year moves with a tap on its
 *   label, and under a finger every control is at least 44 px square.
 *
 * On the phone, two fingers pinch-zoom and turn the map, the compass turns it
 * back, and the page itself never zooms. A screenshot of each layout is kept
 * in tests/artifacts (screens-<width>x<height>*.png).
 */
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeAndSettle, findCountyPoint, waitForMapReady } from './helpers/atlas-page';
import { PANEL, waitForPanel } from './helpers/detail-page';
import { graphqlRequest } from './helpers/graphql';
import {
  camera,
  horizontalOverflow,
  kpiReadings,
  mapCoverage,
  swipe,
  targetSizes,
  twoFingerGesture,
  villageOnCounty,
  waitForLayers,
  waitForMapStill,
} from './helpers/screens-page';
import { framings, waitForFraming } from './helpers/selection-page';
import { ARTIFACTS, openBrowserSession, type BrowserSession } from './helpers/session';

interface Layout {
  name: string;
  width: number;
  height: number;
  /** a phone or tablet: touch is its pointer (isMobile), the compact layout */
  mobile: boolean;
  /** the detail panel is a bottom sheet (compact, portrait) */
  sheet: boolean;
}

const LAYOUTS: Layout[] = [
  { name: 'phone, portrait', width: 390, height: 844, mobile: true, sheet: true },
  { name: 'phone, landscape', width: 844, height: 390, mobile: true, sheet: false },
  { name: 'tablet, portrait', width: 768, height: 1024, mobile: true, sheet: true },
  { name: 'tablet, landscape', width: 1024, height: 768, mobile: true, sheet: false },
  { name: 'laptop', width: 1440, height: 900, mobile: false, sheet: false },
  { name: 'desktop display', width: 1920, height: 1080, mobile: false, sheet: false },
];

/** The least share of the viewport where the map is what a reader sees, at first sight. */
const MIN_MAP_SHARE = 0.6;
/** The least side of a touch target, CSS px. */
const MIN_TARGET = 44;
/** The zoom from which a tap may pick a village (client/src/map/touch.ts, TOUCH_SYMBOL_MIN_ZOOM). */
const TOUCH_SYMBOL_MIN_ZOOM = 8.5;

// The region's eight figures, then the management loop's: open / overdue findings and warnings by level.
const KPI_KEYS = ['povertyIncidence', 'poorPopulation', 'countiesBelowExitLine', 'villagesExited', 'weakVillages', 'activePairings', 'alliances', 'softLaxBranches', 'findings', 'warnings'];

/** The panels a framed feature must stay clear of; the buttons (a folded drawer, 列表) may pass over a corner of it. */
const FRAMING_PANELS = ['.titlebar', '[data-testid="kpi-bar"]', PANEL, '[data-testid="legend"]'];

interface County {
  code: string;
  name: string;
  boundary: { coordinates: unknown };
}

const tag = (l: Layout) => `${l.width}x${l.height}`;

/** Loads the atlas (Chinese unless `lang`) and waits for the map, the KPI figures and the legend. */
async function openAtlas(page: Page, url: string, lang?: 'en'): Promise<void> {
  await page.goto(new URL(lang ? `/?lang=${lang}` : '/', url).href);
  await waitForMapReady(page);
  for (const key of KPI_KEYS) await page.getByTestId(`kpi-${key}`).waitFor();
  await page.getByTestId('legend').waitFor();
}

/** The screen rectangle of a GeoJSON geometry's bounding box, as the map draws it now. */
async function screenBox(page: Page, geometry: { coordinates: unknown }) {
  const points: Array<[number, number]> = [];
  const visit = (v: unknown): void => {
    if (Array.isArray(v) && typeof v[0] === 'number') points.push([v[0] as number, v[1] as number]);
    else if (Array.isArray(v)) v.forEach(visit);
  };
  visit(geometry.coordinates);
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  return page.evaluate(
    ([west, south, east, north]) => {
      const map = (window as Window & { __lingyan?: { map: { project(p: [number, number]): { x: number; y: number }; getContainer(): HTMLElement } } }).__lingyan!.map;
      const box = map.getContainer().getBoundingClientRect();
      const a = map.project([west!, south!]);
      const b = map.project([east!, north!]);
      return { left: box.left + Math.min(a.x, b.x), top: box.top + Math.min(a.y, b.y), right: box.left + Math.max(a.x, b.x), bottom: box.top + Math.max(a.y, b.y) };
    },
    [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)],
  );
}

/** The rectangles of the shown panels matching `selectors`, in page pixels. */
function rectsOf(page: Page, selectors: readonly string[]) {
  return page.evaluate((list) => {
    const rects: Array<{ selector: string; left: number; top: number; right: number; bottom: number }> = [];
    for (const selector of list) {
      for (const element of Array.from(document.querySelectorAll(selector))) {
        const r = element.getBoundingClientRect();
        if (r.width > 0 && r.height > 0) rects.push({ selector, left: r.left, top: r.top, right: r.right, bottom: r.bottom });
      }
    }
    return rects;
  }, [...selectors]);
}

const overlaps = (a: { left: number; top: number; right: number; bottom: number }, b: { left: number; top: number; right: number; bottom: number }) =>
  a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/** Taps the centre of the first element matching `selector`. */
async function tapOn(page: Page, selector: string): Promise<void> {
  const box = await page.locator(selector).first().boundingBox();
  if (!box) throw new Error(`${selector} is not shown`);
  await page.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 2);
}

describe.each(LAYOUTS)('the atlas on a $name screen ($width×$height)', (layout) => {
  let session: BrowserSession;
  let page: Page;
  let url: string;
  let counties: County[];

  beforeAll(async () => {
    session = await openBrowserSession({ width: layout.width, height: layout.height }, {}, {
      hasTouch: true,
      isMobile: layout.mobile,
      deviceScaleFactor: layout.mobile ? 2 : 1,
      // The bottom sheet's change of height is then immediate: its size is read when it is reached.
      reducedMotion: 'reduce',
    });
    page = session.page;
    url = session.server.url;
    ({ counties } = await graphqlRequest<{ counties: County[] }>(url, '{ counties { code name boundary } }'));
  }, 180_000);

  afterAll(() => session?.close());

  it('gives the map most of the screen at first sight, every KPI readable, nothing overflowing, in both languages', async () => {
    for (const lang of [undefined, 'en'] as const) {
      await openAtlas(page, url, lang);
      const where = `${tag(layout)}${lang ? ' en' : ''}`;
      await page.screenshot({ path: resolve(ARTIFACTS, `screens-${tag(layout)}${lang ? '-en' : ''}.png`) });
      const coverage = await mapCoverage(page);
      console.info(`[screens] ${where}: the map is on top at ${(coverage.share * 100).toFixed(1)} % of ${coverage.points} points`);
      expect(coverage.share, where).toBeGreaterThanOrEqual(MIN_MAP_SHARE);

      const kpis = await kpiReadings(page);
      expect(kpis.map((k) => k.key)).toEqual(KPI_KEYS);
      for (const kpi of kpis) {
        expect(kpi.label.trim(), `${where} ${kpi.key}`).not.toBe('');
        expect(kpi.value.trim(), `${where} ${kpi.key}`).not.toBe('');
        expect(kpi.problems, `${where} ${kpi.key}: ${kpi.label} ${kpi.value}`).toEqual([]);
      }
      expect(await horizontalOverflow(page), where).toBeLessThanOrEqual(0);

      // The map's buttons are on top, not under a bar; the title is not cut.
      const buttonsOnTop = await page.evaluate(() =>
        Array.from(document.querySelectorAll<HTMLElement>('.maplibregl-ctrl-zoom-in, .maplibregl-ctrl-zoom-out')).map((b) => {
          const r = b.getBoundingClientRect();
          const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
          return top !== null && b.contains(top) && r.bottom <= window.innerHeight && r.right <= window.innerWidth;
        }),
      );
      expect(buttonsOnTop, where).toEqual([true, true]);
      const title = page.locator(layout.mobile ? '.titlebar-short' : '.titlebar h1');
      await title.waitFor({ state: 'visible' });
      expect(await title.evaluate((e) => e.scrollWidth <= e.clientWidth), where).toBe(true);

      // On a phone or tablet the layer drawer and the legend start folded.
      const drawer = page.getByTestId('layer-panel-toggle');
      expect(await drawer.getAttribute('aria-expanded'), where).toBe(layout.mobile ? 'false' : 'true');
      expect(await page.getByTestId('legend-toggle').count(), where).toBe(layout.mobile ? 1 : 0);
    }
  }, 180_000);

  it('opens the county tapped on, framed clear of the panels, with no hover card left behind', async () => {
    await openAtlas(page, url);
    const point = await findCountyPoint(page);
    const county = counties.find((c) => c.code === point.code)!;
    const before = await framings(page);
    await page.touchscreen.tap(point.x, point.y);
    const panel = await waitForPanel(page, 'county', county.code, county.name);
    await waitForFraming(page, before);
    expect(await page.getByTestId('tooltip').count()).toBe(0);

    const extent = await screenBox(page, county.boundary);
    const panels = await rectsOf(page, FRAMING_PANELS);
    expect(panels.map((p) => p.selector)).toContain(PANEL);
    for (const p of panels) expect(overlaps(extent, p), `${tag(layout)}: county ${JSON.stringify(extent)} under ${p.selector}`).toBe(false);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: resolve(ARTIFACTS, `screens-${tag(layout)}-panel.png`) });

    const box = (await panel.boundingBox())!;
    if (layout.sheet) {
      // A bottom sheet across the bottom, under the title bar; its handle steps it up, a swipe down folds it to its header.
      expect(box.y + box.height).toBeCloseTo(layout.height, 0);
      expect(box.y).toBeGreaterThan(layout.height * 0.4);
      const titleBottom = (await page.locator('.titlebar').boundingBox())!;
      await tapOn(page, '[data-testid="detail-sheet-handle"]');
      await expect.poll(() => panel.getAttribute('data-sheet')).toBe('full');
      expect((await panel.boundingBox())!.y).toBeCloseTo(titleBottom.y + titleBottom.height, 0);
      await tapOn(page, '[data-testid="detail-sheet-handle"]');
      await expect.poll(() => panel.getAttribute('data-sheet')).toBe('half');
      const handle = (await page.getByTestId('detail-sheet-handle').boundingBox())!;
      const grip = { x: handle.x + handle.width / 2, y: handle.y + handle.height / 2 };
      await swipe(page, grip, { x: grip.x, y: grip.y + 120 });
      await expect.poll(() => panel.getAttribute('data-sheet')).toBe('peek');
      const peek = (await panel.boundingBox())!;
      expect(peek.height).toBeLessThan(160);
      expect(await page.getByTestId('detail-title').isVisible()).toBe(true);
    } else {
      // Beside the map on the left, under the bars, inside the screen.
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.y + box.height).toBeLessThanOrEqual(layout.height);
      expect(box.width).toBeLessThan(layout.width / 2);
    }
    await tapOn(page, `${PANEL} .detail-close`);
    await page.locator(PANEL).waitFor({ state: 'detached' });
  }, 120_000);

  it("selects the county, not a village drawn on it, when a finger taps at the region's zoom", async () => {
    await openAtlas(page, url);
    await waitForLayers(page, ['villages']);
    expect((await camera(page)).zoom).toBeLessThan(TOUCH_SYMBOL_MIN_ZOOM);
    const hit = await villageOnCounty(page);
    expect(hit, 'a village drawn on a county, clear of the panels').not.toBeNull();
    const county = counties.find((c) => c.code === hit!.county)!;
    await page.touchscreen.tap(hit!.x, hit!.y);
    await waitForPanel(page, 'county', county.code, county.name);
    expect(await page.getByTestId('tooltip').count()).toBe(0);

    if (!layout.mobile) {
      // A mouse aims: the same point clicked picks the village.
      await openAtlas(page, url);
      await waitForLayers(page, ['villages']);
      await page.mouse.click(hit!.x, hit!.y);
      await page.locator(`${PANEL}[data-kind="village"][data-id="${hit!.village}"]`).waitFor();
    }
  }, 120_000);

  it('opens and closes the layer drawer, moves the year with a tap, and has controls a finger can hit', async () => {
    await openAtlas(page, url);
    const coarse = await page.evaluate(() => window.matchMedia('(pointer: coarse)').matches);
    if (layout.mobile) expect(coarse).toBe(true);

    // The layer drawer, both ways from where it starts.
    const toggle = page.getByTestId('layer-panel-toggle');
    const villages = page.getByTestId('layer-toggle-villages');
    const startsOpen = (await toggle.getAttribute('aria-expanded')) === 'true';
    expect(await villages.isVisible()).toBe(startsOpen);
    for (const open of [!startsOpen, startsOpen]) {
      await tapOn(page, '[data-testid="layer-panel-toggle"]');
      await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe(String(open));
      expect(await villages.isVisible()).toBe(open);
      if (open) {
        const drawer = (await page.getByTestId('layer-panel').boundingBox())!;
        expect(drawer.x).toBeGreaterThanOrEqual(0);
        expect(drawer.x + drawer.width).toBeLessThanOrEqual(layout.width);
        expect(drawer.y + drawer.height).toBeLessThanOrEqual(layout.height);
        expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
        if (coarse) {
          for (const t of await targetSizes(page, ['.layer-toggle', '.layer-legend-filter', '[data-testid="metric-select"]', '[data-testid="method-select"]'])) {
            expect(Math.min(t.width, t.height), `${tag(layout)} ${t.selector} ${t.width}×${t.height}`).toBeGreaterThanOrEqual(MIN_TARGET);
          }
        }
        if (open !== startsOpen) await page.screenshot({ path: resolve(ARTIFACTS, `screens-${tag(layout)}-layers.png`) });
      }
    }

    // The year: a tap on the first year's label goes there, one on the last comes back.
    const range = page.getByTestId('year-range');
    const ticks = page.getByTestId('year-control').locator('.year-ticks button');
    const years = (await ticks.allTextContents()).map(Number);
    expect(years.length).toBeGreaterThan(1);
    for (const [index, year] of [
      [0, years[0]!],
      [years.length - 1, years[years.length - 1]!],
    ] as const) {
      const label = (await ticks.nth(index).boundingBox())!;
      await changeAndSettle(page, () => page.touchscreen.tap(label.x + label.width / 2, label.y + label.height / 2));
      await expect.poll(() => range.getAttribute('aria-valuetext')).toBe(String(year));
    }

    if (!coarse) return;
    // Under a finger: every control at least 44 px square (the tools unfolded on a compact screen).
    if (layout.mobile) await tapOn(page, '[data-testid="tools-toggle"]');
    await page.getByTestId('search-input').waitFor({ state: 'visible' });
    const targets = await targetSizes(page, [
      '[data-testid="year-play"]',
      '[data-testid="year-range"]',
      '[data-testid="tools-toggle"]',
      '[data-testid="layer-panel-toggle"]',
      '[data-testid="feature-list-toggle"]',
      '.maplibregl-ctrl-zoom-in',
      '.maplibregl-ctrl-zoom-out',
      '[data-testid="search-input"]',
      '[data-testid="share-button"]',
      '[data-testid="export-button"]',
      '[data-testid="language-switch"] button',
    ]);
    expect(targets.length).toBeGreaterThanOrEqual(layout.mobile ? 12 : 11);
    for (const t of targets) expect(Math.min(t.width, t.height), `${tag(layout)} ${t.selector} ${t.width}×${t.height}`).toBeGreaterThanOrEqual(MIN_TARGET);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    if (layout.mobile) {
      await page.screenshot({ path: resolve(ARTIFACTS, `screens-${tag(layout)}-tools.png`) });
      // The folded legend is one target: a tap anywhere on it unfolds it.
      const legend = (await page.getByTestId('legend').boundingBox())!;
      expect(legend.height).toBeGreaterThanOrEqual(MIN_TARGET);
      const hits = await page.evaluate(({ x, y, w, h }) => [[x + 6, y + h - 6], [x + w - 6, y + h / 2]].map(([px, py]) => document.elementFromPoint(px!, py!)?.getAttribute('data-testid')), {
        x: legend.x,
        y: legend.y,
        w: legend.width,
        h: legend.height,
      });
      expect(hits).toEqual(['legend-toggle', 'legend-toggle']);
      await page.touchscreen.tap(legend.x + legend.width / 2, legend.y + legend.height - 8);
      await page.getByTestId('legend-class-list').waitFor();
      expect(await page.getByTestId('legend-toggle').getAttribute('aria-expanded')).toBe('true');
    }
  }, 120_000);

  // Defined for the phone only (CI counts a skipped test as a failure, so no runIf).
  if (layout.width === 390) {
    it('pinch-zooms and turns the map with two fingers, and the compass turns it back; the page never zooms', async () => {
      await openAtlas(page, url);
      const canvas = (await page.locator('.maplibregl-canvas').boundingBox())!;
      const centre = { x: canvas.x + canvas.width / 2, y: canvas.y + canvas.height / 2 };
      const start = await camera(page);

      await twoFingerGesture(page, centre, { from: 80, to: 240, turn: 0 });
      await waitForMapStill(page);
      const pinched = await camera(page);
      expect(pinched.zoom).toBeGreaterThan(start.zoom + 0.5);
      expect(await page.evaluate(() => window.visualViewport?.scale ?? 1)).toBe(1);

      const compass = page.locator('.maplibregl-ctrl-compass');
      expect(await compass.isVisible()).toBe(false);
      await twoFingerGesture(page, centre, { from: 200, to: 200, turn: 60 });
      await waitForMapStill(page);
      expect(Math.abs((await camera(page)).bearing)).toBeGreaterThan(10);
      expect(await page.evaluate(() => window.visualViewport?.scale ?? 1)).toBe(1);
      await compass.waitFor({ state: 'visible' });
      const size = (await compass.boundingBox())!;
      expect(Math.min(size.width, size.height)).toBeGreaterThanOrEqual(MIN_TARGET);

      await tapOn(page, '.maplibregl-ctrl-compass');
      await page.waitForFunction(() => {
        const map = (window as Window & { __lingyan?: { map: { getBearing(): number; getPitch(): number; isMoving(): boolean } } }).__lingyan!.map;
        return !map.isMoving() && map.getBearing() === 0 && map.getPitch() === 0;
      });
      await compass.waitFor({ state: 'hidden' });
    }, 120_000);
  }

  it('logs no page error and fetches nothing from off the machine', () => {
    expect(session.pageErrors).toEqual([]);
    expect(session.offline.external).toEqual([]);
  });
});
