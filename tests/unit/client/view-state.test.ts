/**
 * client/src/state/view-state.ts: the link format of a view. What is written
 * reads back the same; the order is fixed; every invalid value is dropped
 * and named; the legend's filter checkboxes (map/layer-legend.tsx) never
 * produce an empty "show nothing" list.
 */
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_VIEW,
  formatView,
  parseView,
  passes,
  type ViewState,
} from '../../../client/src/state/view-state';
import { toggledFilter } from '../../../client/src/map/layer-legend';

const full: ViewState = {
  region: null,
  year: 2017,
  metric: 'WEAK_VILLAGE_SHARE',
  cause: 'ILLNESS',
  method: 'JENKS',
  classes: 7,
  scope: 'YEAR',
  breaks: null,
  layers: new Set(['pairings', 'projects']),
  filters: { status: ['POOR'], strength: ['WEAK', 'STRONG'], pairing: ['STRONG_HELPS_WEAK'], industry: ['DAIRY'] },
  selection: { kind: 'county', id: '150421000000' },
  camera: { lon: 119.123456789, lat: 42.987654321, zoom: 8.256 },
  locale: 'en',
};

describe('formatView / parseView', () => {
  it('writes nothing for the default view, and reads the empty query as the default', () => {
    expect(formatView(DEFAULT_VIEW)).toBe('');
    expect(parseView('')).toEqual({ state: DEFAULT_VIEW, rejected: [] });
  });

  it('writes every part in the fixed order, readable, and reads it back', () => {
    const query = formatView(full);
    expect(query).toBe(
      'year=2017&metric=weak_village_share&method=jenks&classes=7&scope=year&layers=pairings,projects' +
        '&status=poor&strength=weak,strong&pairing=strong_helps_weak&industry=dairy' +
        '&sel=county:150421000000&at=119.12346,42.98765,8.26&lang=en',
    );
    const { state, rejected } = parseView(`?${query}`);
    expect(rejected).toEqual([]);
    expect(state).toEqual({ ...full, camera: { lon: 119.12346, lat: 42.98765, zoom: 8.26 } });
    // A second round trip is exact.
    expect(formatView(state)).toBe(query);
  });

  it('gives the same link whatever order the filter values were chosen in', () => {
    const a = formatView({ ...DEFAULT_VIEW, filters: { ...DEFAULT_VIEW.filters, status: ['EXITED', 'POOR'] } });
    const b = formatView({ ...DEFAULT_VIEW, filters: { ...DEFAULT_VIEW.filters, status: ['POOR', 'EXITED'] } });
    expect(a).toBe(b);
    expect(a).toBe('status=poor,exited');
  });

  it('writes manual bounds with their method and reads them back; the metric\'s own method is the default', () => {
    const manual: ViewState = { ...DEFAULT_VIEW, method: 'MANUAL', breaks: [1, 2.5, 10] };
    expect(formatView(manual)).toBe('method=manual&breaks=1,2.5,10');
    expect(parseView('?method=manual&breaks=1,2.5,10')).toEqual({ state: manual, rejected: [] });
    expect(DEFAULT_VIEW).toMatchObject({ method: null, scope: 'ALL_YEARS', breaks: null });
    expect(parseView('?method=policy').state.method).toBe('POLICY');
    expect(parseView('?method=jenks&breaks=1,3')).toEqual({ state: { ...DEFAULT_VIEW, method: 'JENKS' }, rejected: ['breaks'] });
  });

  it('keeps "every layer off" apart from "the default layers"', () => {
    const none = formatView({ ...DEFAULT_VIEW, layers: new Set() });
    expect(none).toBe('layers=');
    expect(parseView(none).state.layers.size).toBe(0);
  });

  it.each([
    ['year=1999', 'year'],
    ['year=20x7', 'year'],
    ['metric=happiness', 'metric'],
    ['method=random', 'method'],
    ['method=manual', 'method'],
    ['scope=decade', 'scope'],
    ['method=manual&breaks=5,3', 'breaks'],
    ['method=manual&breaks=1,2,3,4,5,6,7', 'breaks'],
    ['method=manual&breaks=1,x', 'breaks'],
    ['classes=2', 'classes'],
    ['classes=8', 'classes'],
    ['classes=5.5', 'classes'],
    ['layers=pairings,roads', 'layers'],
    ['layers=pairings,pairings', 'layers'],
    ['status=poor,rich', 'status'],
    ['strength=weak,weak', 'strength'],
    ['pairing=enterprise', 'pairing'],
    ['industry=mining', 'industry'],
    ['sel=county:15042', 'sel'],
    ['sel=county:150421000000:x', 'sel'],
    ['sel=alliance:abc', 'sel'],
    ['sel=alliance:0', 'sel'],
    ['sel=planet:1', 'sel'],
    ['at=119,42', 'at'],
    ['at=200,42,8', 'at'],
    ['at=119,42,23', 'at'],
    ['at=119,42,1e3', 'at'],
    ['lang=fr', 'lang'],
  ])('drops %s and names it', (query, param) => {
    const { state, rejected } = parseView(`?${query}`);
    expect(rejected).toEqual([param]);
    expect(formatView(state)).toBe('');
  });

  it('keeps the valid parts of a link with an invalid one', () => {
    const { state, rejected } = parseView('?year=2019&classes=12&sel=village:150421101201&lang=en');
    expect(rejected).toEqual(['classes']);
    expect(state.year).toBe(2019);
    expect(state.classes).toBe(DEFAULT_VIEW.classes);
    expect(state.selection).toEqual({ kind: 'village', id: '150421101201' });
    expect(state.locale).toBe('en');
  });

  it('reads escaped separators as well as plain ones', () => {
    expect(parseView('?layers=pairings%2Cvillages&sel=pairing%3A12').state).toMatchObject({
      layers: new Set(['pairings', 'villages']),
      selection: { kind: 'pairing', id: '12' },
    });
  });
});

describe('filters', () => {
  const all = ['POOR', 'EXITED', 'NEVER_POOR'];

  it('lets everything through an empty list, and only the chosen values otherwise', () => {
    expect(passes([], 'POOR')).toBe(true);
    expect(passes([], null)).toBe(true);
    expect(passes(['POOR'], 'POOR')).toBe(true);
    expect(passes(['POOR'], 'EXITED')).toBe(false);
    expect(passes(['POOR'], null)).toBe(false);
  });

  it('unticking one category of "all" leaves the others; ticking it back is "all" again', () => {
    const without = toggledFilter([], all, 'EXITED', false);
    expect(without).toEqual(['POOR', 'NEVER_POOR']);
    expect(toggledFilter(without, all, 'EXITED', true)).toEqual([]);
  });

  it('keeps the values in their display order', () => {
    expect(toggledFilter(['NEVER_POOR'], all, 'POOR', true)).toEqual(['POOR', 'NEVER_POOR']);
  });
});
