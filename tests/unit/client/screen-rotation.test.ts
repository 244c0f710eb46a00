/**
 * client/src/screen/rotation.ts and ranking.ts: the big screen's views as a
 * link or the hub writes them (each part recognised by the atlas's own link
 * parser, every unusable part named with its place), the interval, which
 * source wins, and the counties' ranking.
 */
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_INTERVAL_SECONDS,
  DEFAULT_SCREEN_VIEW,
  MAX_VIEWS,
  readRotation,
} from '../../../client/src/screen/rotation';
import { rankCounties } from '../../../client/src/screen/ranking';
import { NO_DATA_COLOR } from '../../../client/src/map/classes';

describe('big screen rotation', () => {
  it('reads each view\'s year, metric, method, scope, classes and focus, in any order and any case', () => {
    const { views, intervalSeconds, problems } = readRotation(
      '?views=2016:poverty_incidence,COLLECTIVE_INCOME_MEDIAN:2025:jenks:4:year,latest:weak_village_share:150221000000:150222000000&interval=20',
      null,
    );
    expect(problems).toEqual([]);
    expect(intervalSeconds).toBe(20);
    expect(views).toEqual([
      { ...DEFAULT_SCREEN_VIEW, year: 2016, metric: 'POVERTY_INCIDENCE' },
      { year: 2025, metric: 'COLLECTIVE_INCOME_MEDIAN', method: 'JENKS', classes: 4, scope: 'YEAR', focus: [] },
      { ...DEFAULT_SCREEN_VIEW, year: null, metric: 'WEAK_VILLAGE_SHARE', focus: ['150221000000', '150222000000'] },
    ]);
  });

  it('names every part it cannot use, with its view, and keeps the rest', () => {
    const { views, problems, intervalSeconds } = readRotation('views=2016:povrety,,2025:manual:2024,2019:poverty_incidence:8&interval=1', null);
    expect(problems).toEqual([
      { kind: 'unknown', source: 'link', item: 1, part: 'povrety' },
      { kind: 'empty', source: 'link', item: 2 },
      { kind: 'manual', source: 'link', item: 3 },
      { kind: 'repeated', source: 'link', item: 3, part: '2024' },
      // 8 classes is outside 3–7, as in the atlas's link.
      { kind: 'unknown', source: 'link', item: 4, part: '8' },
      { kind: 'interval', source: 'link', value: '1' },
    ]);
    expect(views.map((v) => [v.year, v.metric, v.method])).toEqual([
      [2016, 'POVERTY_INCIDENCE', null],
      [2025, 'POVERTY_INCIDENCE', null],
      [2019, 'POVERTY_INCIDENCE', null],
    ]);
    expect(intervalSeconds).toBe(DEFAULT_INTERVAL_SECONDS);
  });

  it('takes the hub\'s defaults where the link names none, parameter by parameter', () => {
    const hub = 'views=2020:weak_village_share,latest&interval=45';
    expect(readRotation('', hub).views.map((v) => [v.year, v.metric])).toEqual([
      [2020, 'WEAK_VILLAGE_SHARE'],
      [null, 'POVERTY_INCIDENCE'],
    ]);
    expect(readRotation('', hub).intervalSeconds).toBe(45);
    expect(readRotation('?interval=10', hub)).toMatchObject({ intervalSeconds: 10, views: [{ year: 2020 }, { year: null }] });
    expect(readRotation('?views=2017', hub)).toMatchObject({ intervalSeconds: 45, views: [{ year: 2017 }] });
    // A link whose views are all unusable falls back to the hub's, and says why.
    const fallback = readRotation('?views=nonsense', hub);
    expect(fallback.views.map((v) => v.year)).toEqual([2020, null]);
    expect(fallback.problems).toEqual([{ kind: 'unknown', source: 'link', item: 1, part: 'nonsense' }]);
    // The hub's own mistakes are named as the hub's.
    expect(readRotation('', 'views=2016:x&interval=0').problems).toEqual([
      { kind: 'unknown', source: 'hub', item: 1, part: 'x' },
      { kind: 'interval', source: 'hub', value: '0' },
    ]);
  });

  it('shows the atlas\'s opening view when nothing is configured, and at most 24 views', () => {
    expect(readRotation('', null)).toEqual({ views: [DEFAULT_SCREEN_VIEW], intervalSeconds: DEFAULT_INTERVAL_SECONDS, problems: [] });
    const many = readRotation(`?views=${Array.from({ length: 30 }, (_, i) => 2000 + i).join(',')}`, null);
    expect(many.views).toHaveLength(MAX_VIEWS);
    expect(many.problems).toEqual([{ kind: 'too-many', source: 'link', count: 30 }]);
  });

  it('accepts intervals of 2 to 3600 whole seconds only', () => {
    expect(readRotation('?interval=2', null).intervalSeconds).toBe(2);
    expect(readRotation('?interval=3600', null).intervalSeconds).toBe(3600);
    for (const bad of ['3601', '2.5', '-5', 'abc', '']) {
      expect(readRotation(`?interval=${bad}`, null).problems, bad).toEqual([{ kind: 'interval', source: 'link', value: bad }]);
    }
  });
});

describe('county ranking', () => {
  const counties = ['a', 'b', 'c', 'd'].map((k, i) => ({ code: `15000000000${i}`, name: `县${k}`, nameEn: `County ${k}` }));
  const classes = [
    { from: 0, to: 3, color: '#111111', count: 1 },
    { from: 3, to: 10, color: '#222222', count: 2 },
  ];
  const classification = {
    classes,
    valueOf: new Map([
      ['150000000000', 2],
      ['150000000001', 8],
      ['150000000003', 8],
    ]),
    classOf: new Map([
      ['150000000000', 0],
      ['150000000001', 1],
      ['150000000003', 1],
    ]),
  };

  it('ranks highest first, equal values by code, no value last, each in its class colour, bars from zero', () => {
    const ranked = rankCounties(counties, classification, 'nameEn');
    expect(ranked.map((r) => [r.code, r.name, r.value, r.color, r.share])).toEqual([
      ['150000000001', 'County b', 8, '#222222', 1],
      ['150000000003', 'County d', 8, '#222222', 1],
      ['150000000000', 'County a', 2, '#111111', 0.25],
      ['150000000002', 'County c', null, NO_DATA_COLOR, 0],
    ]);
  });
});
