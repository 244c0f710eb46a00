/** Division codes and the conversions from Chinese web-map coordinates. */
import { describe, expect, it } from 'vitest';
import { bd09ToGcj02, formatMessage, gcj02ToBd09, gcj02ToWgs84, parentCode, parseDivisionCode, toWgs84, wgs84ToGcj02 } from '@lingyan/data';

describe('division codes', () => {
  it('pads short county and township codes and refuses codes of the wrong level', () => {
    expect(parseDivisionCode('152591', 'county')).toEqual({ ok: true, value: '152591000000' });
    expect(parseDivisionCode('152591101', 'township')).toEqual({ ok: true, value: '152591101000' });
    expect(parseDivisionCode(152591101201, 'village')).toEqual({ ok: true, value: '152591101201' });
    const wrong = parseDivisionCode('152591101000', 'village');
    expect(wrong).toMatchObject({ ok: false, reason: '"152591101000" 不是嘎查村代码（应为 12 位数字，且不以 000 结尾）' });
    expect(!wrong.ok && formatMessage(wrong.message!, 'en')).toBe('"152591101000" is not a village code: 12 digits not ending in 000');
    expect(parseDivisionCode('152591000000', 'township').ok).toBe(false);
    expect(parseDivisionCode('152500000000', 'county').ok).toBe(false);
    expect(parentCode('152591101201', 'village')).toBe('152591101000');
    expect(parentCode('152591101000', 'township')).toBe('152591000000');
    expect(parentCode('152591000000', 'county')).toBe('152500000000');
  });
});

describe('GCJ-02 and BD-09', () => {
  it('agrees with the published reference values (Beijing, 116.404, 39.915)', () => {
    expect(wgs84ToGcj02(116.404, 39.915)).toEqual([116.41024449916938, 39.91640428150164]);
    expect(bd09ToGcj02(116.404, 39.915)).toEqual([116.39762729119315, 39.90865673957631]);
    const [bdLon, bdLat] = gcj02ToBd09(116.404, 39.915);
    expect(bdLon).toBeCloseTo(116.41036949371029, 12);
    expect(bdLat).toBeCloseTo(39.92133699351021, 12);
  });

  it('inverts GCJ-02 to within a millimetre across China, and BD-09 through it', () => {
    for (const [lon, lat] of [[116.404, 39.915], [114.3, 43.2], [87.6, 43.8], [121.5, 31.2], [110.3, 20.0]] as const) {
      const [glon, glat] = wgs84ToGcj02(lon, lat);
      const [wlon, wlat] = gcj02ToWgs84(glon, glat);
      expect(Math.abs(wlon - lon)).toBeLessThan(1e-8);
      expect(Math.abs(wlat - lat)).toBeLessThan(1e-8);
      const [blon, blat] = gcj02ToBd09(glon, glat);
      const [back, backLat] = toWgs84(blon, blat, 'bd09');
      expect(Math.abs(back - lon)).toBeLessThan(1e-5);
      expect(Math.abs(backLat - lat)).toBeLessThan(1e-5);
    }
  });

  it('leaves coordinates outside China alone', () => {
    expect(gcj02ToWgs84(2.35, 48.85)).toEqual([2.35, 48.85]);
  });
});
