/// <reference lib="dom" />
/**
 * Helpers that read how the atlas shows the selected feature: its mark
 * (client/src/map/selection-mark.ts, its own layers above every other), the
 * flights that frame it (`window.__lingyan.framings`, client/src/map/test-hook.ts)
 * and the panels drawn over the map. Functions passed to `page.evaluate` run
 * in the browser and use only what they are given.
 */
import type { Locator, Page } from 'playwright-core';

/** The mark's layers (client/src/map/selection-mark.ts). */
export const MARK_LAYERS = {
  area: 'selection-mark-area',
  line: 'selection-mark-line',
  point: 'selection-mark-point',
} as const;
export const MARK_LAYER_IDS = [
  'selection-mark-area-halo',
  'selection-mark-area',
  'selection-mark-line-halo',
  'selection-mark-line',
  'selection-mark-point-halo',
  'selection-mark-point',
] as const;

/** The panels drawn over the map that a framed feature must stay clear of. */
export const PANEL_SELECTORS = ['.titlebar', '[data-testid="kpi-bar"]', '[data-testid="detail-panel"]', '[data-testid="layer-panel"]', '[data-testid="legend"]'];

interface MapHandle {
  queryRenderedFeatures(options?: { layers?: string[] }): Array<{ properties: Record<string, unknown> }>;
  getLayer(id: string): unknown;
  getStyle(): { layers: Array<{ id: string; paint?: Record<string, unknown> }> };
  getLayoutProperty(layer: string, name: string): unknown;
  getContainer(): HTMLElement;
  project(lngLat: [number, number]): { x: number; y: number };
  isMoving(): boolean;
  loaded(): boolean;
  once(event: 'idle' | 'moveend', listener: () => void): void;
  panBy(offset: [number, number], options?: { duration?: number }): void;
}
interface LingyanHandle {
  map: MapHandle;
  framings: number;
}
type AtlasWindow = Window & { __lingyan?: LingyanHandle };

/** How many flights to a selected feature have ended. */
export function framings(page: Page): Promise<number> {
  return page.evaluate(() => (window as AtlasWindow).__lingyan!.framings);
}

/** Waits (no sleep) for a flight to a selected feature to end after `before` had, and for the map to draw where it arrived. */
export async function waitForFraming(page: Page, before: number, timeout = 30_000): Promise<void> {
  await page.waitForFunction((n) => (window as AtlasWindow).__lingyan!.framings > n, before, { timeout });
  await page.evaluate(async () => {
    const map = (window as AtlasWindow).__lingyan!.map;
    if (map.isMoving()) await new Promise<void>((resolve) => map.once('moveend', () => resolve()));
    if (!map.loaded()) await new Promise<void>((resolve) => map.once('idle', () => resolve()));
  });
}

/** The selections the mark's layers draw now ("kind:id"), from the rendered features. */
export function renderedMarks(page: Page): Promise<string[]> {
  return page.evaluate((ids) => {
    const map = (window as AtlasWindow).__lingyan!.map;
    const layers = ids.filter((id) => map.getLayer(id));
    if (layers.length === 0) return [];
    return [...new Set(map.queryRenderedFeatures({ layers }).map((f) => `${String(f.properties.kind)}:${String(f.properties.id)}`))].sort();
  }, [...MARK_LAYER_IDS]);
}

/** Waits (no sleep) until the mark draws exactly the selection `kind:id` (or nothing, for null). */
export async function waitForMark(page: Page, selection: string | null, timeout = 30_000): Promise<void> {
  await page.waitForFunction(
    ({ ids, wanted }) => {
      const map = (window as AtlasWindow).__lingyan!.map;
      const layers = ids.filter((id) => map.getLayer(id));
      const drawn = layers.length === 0 ? [] : [...new Set(map.queryRenderedFeatures({ layers }).map((f) => `${String(f.properties.kind)}:${String(f.properties.id)}`))];
      return wanted === null ? drawn.length === 0 : drawn.length === 1 && drawn[0] === wanted;
    },
    { ids: [...MARK_LAYER_IDS], wanted: selection },
    { timeout, polling: 100 },
  );
}

export interface ScreenRect {
  selector: string;
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** The bounding rectangles of the panels over the map that are on screen, in page pixels. */
export function panelRects(page: Page): Promise<ScreenRect[]> {
  return page.evaluate((selectors) => {
    const rects: ScreenRect[] = [];
    for (const selector of selectors) {
      for (const element of Array.from(document.querySelectorAll(selector))) {
        const r = element.getBoundingClientRect();
        if (r.width > 0 && r.height > 0) rects.push({ selector, left: r.left, top: r.top, right: r.right, bottom: r.bottom });
      }
    }
    return rects;
  }, PANEL_SELECTORS);
}

/** Where a longitude/latitude is on the page (pixels), as the map draws it now. */
export function screenPoint(page: Page, lngLat: [number, number]): Promise<{ x: number; y: number }> {
  return page.evaluate((ll) => {
    const map = (window as AtlasWindow).__lingyan!.map;
    const box = map.getContainer().getBoundingClientRect();
    const p = map.project(ll);
    return { x: p.x + box.left, y: p.y + box.top };
  }, lngLat);
}

/** The map's own rectangle on the page. */
export function mapRect(page: Page): Promise<{ left: number; top: number; right: number; bottom: number }> {
  return page.evaluate(() => {
    const r = (window as AtlasWindow).__lingyan!.map.getContainer().getBoundingClientRect();
    return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
  });
}

/** Every colour literal in the paint of the style's layers other than `except`, lower case. */
export function paintColors(page: Page, except: readonly string[]): Promise<string[]> {
  return page.evaluate((skip) => {
    const colors = new Set<string>();
    for (const layer of (window as AtlasWindow).__lingyan!.map.getStyle().layers) {
      if (skip.includes(layer.id)) continue;
      for (const match of JSON.stringify(layer.paint ?? {}).matchAll(/#[0-9a-fA-F]{6}\b/g)) colors.add(match[0].toLowerCase());
    }
    return [...colors].sort();
  }, [...except]);
}

/** The rows of one of the panel's link lists: each row's period in the year, its text and the feature it links to. */
export function periodRows(section: Locator): Promise<Array<{ period: string | null; text: string; kind: string | null; id: string | null }>> {
  return section.locator('[data-period]').evaluateAll((nodes) =>
    nodes
      .filter((n) => n.getAttribute('data-testid') !== 'period-tag')
      .map((n) => {
        const link = n.querySelector('.detail-link');
        return {
          period: n.getAttribute('data-period'),
          text: n.textContent ?? '',
          kind: link?.getAttribute('data-kind') ?? null,
          id: link?.getAttribute('data-id') ?? null,
        };
      }),
  );
}
