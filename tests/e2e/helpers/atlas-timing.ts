/// <reference lib="dom" />
/**
 * What the atlas bench and the first-picture test read in the page, all on the page's own clock
 * (milliseconds since navigation start), so the round trips of the driver
 * never count. The functions passed to the page use only their arguments and
 * the page's globals (client/src/map/test-hook.ts documents `__lingyan`).
 */
import type { BrowserContext, Page } from 'playwright-core';
import { onMapHandle } from './atlas-page.js';

interface MapHandle {
  on(event: 'idle', listener: () => void): void;
  once(event: 'idle', listener: () => void): void;
  getZoom(): number;
  getCanvas(): HTMLCanvasElement;
  panBy(offset: [number, number], options: { duration: number }): void;
  jumpTo(options: { center: [number, number]; zoom: number }): void;
}
interface LingyanHandle {
  map: MapHandle;
  syncs: number;
  loaded: readonly string[];
  settled(): Promise<void>;
}
/** A map 'idle': when (the page's clock), and the layers whose data was complete then. */
interface Idle {
  at: number;
  loaded: readonly string[];
}
type BenchWindow = Window & { __lingyan?: LingyanHandle; __benchIdles?: Idle[] };

/**
 * Records every map 'idle' from the map's creation on, with the layers whose
 * data was on the map by then (the hook replaces its `loaded` list, never
 * changes it, so the list is kept as it was): the hook
 * resolves `settled()` at an 'idle', and this listener, added first, has
 * stamped it by then.
 */
const RECORD_IDLES = onMapHandle(
  `value.map.on('idle', () => window.__benchIdles.push({ at: performance.now(), loaded: value.loaded }));`,
  'window.__benchIdles = [];',
);

export async function recordIdles(context: BrowserContext): Promise<void> {
  await context.addInitScript({ content: RECORD_IDLES });
}

/**
 * Stamps, on the page's clock, the first moment the legend shows its classes
 * and the KPI bar its figures (a MutationObserver from the document's start:
 * no polling, nothing the page's own code has to do).
 */
const RECORD_PANELS = `(() => {
  const at = (window.__panelsAt = { legend: NaN, kpis: NaN });
  const look = () => {
    if (Number.isNaN(at.legend) && document.querySelector('[data-testid="legend-class"]')) at.legend = performance.now();
    const kpi = document.querySelector('[data-testid="kpi-povertyIncidence"] dd');
    if (Number.isNaN(at.kpis) && kpi && kpi.textContent.trim() !== '') at.kpis = performance.now();
    if (!Number.isNaN(at.legend) && !Number.isNaN(at.kpis)) observer.disconnect();
  };
  const observer = new MutationObserver(look);
  observer.observe(document, { childList: true, subtree: true, characterData: true });
})();`;

export async function recordPanels(context: BrowserContext): Promise<void> {
  await context.addInitScript({ content: RECORD_PANELS });
}

/** When the legend's classes and the KPI figures first showed (the page's clock); NaN for a part not shown yet. */
export function panelsAt(page: Page): Promise<{ legend: number; kpis: number }> {
  return page.evaluate(() => (window as Window & { __panelsAt?: { legend: number; kpis: number } }).__panelsAt ?? { legend: NaN, kpis: NaN });
}

/** The `lingyan:ready` mark: the first 'idle' with the counties drawn. */
export function readyAt(page: Page): Promise<number> {
  return page.evaluate(() => performance.getEntriesByName('lingyan:ready')[0]?.startTime ?? NaN);
}

export interface Fetched {
  /** the page's clock */
  at: number;
  requests: number;
  /** as sent (compressed), as a user's connection would carry it */
  bytes: number;
}

/** The latest 'idle' so far (call right after `settled()` resolved), and what the page fetched until then. */
export function lastIdle(page: Page): Promise<Fetched> {
  return page.evaluate(() => {
    const at = (window as BenchWindow).__benchIdles!.at(-1)?.at ?? NaN;
    const fetched = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((e) => e.startTime <= at);
    return { at, requests: fetched.length, bytes: fetched.reduce((sum, e) => sum + e.encodedBodySize, 0) };
  });
}

/** The first 'idle' with `layer`'s data on the map (the first data put there comes with the counties' or after); NaN if none yet. */
export function firstIdleWith(page: Page, layer: string): Promise<number> {
  return page.evaluate((l) => (window as BenchWindow).__benchIdles!.find((idle) => idle.loaded.includes(l))?.at ?? NaN, layer);
}

/** How far the page got when it did not settle: what it fetched so far and which layers' data is on the map. */
export function progress(page: Page): Promise<Fetched & { loaded: string[] }> {
  return page.evaluate(() => {
    const fetched = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
    const loaded = [...((window as BenchWindow).__lingyan?.loaded ?? [])];
    return { at: performance.now(), requests: fetched.length, bytes: fetched.reduce((sum, e) => sum + e.encodedBodySize, 0), loaded };
  });
}

/** 'pan': a third of the width right, a quarter of the height down; or a jump to `center`, `zoomBy` levels in. */
export type Move = 'pan' | { center: [number, number]; zoomBy: number };

/**
 * Moves the camera at once (no animation) and gives the time until the map is
 * idle again; if the move made the page put new data on the map, until the
 * 'idle' after that data. NaN if that takes longer than `timeoutMs`.
 */
export function moveToIdle(page: Page, move: Move, timeoutMs: number): Promise<number> {
  return page.evaluate(async ([m, timeout]) => {
    const h = (window as BenchWindow).__lingyan!;
    const syncs = h.syncs;
    const canvas = h.map.getCanvas().getBoundingClientRect();
    const started = performance.now();
    const idle = new Promise<void>((resolve) => h.map.once('idle', () => resolve()));
    if (m === 'pan') h.map.panBy([canvas.width / 3, canvas.height / 4], { duration: 0 });
    else h.map.jumpTo({ center: m.center, zoom: h.map.getZoom() + m.zoomBy });
    const idleAgain = idle.then(() => (h.syncs !== syncs ? h.settled() : undefined)).then(() => performance.now() - started);
    // A bound, not a wait: it only ends a run whose map never goes idle.
    return Promise.race([idleAgain, new Promise<number>((resolve) => setTimeout(() => resolve(NaN), timeout))]);
  }, [move, timeoutMs] as const);
}
