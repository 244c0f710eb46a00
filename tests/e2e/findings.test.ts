/**
 * 督查整改 in the atlas, in real Chromium against the real server (embedded
 * database, demo region): in 2025 with the findings layer on, an overdue
 * finding is on the map; a click on it opens its panel, which says 已逾期
 * and gives its deadline as the API does; the KPI bar shows the region's
 * overdue findings as the API counts them.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../support/server';
import { waitForMapReady } from './helpers/atlas-page';
import { PANEL, waitForPanel } from './helpers/detail-page';
import { graphqlRequest } from './helpers/graphql';
import { jumpAndSettle, renderedProperties, waitForOverlays } from './helpers/layers-page';
import { screenPoint } from './helpers/selection-page';
import { openBrowserSession, type BrowserSession } from './helpers/session';

const YEAR = 2025;
const FINDING_CIRCLE = 'finding-circle';

interface Overdue {
  findingCounts: { overdue: number; open: number };
  findings: { items: Array<{ id: number; deadline: string; description: string; inspection: { place: { point: { coordinates: [number, number] } } } }> };
}
const OVERDUE = `query ($year: Int!) {
  findingCounts(year: $year) { overdue open }
  findings(year: $year, status: [OVERDUE], limit: 500) { items { id deadline description inspection { place { point } } } }
}`;

describe('findings on the map', () => {
  let session: BrowserSession;
  let server: TestServer;
  let page: Page;

  beforeAll(async () => {
    session = await openBrowserSession({ width: 1280, height: 800 });
    ({ server, page } = session);
  }, 180_000);

  afterAll(() => session?.close());

  it('shows an overdue finding of 2025, opens its panel saying 已逾期 with its deadline, and counts the overdue in the KPI bar', async () => {
    const api = await graphqlRequest<Overdue>(server.url, OVERDUE, { year: YEAR });
    expect(api.findingCounts.overdue).toBeGreaterThan(0);
    await page.goto(new URL(`/?year=${YEAR}&layers=pairings,villages,townships,findings`, server.url).href);
    await waitForMapReady(page);
    await waitForOverlays(page, ['findings']);

    // The KPI: open / overdue of the year, as the API counts them.
    const kpi = page.getByTestId('kpi-findings');
    await kpi.waitFor();
    expect(await kpi.getAttribute('data-overdue')).toBe(String(api.findingCounts.overdue));
    expect(await kpi.getAttribute('data-open')).toBe(String(api.findingCounts.open));
    expect(await kpi.textContent()).toContain('已逾期');

    // Every overdue finding of the year is drawn, and drawn as overdue.
    const drawn = await renderedProperties(page, [FINDING_CIRCLE], 'id');
    const overdueDrawn = drawn.filter((p) => p.status === 'OVERDUE').map((p) => Number(p.id));
    expect(overdueDrawn.sort((a, b) => a - b)).toEqual(api.findings.items.map((f) => f.id).sort((a, b) => a - b));

    // Close in on one and click it (several findings of one place sit on a ring around it).
    const target = api.findings.items[0]!;
    await jumpAndSettle(page, target.inspection.place.point.coordinates, 11);
    const point = await page.evaluate(
      ([layer, id]) => {
        const map = (window as unknown as { __lingyan: { map: { queryRenderedFeatures(o: { layers: string[] }): Array<{ properties: { id: number }; geometry: { coordinates: [number, number] } }>; project(c: [number, number]): { x: number; y: number } } } }).__lingyan.map;
        const feature = map.queryRenderedFeatures({ layers: [layer] }).find((f) => f.properties.id === id);
        return feature ? (feature.geometry.coordinates as [number, number]) : null;
      },
      [FINDING_CIRCLE, target.id] as const,
    );
    expect(point).not.toBeNull();
    const at = await screenPoint(page, point!);
    await page.mouse.click(at.x, at.y);
    await waitForPanel(page, 'finding', String(target.id), target.description);

    const panel = page.locator(PANEL);
    await expect.poll(() => panel.getByTestId('finding-status').textContent()).toBe('已逾期');
    expect(await panel.getByTestId('figure-deadline').getAttribute('data-value')).toBe(target.deadline);
    expect(await panel.getByTestId('figure-deadline').textContent()).toContain(target.deadline);
    expect(await panel.getByTestId('figure-status').textContent()).toBe('已逾期');
  });
});
