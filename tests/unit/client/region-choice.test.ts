/**
 * The atlas's region choice (client/src/region/region-choice.ts, the
 * `region=` parameter of state/view-state.ts) and the read scope each request
 * carries (client/src/graphql/read-scope.ts, map/tiles.ts): the default region
 * writes no parameter, so links from before regions stay as they were; another
 * region resets the camera and the selection; every path names the code.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_VIEW, formatView, parseView } from '../../../client/src/state/view-state';
import { chooseRegion, regionParam, shownRegion } from '../../../client/src/region/region-choice';
import { PREFECTURE_HEADER, scopeConnectionParams, scopeHeaders, scopedTileUrl } from '../../../client/src/graphql/read-scope';
import { withReadToken } from '../../../client/src/map/tiles';

const DEMO = '152500000000';
const OTHER = '152900000000';
// As the hub lists them, and once out of order: the default is the lowest code either way.
const REGIONS = [{ code: DEMO }, { code: OTHER }];
const { locale: _locale, ...VIEW } = DEFAULT_VIEW;

describe('region in the link', () => {
  it('reads and writes region= first, and a view without it is the link of before', () => {
    expect(formatView({ ...DEFAULT_VIEW, region: OTHER, year: 2018 })).toBe(`region=${OTHER}&year=2018`);
    expect(parseView(`?year=2018&region=${OTHER}`)).toEqual({ state: { ...DEFAULT_VIEW, region: OTHER, year: 2018 }, rejected: [] });
    expect(formatView(DEFAULT_VIEW)).toBe('');
    expect(parseView('?year=2018').state.region).toBeNull();
  });

  it('drops and names a region that is not a 12-digit code', () => {
    for (const bad of ['1529', '15290000000x', '1529000000000', '', '152900000000,152500000000']) {
      const { state, rejected } = parseView(`?region=${encodeURIComponent(bad)}&year=2019`);
      expect(state.region, bad).toBeNull();
      expect(state.year).toBe(2019);
      expect(rejected, bad).toEqual(['region']);
    }
  });
});

describe('choosing a region', () => {
  it('writes no parameter for the lowest code held, the code for any other', () => {
    expect(regionParam(DEMO, REGIONS)).toBeNull();
    expect(regionParam(OTHER, REGIONS)).toBe(OTHER);
    expect(regionParam(OTHER, [{ code: OTHER }, { code: DEMO }])).toBe(OTHER);
    expect(regionParam(DEMO, [{ code: OTHER }, { code: DEMO }])).toBeNull();
  });

  it('names the region shown: the link\'s, else the lowest held, else none yet', () => {
    expect(shownRegion({ region: OTHER }, REGIONS)).toBe(OTHER);
    expect(shownRegion({ region: null }, [{ code: OTHER }, { code: DEMO }])).toBe(DEMO);
    expect(shownRegion({ region: null }, [])).toBeNull();
  });

  it('resets the camera and clears the selection, keeping year, metric, layers and filters', () => {
    const view = {
      ...VIEW,
      year: 2017,
      metric: 'WEAK_VILLAGE_SHARE' as const,
      selection: { kind: 'county' as const, id: '152502000000' },
      camera: { lon: 116, lat: 43.9, zoom: 9 },
      filters: { ...VIEW.filters, status: ['POOR' as const] },
    };
    const next = { ...view, ...chooseRegion(view, OTHER, REGIONS) };
    expect(next.region).toBe(OTHER);
    expect(next.camera).toBeNull();
    expect(next.selection).toBeNull();
    expect(formatView({ ...next, locale: 'zh-CN' })).toBe(`region=${OTHER}&year=2017&metric=weak_village_share&status=poor`);
    // …and back to the default region: the parameter goes.
    const back = { ...next, ...chooseRegion(next, DEMO, REGIONS) };
    expect(back.region).toBeNull();
    expect(formatView({ ...back, locale: 'zh-CN' })).toBe('year=2017&metric=weak_village_share&status=poor');
  });

  it('changes nothing when the region shown is chosen again (the selection and camera stay)', () => {
    const view = { ...VIEW, selection: { kind: 'county' as const, id: '152502000000' }, camera: { lon: 116, lat: 43.9, zoom: 9 } };
    expect(chooseRegion(view, DEMO, REGIONS)).toEqual({});
    expect(chooseRegion({ ...view, region: OTHER }, OTHER, REGIONS)).toEqual({});
  });
});

describe('read scope of each request', () => {
  it('GraphQL: the header names the prefecture, beside the token; nothing without either', () => {
    expect(scopeHeaders({ token: null, prefecture: OTHER })).toEqual({ [PREFECTURE_HEADER]: OTHER });
    expect(PREFECTURE_HEADER).toBe('X-Lingyan-Prefecture');
    expect(scopeHeaders({ token: 't', prefecture: OTHER })).toEqual({ authorization: 'Bearer t', [PREFECTURE_HEADER]: OTHER });
    expect(scopeHeaders({ token: null, prefecture: null })).toEqual({});
  });

  it('live socket: connection_init carries prefecture', () => {
    expect(scopeConnectionParams({ token: null, prefecture: OTHER })).toEqual({ prefecture: OTHER });
    expect(scopeConnectionParams({ token: 't', prefecture: null })).toEqual({ authorization: 'Bearer t' });
  });

  it('tiles: prefecture= joins the query the URL has, and only the hub\'s tiles get it', () => {
    expect(scopedTileUrl('http://hub/tiles/villages/{z}/{x}/{y}.mvt?year=2019', OTHER)).toBe(
      `http://hub/tiles/villages/{z}/{x}/{y}.mvt?year=2019&prefecture=${OTHER}`,
    );
    expect(scopedTileUrl('http://hub/tiles/counties/8/1/2.mvt', OTHER)).toBe(`http://hub/tiles/counties/8/1/2.mvt?prefecture=${OTHER}`);
    expect(scopedTileUrl('http://hub/tiles/counties/8/1/2.mvt', null)).toBe('http://hub/tiles/counties/8/1/2.mvt');
    const transform = withReadToken('http://hub', 'tok', OTHER);
    expect(transform('http://hub/tiles/counties/8/1/2.mvt', 'Tile' as never)).toEqual({
      url: `http://hub/tiles/counties/8/1/2.mvt?prefecture=${OTHER}`,
      headers: { authorization: 'Bearer tok' },
    });
    expect(transform('http://elsewhere/tiles/counties/8/1/2.mvt', 'Tile' as never)).toEqual({ url: 'http://elsewhere/tiles/counties/8/1/2.mvt' });
    expect(transform('http://hub/style.json', 'Style' as never)).toEqual({ url: 'http://hub/style.json' });
    expect(withReadToken('http://hub', null, null)('http://hub/tiles/counties/8/1/2.mvt', 'Tile' as never)).toEqual({ url: 'http://hub/tiles/counties/8/1/2.mvt' });
  });
});
