/// <reference lib="dom" />
/**
 * The big screen (`/screen`, client/src/screen) in real Chromium against the
 * real hub: at 1920×1080 and 3840×2160 it fills the display with nothing to
 * scroll and text in proportion to the display; the KPIs are the year's
 * summary, large; the bars rank every county as the API's choropleth values
 * do, each in its county's class colour on the map; a bar and its county
 * light each other; the rotation advances at its interval, pauses on Space,
 * steps on the arrows, and the title and legend follow it; the hub's default
 * rotation applies where the link names none; what a link gets wrong is said
 * on screen; English at lang=en; the pointer hides itself.
 */
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../support/server';
import { COUNTY_FILL_LAYER, fillClassColors, hexToRgb, renderedCountyClasses, waitForMapReady } from './helpers/atlas-page';
import { graphqlRequest } from './helpers/graphql';
import { ARTIFACTS, openBrowserSession, type BrowserSession } from './helpers/session';

const SCREEN = '[data-testid="screen"]';
const BAR = '[data-testid="ranking-bar"]';
/** The hub's default rotation in this file's hub (SCREEN_VIEWS, SCREEN_INTERVAL). */
const HUB_VIEWS = '2020:weak_village_share,latest:poverty_incidence';
const HUB_INTERVAL = 4;

interface Prefecture {
  prefecture: { name: string; nameEn: string; years: number[] };
  counties: Array<{ code: string; name: string; nameEn: string }>;
}
interface Choropleth {
  choropleth: { year: number; unit: string; decimals: number; areas: Array<{ code: string; value: number | null; classIndex: number | null }> };
}
interface Summary {
  summary: { poorPopulation: number; counties: number; countiesBelowExitLine: number; weakVillages: number; villages: number };
}
/** What the screen asks for (client/src/app/useAtlasView.ts with the screen's view): the metric's own method, 5 classes, breaks over every year. */
const CHOROPLETH = `query($year: Int!, $metric: Metric!) {
  choropleth(year: $year, level: COUNTY, metric: $metric, classes: 5, scope: ALL_YEARS) {
    year unit decimals areas { code value classIndex }
  }
}`;

type ScreenWindow = Window & {
  __lingyan?: {
    map: {
      getFeatureState(f: { source: string; sourceLayer: string; id: string }): Record<string, unknown>;
      getContainer(): HTMLElement;
      getCanvas(): HTMLCanvasElement;
      getZoom(): number;
      getBounds(): { getWest(): number; getSouth(): number; getEast(): number; getNorth(): number };
      queryRenderedFeatures(p: [number, number] | { layers: string[] }, o?: { layers: string[] }): Array<{ properties: Record<string, unknown> }>;
    };
    settled(): Promise<void>;
  };
};

/** The county codes in the order the screen must rank them: the API's values, highest first, equal values by code, no value last. */
function expectedOrder(areas: Choropleth['choropleth']['areas']): string[] {
  return [...areas]
    .sort((a, b) => {
      if (a.value == null || b.value == null) return a.value == null ? (b.value == null ? a.code.localeCompare(b.code) : 1) : -1;
      return b.value - a.value || a.code.localeCompare(b.code);
    })
    .map((a) => a.code);
}

/**
 * Records, from the page's start, each change of the screen's view and of
 * whether its figures are shown, with the time (`window.__screenLog`): how
 * long a view stayed is read from it, not guessed with a sleep.
 */
const RECORD_ROTATION = `(() => {
  window.__screenLog = [];
  const watch = () => {
    const screen = document.querySelector('[data-testid="screen"]');
    if (!screen) return false;
    const log = () => window.__screenLog.push({ t: performance.now(), view: screen.dataset.view, shown: screen.dataset.shown, paused: screen.dataset.paused, year: screen.dataset.year, metric: screen.dataset.metric });
    log();
    new MutationObserver(log).observe(screen, { attributes: true, attributeFilter: ['data-view', 'data-shown', 'data-paused'] });
    return true;
  };
  const root = new MutationObserver(() => { if (watch()) root.disconnect(); });
  document.addEventListener('DOMContentLoaded', () => { if (!watch()) root.observe(document.body, { childList: true, subtree: true }); });
})();`;
interface LogEntry {
  t: number;
  view: string;
  shown: string;
  paused: string;
  year?: string;
  metric?: string;
}
function rotationLog(page: Page): Promise<LogEntry[]> {
  return page.evaluate(() => (window as Window & { __screenLog?: LogEntry[] }).__screenLog ?? []);
}

/** Waits until the screen shows its view's figures, framed, with the map idle. */
async function waitForView(page: Page, attributes: string, framingsBefore = 0): Promise<void> {
  await page.waitForSelector(`${SCREEN}[data-shown="true"]${attributes}`, { timeout: 60_000 });
  await page.waitForFunction((n) => Number(document.querySelector<HTMLElement>('[data-testid="screen"]')!.dataset.framings) > n, framingsBefore, { timeout: 30_000 });
  await page.evaluate(() => (window as ScreenWindow).__lingyan!.settled());
}

/** Opens the screen and waits until its first view's figures are drawn and the map has framed them. */
async function openScreen(page: Page, server: TestServer, query: string): Promise<void> {
  await page.goto(new URL(`/screen${query}`, server.url).href);
  await waitForMapReady(page);
  await waitForView(page, '');
}

function screenData(page: Page) {
  return page.$eval(SCREEN, (e) => ({ ...(e as HTMLElement).dataset }));
}

/** Font size of the first element matching `selector`, as a share of the viewport's height. */
function fontShare(page: Page, selector: string): Promise<number> {
  return page.$eval(selector, (e) => parseFloat(getComputedStyle(e).fontSize) / window.innerHeight);
}

/**
 * The texts that do not fit their box: wider (cut off, or ellipsed), or a
 * line taller (a line clamped away; glyphs of CJK fonts overhang their line
 * box by a pixel or two, which is not a line).
 */
function cutText(page: Page): Promise<string[]> {
  return page.$$eval('[data-testid="screen-title"], .screen-kpi dd, .screen-kpi dt, .screen-ranking-title, .screen-bar-name, .screen-bar-value, .screen-view-names li, .screen-keys', (els) =>
    els
      .filter((e) => e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + parseFloat(getComputedStyle(e).fontSize) / 2)
      .map((e) => e.textContent ?? ''),
  );
}

function bars(page: Page) {
  return page.$$eval(BAR, (rows) =>
    rows.map((row) => ({
      code: (row as HTMLElement).dataset.code!,
      lit: (row as HTMLElement).dataset.lit === 'true',
      label: row.getAttribute('aria-label') ?? '',
      color: getComputedStyle(row.querySelector('[data-testid="ranking-bar-fill"]')!).backgroundColor,
      value: row.querySelector('[data-testid="ranking-bar-value"]')!.textContent,
    })),
  );
}

/** The bars rank every county as the API's values do, write each value as the screen's unit says, and each is its county's class colour on the map. */
async function expectBarsAsTheMap(page: Page, choropleth: Choropleth['choropleth'], locale: string, unit: (n: string) => string): Promise<void> {
  const shown = await bars(page);
  expect(shown.map((b) => b.code)).toEqual(expectedOrder(choropleth.areas));
  const valueOf = new Map(choropleth.areas.map((a) => [a.code, a.value]));
  for (const bar of shown) {
    const value = valueOf.get(bar.code)!;
    expect(bar.value, bar.code).toBe(unit(value.toLocaleString(locale, { minimumFractionDigits: choropleth.decimals, maximumFractionDigits: choropleth.decimals })));
  }
  const classColors = await fillClassColors(page);
  const drawnClass = await renderedCountyClasses(page);
  for (const bar of shown) {
    const cls = drawnClass[bar.code];
    expect(cls, bar.code).not.toBeNull();
    expect(bar.color, bar.code).toBe(`rgb(${hexToRgb(classColors[cls!]!).join(', ')})`);
  }
}

/** The counties whose `hover` feature-state is set (the map's hover outline). */
function litOnMap(page: Page, codes: readonly string[]): Promise<string[]> {
  return page.evaluate((list) => {
    const map = (window as ScreenWindow).__lingyan!.map;
    return list.filter((id) => map.getFeatureState({ source: 'counties', sourceLayer: 'counties', id }).hover === true);
  }, codes);
}

/**
 * A point (page coordinates) inside `code` on the map, where nothing covers
 * the map: the map is drawn scaled (CSS transform), so map pixels are
 * converted to page pixels with the scale the page shows.
 */
async function countyPoint(page: Page, code: string): Promise<{ x: number; y: number }> {
  const hit = await page.evaluate(
    ([layer, wanted]) => {
      const map = (window as ScreenWindow).__lingyan!.map;
      const container = map.getContainer();
      const rect = container.getBoundingClientRect();
      const scale = rect.width / container.offsetWidth;
      const inside = (x: number, y: number) => map.queryRenderedFeatures([x, y], { layers: [layer] })[0]?.properties.code === wanted;
      for (let y = 20; y < container.offsetHeight - 20; y += 8) {
        for (let x = 20; x < container.offsetWidth - 20; x += 8) {
          if (![[0, 0], [-6, 0], [6, 0], [0, -6], [0, 6]].every(([dx, dy]) => inside(x + dx!, y + dy!))) continue;
          const page = { x: rect.left + x * scale, y: rect.top + y * scale };
          if (document.elementFromPoint(page.x, page.y) === map.getCanvas()) return page;
        }
      }
      return null;
    },
    [COUNTY_FILL_LAYER, code] as const,
  );
  if (!hit) throw new Error(`county ${code} is nowhere uncovered on the map`);
  return hit;
}

const percent = (n: string) => `${n}%`;

describe('big screen', () => {
  let session: BrowserSession;
  let server: TestServer;
  let page: Page;
  let region: Prefecture;
  const first = () => Math.min(...region.prefecture.years);
  const latest = () => Math.max(...region.prefecture.years);
  const choropleth = async (year: number, metric: string) => (await graphqlRequest<Choropleth>(server.url, CHOROPLETH, { year, metric })).choropleth;

  beforeAll(async () => {
    session = await openBrowserSession({ width: 1920, height: 1080 }, { screenViews: HUB_VIEWS, screenIntervalSeconds: HUB_INTERVAL });
    ({ server, page } = session);
    await page.addInitScript({ content: RECORD_ROTATION });
    region = await graphqlRequest<Prefecture>(server.url, '{ prefecture { name nameEn years } counties { code name nameEn } }');
  }, 180_000);

  afterAll(() => session?.close());

  it.each([
    [1920, 1080],
    [3840, 2160],
  ])('at %i×%i fills the display with nothing to scroll, large KPIs, and every county ranked in its class colour', async (width, height) => {
    await page.setViewportSize({ width, height });
    // The first year: the one with the most to show (every county above zero, the classes apart).
    const year = first();
    await openScreen(page, server, `?views=${year}:poverty_incidence`);
    await page.screenshot({ path: resolve(ARTIFACTS, `screen-${width}x${height}.png`) });

    // No scroll bars: nothing is larger than the display, and every part of the screen is inside it.
    const extents = await page.evaluate(() => {
      const doc = document.documentElement;
      const outside = Array.from(document.querySelectorAll('.screen *'))
        .filter((e) => !e.closest('.screen-sr-only, .screen-map-stage'))
        .map((e) => ({ e, r: e.getBoundingClientRect() }))
        .filter(({ r }) => r.width > 0 && (r.left < -0.5 || r.top < -0.5 || r.right > window.innerWidth + 0.5 || r.bottom > window.innerHeight + 0.5))
        .map(({ e }) => e.className || e.tagName);
      return { scroll: [doc.scrollWidth, doc.scrollHeight, document.body.scrollWidth, document.body.scrollHeight], client: [doc.clientWidth, doc.clientHeight], outside };
    });
    expect(extents.client).toEqual([width, height]);
    expect(extents.scroll).toEqual([width, height, width, height]);
    expect(extents.outside).toEqual([]);

    // The year's KPIs, the summary's figures, readable across the room and shown whole.
    const { summary } = await graphqlRequest<Summary>(server.url, 'query($y: Int!) { summary(year: $y) { poorPopulation counties countiesBelowExitLine weakVillages villages } }', { y: year });
    expect(await page.locator('[data-testid^="screen-kpi-"]').count()).toBe(8);
    const n = (v: number) => v.toLocaleString('zh-CN');
    expect(await page.getByTestId('screen-kpi-poorPopulation').locator('dd').textContent()).toBe(`${n(summary.poorPopulation)} 人`);
    expect(await page.getByTestId('screen-kpi-countiesBelowExitLine').locator('dd').textContent()).toBe(`${n(summary.countiesBelowExitLine)} / ${n(summary.counties)}`);
    expect(await page.getByTestId('screen-kpi-weakVillages').locator('dd').textContent()).toBe(`${n(summary.weakVillages)} / ${n(summary.villages)}`);
    expect(await fontShare(page, '.screen-kpi dd')).toBeGreaterThanOrEqual(0.03);
    expect(await fontShare(page, '.screen-kpi dt')).toBeGreaterThanOrEqual(0.015);
    expect(await fontShare(page, '.screen-bar-row')).toBeGreaterThanOrEqual(0.015);
    expect(await fontShare(page, '[data-testid="screen-title"]')).toBeGreaterThanOrEqual(0.04);
    expect(await cutText(page)).toEqual([]);

    // The title: prefecture, metric, year; the legend, of what is drawn.
    expect(await page.getByTestId('screen-title').textContent()).toBe(`${region.prefecture.name} · 贫困发生率 · ${year} 年`);
    expect(await page.getByTestId('legend').getAttribute('data-year')).toBe(String(year));

    // Every county, in the order of the API's values, each bar in its county's class colour on the map.
    expect(await page.locator(BAR).count()).toBe(region.counties.length);
    await expectBarsAsTheMap(page, await choropleth(year, 'POVERTY_INCIDENCE'), 'zh-CN', percent);

    // The map is drawn as large, in proportion, as on 1920×1080: scaled with the display, crisp.
    const map = await page.evaluate(() => {
      const canvas = (window as ScreenWindow).__lingyan!.map.getCanvas();
      const rect = canvas.getBoundingClientRect();
      return { scale: rect.width / canvas.offsetWidth, pixels: canvas.width / rect.width };
    });
    expect(map.scale).toBeCloseTo(1.25 * (height / 1080), 2);
    expect(map.pixels).toBeCloseTo(1, 1);
  }, 120_000);

  it('keeps its text in proportion to the display: 3840×2160 reads as 1920×1080 does', async () => {
    const shares: Array<Record<string, number>> = [];
    for (const [width, height] of [
      [1920, 1080],
      [3840, 2160],
    ] as const) {
      await page.setViewportSize({ width, height });
      await openScreen(page, server, `?views=${first()}:poverty_incidence`);
      const share: Record<string, number> = {};
      for (const selector of ['[data-testid="screen-title"]', '.screen-kpi dd', '.screen-kpi dt', '.screen-bar-row', '.screen-ranking-title', '.screen-view-of']) {
        share[selector] = await fontShare(page, selector);
      }
      shares.push(share);
    }
    for (const selector of Object.keys(shares[0]!)) expect(shares[1]![selector], selector).toBeCloseTo(shares[0]![selector]!, 3);
    await page.setViewportSize({ width: 1920, height: 1080 });
  }, 120_000);

  it('lights a county on the map while its bar is pointed at, and its bar while the county is', async () => {
    await page.setViewportSize({ width: 1920, height: 1080 });
    await openScreen(page, server, `?views=${first()}:poverty_incidence`);
    const codes = (await bars(page)).map((b) => b.code);
    const [barTarget, mapTarget] = [codes[2]!, codes[5]!];

    await page.hover(`${BAR}[data-code="${barTarget}"]`);
    await page.waitForFunction((code) => document.querySelector(`[data-testid="ranking-bar"][data-code="${code}"]`)?.getAttribute('data-lit') === 'true', barTarget);
    expect(await litOnMap(page, codes)).toEqual([barTarget]);
    // Away from the bars, the map lets go.
    await page.mouse.move(5, 5);
    await page.waitForFunction(() => !document.querySelector('[data-testid="ranking-bar"][data-lit="true"]'));
    expect(await litOnMap(page, codes)).toEqual([]);

    // The reverse: the county under the pointer lights its bar, and only it.
    const point = await countyPoint(page, mapTarget);
    await page.mouse.move(point.x, point.y);
    await page.waitForSelector(`${BAR}[data-code="${mapTarget}"][data-lit="true"]`);
    expect((await bars(page)).filter((b) => b.lit).map((b) => b.code)).toEqual([mapTarget]);
    expect(await litOnMap(page, codes)).toEqual([mapTarget]);

    // An operator with a keyboard: a focused bar lights its county too.
    await page.mouse.move(5, 5);
    await page.focus(`${BAR}[data-code="${barTarget}"]`);
    await page.waitForFunction((code) => document.querySelector(`[data-testid="ranking-bar"][data-code="${code}"]`)?.getAttribute('data-lit') === 'true', barTarget);
    expect(await litOnMap(page, codes)).toEqual([barTarget]);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  }, 90_000);

  it('rotates through the link\'s views at its interval; the title, legend and bars follow; Space pauses, the arrows step', async () => {
    const [y1, y2] = [first(), latest()];
    await page.goto(new URL(`/screen?views=${y1}:poverty_incidence,${y2}:collective_income_median&interval=3`, server.url).href);
    expect(await page.getByTestId('rotation-progress').evaluate((e) => (e as HTMLElement).style.animationDuration)).toBe('3s');
    expect(await page.getByTestId('rotation-view').allTextContents()).toEqual([`${y1} 年 · 贫困发生率`, `${y2} 年 · 村集体经济收入中位数`]);

    // The next view comes once the first has been on for the interval (counted from its figures being drawn)…
    await page.waitForSelector(`${SCREEN}[data-view="1"]`, { timeout: 60_000 });
    // …and stays while the figures are looked at: Space pauses.
    await page.keyboard.press('Space');
    await page.waitForSelector(`${SCREEN}[data-paused="true"]`);
    const log = await rotationLog(page);
    const firstShown = log.find((e) => e.view === '0' && e.shown === 'true')!;
    expect(firstShown).toMatchObject({ year: String(y1), metric: 'POVERTY_INCIDENCE' });
    const nextAt = log.find((e) => e.view === '1')!.t;
    expect(nextAt - firstShown.t).toBeGreaterThanOrEqual(2900);
    expect(nextAt - firstShown.t).toBeLessThan(3000 + 2000);
    await waitForView(page, `[data-view="1"][data-year="${y2}"][data-metric="COLLECTIVE_INCOME_MEDIAN"]`);
    expect(await page.getByTestId('screen-title').textContent()).toBe(`${region.prefecture.name} · 村集体经济收入中位数 · ${y2} 年`);
    expect(await page.getByTestId('legend').getAttribute('data-year')).toBe(String(y2));
    expect(await page.locator('#legend-title').textContent()).toContain('村集体经济收入中位数');
    expect(await page.getByTestId('rotation-position').textContent()).toBe('视图 2 / 2 · 已暂停');
    expect(await page.getByTestId('rotation-view').nth(1).getAttribute('aria-current')).toBe('step');
    await page.screenshot({ path: resolve(ARTIFACTS, 'screen-rotation-1920x1080.png') });
    const income = await choropleth(y2, 'COLLECTIVE_INCOME_MEDIAN');
    expect(income.unit).toBe('万元');
    await expectBarsAsTheMap(page, income, 'zh-CN', (n) => `${n} 万元`);

    // Paused, the view stays past its interval, the progress stops, the controls say so.
    expect(await page.getByTestId('rotation-pause').getAttribute('aria-pressed')).toBe('true');
    expect(await page.getByTestId('rotation-pause').getAttribute('aria-label')).toBe('继续轮播');
    expect(await page.getByTestId('rotation-progress').evaluate((e) => e.getAnimations()[0]?.playState)).toBe('paused');
    const pausedAt = await page.evaluate(() => performance.now());
    // The whole interval and half again passes (waited for on the page's clock).
    await page.waitForFunction((t) => performance.now() > t + 4500, pausedAt, { polling: 250, timeout: 10_000 });
    expect(await screenData(page)).toMatchObject({ view: '1', paused: 'true' });
    // Space again: it goes on, and the rotation comes round to the first view, with its title and legend.
    await page.keyboard.press('Space');
    await page.waitForSelector(`${SCREEN}[data-paused="false"]`);
    await page.waitForSelector(`${SCREEN}[data-view="0"]`, { timeout: 15_000 });
    await page.keyboard.press('Space');
    await waitForView(page, `[data-view="0"][data-paused="true"][data-year="${y1}"][data-metric="POVERTY_INCIDENCE"]`);
    expect(await page.getByTestId('screen-title').textContent()).toBe(`${region.prefecture.name} · 贫困发生率 · ${y1} 年`);
    expect(await page.getByTestId('legend').getAttribute('data-year')).toBe(String(y1));
    expect(await page.getByTestId('rotation-position').textContent()).toBe('视图 1 / 2 · 已暂停');
    expect(await page.getByTestId('rotation-view').first().getAttribute('aria-current')).toBe('step');
    await expectBarsAsTheMap(page, await choropleth(y1, 'POVERTY_INCIDENCE'), 'zh-CN', percent);
    await page.keyboard.press('Space');
    await page.waitForSelector(`${SCREEN}[data-paused="false"]`);

    // The arrows step at once, paused or not, both ways round.
    await page.keyboard.press('ArrowRight');
    await page.waitForSelector(`${SCREEN}[data-view="1"]`, { timeout: 2000 });
    await page.keyboard.press('ArrowRight');
    await page.waitForSelector(`${SCREEN}[data-view="0"]`, { timeout: 2000 });
    await page.keyboard.press('ArrowLeft');
    await page.waitForSelector(`${SCREEN}[data-view="1"]`, { timeout: 2000 });

    // The controls work from the keyboard too, and Space on a focused control is that control's alone.
    await page.getByTestId('rotation-pause').focus();
    await page.keyboard.press('Enter');
    await page.waitForSelector(`${SCREEN}[data-paused="true"]`);
    await page.keyboard.press('Space');
    await page.waitForSelector(`${SCREEN}[data-paused="false"]`);
    await page.getByTestId('rotation-previous').focus();
    await page.keyboard.press('Enter');
    await page.waitForSelector(`${SCREEN}[data-view="0"]`, { timeout: 2000 });
    expect(await screenData(page)).toMatchObject({ paused: 'false' });
  }, 120_000);

  it('frames and marks the counties a view focuses on', async () => {
    await openScreen(page, server, `?views=${first()}:poverty_incidence`);
    const regionZoom = await page.evaluate(() => (window as ScreenWindow).__lingyan!.map.getZoom());
    const ranked = (await bars(page)).map((b) => b.code);
    const focus = [ranked[0]!, ranked[1]!];
    await openScreen(page, server, `?views=${first()}:poverty_incidence:${focus.join(':')}`);
    expect(await page.evaluate(() => (window as ScreenWindow).__lingyan!.map.getZoom())).toBeGreaterThan(regionZoom);
    expect(await page.getByTestId('legend-selection').textContent()).toBe('重点关注旗县区');
    const marked = await page.evaluate(() => (window as ScreenWindow).__lingyan!.map.queryRenderedFeatures({ layers: ['selection-mark-area'] }).length);
    expect(marked).toBeGreaterThan(0);
    const shown = await bars(page);
    expect(shown.filter((b) => b.label.endsWith('（重点关注）')).map((b) => b.code).sort()).toEqual([...focus].sort());
    // Still every county, ranked.
    expect(shown).toHaveLength(region.counties.length);
  }, 90_000);

  it('rotates the hub\'s default views where the link names none', async () => {
    await page.goto(new URL('/screen', server.url).href);
    expect(await page.getByTestId('rotation-view').allTextContents()).toEqual(['2020 年 · 弱村占比', '最新年份 · 贫困发生率']);
    expect(await page.getByTestId('rotation-progress').evaluate((e) => (e as HTMLElement).style.animationDuration)).toBe(`${HUB_INTERVAL}s`);
    await page.waitForSelector(`${SCREEN}[data-view="1"][data-shown="true"][data-year="${latest()}"][data-metric="POVERTY_INCIDENCE"]`, { timeout: 60_000 });
    const log = await rotationLog(page);
    const firstShown = log.find((e) => e.view === '0' && e.shown === 'true')!;
    expect(firstShown).toMatchObject({ year: '2020', metric: 'WEAK_VILLAGE_SHARE' });
    expect(log.find((e) => e.view === '1')!.t - firstShown.t).toBeGreaterThanOrEqual(HUB_INTERVAL * 1000 - 100);
  }, 90_000);

  it('says on screen what of its link it could not use, and shows the rest', async () => {
    const y1 = first();
    await openScreen(page, server, `?views=${y1}:bogus,,${latest()}:poverty_incidence:manual,${y1}:poverty_incidence:159999999999,2099:poverty_incidence&interval=1`);
    expect(await page.getByTestId('rotation-position').textContent()).toBe('视图 1 / 4');
    const problems = async () => (await page.getByTestId('screen-problems').textContent()) ?? '';
    expect(await problems()).toContain('链接参数 views 第 1 项中的“bogus”无法识别');
    expect(await problems()).toContain('链接参数 views 第 2 项为空');
    expect(await problems()).toContain('链接参数 views 第 3 项：自定义分级需要界值');
    expect(await problems()).toContain('链接参数 interval 的值“1”无效：应为 2 至 3600 之间的整数秒');
    // The link's interval unusable, the hub's applies.
    expect(await page.getByTestId('rotation-progress').evaluate((e) => (e as HTMLElement).style.animationDuration)).toBe(`${HUB_INTERVAL}s`);
    // A year without figures shows the latest, and says so; a focus that is no county of the region is named.
    await page.keyboard.press('Space');
    await page.waitForSelector(`${SCREEN}[data-paused="true"]`);
    while ((await screenData(page)).view !== '3') {
      const before = (await screenData(page)).view;
      await page.keyboard.press('ArrowLeft');
      await page.waitForFunction((v) => document.querySelector<HTMLElement>('[data-testid="screen"]')!.dataset.view !== v, before);
    }
    await page.waitForSelector(`${SCREEN}[data-view="3"][data-shown="true"][data-year="${latest()}"]`, { timeout: 30_000 });
    expect(await problems()).toContain(`2099 年无数据，显示 ${latest()} 年`);
    await page.keyboard.press('ArrowLeft');
    await page.waitForSelector(`${SCREEN}[data-view="2"][data-shown="true"][data-year="${y1}"]`, { timeout: 30_000 });
    expect(await problems()).toContain('159999999999 不是本地区的旗县区代码');
  }, 90_000);

  it('speaks English at lang=en', async () => {
    const year = first();
    await openScreen(page, server, `?views=${year}:poverty_incidence,${latest()}:collective_income_median&lang=en`);
    await page.keyboard.press('Space');
    await page.waitForSelector(`${SCREEN}[data-paused="true"][data-view="0"]`);
    await page.screenshot({ path: resolve(ARTIFACTS, 'screen-1920x1080-en.png') });
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await page.getByTestId('screen-title').textContent()).toBe(`${region.prefecture.nameEn} · Poverty incidence · ${year}`);
    expect(await page.getByTestId('screen-kpi-poorPopulation').locator('dt').textContent()).toBe('Poor population');
    // The longer English words fit too.
    expect(await cutText(page)).toEqual([]);
    expect(await page.getByTestId('rotation-position').textContent()).toBe('View 1 of 2 · Paused');
    expect(await page.getByTestId('rotation-view').allTextContents()).toEqual([`${year} · Poverty incidence`, `${latest()} · Median collective income`]);
    expect(await page.getByTestId('rotation-pause').getAttribute('aria-label')).toBe('Resume the rotation');
    expect(await page.locator('#legend-title').textContent()).toBe('Poverty incidence (%)');
    expect(await page.locator('.screen-ranking-title').textContent()).toBe('Counties ranked · Poverty incidence (%)');
    const shown = await bars(page);
    const top = region.counties.find((c) => c.code === shown[0]!.code)!;
    expect(shown[0]!.label).toBe(`No. 1, ${top.nameEn}: ${shown[0]!.value}`);
    await expectBarsAsTheMap(page, await choropleth(year, 'POVERTY_INCIDENCE'), 'en', percent);
  }, 90_000);

  it('hides the pointer after a moment without movement, and shows it while the mouse moves', async () => {
    await openScreen(page, server, `?views=${first()}:poverty_incidence`);
    const cursor = () => page.$eval(SCREEN, (e) => getComputedStyle(e).cursor);
    await page.waitForFunction(() => getComputedStyle(document.querySelector('[data-testid="screen"]')!).cursor === 'none', undefined, { timeout: 10_000 });
    await page.mouse.move(400, 300);
    await page.mouse.move(420, 310);
    expect(await cursor()).not.toBe('none');
    await page.waitForFunction(() => getComputedStyle(document.querySelector('[data-testid="screen"]')!).cursor === 'none', undefined, { timeout: 10_000 });
  }, 60_000);

  it('kept everything on this machine and met no error', () => {
    expect(session.offline.external).toEqual([]);
    expect(session.pageErrors).toEqual([]);
  });
});
