/**
 * The atlas's view in its link, in real Chromium against the real server:
 * clicking a county selects it; the metric, classification, year, filters and
 * camera change the map and the URL; the URL opened in a fresh page restores
 * the same view (classes, selection, camera); playing the years steps the map
 * through them; the KPI bar shows the server's summary; a link with an
 * invalid part says so and shows the default for it; nothing leaves the
 * machine.
 */
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../support/server';
import {
  changeAndSettle,
  findCountyPoint,
  legendClasses,
  renderedCountyClasses,
  textOf,
  waitForMapReady,
} from './helpers/atlas-page';
import { guardOffline } from './helpers/browser';
import { graphqlRequest } from './helpers/graphql';
import { renderedProperties, waitForOverlays } from './helpers/layers-page';
import { ARTIFACTS, openBrowserSession, type BrowserSession } from './helpers/session';

interface Choropleth {
  choropleth: { breaks: number[]; areas: Array<{ code: string; classIndex: number | null }> };
}
// As the atlas asks: method null is the metric's own (policy bands for incidence), breaks over every year.
const CHOROPLETH = `query($year: Int!, $metric: Metric!, $method: ClassificationMethod, $classes: Int!) {
  choropleth(year: $year, level: COUNTY, metric: $metric, method: $method, classes: $classes, scope: ALL_YEARS) {
    breaks areas { code classIndex }
  }
}`;
interface Summary {
  summary: { poorPopulation: number; activePairings: number; counties: number; countiesBelowExitLine: number };
}
const SUMMARY = `query($year: Int!) { summary(year: $year) { poorPopulation activePairings counties countiesBelowExitLine } }`;

type W = Window & {
  __lingyan?: {
    map: {
      getCenter(): { lng: number; lat: number };
      getZoom(): number;
      jumpTo(o: { center: [number, number]; zoom: number }): void;
      once(event: string, f: () => void): void;
      fire(event: string): void;
    };
  };
};

async function camera(page: Page): Promise<{ lon: number; lat: number; zoom: number }> {
  return page.evaluate(() => {
    const map = (window as W).__lingyan!.map;
    const { lng, lat } = map.getCenter();
    return { lon: lng, lat, zoom: map.getZoom() };
  });
}

function classesOf(choropleth: Choropleth['choropleth']): Record<string, number | null> {
  return Object.fromEntries(choropleth.areas.map((a) => [a.code, a.classIndex]));
}

function query(page: Page): URLSearchParams {
  return new URL(page.url()).searchParams;
}

describe('the view in the link', () => {
  let session: BrowserSession;
  let server: TestServer;
  let page: Page;
  let years: number[];

  beforeAll(async () => {
    session = await openBrowserSession({ width: 1280, height: 800 });
    ({ server, page } = session);
    const { prefecture } = await graphqlRequest<{ prefecture: { years: number[] } }>(server.url, '{ prefecture { years } }');
    years = [...prefecture.years].sort((a, b) => a - b);
  }, 180_000);

  afterAll(() => session?.close());

  it('opens on the year of the link and selects the county clicked', async () => {
    const year = years[1]!;
    // Overlays off: the click must land on the county, not on a village or a line above it.
    await page.goto(new URL(`/?year=${year}&layers=`, server.url).href);
    await waitForMapReady(page);
    expect(await page.getByTestId('year-range').getAttribute('aria-valuetext')).toBe(String(year));

    const point = await findCountyPoint(page);
    await changeAndSettle(page, () => page.mouse.click(point.x, point.y));
    expect(query(page).get('sel')).toBe(`county:${point.code}`);
    const outlined = await renderedProperties(page, ['county-selected'], 'code');
    expect(outlined.map((f) => f.code)).toEqual([point.code]);
  }, 90_000);

  it('maps another metric, method and number of classes, as the server classifies them', async () => {
    const year = years[1]!;
    await changeAndSettle(page, () => page.getByTestId('metric-select').selectOption('POOR_POPULATION'));
    await changeAndSettle(page, () => page.getByTestId('method-select').selectOption('JENKS'));
    await changeAndSettle(page, () => page.getByTestId('classes-select').selectOption('4'));
    const { choropleth } = await graphqlRequest<Choropleth>(server.url, CHOROPLETH, {
      year,
      metric: 'POOR_POPULATION',
      method: 'JENKS',
      classes: 4,
    });
    // The map flew to the selected county: every county drawn is in the server's class.
    const drawn = await renderedCountyClasses(page);
    expect(Object.keys(drawn).length).toBeGreaterThan(0);
    const expected = classesOf(choropleth);
    for (const [code, classIndex] of Object.entries(drawn)) expect(classIndex).toBe(expected[code]);
    expect(await legendClasses(page)).toHaveLength(choropleth.breaks.length - 1);
    expect(await textOf(page, '[data-testid="legend"]')).toContain('贫困人口 (人)');
    const params = query(page);
    expect([params.get('metric'), params.get('method'), params.get('classes')]).toEqual(['poor_population', 'jenks', '4']);
  }, 90_000);

  it('keeps the camera in the link after a move', async () => {
    await page.evaluate(
      () =>
        new Promise<void>((resolve) => {
          const map = (window as W).__lingyan!.map;
          map.once('moveend', () => resolve());
          const { lng, lat } = map.getCenter();
          map.jumpTo({ center: [lng + 0.3, lat - 0.2], zoom: map.getZoom() + 1 });
        }),
    );
    // The link is written after React takes the move.
    await page.waitForFunction(() => new URLSearchParams(window.location.search).has('at'));
    const at = query(page).get('at');
    expect(at).toMatch(/^-?\d+(\.\d+)?,-?\d+(\.\d+)?,\d+(\.\d+)?$/);
    const [lon, lat, zoom] = at!.split(',').map(Number);
    const now = await camera(page);
    expect(lon).toBeCloseTo(now.lon, 4);
    expect(lat).toBeCloseTo(now.lat, 4);
    expect(zoom).toBeCloseTo(now.zoom, 1);
  });

  it('restores the same view from the link in a fresh page', async () => {
    const link = page.url();
    const before = {
      classes: await renderedCountyClasses(page),
      camera: await camera(page),
      legend: await legendClasses(page),
    };
    const second = await session.context.newPage();
    try {
      await second.goto(link);
      await waitForMapReady(second);
      expect(second.url()).toBe(link);
      const after = await camera(second);
      expect(after.lon).toBeCloseTo(before.camera.lon, 4);
      expect(after.lat).toBeCloseTo(before.camera.lat, 4);
      expect(after.zoom).toBeCloseTo(before.camera.zoom, 1);
      expect(await renderedCountyClasses(second)).toEqual(before.classes);
      expect(await legendClasses(second)).toEqual(before.legend);
      expect(await second.getByTestId('metric-select').inputValue()).toBe('POOR_POPULATION');
      const sel = new URL(link).searchParams.get('sel')!.split(':')[1];
      expect((await renderedProperties(second, ['county-selected'], 'code')).map((f) => f.code)).toEqual([sel]);
      await second.screenshot({ path: resolve(ARTIFACTS, 'view-state-restored.png') });
    } finally {
      await second.close();
    }
  }, 90_000);

  it('shows the server\'s summary of the year in the KPI bar', async () => {
    const year = years[years.length - 1]!;
    await page.goto(new URL(`/?year=${year}`, server.url).href);
    await waitForMapReady(page);
    const { summary } = await graphqlRequest<Summary>(server.url, SUMMARY, { year });
    const kpi = page.getByTestId('kpi-bar');
    await kpi.getByTestId('kpi-activePairings').waitFor();
    expect(await kpi.getByTestId('kpi-poorPopulation').textContent()).toContain(summary.poorPopulation.toLocaleString('zh-CN'));
    expect(await kpi.getByTestId('kpi-activePairings').textContent()).toContain(String(summary.activePairings));
    expect(await kpi.getByTestId('kpi-countiesBelowExitLine').textContent()).toContain(
      `${summary.countiesBelowExitLine} / ${summary.counties}`,
    );
  }, 90_000);

  it('hides the villages of a status unticked in the legend, and says so in the link', async () => {
    // A year with poor villages left.
    await page.goto(new URL(`/?year=${years[1]}`, server.url).href);
    await waitForMapReady(page);
    await waitForOverlays(page, ['villages']);
    const before = await renderedProperties(page, ['village-circle'], 'code');
    expect(before.some((v) => v.status === 'POOR')).toBe(true);
    await changeAndSettle(page, () => page.getByTestId('filter-status-POOR').uncheck());
    const after = await renderedProperties(page, ['village-circle'], 'code');
    expect(after.length).toBeGreaterThan(0);
    expect(after.filter((v) => v.status === 'POOR')).toEqual([]);
    expect(after.length).toBe(before.filter((v) => v.status === 'EXITED' || v.status === 'NEVER_POOR').length);
    expect(query(page).get('status')).toBe('exited,never_poor');
    await changeAndSettle(page, () => page.getByTestId('filter-status-POOR').check());
    expect(query(page).get('status')).toBeNull();
  }, 90_000);

  it('plays through the years, the map following each', async () => {
    // A context of its own whose timers Playwright's clock drives (time still flows as usual):
    // that the pause holds is checked by moving the page's clock on, not by waiting.
    const context = await session.browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, locale: 'zh-CN' });
    const offline = await guardOffline(context);
    await context.clock.install();
    const played = await context.newPage();
    try {
      await played.goto(new URL(`/?year=${years[0]}&layers=`, server.url).href);
      await waitForMapReady(played);
      await played.getByTestId('year-play').click();
      const next = years[1]!;
      await played.waitForFunction(
        (y) => document.querySelector('[data-testid="year-range"]')?.getAttribute('aria-valuetext') === String(y),
        next,
        { timeout: 30_000 },
      );
      await played.getByTestId('year-play').click();
      expect(await played.getByTestId('year-play').getAttribute('aria-pressed')).toBe('false');
      // Paused where it was when the button was pressed (on a loaded machine, a step or two past `next`)…
      const shown = Number(await played.getByTestId('year-range').getAttribute('aria-valuetext'));
      expect(shown).toBeGreaterThanOrEqual(next);
      // …and it stays there: ten seconds on (several play steps), every timer due meanwhile has run.
      await played.clock.fastForward(10_000);
      await played.waitForFunction(
        (y) => document.querySelector('[data-testid="legend"]')?.textContent?.includes(`${y} 年`),
        shown,
        { timeout: 30_000 },
      );
      await played.evaluate(() => (window as unknown as { __lingyan: { settled(): Promise<void> } }).__lingyan.settled());
      expect(Number(await played.getByTestId('year-range').getAttribute('aria-valuetext'))).toBe(shown);
      const { choropleth } = await graphqlRequest<Choropleth>(server.url, CHOROPLETH, {
        year: shown,
        metric: 'POVERTY_INCIDENCE',
        method: null,
        classes: 5,
      });
      expect(await renderedCountyClasses(played)).toEqual(classesOf(choropleth));
      expect(query(played).get('year')).toBe(String(shown));
      expect(offline.external).toEqual([]);
    } finally {
      await context.close();
    }
  }, 90_000);

  it('says which part of a link it ignored, and shows the default for it', async () => {
    await page.goto(new URL(`/?year=${years[0]}&method=quantile&classes=12&metric=happiness`, server.url).href);
    await waitForMapReady(page);
    const notice = page.getByTestId('link-notice');
    await notice.waitFor();
    const text = (await notice.textContent()) ?? '';
    expect(text).toContain('classes');
    expect(text).toContain('metric');
    expect(await page.getByTestId('classes-select').inputValue()).toBe('5');
    expect(await textOf(page, '[data-testid="legend"]')).toContain('贫困发生率');
    // The link is rewritten to what is shown.
    expect(page.url()).toBe(new URL(`/?year=${years[0]}&method=quantile`, server.url).href);
  }, 90_000);

  it('made no request outside the machine and logged no error', () => {
    expect(session.offline.external).toEqual([]);
    expect(session.pageErrors).toEqual([]);
  });
});
