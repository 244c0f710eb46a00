/** The web-map offset verdict, the repair's area change and the Feature id, as pure functions. */
import { describe, expect, it } from 'vitest';
import { formatMessage, wgs84ToGcj02 } from '@lingyan/data';
import { withFeatureId } from '../../../data/src/import/readers/geojson.js';
import { metresBetween, offsetSample, offsetWarning, outlineWarning, OUTSIDE_SHARE, SHIFT_METRES } from '../../../server/src/importer/crs-offset.js';
import { areaChange } from '../../../server/src/importer/geometry-checks.js';

describe('offsetWarning', () => {
  const stored = [115.2, 44.1];

  it('names GCJ-02 when the incoming centroid, converted, meets the stored one; the offset is the published few hundred metres', () => {
    const shifted = wgs84ToGcj02(stored[0]!, stored[1]!);
    const sample = offsetSample(stored, { wgs84: shifted, gcj02: stored, bd09: [115.21, 44.11] });
    expect(sample.asIs).toBeCloseTo(metresBetween(stored, shifted), 6);
    expect(sample.asIs).toBeGreaterThan(200);
    const w = offsetWarning([sample, sample, sample])!;
    expect(w.params).toMatchObject({ flag: 'gcj02', count: 3, offset: Math.round(sample.asIs), left: 0 });
    expect(formatMessage(w, 'en')).toContain('import again with --crs gcj02');
  });

  it('says nothing without samples, below the threshold, or when no conversion explains the offset', () => {
    expect(offsetWarning([])).toBeNull();
    expect(offsetWarning([{ asIs: SHIFT_METRES - 1, gcj02: 0, bd09: 500 }])).toBeNull();
    // 600 m off either way: a different survey, not a web-map CRS.
    expect(offsetWarning([{ asIs: 600, gcj02: 590, bd09: 900 }])).toBeNull();
    // One area in three off does not move the median.
    expect(offsetWarning([{ asIs: 600, gcj02: 2, bd09: 900 }, { asIs: 3, gcj02: 600, bd09: 1200 }, { asIs: 4, gcj02: 600, bd09: 1200 }])).toBeNull();
  });

  it('names BD-09 when that conversion fits better', () => {
    expect(offsetWarning([{ asIs: 1300, gcj02: 700, bd09: 1 }])!.params).toMatchObject({ flag: 'bd09', offset: 1300, left: 1 });
  });
});

describe('outlineWarning', () => {
  const sample = (wgs84: number, gcj02: number, bd09: number) => ({ count: 4, total: 1_000_000, outside: { wgs84, gcj02, bd09 } });

  it('names the conversion that tucks new areas into their parent, with both shares', () => {
    const w = outlineWarning(sample(20_000, 100, 30_000), 'township')!;
    expect(formatMessage(w)).toBe(
      '坐标疑似 GCJ-02（高德、腾讯、阿里云 DataV 等网络地图的“火星坐标”），而不是 WGS-84：按原样，这 4 个苏木乡镇有 2.00 % 的面积落在库中所属旗县的边界之外；按 GCJ-02 换算后只有 0.01 %。请核实来源后加 --crs gcj02 重新导入（换算为 WGS-84）',
    );
    expect(outlineWarning(sample(20_000, 15_000, 10), 'county')!.params).toMatchObject({ flag: 'bd09', outside: '2.00', left: '0.00' });
  });

  it('says nothing for a sliver outside, when no conversion fits, or for nothing measured', () => {
    expect(outlineWarning(sample(OUTSIDE_SHARE * 1_000_000 - 1, 0, 0), 'township')).toBeNull();
    expect(outlineWarning(sample(20_000, 10_000, 30_000), 'township')).toBeNull();
    expect(outlineWarning({ count: 0, total: 0, outside: { wgs84: 0, gcj02: 0, bd09: 0 } }, 'county')).toBeNull();
  });
});

describe('areaChange', () => {
  it('gives m² before and after, the change and its share of the area as drawn', () => {
    expect(formatMessage(areaChange('Self-intersection[1 2]', 2_000_000, 1_990_000))).toBe(
      '边界已用 ST_MakeValid 修复（原问题：Self-intersection[1 2]）；面积 2,000,000 m² → 1,990,000 m²（−10,000 m²，−0.50 %）',
    );
    expect(formatMessage(areaChange('Ring Self-intersection', 1000, 1500), 'en')).toBe(
      'repaired with ST_MakeValid (was: Ring Self-intersection); area 1,000 m² → 1,500 m² (+500 m², +50.00 %)',
    );
  });

  it('leaves the share out when the area as drawn was 0 m² (a figure-eight whose halves cancel)', () => {
    expect(formatMessage(areaChange('Self-intersection', 0, 250.4))).toBe('边界已用 ST_MakeValid 修复（原问题：Self-intersection）；面积 0 m² → 250 m²（+250 m²）');
  });
});

describe('withFeatureId', () => {
  it('adds the Feature id as "id" unless the properties have one or there is none', () => {
    expect(withFeatureId({ name: '甲旗' }, 150121)).toEqual({ name: '甲旗', id: 150121 });
    expect(withFeatureId({ id: '150122' }, 'f-1')).toEqual({ id: '150122' });
    const props = { name: '乙县' };
    expect(withFeatureId(props, undefined)).toBe(props);
    expect(withFeatureId(props, null)).toBe(props);
  });
});
