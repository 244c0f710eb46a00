/// <reference lib="dom" />
/**
 * Helpers that drive and read the atlas page (client/src/map/test-hook.ts
 * documents `window.__lingyan`). The functions passed to `page.evaluate` run
 * in the browser, so they only use what they are given and the page's globals.
 */
import type { Page } from 'playwright-core';
import { featureClasses, matchOutputs } from './layers-page';

/** The client's county fill layer (client/src/map/layers/county-layer.ts). */
export const COUNTY_FILL_LAYER = 'county-fill';

/** The part of MapLibre's Map the tests use. */
interface MapHandle {
  queryRenderedFeatures(
    geometryOrOptions?: [number, number] | { layers?: string[] },
    options?: { layers?: string[] },
  ): Array<{ id?: string | number; properties: Record<string, unknown> }>;
  getPaintProperty(layer: string, name: string): unknown;
  getLayoutProperty(layer: string, name: string): unknown;
  getCanvas(): HTMLCanvasElement;
  getStyle(): { glyphs?: string; sprite?: unknown; sources: Record<string, { type: string }> };
}
interface LingyanHandle {
  map: MapHandle;
  ready: Promise<void>;
  syncs: number;
  settled(): Promise<void>;
}
type AtlasWindow = Window & { __lingyan?: LingyanHandle };

/** Waits (no sleep) for the first map 'idle' with the data drawn. */
export async function waitForMapReady(page: Page, timeout = 60_000): Promise<void> {
  await page.waitForFunction(() => (window as AtlasWindow).__lingyan !== undefined, undefined, { timeout });
  await page.evaluate(() => (window as AtlasWindow).__lingyan!.ready);
}

/**
 * An init script (for `addInitScript`) that runs `setup` once, then `onHandle`
 * with `value` (the page's `window.__lingyan`) as soon as the page sets its
 * map handle, before the map has drawn anything. Scripts made by it stack: each
 * passes the handle on to the one added before it. Strings, not functions: tsx
 * wraps functions in a `__name` helper the page does not have.
 */
export function onMapHandle(onHandle: string, setup = ''): string {
  return `(() => {
  ${setup}
  const before = Object.getOwnPropertyDescriptor(window, '__lingyan');
  let handle;
  Object.defineProperty(window, '__lingyan', {
    configurable: true,
    get() { return handle; },
    set(value) {
      handle = value;
      if (before && before.set) before.set(value);
      ${onHandle}
    },
  });
})();`;
}

/**
 * Records, at the first idle with data (`ready`), the names of the shader
 * programs MapLibre has compiled (its painter's program cache: internals,
 * read by a test only). Call before `page.goto`.
 */
const RECORD_PROGRAMS = onMapHandle(`value.ready.then(() => { window.__programsAtReady = Object.keys(value.map.painter.cache || {}); });`);

export async function recordShaderProgramsAtReady(page: Page): Promise<void> {
  await page.addInitScript({ content: RECORD_PROGRAMS });
}

/** The programs recorded by `recordShaderProgramsAtReady`, by name (MapLibre's program key up to its first '/'). */
export function shaderProgramsAtReady(page: Page): Promise<string[]> {
  return page.evaluate(() => ((window as Window & { __programsAtReady?: string[] }).__programsAtReady ?? []).map((key) => key.split('/')[0]!).sort());
}

/** Runs `change`, then waits for the map to take the new data and go idle. */
export async function changeAndSettle(page: Page, change: () => Promise<unknown>, timeout = 30_000): Promise<void> {
  const before = await page.evaluate(() => (window as AtlasWindow).__lingyan!.syncs);
  await change();
  await page.waitForFunction((n) => (window as AtlasWindow).__lingyan!.syncs > n, before, { timeout });
  await page.evaluate(() => (window as AtlasWindow).__lingyan!.settled());
}

export function renderedCountyCodes(page: Page): Promise<string[]> {
  return page.evaluate((layer) => {
    const features = (window as AtlasWindow).__lingyan!.map.queryRenderedFeatures({ layers: [layer] });
    return [...new Set(features.map((f) => String(f.properties.code)))].sort();
  }, COUNTY_FILL_LAYER);
}

/**
 * How the county fill colours: each rendered county's class as the map holds
 * it (the feature-state `class`, client/src/map/layers/county-layer.ts) and
 * the class colours, lowest class first (the fill's `match` on that state:
 * ['match', state, 0, colour, 1, colour, …, fallback]).
 */
async function countyFill(page: Page): Promise<{ byCode: Map<string, string>; classColors: string[] }> {
  const expression = await page.evaluate((layer) => (window as AtlasWindow).__lingyan!.map.getPaintProperty(layer, 'fill-color'), COUNTY_FILL_LAYER);
  if (!Array.isArray(expression)) return { byCode: new Map(), classColors: [] };
  const colorOfClass = matchOutputs(expression);
  const classColors = Object.keys(colorOfClass).sort((a, b) => Number(a) - Number(b)).map((k) => String(colorOfClass[k]));
  const held = await featureClasses(page, 'counties', await renderedCountyCodes(page));
  const byCode = new Map(Object.entries(held).flatMap(([code, cls]) => (cls === null || colorOfClass[String(cls)] === undefined ? [] : [[code, String(colorOfClass[String(cls)])] as const])));
  return { byCode, classColors };
}

/** The class colours of the county fill, lowest class first. */
export async function fillClassColors(page: Page): Promise<string[]> {
  const { classColors } = await countyFill(page);
  if (classColors.length === 0) throw new Error('the county fill has no classes');
  return classColors;
}

/** Each rendered county's class index as the map draws it (the index of its colour among the class colours), by code. */
export async function renderedCountyClasses(page: Page): Promise<Record<string, number | null>> {
  const { byCode, classColors } = await countyFill(page);
  const classes: Record<string, number | null> = {};
  for (const code of await renderedCountyCodes(page)) {
    const color = byCode.get(code);
    classes[code] = color === undefined ? null : classColors.indexOf(color);
  }
  return classes;
}

export function legendClasses(page: Page): Promise<Array<{ dataColor: string; background: string; label: string }>> {
  return page.$$eval('[data-testid="legend-class"]', (elements) =>
    elements.map((e) => ({
      dataColor: (e as HTMLElement).dataset.color ?? '',
      background: getComputedStyle(e).backgroundColor,
      label: e.getAttribute('aria-label') ?? '',
    })),
  );
}

export function hexToRgb(hex: string): [number, number, number] {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new Error(`not a #rrggbb colour: ${hex}`);
  return [parseInt(m[1]!, 16), parseInt(m[2]!, 16), parseInt(m[3]!, 16)];
}

/**
 * Reads the map canvas's pixels (possible because the map keeps its drawing
 * buffer) and counts distinct colours and the pixels matching each wanted
 * colour (±2 per channel). Also returns the length of `toDataURL()`.
 */
export function canvasColors(page: Page, wanted: Array<[number, number, number]>) {
  return page.evaluate((wantedColors) => {
    const source = (window as AtlasWindow).__lingyan!.map.getCanvas();
    const copy = document.createElement('canvas');
    copy.width = source.width;
    copy.height = source.height;
    const ctx = copy.getContext('2d', { willReadFrequently: true })!;
    ctx.drawImage(source, 0, 0);
    const { data } = ctx.getImageData(0, 0, copy.width, copy.height);
    const distinct = new Set<number>();
    const matches = wantedColors.map(() => 0);
    for (let i = 0; i < data.length; i += 4) {
      const r = data[i]!, g = data[i + 1]!, b = data[i + 2]!;
      distinct.add((r << 16) | (g << 8) | b);
      wantedColors.forEach(([wr, wg, wb], k) => {
        if (Math.abs(r - wr) <= 2 && Math.abs(g - wg) <= 2 && Math.abs(b - wb) <= 2) matches[k]! += 1;
      });
    }
    return {
      width: copy.width,
      height: copy.height,
      distinct: distinct.size,
      matches,
      dataUrlLength: source.toDataURL('image/png').length,
    };
  }, wanted);
}

/** A point (page coordinates) over a rendered county that no panel covers, and that county's code. */
export async function findCountyPoint(page: Page): Promise<{ x: number; y: number; code: string }> {
  const hit = await page.evaluate((layer) => {
    const map = (window as AtlasWindow).__lingyan!.map;
    const canvas = map.getCanvas();
    const rect = canvas.getBoundingClientRect();
    // Scan from the centre outwards, away from the title bar and legend.
    for (let step = 0; step < 40; step += 1) {
      const x = rect.width / 2 + ((step % 7) - 3) * 25;
      const y = rect.height / 2 + (Math.floor(step / 7) - 3) * 25;
      if (document.elementFromPoint(rect.left + x, rect.top + y) !== canvas) continue;
      const features = map.queryRenderedFeatures([x, y], { layers: [layer] });
      const code = features[0]?.properties.code;
      if (code != null) return { x: rect.left + x, y: rect.top + y, code: String(code) };
    }
    return null;
  }, COUNTY_FILL_LAYER);
  if (!hit) throw new Error('no county rendered near the centre of the map');
  return hit;
}

export function mapStyleKeys(page: Page) {
  return page.evaluate(() => {
    const style = (window as AtlasWindow).__lingyan!.map.getStyle();
    return {
      glyphs: style.glyphs ?? null,
      sprite: style.sprite ?? null,
      sourceTypes: Object.values(style.sources).map((s) => s.type),
      /** every vector source's tile URL templates */
      tileUrls: Object.values(style.sources).flatMap((s) => (s.type === 'vector' ? ((s as { tiles?: string[] }).tiles ?? []) : [])),
    };
  });
}

export function layoutProperty(page: Page, layer: string, name: string): Promise<unknown> {
  return page.evaluate(([l, n]) => (window as AtlasWindow).__lingyan!.map.getLayoutProperty(l, n), [layer, name] as const);
}

/** Text content of the first element matching `selector` ('' when absent). */
export async function textOf(page: Page, selector: string): Promise<string> {
  return (await page.locator(selector).first().textContent()) ?? '';
}

/** Where the time to first idle went: page load and each /graphql request (ms since navigation). */
export function loadTimings(page: Page) {
  return page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
    const graphql = performance
      .getEntriesByType('resource')
      .filter((e): e is PerformanceResourceTiming => e.name.endsWith('/graphql'))
      .map((e) => `${Math.round(e.startTime)}→${Math.round(e.responseEnd)}`);
    return { domContentLoaded: Math.round(nav?.domContentLoadedEventEnd ?? 0), graphql };
  });
}
