/**
 * 预警 in the atlas, in real Chromium against the real server (embedded
 * database, demo region): for the latest year the KPI bar counts the
 * warnings as the API does and opens the warnings list; the planner narrows
 * it to one rule and follows a warning to its village: the village's panel
 * opens and lists the warning, its entry is marked current, and the map frames the village clear
 * of every panel, the list included. The warnings layer marks every place
 * with warnings at its most severe level, and its legend counts them.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../support/server';
import { waitForMapReady } from './helpers/atlas-page';
import { waitForPanel } from './helpers/detail-page';
import { graphqlRequest } from './helpers/graphql';
import { layerLegend, mapImages, renderedProperties, waitForOverlays } from './helpers/layers-page';
import { framings, mapRect, panelRects, screenPoint, waitForFraming } from './helpers/selection-page';
import { openBrowserSession, type BrowserSession } from './helpers/session';

interface Api {
  warnings: {
    year: number;
    totalCount: number;
    byLevel: Array<{ level: string; count: number }>;
    items: Array<{ rule: string; level: string; scope: string; areaCode: string; message: string; village: { name: string } | null; longitude: number; latitude: number }>;
  };
}
// The page size as a variable: a literal `first` multiplies the query's static cost (graphql-armor), as the atlas's own query avoids too.
const WARNINGS = `query ($first: Int!) { warnings(first: $first) { year totalCount byLevel { level count } items { rule level scope areaCode message village { name } longitude latitude } } }`;

describe('warnings list', () => {
  let session: BrowserSession;
  let server: TestServer;
  let page: Page;

  beforeAll(async () => {
    session = await openBrowserSession({ width: 1440, height: 900 });
    ({ server, page } = session);
  }, 180_000);

  afterAll(() => session?.close());

  it('opens the latest year\'s warnings from the KPI bar and follows one to its village: its panel opens and the map frames it', async () => {
    const { warnings: api } = await graphqlRequest<Api>(server.url, WARNINGS, { first: 500 });
    const target = api.items.find((w) => w.scope === 'VILLAGE')!;
    expect(target).toBeDefined();
    await page.goto(new URL('/?layers=pairings,villages,townships,warnings', server.url).href);
    await waitForMapReady(page);
    await waitForOverlays(page, ['warnings']);

    // The layer: one mark per place, at its most severe level (the API lists the most severe first), drawn with its shape's image.
    const worst = new Map<string, string>();
    for (const w of api.items) if (!worst.has(w.areaCode)) worst.set(w.areaCode, w.level);
    const marks = await renderedProperties(page, ['warning-mark'], 'code');
    expect(new Map(marks.map((p) => [String(p.code), String(p.level)]))).toEqual(worst);
    expect(await mapImages(page)).toEqual(expect.arrayContaining(['warning-red', 'warning-orange', 'warning-yellow']));
    const legend = await layerLegend(page, 'warnings');
    expect(legend.map((i) => i.value)).toEqual(['RED', 'ORANGE', 'YELLOW']);
    const redPlaces = [...worst.values()].filter((l) => l === 'RED').length;
    expect(legend[0]!.text).toContain(`红色预警（${redPlaces}处）`);

    // The KPI: the year's warnings by level, as the API counts them.
    const kpi = page.getByTestId('kpi-warnings');
    await kpi.waitFor();
    expect(await kpi.getAttribute('data-total')).toBe(String(api.totalCount));
    expect(await kpi.getAttribute('data-red')).toBe(String(api.byLevel.find((l) => l.level === 'RED')!.count));
    await kpi.getByRole('button').click();

    const list = page.getByTestId('warnings-list');
    await list.waitFor({ state: 'visible' });
    expect(await list.getAttribute('data-year')).toBe(String(api.year));
    await expect.poll(() => list.getByTestId('warning-entry').count()).toBe(api.items.length);

    // Narrow to the target's rule: only that rule's warnings stay listed.
    await list.getByTestId('warnings-rule').selectOption(target.rule);
    await expect.poll(() => list.getByTestId('warning-entry').count()).toBe(api.items.filter((w) => w.rule === target.rule).length);
    expect(await list.locator('li.warning').evaluateAll((nodes) => [...new Set(nodes.map((n) => n.getAttribute('data-rule')))])).toEqual([target.rule]);

    // Follow the warning to its village.
    const entry = list.locator(`[data-testid="warning-entry"][data-code="${target.areaCode}"]`).first();
    expect(await entry.textContent()).toContain(target.village!.name);
    const before = await framings(page);
    await entry.click();
    const panel = await waitForPanel(page, 'village', target.areaCode, target.village!.name);
    // The panel names the village's warnings of the year, this one among them.
    await expect.poll(() => panel.getByTestId('detail-warnings').textContent()).toContain(target.message);
    await waitForFraming(page, before);
    expect(await entry.locator('xpath=..').getAttribute('aria-current')).toBe('true');

    // The village is on the map, clear of the panels and of the list.
    const at = await screenPoint(page, [target.longitude, target.latitude]);
    const map = await mapRect(page);
    expect(at.x).toBeGreaterThan(map.left);
    expect(at.x).toBeLessThan(map.right);
    expect(at.y).toBeGreaterThan(map.top);
    expect(at.y).toBeLessThan(map.bottom);
    const listBox = (await list.boundingBox())!;
    const covers = [...(await panelRects(page)), { selector: 'warnings-list', left: listBox.x, top: listBox.y, right: listBox.x + listBox.width, bottom: listBox.y + listBox.height }].filter(
      (r) => at.x >= r.left && at.x <= r.right && at.y >= r.top && at.y <= r.bottom,
    );
    expect(covers.map((r) => r.selector)).toEqual([]);
  });
});
