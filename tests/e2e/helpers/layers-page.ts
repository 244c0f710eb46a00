/// <reference lib="dom" />
/**
 * Helpers that read the atlas's overlays (pairings, villages, alliances,
 * townships) through `window.__lingyan` (client/src/map/test-hook.ts). Layer
 * ids are the client's (client/src/map/layers/*-layer.ts). Functions passed to
 * `page.evaluate` run in the browser and use only what they are given.
 */
import type { Page } from 'playwright-core';

export const OVERLAYS = ['pairings', 'villages', 'alliances', 'townships'] as const;
export type Overlay = (typeof OVERLAYS)[number];

export const LAYER_IDS = {
  pairingLine: 'pairing-line',
  pairingArrow: 'pairing-arrow',
  villageCircle: 'village-circle',
  allianceFill: 'alliance-fill',
  allianceSpoke: 'alliance-spoke',
  townshipFill: 'township-fill',
  townshipLabel: 'township-label',
  countyFill: 'county-fill',
} as const;

interface Feature {
  properties: Record<string, unknown>;
  geometry: { type: string };
}
interface MapHandle {
  queryRenderedFeatures(
    geometryOrOptions?: [number, number] | { layers?: string[] },
    options?: { layers?: string[] },
  ): Feature[];
  getLayoutProperty(layer: string, name: string): unknown;
  getPaintProperty(layer: string, name: string): unknown;
  getFeatureState(feature: { source: string; sourceLayer?: string; id: string }): Record<string, unknown> | undefined;
  getCanvas(): HTMLCanvasElement;
  getZoom(): number;
  project(lngLat: [number, number]): { x: number; y: number };
  jumpTo(options: { center: [number, number]; zoom: number }): void;
  once(event: 'idle', listener: () => void): void;
  listImages(): string[];
}
interface LingyanHandle {
  map: MapHandle;
  loaded: readonly string[];
  settled(): Promise<void>;
}
type AtlasWindow = Window & { __lingyan?: LingyanHandle };

/** Waits (no sleep) until the overlays' data of the shown year is on the map, then for the map to be idle. */
export async function waitForOverlays(page: Page, keys: readonly string[] = OVERLAYS, timeout = 60_000): Promise<void> {
  await page.waitForFunction((wanted) => wanted.every((k) => (window as AtlasWindow).__lingyan?.loaded.includes(k)), keys, {
    timeout,
  });
  await page.evaluate(() => (window as AtlasWindow).__lingyan!.settled());
}

/** Rendered features' properties on `layers`, one per value of `key` (a feature split across tiles comes back once per tile). */
export function renderedProperties(page: Page, layers: string[], key: string): Promise<Array<Record<string, unknown>>> {
  return page.evaluate(
    ([ls, k]) => {
      const seen = new Map<string, Record<string, unknown>>();
      for (const f of (window as AtlasWindow).__lingyan!.map.queryRenderedFeatures({ layers: ls })) {
        seen.set(String(f.properties[k]), f.properties);
      }
      return [...seen.values()];
    },
    [layers, key] as const,
  );
}

export function paintProperty(page: Page, layer: string, name: string): Promise<unknown> {
  return page.evaluate(([l, n]) => (window as AtlasWindow).__lingyan!.map.getPaintProperty(l, n), [layer, name] as const);
}

export function mapImages(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as AtlasWindow).__lingyan!.map.listImages());
}

/** Moves the camera and waits for the map to be idle there. */
export async function jumpAndSettle(page: Page, center: [number, number], zoom: number): Promise<void> {
  await page.evaluate(
    ([c, z]) =>
      new Promise<void>((resolve) => {
        const map = (window as AtlasWindow).__lingyan!.map;
        map.once('idle', () => resolve());
        map.jumpTo({ center: c, zoom: z });
      }),
    [center, zoom] as const,
  );
}

export function mapZoom(page: Page): Promise<number> {
  return page.evaluate(() => (window as AtlasWindow).__lingyan!.map.getZoom());
}

/**
 * The canvas pixels at a point of the map and at CSS-pixel offsets from it
 * (`offsets`, [dx, dy] each; the first is usually [0, 0]), and the features
 * of `layers` under the point, topmost first.
 */
export function pixelsAt(page: Page, lngLat: [number, number], offsets: Array<[number, number]>, layers: string[] = []) {
  return page.evaluate(
    ([ll, offs, ls]) => {
      const map = (window as AtlasWindow).__lingyan!.map;
      const p = map.project(ll);
      const source = map.getCanvas();
      const ratio = source.width / source.getBoundingClientRect().width;
      const copy = document.createElement('canvas');
      copy.width = source.width;
      copy.height = source.height;
      const ctx = copy.getContext('2d', { willReadFrequently: true })!;
      ctx.drawImage(source, 0, 0);
      const rgb = offs.map(([dx, dy]) => {
        const [r, g, b] = ctx.getImageData(Math.round((p.x + dx) * ratio), Math.round((p.y + dy) * ratio), 1, 1).data;
        return [r!, g!, b!] as [number, number, number];
      });
      const features = ls.length > 0 ? map.queryRenderedFeatures([p.x, p.y], { layers: ls }).map((f) => f.properties) : [];
      return { rgb, features };
    },
    [lngLat, offsets, layers] as const,
  );
}

/** A layer's legend entry in the layer panel: each item's value, colour and text. */
export function layerLegend(page: Page, key: string): Promise<Array<{ value: string; color: string; text: string }>> {
  return page.$$eval(`[data-testid="layer-legend-${key}"] li`, (items) =>
    items.map((li) => ({
      value: (li as HTMLElement).dataset.value ?? '',
      color: (li as HTMLElement).dataset.color ?? '',
      text: li.textContent ?? '',
    })),
  );
}

/** The feature-state `class` the map holds for each of these features of a tiled source (null: none). */
export function featureClasses(page: Page, source: string, ids: readonly string[]): Promise<Record<string, number | null>> {
  return page.evaluate(
    ([s, list]) => {
      const map = (window as AtlasWindow).__lingyan!.map;
      return Object.fromEntries(list.map((id) => [id, (map.getFeatureState({ source: s, sourceLayer: s, id })?.class as number | undefined) ?? null]));
    },
    [source, ids] as const,
  );
}

/** The output a `match` expression gives each input value (['match', input, v1, o1, …, fallback]). */
export function matchOutputs(expression: unknown): Record<string, unknown> {
  if (!Array.isArray(expression) || expression[0] !== 'match') throw new Error(`not a match expression: ${JSON.stringify(expression)}`);
  const outputs: Record<string, unknown> = {};
  // A label may be one value or a list of values sharing the output.
  for (let i = 2; i + 1 < expression.length; i += 2) {
    for (const label of [expression[i]].flat()) outputs[String(label)] = expression[i + 1];
  }
  return outputs;
}
