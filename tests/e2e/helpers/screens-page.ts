/// <reference lib="dom" />
/**
 * Helpers that read how the atlas fits a screen (client/src/app/compact.css):
 * how much of the map no element covers, whether the KPIs can be read,
 * whether anything sticks out sideways, how large the touch targets are, and
 * two-finger gestures sent as the browser's own touch events. Functions passed
 * to `page.evaluate` run in the browser and use only what they are given.
 */
import type { Page } from 'playwright-core';
import { COUNTY_FILL_LAYER } from './atlas-page';

/** The client's village circles (client/src/map/layers/village-layer.ts). */
export const VILLAGE_CIRCLE_LAYER = 'village-circle';

interface MapHandle {
  getCanvas(): HTMLCanvasElement;
  project(lngLat: [number, number]): { x: number; y: number };
  queryRenderedFeatures(
    geometryOrOptions?: [number, number] | { layers?: string[] },
    options?: { layers?: string[] },
  ): Array<{ properties: Record<string, unknown>; geometry: { type: string; coordinates: unknown } }>;
  getZoom(): number;
  getBearing(): number;
  getPitch(): number;
  isMoving(): boolean;
  once(event: 'moveend' | 'idle', listener: () => void): void;
}
interface LingyanHandle {
  map: MapHandle;
  loaded: readonly string[];
  settled(): Promise<void>;
}
type AtlasWindow = Window & { __lingyan?: LingyanHandle };

/**
 * The share of the viewport where the map canvas is the topmost element, on a
 * grid of points `step` px apart (what a reader sees of the map, not of panels).
 */
export function mapCoverage(page: Page, step = 10): Promise<{ share: number; points: number }> {
  return page.evaluate((gap) => {
    const canvas = (window as AtlasWindow).__lingyan!.map.getCanvas();
    let points = 0;
    let onMap = 0;
    for (let y = gap / 2; y < window.innerHeight; y += gap) {
      for (let x = gap / 2; x < window.innerWidth; x += gap) {
        points += 1;
        if (document.elementFromPoint(x, y) === canvas) onMap += 1;
      }
    }
    return { share: onMap / points, points };
  }, step);
}

export interface KpiReading {
  key: string;
  label: string;
  value: string;
  /** what keeps it from being read: outside the viewport, clipped, covered; empty when readable */
  problems: string[];
}

/**
 * Each KPI's label and value: their text, and whatever keeps one from being
 * read (a part outside the viewport, text wider or taller than its box, another
 * element on top of it at its centre or near a corner).
 */
export function kpiReadings(page: Page): Promise<KpiReading[]> {
  return page.evaluate(() => {
    const problemsOf = (element: HTMLElement, name: string): string[] => {
      const r = element.getBoundingClientRect();
      const problems: string[] = [];
      if (r.width === 0 || r.height === 0) return [`${name} not shown`];
      if (r.left < 0 || r.top < 0 || r.right > window.innerWidth || r.bottom > window.innerHeight) {
        problems.push(`${name} outside the viewport (${Math.round(r.left)},${Math.round(r.top)} – ${Math.round(r.right)},${Math.round(r.bottom)})`);
      }
      if (element.scrollWidth > element.clientWidth + 1 || element.scrollHeight > element.clientHeight + 1) {
        problems.push(`${name} clipped (${element.scrollWidth}×${element.scrollHeight} in ${element.clientWidth}×${element.clientHeight})`);
      }
      const inset = Math.min(2, r.width / 4, r.height / 4);
      const probes: Array<[number, number]> = [
        [r.left + r.width / 2, r.top + r.height / 2],
        [r.left + inset, r.top + inset],
        [r.right - inset, r.top + inset],
        [r.left + inset, r.bottom - inset],
        [r.right - inset, r.bottom - inset],
      ];
      for (const [x, y] of probes) {
        const top = document.elementFromPoint(x, y);
        if (top && top !== element && !element.contains(top)) {
          problems.push(`${name} covered at ${Math.round(x)},${Math.round(y)} by ${top.tagName.toLowerCase()}.${String(top.className)}`);
          break;
        }
      }
      return problems;
    };
    return Array.from(document.querySelectorAll<HTMLElement>('[data-testid^="kpi-"]:not([data-testid="kpi-bar"])')).map((kpi) => {
      const dt = kpi.querySelector('dt') as HTMLElement;
      const dd = kpi.querySelector('dd') as HTMLElement;
      return {
        key: kpi.dataset.testid!.slice('kpi-'.length),
        label: dt.textContent ?? '',
        value: dd.textContent ?? '',
        problems: [...problemsOf(dt, 'label'), ...problemsOf(dd, 'value')],
      };
    });
  });
}

/** How far the page reaches sideways past the viewport (0: nothing overflows). */
export function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.scrollingElement!.scrollWidth - window.innerWidth);
}

/**
 * A village drawn on a county where no element covers the map, and that
 * county: where a fingertip aimed at the county lands on a village too.
 */
export async function villageOnCounty(page: Page): Promise<{ x: number; y: number; village: string; county: string } | null> {
  return page.evaluate(
    ({ villages, counties }) => {
      const map = (window as AtlasWindow).__lingyan!.map;
      const canvas = map.getCanvas();
      const rect = canvas.getBoundingClientRect();
      for (const village of map.queryRenderedFeatures({ layers: [villages] })) {
        if (village.geometry.type !== 'Point') continue;
        const p = map.project(village.geometry.coordinates as [number, number]);
        // Well inside the canvas and its county, and under nothing.
        if (p.x < 30 || p.y < 30 || p.x > rect.width - 30 || p.y > rect.height - 30) continue;
        if (document.elementFromPoint(rect.left + p.x, rect.top + p.y) !== canvas) continue;
        const around = [
          [p.x - 12, p.y],
          [p.x + 12, p.y],
          [p.x, p.y - 12],
          [p.x, p.y + 12],
        ].map(([x, y]) => String(map.queryRenderedFeatures([x!, y!], { layers: [counties] })[0]?.properties.code ?? ''));
        const county = map.queryRenderedFeatures([p.x, p.y], { layers: [counties] })[0]?.properties.code;
        if (county == null || around.some((code) => code !== String(county))) continue;
        return { x: rect.left + p.x, y: rect.top + p.y, village: String(village.properties.code), county: String(county) };
      }
      return null;
    },
    { villages: VILLAGE_CIRCLE_LAYER, counties: COUNTY_FILL_LAYER },
  );
}

/** Waits (no sleep) until the layers `keys` have their data on the map and it is drawn. */
export async function waitForLayers(page: Page, keys: readonly string[], timeout = 60_000): Promise<void> {
  await page.waitForFunction((wanted) => wanted.every((k) => (window as AtlasWindow).__lingyan!.loaded.includes(k)), [...keys], { timeout });
  await page.evaluate(() => (window as AtlasWindow).__lingyan!.settled());
}

export interface TargetSize {
  selector: string;
  width: number;
  height: number;
}

/** The size of every shown element matching the selectors (what a finger must hit). */
export function targetSizes(page: Page, selectors: readonly string[]): Promise<TargetSize[]> {
  return page.evaluate((list) => {
    const sizes: TargetSize[] = [];
    for (const selector of list) {
      for (const element of Array.from(document.querySelectorAll(selector))) {
        const r = element.getBoundingClientRect();
        if (r.width === 0 && r.height === 0) continue;
        sizes.push({ selector, width: Math.round(r.width * 10) / 10, height: Math.round(r.height * 10) / 10 });
      }
    }
    return sizes;
  }, [...selectors]);
}

/** The map's camera now. */
export function camera(page: Page): Promise<{ zoom: number; bearing: number; pitch: number }> {
  return page.evaluate(() => {
    const map = (window as AtlasWindow).__lingyan!.map;
    return { zoom: map.getZoom(), bearing: map.getBearing(), pitch: map.getPitch() };
  });
}

/** Waits (no sleep) until the map has stopped moving and drawn where it is. */
export async function waitForMapStill(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const map = (window as AtlasWindow).__lingyan!.map;
    if (map.isMoving()) await new Promise<void>((resolve) => map.once('moveend', () => resolve()));
  });
}

/**
 * Two fingers on the page as Chromium's own touch events (CDP
 * Input.dispatchTouchEvent; Playwright's touchscreen has one finger): they
 * start `from` px either side of (x, y) and move in `steps` to `to` px apart,
 * turning by `turn` degrees about the point on the way.
 */
export async function twoFingerGesture(
  page: Page,
  centre: { x: number; y: number },
  gesture: { from: number; to: number; turn: number; steps?: number },
): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const steps = gesture.steps ?? 12;
  const fingers = (t: number) => {
    const radius = (gesture.from + (gesture.to - gesture.from) * t) / 2;
    const angle = (gesture.turn * t * Math.PI) / 180;
    const dx = radius * Math.cos(angle);
    const dy = radius * Math.sin(angle);
    return [
      { x: centre.x - dx, y: centre.y - dy, id: 0 },
      { x: centre.x + dx, y: centre.y + dy, id: 1 },
    ];
  };
  try {
    await touchPath(cdp, steps, fingers);
  } finally {
    await cdp.detach();
  }
}

type TouchPoint = { x: number; y: number; id: number };
type Cdp = Awaited<ReturnType<ReturnType<Page['context']>['newCDPSession']>>;

/**
 * Touch start, `steps` moves along `at(t)` (t from 0 to 1) a frame apart, then
 * the fingers held still before they lift (on the events' own clock): a
 * gesture that ends at rest, not a fling, whose momentum would swallow the
 * next tap (the browser takes a tap during a fling as "stop").
 */
async function touchPath(cdp: Cdp, steps: number, at: (t: number) => TouchPoint[]): Promise<void> {
  let timestamp = Date.now() / 1000;
  const send = (type: 'touchStart' | 'touchMove' | 'touchEnd', touchPoints: TouchPoint[], after: number) => {
    timestamp += after;
    return cdp.send('Input.dispatchTouchEvent', { type, touchPoints, timestamp });
  };
  await send('touchStart', at(0), 0);
  for (let i = 1; i <= steps; i += 1) await send('touchMove', at(i / steps), 0.016);
  await send('touchMove', at(1), 0.2);
  await send('touchMove', at(1), 0.1);
  await send('touchEnd', [], 0.016);
}

/** One finger dragged from `from` to `to` (CDP touch events, as `twoFingerGesture`). */
export async function swipe(page: Page, from: { x: number; y: number }, to: { x: number; y: number }, steps = 8): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const at = (t: number) => [{ x: from.x + (to.x - from.x) * t, y: from.y + (to.y - from.y) * t, id: 0 }];
  try {
    await touchPath(cdp, steps, at);
  } finally {
    await cdp.detach();
  }
}
