/** The demo region's causes of poverty: exact totals, and the story the mix tells. */
import { describe, expect, it } from 'vitest';
import { POVERTY_CAUSES, type PovertyCause, type PovertyCauseRecord } from '@lingyan/data';
import { countyByCode, countyOfVillage, demo, villageByCode } from './demo-dataset.js';

const key = (r: { villageCode: string; year: number }) => `${r.villageCode}/${r.year}`;
const isPastoral = (villageCode: string) => villageByCode.get(villageCode)!.kind === 'GACHA' && countyByCode.get(countyOfVillage(villageCode))!.kind === 'BANNER';

/** Each cause's share (%) of the records' households. */
function shares(rows: PovertyCauseRecord[]): Record<PovertyCause, number> {
  const total = rows.reduce((s, r) => s + r.households, 0);
  return Object.fromEntries(POVERTY_CAUSES.map((c) => [c, (100 * rows.filter((r) => r.cause === c).reduce((s, r) => s + r.households, 0)) / total])) as Record<PovertyCause, number>;
}

describe('demo causes of poverty', () => {
  it('count every poor household of every village-year exactly once, and nothing where there are none', () => {
    const totals = new Map<string, number>();
    for (const r of demo.povertyCauses) {
      expect(r.households).toBeGreaterThan(0);
      totals.set(key(r), (totals.get(key(r)) ?? 0) + r.households);
    }
    const poor = demo.villageYears.filter((y) => y.poorHouseholds > 0);
    expect(poor.length).toBeGreaterThan(1000);
    for (const y of poor) expect(totals.get(key(y)), key(y)).toBe(y.poorHouseholds);
    expect(totals.size).toBe(poor.length);
    expect(new Set(demo.povertyCauses.map((r) => `${key(r)}/${r.cause}`)).size).toBe(demo.povertyCauses.length);
  });

  it('put more disaster and lack of water in the pastoral banners\' gachas, illness first everywhere', () => {
    const pastoral = shares(demo.povertyCauses.filter((r) => r.year === 2016 && isPastoral(r.villageCode)));
    const other = shares(demo.povertyCauses.filter((r) => r.year === 2016 && !isPastoral(r.villageCode)));
    expect(pastoral.DISASTER).toBeGreaterThan(1.8 * other.DISASTER);
    expect(pastoral.LACK_OF_WATER).toBeGreaterThan(1.8 * other.LACK_OF_WATER);
    expect(other.LACK_OF_LAND).toBeGreaterThan(2 * pastoral.LACK_OF_LAND);
    for (const s of [pastoral, other]) expect(Math.max(...Object.values(s))).toBe(s.ILLNESS);
  });

  it('show lack of drive rising and lack of skills falling as poverty falls (2016 → 2020)', () => {
    const first = shares(demo.povertyCauses.filter((r) => r.year === 2016));
    const last = shares(demo.povertyCauses.filter((r) => r.year === 2020));
    expect(last.LACK_OF_DRIVE).toBeGreaterThan(2 * first.LACK_OF_DRIVE);
    expect(last.LACK_OF_SKILLS).toBeLessThan(first.LACK_OF_SKILLS);
    expect(last.ILLNESS + last.DISABILITY).toBeGreaterThan(first.ILLNESS + first.DISABILITY);
  });
});
