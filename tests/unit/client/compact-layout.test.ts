/**
 * The phone and tablet layout's rules that live outside the browser: the
 * compact query is one and the same in layout.ts and compact.css, a tap picks
 * areas at the region's zoom and symbols from the township zoom on, and
 * framing on a phone lets a feature pass under a button rather than ignore
 * every panel.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { COMPACT_QUERY } from '../../../client/src/app/layout';
import { paddingClearOf, type Rect } from '../../../client/src/map/framing';
import { TOWNSHIP_MIN_ZOOM } from '../../../client/src/map/layers/zoom';
import { pickSlack, tapSelects, TOUCH_SYMBOL_MIN_ZOOM } from '../../../client/src/map/touch';

const COMPACT_CSS = fileURLToPath(new URL('../../../client/src/app/compact.css', import.meta.url));

describe('the compact layout query', () => {
  it('is the one compact.css lays the atlas out by', () => {
    const css = readFileSync(COMPACT_CSS, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
    const queries = [...css.matchAll(/@media ([^{]+)\{/g)].map((m) => m[1]!.trim());
    // Its first rule is the compact layout; the others refine it (portrait, phone width, low screens) or are about the pointer.
    expect(queries[0]).toBe(COMPACT_QUERY);
    expect(queries.filter((q) => q.includes('max-width: 1023px'))).toEqual([COMPACT_QUERY]);
  });
});

describe('a tap on the map', () => {
  it("selects areas at any zoom, symbols only from the townships' zoom on", () => {
    expect(TOUCH_SYMBOL_MIN_ZOOM).toBe(TOWNSHIP_MIN_ZOOM);
    for (const zoom of [5.5, 7, 8.4]) {
      expect(tapSelects('county', zoom)).toBe(true);
      expect(tapSelects('township', zoom)).toBe(true);
      for (const kind of ['village', 'project', 'pairing', 'alliance'] as const) expect(tapSelects(kind, zoom), `${kind} at ${zoom}`).toBe(false);
    }
    for (const kind of ['county', 'village', 'project', 'pairing', 'alliance'] as const) expect(tapSelects(kind, TOUCH_SYMBOL_MIN_ZOOM)).toBe(true);
  });

  it('has more slack around a finger than around a mouse', () => {
    expect(pickSlack(true)).toBeGreaterThan(pickSlack(false));
  });
});

describe('paddingClearOf on a phone', () => {
  // 390 × 844 with a county's sheet open: title bar, legend above the sheet, the folded layer drawer and 列表.
  const W = 390;
  const H = 844;
  const titleBar: Rect = { left: 0, top: 0, right: W, bottom: 100 };
  const legend: Rect = { left: 8, top: 347, right: 322, bottom: 456 };
  const sheet: Rect = { left: 0, top: 464, right: W, bottom: H };
  const layerButton: Rect = { left: 288, top: 114, right: 382, bottom: 158 };
  const listButton: Rect = { left: 328, top: 166, right: 382, bottom: 210 };
  const overlaps = (a: Rect, b: Rect) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

  const freeArea = (p: { top: number; right: number; bottom: number; left: number }): Rect => ({ left: p.left, top: p.top, right: W - p.right, bottom: H - p.bottom });

  it('keeps clear of every panel and button, moving the side that still leaves room', () => {
    const padding = paddingClearOf(W, H, [titleBar, legend, sheet, layerButton, listButton], 24);
    expect(padding).not.toBeNull();
    const free = freeArea(padding!);
    for (const panel of [titleBar, legend, sheet, layerButton, listButton]) expect(overlaps(free, panel), JSON.stringify(panel)).toBe(false);
    // The buttons on the right move the right edge: moving the top below them would leave a band too low to frame in.
    expect(padding).toEqual({ top: 124, right: 126, bottom: 521, left: 24 });
  });

  it('lets a feature pass under a button that leaves no room at all, never under a panel', () => {
    const midButton: Rect = { left: 150, top: 200, right: 240, bottom: 244 };
    const padding = paddingClearOf(W, H, [titleBar, legend, sheet, midButton], 24);
    expect(padding).not.toBeNull();
    const free = freeArea(padding!);
    for (const panel of [titleBar, legend, sheet]) expect(overlaps(free, panel), JSON.stringify(panel)).toBe(false);
    expect(overlaps(free, midButton)).toBe(true);
    expect(free.bottom - free.top).toBeGreaterThanOrEqual(160);
  });

  it('still gives up where a panel, not a button, leaves no room', () => {
    const tall: Rect = { left: 0, top: 100, right: W, bottom: 300 };
    expect(paddingClearOf(W, H, [titleBar, tall, legend, sheet], 24)).toBeNull();
  });
});
