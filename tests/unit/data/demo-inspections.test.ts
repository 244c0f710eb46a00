/** The demo's inspections and findings: they obey the rules the API enforces, and tell the story (one county lags on rectification). */
import { describe, expect, it } from 'vitest';
import { DEMO_AS_OF, LAGGING_COUNTY_CODE } from '../../../data/src/demo/inspections.js';
import { findingStatus, rectifiedOnTime } from '../../../server/src/domain/inspection/finding-status.js';
import { findingInYear } from '../../../server/src/domain/inspection/finding-year.js';
import { checkFinding, checkInspectedPlace, checkVisit } from '../../../server/src/domain/inspection/rules.js';
import { demo } from './demo-dataset.js';

const visits = new Map(demo.inspections.map((i) => [i.id, i]));

function countsOf(year: number) {
  const asOf = `${year}-12-31`;
  const by = new Map<string, { OPEN: number; OVERDUE: number; RECTIFIED: number }>();
  for (const f of demo.findings) {
    const v = visits.get(f.inspectionId)!;
    if (!findingInYear(v.inspectedOn, f.rectifiedOn, year, asOf)) continue;
    const c = by.get(v.countyCode) ?? { OPEN: 0, OVERDUE: 0, RECTIFIED: 0 };
    c[findingStatus(f.deadline, f.rectifiedOn, asOf)]++;
    by.set(v.countyCode, c);
  }
  return by;
}

describe('demo inspections', () => {
  it('obey the rules: a place of the region, deadlines not before the visit, rectifications dated and evidenced by the demo\'s day', () => {
    const townships = new Set(demo.townships.map((t) => t.code));
    const villages = new Set(demo.villages.map((v) => v.code));
    for (const v of demo.inspections) {
      expect(checkInspectedPlace(v), `visit ${v.id}`).toEqual([]);
      expect(checkVisit(v), `visit ${v.id}`).toEqual([]);
      if (v.townshipCode) expect(townships.has(v.townshipCode)).toBe(true);
      if (v.villageCode) expect(villages.has(v.villageCode)).toBe(true);
    }
    for (const f of demo.findings) expect(checkFinding(visits.get(f.inspectionId)!, f, DEMO_AS_OF), `finding ${f.id}`).toEqual([]);
    expect(new Set(demo.findings.map((f) => `${f.inspectionId}/${f.description}`)).size).toBe(demo.findings.length);
  });

  it('visit every county every year, at all three levels, and soft-and-lax branches more than their share', () => {
    for (const year of [2016, 2020, 2025]) {
      const counties = new Set(demo.inspections.filter((v) => v.inspectedOn.startsWith(String(year))).map((v) => v.countyCode));
      expect(counties.size).toBe(demo.counties.length);
    }
    const levels = new Set(demo.inspections.map((v) => (v.villageCode ? 'V' : v.townshipCode ? 'T' : 'C')));
    expect([...levels].sort()).toEqual(['C', 'T', 'V']);
    const softLax = new Set(demo.villageYears.filter((y) => y.softLax).map((y) => `${y.villageCode}/${y.year}`));
    const villageVisits = demo.inspections.filter((v) => v.villageCode);
    const visitedShare = villageVisits.filter((v) => softLax.has(`${v.villageCode}/${v.inspectedOn.slice(0, 4)}`)).length / villageVisits.length;
    const regionShare = softLax.size / demo.villageYears.length;
    expect(visitedShare).toBeGreaterThan(2 * regionShare);
  });

  it('leave open and overdue findings at the end of 2025, the lagging county with the most overdue', () => {
    const counts = countsOf(2025);
    const total = (k: 'OPEN' | 'OVERDUE') => [...counts.values()].reduce((s, c) => s + c[k], 0);
    expect(total('OPEN')).toBeGreaterThan(5);
    expect(total('OVERDUE')).toBeGreaterThan(5);
    const lagging = counts.get(LAGGING_COUNTY_CODE)!;
    for (const [code, c] of counts) if (code !== LAGGING_COUNTY_CODE) expect(c.OVERDUE, code).toBeLessThan(lagging.OVERDUE);
  });

  it('rectify most findings on time, except in the lagging county, which has the lowest on-time share', () => {
    const share = new Map<string, number>();
    for (const county of demo.counties) {
      const rectified = demo.findings.filter((f) => visits.get(f.inspectionId)!.countyCode === county.code && f.rectifiedOn !== null);
      share.set(county.code, rectified.filter((f) => rectifiedOnTime(f.deadline, f.rectifiedOn)).length / rectified.length);
    }
    const lagging = share.get(LAGGING_COUNTY_CODE)!;
    for (const [code, s] of share) {
      if (code === LAGGING_COUNTY_CODE) continue;
      expect(s, code).toBeGreaterThan(0.8);
      expect(s, code).toBeGreaterThan(lagging + 0.2);
    }
  });
});
