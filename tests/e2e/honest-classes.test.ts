/**
 * Issue 21, points 1–3 and 7, in a real Chromium: colours that mean the same
 * in every year (stepping 2016 → 2025, a county's colour changes exactly
 * when its value crosses a policy bound), ramps by polarity, a legend that
 * describes what is drawn (level, year, method, scope, merged classes), and
 * custom bounds typed in the layer panel.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../support/server';
import { changeAndSettle, fillClassColors, legendClasses, renderedCountyClasses, textOf, waitForMapReady } from './helpers/atlas-page';
import { graphqlRequest } from './helpers/graphql';
import { openBrowserSession, type BrowserSession } from './helpers/session';

const LEGEND = '[data-testid="legend"]';

interface Area {
  code: string;
  value: number | null;
  classIndex: number | null;
}
interface Answer {
  choropleth: { year: number; breaks: number[]; classes: number; classesNote: string | null; requestedClasses: number; areas: Area[] };
}
const CHOROPLETH = `query($year: Int!, $metric: Metric!, $method: ClassificationMethod, $classes: Int!, $scope: ClassScope!, $breaks: [Float!]) {
  choropleth(year: $year, level: COUNTY, metric: $metric, method: $method, classes: $classes, scope: $scope, breaks: $breaks) {
    year breaks classes classesNote requestedClasses areas { code value classIndex } } }`;

const rgb = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];

describe('honest classes', () => {
  let session: BrowserSession;
  let server: TestServer;
  let page: Page;
  let years: number[];

  const legendAttr = (name: string) => page.locator(LEGEND).getAttribute(`data-${name}`);
  const choropleth = async (variables: Record<string, unknown>) =>
    (await graphqlRequest<Answer>(server.url, CHOROPLETH, { metric: 'POVERTY_INCIDENCE', classes: 5, scope: 'ALL_YEARS', ...variables })).choropleth;
  const open = async (query: string) => {
    await page.goto(new URL(`/${query}`, server.url).href);
    await waitForMapReady(page);
  };

  beforeAll(async () => {
    session = await openBrowserSession({ width: 1280, height: 800 });
    ({ server, page } = session);
    years = (await graphqlRequest<{ prefecture: { years: number[] } }>(server.url, '{ prefecture { years } }')).prefecture.years;
  }, 180_000);

  afterAll(() => session?.close());

  it('opens with few overlays so the shading reads: pairings, villages and townships on; alliances and projects off', async () => {
    await open('');
    for (const key of ['pairings', 'villages', 'townships']) expect(await page.getByTestId(`layer-toggle-${key}`).isChecked(), key).toBe(true);
    for (const key of ['alliances', 'projects']) expect(await page.getByTestId(`layer-toggle-${key}`).isChecked(), key).toBe(false);
    // Not drawn: the alliance layers are absent or hidden.
    const visibility = await page.evaluate(() => {
      const { map } = (window as unknown as { __lingyan: { map: { getLayer(id: string): unknown; getLayoutProperty(id: string, p: string): unknown } } }).__lingyan;
      return map.getLayer('alliance-fill') ? map.getLayoutProperty('alliance-fill', 'visibility') : 'absent';
    });
    expect(['none', 'absent']).toContain(visibility);
  }, 120_000);

  it('steps 2016 → 2025 in the policy bands: a county changes colour exactly when its incidence crosses a bound', async () => {
    await open(`?year=${years[0]}`);
    expect(await legendAttr('method')).toBe('POLICY');
    const colors = await fillClassColors(page);
    let previous: Record<string, number | null> | null = null;
    let previousAnswer: Answer['choropleth'] | null = null;
    let changes = 0;
    let stays = 0;
    for (const year of years) {
      if (year !== years[0]) {
        await changeAndSettle(page, () => page.getByTestId('year-control').getByRole('button', { name: String(year), exact: true }).click());
      }
      expect(await legendAttr('year')).toBe(String(year));
      // Same colours for the same classes in every year: the fill's class colours do not move.
      expect(await fillClassColors(page)).toEqual(colors);
      const answer = await choropleth({ year, method: null });
      const drawn = await renderedCountyClasses(page);
      expect(drawn).toEqual(Object.fromEntries(answer.areas.map((a) => [a.code, a.classIndex])));
      if (previous && previousAnswer) {
        const before = new Map(previousAnswer.areas.map((a) => [a.code, a.value]));
        const bounds = answer.breaks.slice(1, answer.classes);
        for (const area of answer.areas) {
          const was = before.get(area.code)!;
          const crossed = bounds.some((b) => (was! < b) !== (area.value! < b));
          expect(drawn[area.code] !== previous[area.code], `${area.code} ${year - 1}→${year}`).toBe(crossed);
          if (crossed) changes++;
          else stays++;
        }
      }
      previous = drawn;
      previousAnswer = answer;
    }
    // The fall is visible: counties changed colour, and some stayed where nothing crossed.
    expect(changes).toBeGreaterThan(0);
    expect(stays).toBeGreaterThan(0);
    // 2025: every county under the exit line, none in a class at or above it (the warm side).
    const last = await renderedCountyClasses(page);
    const lineClass = previousAnswer!.breaks.indexOf(3);
    expect(Object.values(last).every((c) => c !== null && c < lineClass)).toBe(true);
  }, 240_000);

  it('plays the years with the play button and keeps the colours of the classes', async () => {
    await open(`?year=${years[0]}`);
    const colors = (await legendClasses(page)).map((c) => c.dataColor);
    await page.getByTestId('year-play').click();
    await page.waitForFunction((y) => document.querySelector('[data-testid="legend"]')?.getAttribute('data-year') === String(y), years.at(-1), { timeout: 120_000 });
    await page.waitForFunction(() => document.querySelector('[data-testid="year-play"]')?.getAttribute('aria-pressed') === 'false', null, { timeout: 30_000 });
    expect((await legendClasses(page)).map((c) => c.dataColor)).toEqual(colors);
  }, 180_000);

  it('describes the classes on the legend: metric, unit, year, level, method, the exit line, the open top class', async () => {
    await open(`?year=${years[0]}`);
    const text = await textOf(page, LEGEND);
    expect(text).toContain('贫困发生率 (%)');
    expect(text).toContain(`${years[0]} 年`);
    expect(text).toContain('按旗县区');
    expect(text).toContain('政策分级');
    expect(text).toContain('各年相同');
    expect(await legendAttr('level')).toBe('COUNTY');
    const labels = (await legendClasses(page)).map((c) => c.label);
    expect(labels).toHaveLength(6);
    expect(labels[0]).toMatch(/^0\.0 – 1\.0（\d+ 个旗县区）$/);
    expect(labels[5]).toMatch(/^≥ 20\.0（\d+ 个旗县区）$/);
    expect(await page.getByTestId('legend-threshold').getAttribute('data-value')).toBe('3');
    // Under the exit line in blues, above it in warm colours (RdYlBu split at the line).
    const [below, , above] = (await legendClasses(page)).slice(1, 4).map((c) => rgb(c.dataColor));
    expect(below![2]).toBeGreaterThan(below![0]);
    expect(above![0]).toBeGreaterThan(above![2]);
  }, 120_000);

  it('keys the selection\'s mark on the legend while a feature is selected', async () => {
    await open(`?year=${years[0]}`);
    expect(await page.getByTestId('legend-selection').count()).toBe(0);
    const { counties } = await graphqlRequest<{ counties: Array<{ code: string }> }>(server.url, '{ counties { code } }');
    await open(`?year=${years[0]}&sel=county:${counties[0]!.code}`);
    const key = page.getByTestId('legend-selection');
    await key.waitFor();
    expect(await key.textContent()).toBe('当前选中');
    const ring = await key.locator('.legend-selection-ring').evaluate((e) => getComputedStyle(e).borderTopColor);
    expect(ring).toBe('rgb(0, 229, 255)');
  }, 120_000);

  it('shows the townships\' classes in the legend once the map shades townships', async () => {
    await open(`?year=${years[0]}`);
    expect(await legendAttr('level')).toBe('COUNTY');
    const center = await page.evaluate(() => (window as unknown as { __lingyan: { map: { getCenter(): { lng: number; lat: number } } } }).__lingyan.map.getCenter());
    await open(`?year=${years[0]}&at=${center.lng.toFixed(4)},${center.lat.toFixed(4)},9.5`);
    await page.waitForFunction(() => document.querySelector('[data-testid="legend"]')?.getAttribute('data-level') === 'TOWNSHIP', null, { timeout: 60_000 });
    const text = await textOf(page, LEGEND);
    expect(text).toContain('按苏木乡镇');
    // The legend counts the townships in each of their classes, as the server classified them.
    const townships = await graphqlRequest<Answer>(
      server.url,
      `query($year: Int!) { choropleth(year: $year, level: TOWNSHIP) { year breaks classes classesNote requestedClasses areas { code value classIndex } } }`,
      { year: years[0] },
    );
    const counts = await page.$$eval('[data-testid="legend-class"]', (els) => els.map((e) => Number((e as HTMLElement).dataset.count)));
    expect(counts).toEqual(Array.from({ length: townships.choropleth.classes }, (_, i) => townships.choropleth.areas.filter((a) => a.classIndex === i).length));
    expect((await legendClasses(page))[0]!.label).toContain('个苏木乡镇');
  }, 120_000);

  it('draws a higher-is-better metric with blues above its target, in 万元 with two decimals', async () => {
    await open(`?year=${years.at(-1)}&metric=collective_income_median`);
    const text = await textOf(page, LEGEND);
    expect(text).toContain('(万元)');
    const classes = await legendClasses(page);
    expect(classes.map((c) => c.label.split('（')[0])).toEqual(['0.00 – 5.00', '5.00 – 10.00', '10.00 – 20.00', '≥ 20.00']);
    const top = rgb(classes[3]!.dataColor);
    const bottom = rgb(classes[0]!.dataColor);
    expect(top[2]).toBeGreaterThan(top[0]);
    expect(bottom[0]).toBeGreaterThan(bottom[2]);
  }, 120_000);

  it('labels per-year classes as such and says when tied values merged classes', async () => {
    const year = years.at(-1)!;
    const answer = await choropleth({ year, metric: 'SOFT_LAX_COUNT', method: 'QUANTILE', classes: 7, scope: 'YEAR' });
    expect(answer.classesNote).not.toBeNull();
    await open(`?year=${year}&metric=soft_lax_count&method=quantile&classes=7&scope=year`);
    expect(await legendAttr('scope')).toBe('YEAR');
    expect(await textOf(page, LEGEND)).toContain('本年分级');
    const note = page.getByTestId('legend-classes-note');
    expect(await note.getAttribute('data-note')).toBe(answer.classesNote);
    expect(await note.textContent()).toContain(`要求 7 级`);
    expect(await legendClasses(page)).toHaveLength(answer.classes);
  }, 120_000);

  it('classifies by bounds typed in the layer panel, and keeps them in the link', async () => {
    await open(`?year=${years[0]}`);
    // Custom bounds start from the classes on the map (here the policy bands), so choosing the method alone may change nothing drawn.
    await page.getByTestId('method-select').selectOption('MANUAL');
    const input = page.getByTestId('breaks-input');
    expect(await input.inputValue()).toBe('1, 3, 5, 10, 20');
    await page.waitForFunction(() => document.querySelector('[data-testid="legend"]')?.getAttribute('data-method') === 'MANUAL');
    await page.evaluate(() => (window as unknown as { __lingyan: { settled(): Promise<void> } }).__lingyan.settled());
    await input.fill('2，4, 8');
    await changeAndSettle(page, () => input.press('Enter'));
    expect(await legendAttr('method')).toBe('MANUAL');
    const labels = (await legendClasses(page)).map((c) => c.label.split('（')[0]);
    expect(labels).toEqual(['0.0 – 2.0', '2.0 – 4.0', '4.0 – 8.0', '≥ 8.0']);
    expect(new URL(page.url()).searchParams.get('breaks')).toBe('2,4,8');
    const answer = await choropleth({ year: years[0], method: 'MANUAL', breaks: [2, 4, 8] });
    expect(await renderedCountyClasses(page)).toEqual(Object.fromEntries(answer.areas.map((a) => [a.code, a.classIndex])));
    // Bounds that do not ascend are refused in the panel, and the map keeps the last valid ones.
    await input.fill('5, 3');
    await input.press('Enter');
    expect(await page.locator('.breaks-invalid').textContent()).toContain('从小到大');
    expect(new URL(page.url()).searchParams.get('breaks')).toBe('2,4,8');
  }, 120_000);
});
