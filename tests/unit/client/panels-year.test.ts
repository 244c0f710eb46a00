/**
 * The pure parts of "panels that follow the year": a link's period in a year
 * (client/src/panels/detail/period.tsx, as the API's activeIn reads it), the
 * padding that frames a feature clear of the panels (client/src/map/framing.ts)
 * and the selection mark's features (client/src/map/selection-mark.ts).
 */
import { describe, expect, it } from 'vitest';
import { paddingClearOf, type Rect } from '../../../client/src/map/framing';
import { SELECTION_MARK_COLOR, selectionMarkFeatures } from '../../../client/src/map/selection-mark';
import { byPeriod, periodIn } from '../../../client/src/panels/detail/period';

describe('periodIn', () => {
  it('reads a span as started by the year and not ended before it (both years included)', () => {
    expect(periodIn(2020, 2021, null)).toBe('future');
    expect(periodIn(2021, 2021, null)).toBe('current');
    expect(periodIn(2025, 2021, null)).toBe('current');
    expect(periodIn(2019, 2019, 2021)).toBe('current');
    expect(periodIn(2021, 2019, 2021)).toBe('current');
    expect(periodIn(2022, 2019, 2021)).toBe('ended');
    expect(periodIn(2018, 2019, 2021)).toBe('future');
  });

  it('lists running links first, then those to come, then those over, each in the given order', () => {
    const links = [
      { id: 'over', start: 2016, end: 2018 },
      { id: 'later', start: 2023, end: null },
      { id: 'running-a', start: 2017, end: null },
      { id: 'soon', start: 2021, end: 2024 },
      { id: 'running-b', start: 2020, end: 2020 },
    ];
    const ordered = byPeriod(2020, links, (l) => ({ start: l.start, end: l.end }));
    expect(ordered.map((e) => `${e.item.id}:${e.period}`)).toEqual([
      'running-a:current',
      'running-b:current',
      'later:future',
      'soon:future',
      'over:ended',
    ]);
  });
});

describe('paddingClearOf', () => {
  // The atlas at 1280 × 800 with a panel open: title bar, KPI bar, detail panel
  // (left), layer panel (right), the legend moved beside the detail panel.
  const W = 1280;
  const H = 800;
  const titleBar: Rect = { left: 0, top: 0, right: W, bottom: 60 };
  const kpiBar: Rect = { left: 12, top: 72, right: W - 268, bottom: 120 };
  const detail: Rect = { left: 12, top: 140, right: 372, bottom: 784 };
  const layers: Rect = { left: W - 248, top: 140, right: W - 12, bottom: 700 };
  const legend: Rect = { left: 384, top: 560, right: 684, bottom: 780 };
  const panels = [titleBar, kpiBar, detail, layers, legend];

  const free = (p: { top: number; right: number; bottom: number; left: number }): Rect => ({ left: p.left, top: p.top, right: W - p.right, bottom: H - p.bottom });
  const overlaps = (a: Rect, b: Rect) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

  it('leaves a free area that no panel overlaps, each panel behind the side that costs least', () => {
    const padding = paddingClearOf(W, H, panels, 0)!;
    expect(padding).toEqual({ top: 120, right: 248, bottom: 240, left: 372 });
    for (const panel of panels) expect(overlaps(free(padding), panel), JSON.stringify(panel)).toBe(false);
    // The margin is added on every side.
    expect(paddingClearOf(W, H, panels, 24)).toEqual({ top: 144, right: 272, bottom: 264, left: 396 });
  });

  it('ignores what lies outside the map and what is already clear', () => {
    expect(paddingClearOf(W, H, [{ left: -50, top: -50, right: -10, bottom: -10 }], 0)).toEqual({ top: 0, right: 0, bottom: 0, left: 0 });
    // The legend is inside the band the detail panel already takes: no more padding for it.
    const underDetail: Rect = { left: 16, top: 600, right: 300, bottom: 780 };
    expect(paddingClearOf(W, H, [detail, underDetail], 0)).toEqual({ top: 0, right: 0, bottom: 0, left: 372 });
  });

  it('gives up (null) when what is left is too small to frame anything in', () => {
    const small = paddingClearOf(500, 400, [{ left: 0, top: 0, right: 380, bottom: 400 }], 24);
    expect(small).toBeNull();
  });
});

describe('selectionMarkFeatures', () => {
  it('gives each geometry its shape and the selection it marks, and nothing for no selection', () => {
    const features = selectionMarkFeatures({
      selection: { kind: 'pairing', id: '12' },
      geometries: [
        { type: 'LineString', coordinates: [[110, 40], [111, 41]] },
        { type: 'Point', coordinates: [111, 41] },
        { type: 'MultiPolygon', coordinates: [[[[110, 40], [111, 40], [111, 41], [110, 40]]]] },
      ],
    }).features;
    expect(features.map((f) => f.properties)).toEqual([
      { kind: 'pairing', id: '12', shape: 'line' },
      { kind: 'pairing', id: '12', shape: 'point' },
      { kind: 'pairing', id: '12', shape: 'area' },
    ]);
    expect(selectionMarkFeatures(null).features).toEqual([]);
    expect(SELECTION_MARK_COLOR).toMatch(/^#[0-9a-f]{6}$/);
  });
});
