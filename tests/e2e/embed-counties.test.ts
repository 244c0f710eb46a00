/**
 * An embed token limited to counties (issue 25 item 6), in real Chromium on a
 * hub without anonymous reading: the embedded map opens on its county (the
 * camera inside the county's outline, not the prefecture's), draws that
 * county alone, outlines it rather than the prefecture, and shows no error
 * (it asks for no figure above county level, which such a token may not
 * read); a token of two counties draws those two; a token of the whole
 * prefecture still draws every county; the page passes axe; nothing leaves
 * the machine.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { token } from '../support/server';
import { renderedCountyCodes, waitForMapReady } from './helpers/atlas-page';
import { BLOCKING, axeViolations, describeViolations } from './helpers/axe';
import { openBrowserSession, type BrowserSession } from './helpers/session';

type Bounds = [number, number, number, number];
type MapWindow = Window & {
  __lingyan?: {
    map: {
      getCenter(): { lng: number; lat: number };
      getBounds(): { getWest(): number; getSouth(): number; getEast(): number; getNorth(): number };
      getSource(id: string): { serialize(): { data?: unknown } } | undefined;
    };
  };
};

let session: BrowserSession;
let page: Page;
let analyst: string;
let counties: Array<{ code: string; bounds: Bounds }>;
let prefectureBounds: Bounds;

function boundsOf(geometry: { type: string; coordinates: unknown }): Bounds {
  const points = (JSON.stringify(geometry.coordinates).match(/-?\d+(\.\d+)?,-?\d+(\.\d+)?/g) ?? []).map((p) => p.split(',').map(Number) as [number, number]);
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

async function mintEmbed(limit: string[] | null): Promise<string> {
  const answer = await session.server.graphql(
    'mutation ($counties: [String!]) { createEmbedToken(label: "县域报告", days: 1, counties: $counties) { token counties } }',
    { counties: limit },
    analyst,
  );
  expect(answer.errors).toBeUndefined();
  const minted = (answer.data as { createEmbedToken: { token: string; counties: string[] | null } }).createEmbedToken;
  expect(minted.counties).toEqual(limit);
  return minted.token;
}

async function openEmbed(embedToken: string): Promise<void> {
  await page.goto(`${session.server.url}/embed?token=${encodeURIComponent(embedToken)}`);
  await waitForMapReady(page);
}

const mapView = (p: Page) =>
  p.evaluate(() => {
    const map = (window as MapWindow).__lingyan!.map;
    const b = map.getBounds();
    return { centre: map.getCenter(), bounds: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()] as Bounds };
  });

const inside = (point: { lng: number; lat: number }, [w, s, e, n]: Bounds) => point.lng >= w && point.lng <= e && point.lat >= s && point.lat <= n;
const width = ([w, , e]: Bounds) => e - w;

beforeAll(async () => {
  session = await openBrowserSession({ width: 900, height: 700 }, { publicRead: false });
  page = session.page;
  analyst = await token('analyst', [], 1, 'analyst-embed-counties');
  const answer = await session.server.graphql('{ prefecture { boundary } counties { code boundary } }', {}, analyst);
  const data = answer.data as { prefecture: { boundary: { type: string; coordinates: unknown } }; counties: Array<{ code: string; boundary: { type: string; coordinates: unknown } }> };
  prefectureBounds = boundsOf(data.prefecture.boundary);
  counties = data.counties.map((c) => ({ code: c.code, bounds: boundsOf(c.boundary) }));
}, 300_000);

afterAll(async () => {
  await session?.close();
});

describe('an embed token limited to counties', () => {
  it('opens on its county, draws it alone and outlines it, with no error', async () => {
    const [county] = counties.slice(2, 3);
    await openEmbed(await mintEmbed([county!.code]));
    expect(await renderedCountyCodes(page)).toEqual([county!.code]);
    const { centre, bounds } = await mapView(page);
    expect(inside(centre, county!.bounds)).toBe(true);
    // Fitted to the county: the view is far narrower than the prefecture.
    expect(width(bounds)).toBeLessThan(width(prefectureBounds) * 0.8);
    // The outline drawn is the county's, not the prefecture's.
    const outline = await page.evaluate(() => (window as MapWindow).__lingyan!.map.getSource('prefecture')?.serialize().data);
    expect(boundsOf((outline as { features: Array<{ geometry: { type: string; coordinates: unknown } }> }).features[0]!.geometry)).toEqual(county!.bounds);
    expect(await page.getByTestId('embed-error').count()).toBe(0);
    expect(await page.locator('[data-testid="legend-class"]').count()).toBeGreaterThan(0);
  });

  it('a token of two counties draws those two; the whole prefecture\'s draws all', async () => {
    const two = [counties[0]!.code, counties[counties.length - 1]!.code].sort();
    await openEmbed(await mintEmbed(two));
    expect(await renderedCountyCodes(page)).toEqual(two);
    expect(await page.getByTestId('embed-error').count()).toBe(0);

    await openEmbed(await mintEmbed(null));
    expect(await renderedCountyCodes(page)).toEqual(counties.map((c) => c.code).sort());
    const { bounds } = await mapView(page);
    expect(width(bounds)).toBeGreaterThanOrEqual(width(prefectureBounds) * 0.95);
  });

  it('passes axe on the limited map (no serious or critical violation)', async () => {
    await openEmbed(await mintEmbed([counties[1]!.code]));
    const blocking = (await axeViolations(page)).filter((v) => v.impact !== null && BLOCKING.has(v.impact));
    expect(describeViolations(blocking)).toEqual([]);
  });

  it('left no page errors and reached nothing outside the machine', () => {
    expect(session.pageErrors).toEqual([]);
    expect(session.offline.external).toEqual([]);
  });
});
